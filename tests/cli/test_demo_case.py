"""The demo case yields, point by point, the Guangzhou court's reasons."""

import json

from helpers import run_cli


def test_court_reasons(demo_case, tmp_path):
    r = run_cli("analyze", demo_case, "--out", tmp_path / "o", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "o/results.json").read_text("utf-8"))
    found = {f["rule"]: f for f in res["findings"]}
    # ID lost before use; phone not hers; signature not hers; no complete video;
    # a single still cannot establish identity or liveness; no independent factor.
    for rule in ("ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS", "NO_FULL_VIDEO",
                 "FACE_MATCH_WEAK", "LIVENESS_INCONCLUSIVE", "SINGLE_FACTOR", "BANK_SCORE_UNVERIFIABLE"):
        assert rule in found, rule
        assert found[rule]["evidence"], rule
        for ev in found[rule]["evidence"]:
            assert ev.get("file"), (rule, ev)
    from forensics_app.i18n import translator
    from forensics_app.i18n.render import render
    weak = found["FACE_MATCH_WEAK"]
    # the still is made from the ID photo: no LR, and the observation says it may be a reproduction
    assert "reproduction of the ID photo" in render(weak["code"], weak["params"], translator("en"))
    assert "证件照的复制" in weak["explanation"]            # rendered in the case's language (zh)
    assert res["liveness"]["verdict"] == "inconclusive"
    assert found["ID_LOST_BEFORE_USE"]["facts"]["days_after"] == 38
    assert any(e.get("row") == 2 for e in found["ID_LOST_BEFORE_USE"]["evidence"])
    assert res["face_comparison"]["likelihood_ratio"] is None, "no LR for a possible reproduction of the ID photo"
    # the court's third reason: the loan was taken through the disputed account
    assert found["LOAN_DEPENDS_ON_ACCOUNT"]["facts"]["loan_events"] == 3
    assert "conclusion" not in res["summary"], "no conclusion on the ultimate issue"
    kinds = {t["kind"] for t in res["timeline"]}
    assert kinds == {"log", "record", "capture"}
