"""Each evidence-chain rule: fires, does not fire, and says when it cannot be evaluated."""

import copy

import pytest

from forensics_app.core.rules import RULES, evaluate
from forensics_app.core.rules.context import RuleContext

RULE = {r.id: r for r in RULES}


def row(n, event, time, **kw):
    base = {"file": "logs/tx.csv", "row": n, "event": event, "event_raw": event, "time": time,
            "time_utc": time, "serial": f"SN{1000 + n}", "extra": {}}
    return base | kw


BASE_ROWS = [
    row(2, "open_account", "2019-11-25T10:28:41+08:00", terminal_id="STM-1", phone="139****5678"),
    row(3, "face_verify", "2019-11-25T10:32:05+08:00", terminal_id="STM-1", phone="139****5678",
        face_score=0.72, threshold=0.7),
    row(4, "otp_sent", "2019-11-25T10:33:10+08:00", phone="139****5678"),
    row(5, "loan_contract", "2019-12-18T21:09:30+08:00", phone="139****5678", device_id="D1", account="A1"),
]


def face_result(**over) -> dict:
    """A complete face_comparison result (core.model.FaceComparison) with ``over`` changed."""
    base = {"status": "analysed", "frames_total": 3, "frames_used": 3, "frames_not_used": {}, "id_photo": {},
            "calibration": {}, "decision_threshold": None, "decision_threshold_meaning": "",
            "error_rates_at_threshold": {}, "parameters": {}, "per_frame": [], "best_distance": None,
            "median_distance": None, "spread": None, "likelihood_ratio": None, "log10_lr": None,
            "verbal_scale": None, "best_frame": None, "median_frame": None, "multiple_people": []}
    return base | over


def liveness_result(**over) -> dict:
    """A complete liveness result (core.model.Liveness) with ``over`` changed."""
    base = {"status": "analysed", "verdict": "inconclusive", "species": None, "cues": [], "reasons": [],
            "sources": []}
    return base | over


def authenticity_result(**over) -> dict:
    return {"status": "analysed", "checks": [], "suspicious": [], "not_done": []} | over


def ctx(**over):
    c = {"manifest": {"claimant": {"phone": "13800138000"}}, "records": {}, "tz": "Asia/Shanghai",
         "roles": {"stm_frames": ["stm/frames"], "stm_frames_members": ["stm/frames/0001.jpg"], "stm_video": []},
         "log_rows": copy.deepcopy(BASE_ROWS), "log_errors": [], "face": None, "liveness": None,
         "authenticity": None, "inputs": [{"path": "stm/frames/0001.jpg", "role": "stm_frames", "sha256": "a" * 64,
                                           "size": 1}],
         "frame_times": [], "media_terminals": [], "capture_tolerance_s": 120}
    return RuleContext.of(c | over)


def status(rule_id, c):
    return RULE[rule_id].check(c)


def test_every_contract_rule_exists_with_both_languages():
    contract = {"ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS", "NO_FULL_VIDEO",
                "BANK_SCORE_UNVERIFIABLE", "FACE_MATCH_NOT_SUPPORTED", "FACE_MATCH_WEAK",
                "LIVENESS_INCONCLUSIVE", "PRESENTATION_ATTACK_SUSPECTED", "SINGLE_FACTOR",
                "CAPTURE_TIME_MISMATCH", "TERMINAL_MISMATCH", "LOG_INTEGRITY", "HASH_MISMATCH",
                "EXTRA_PERSON_IN_FRAME", "MEDIA_EDITED_SUSPECTED", "DEVICE_ANOMALY"}
    assert contract <= set(RULE)
    for r in RULES:
        assert r.title("en") and r.title("zh") != r.title("en")
        assert r.severity in ("critical", "major", "minor", "info")


def test_id_lost_before_use():
    out = status("ID_LOST_BEFORE_USE", ctx(records={"id_loss_report": {"reported_at": "2019-10-18"}}))
    assert out.status == "raised" and out.facts["days_after"] == 38
    assert {"file": "logs/tx.csv", "row": 2, "event": "open_account",
            "time": "2019-11-25T10:28:41+08:00"} in out.evidence
    assert status("ID_LOST_BEFORE_USE", ctx(records={"id_loss_report": {"reported_at": "2020-02-01"}})).status == "not_raised"
    assert status("ID_LOST_BEFORE_USE", ctx()).status == "not_evaluable"
    assert status("ID_LOST_BEFORE_USE", ctx(records={"id_loss_report": {"reported_at": "2019-10-18"}},
                                            log_rows=[])).status == "not_evaluable"


def test_phone_not_claimants():
    tel = {"telecom_record": {"phone": "139****5678", "registered_to_claimant": False}}
    out = status("PHONE_NOT_CLAIMANTS", ctx(records=tel))
    assert out.status == "raised" and out.facts["log_rows_listing_it"] == 4
    mism = status("PHONE_NOT_CLAIMANTS", ctx())   # claimant's 138… vs logged 139…
    assert mism.status == "raised" and mism.severity == "major"
    same = ctx(manifest={"claimant": {"phone": "13912345678"}})
    assert status("PHONE_NOT_CLAIMANTS", same).status == "not_raised"
    assert status("PHONE_NOT_CLAIMANTS", ctx(manifest={}, log_rows=[])).status == "not_evaluable"


@pytest.mark.parametrize("conclusion,expected", [("not_claimant", "raised"), ("claimant", "not_raised"),
                                                 ("inconclusive", "raised")])
def test_signature(conclusion, expected):
    out = status("SIGNATURE_NOT_CLAIMANTS", ctx(records={"signature_opinion": {"conclusion": conclusion}}))
    assert out.status == expected
    if conclusion == "inconclusive":
        assert out.severity == "info"
    assert status("SIGNATURE_NOT_CLAIMANTS", ctx()).status == "not_evaluable"


def test_no_full_video():
    out = status("NO_FULL_VIDEO", ctx())
    assert out.status == "raised" and out.evidence[0]["file"] == "stm/frames/0001.jpg"
    c = ctx()
    c.roles["stm_video"] = ["stm/capture.mp4"]
    assert status("NO_FULL_VIDEO", c).status == "not_raised"


def test_bank_score_unverifiable():
    out = status("BANK_SCORE_UNVERIFIABLE", ctx(records={"bank_claims": {"face_similarity": 0.72}}))
    assert out.status == "raised" and out.facts["bank_similarity"] == 0.72
    assert status("BANK_SCORE_UNVERIFIABLE", ctx(log_rows=[BASE_ROWS[0]])).status == "not_evaluable"
    from_log = status("BANK_SCORE_UNVERIFIABLE", ctx())
    assert from_log.status == "raised" and from_log.evidence[0]["row"] == 3


def _face(lr, used=3):
    from forensics_app.core.lr import verbal_band
    return face_result(likelihood_ratio=lr, median_distance=0.4, frames_used=used, verbal_scale=verbal_band(lr),
                       median_frame="f1", calibration={"name": "east_asian"})


def test_face_rules():
    assert status("FACE_MATCH_NOT_SUPPORTED", ctx(face=_face(0.05))).status == "raised"
    assert status("FACE_MATCH_NOT_SUPPORTED", ctx(face=_face(50))).status == "not_raised"
    assert status("FACE_MATCH_WEAK", ctx(face=_face(50))).status == "raised"
    assert status("FACE_MATCH_WEAK", ctx(face=_face(5000))).status == "not_raised"
    single = status("FACE_MATCH_WEAK", ctx(face=_face(5000, used=1)))
    assert single.status == "raised" and "single still" in single.explanation and "单独" not in single.explanation
    assert status("FACE_MATCH_WEAK", ctx(face=face_result(status="no_usable_frames"))).status == "not_evaluable"


def test_liveness_rules():
    inc = liveness_result(verdict="inconclusive")
    att = liveness_result(verdict="attack_suspected", species="print")
    assert status("LIVENESS_INCONCLUSIVE", ctx(liveness=inc)).status == "raised"
    assert status("LIVENESS_INCONCLUSIVE", ctx(liveness=att)).status == "not_raised"
    assert status("PRESENTATION_ATTACK_SUSPECTED", ctx(liveness=att)).status == "raised"
    assert status("PRESENTATION_ATTACK_SUSPECTED", ctx(liveness=inc)).status == "not_raised"
    assert status("PRESENTATION_ATTACK_SUSPECTED", ctx()).status == "not_evaluable"


def test_single_factor():
    tel = {"telecom_record": {"phone": "139****5678", "registered_to_claimant": False}}
    out = status("SINGLE_FACTOR", ctx(records=tel))
    assert out.status == "raised" and out.facts["otp_to_other_phone"] == 1
    # whose phone got the codes is a fact only a record can supply: without one, not evaluable
    unknown = status("SINGLE_FACTOR", ctx(manifest={}))
    assert unknown.status == "not_evaluable" and "claimant's phone" not in unknown.explanation
    hers = ctx(manifest={"claimant": {"phone": "13912345678"}})
    assert status("SINGLE_FACTOR", hers).status == "not_raised"
    finger = ctx(records=tel, log_rows=BASE_ROWS + [row(9, "other", "2019-11-25T10:34:00+08:00", event_raw="指纹验证")])
    assert status("SINGLE_FACTOR", finger).status == "not_raised"
    assert status("SINGLE_FACTOR", ctx(log_rows=[BASE_ROWS[0]])).status == "not_evaluable"


def test_capture_time_mismatch():
    near = [{"frame": "f1", "time": "2019-11-25T10:32:30+08:00", "source": "EXIF"}]
    far = [{"frame": "f1", "time": "2019-11-24T09:00:00+08:00", "source": "EXIF"}]
    assert status("CAPTURE_TIME_MISMATCH", ctx(frame_times=near)).status == "not_raised"
    out = status("CAPTURE_TIME_MISMATCH", ctx(frame_times=far))
    assert out.status == "raised" and out.evidence[0] == {"file": "f1", "time": far[0]["time"]}
    assert status("CAPTURE_TIME_MISMATCH", ctx()).status == "not_evaluable"


def test_terminal_mismatch():
    other = [{"terminal_id": "STM-9", "source": "stm/frames"}]
    assert status("TERMINAL_MISMATCH", ctx(media_terminals=other)).status == "raised"
    same = [{"terminal_id": "STM-1", "source": "stm/frames"}]
    assert status("TERMINAL_MISMATCH", ctx(media_terminals=same)).status == "not_raised"
    assert status("TERMINAL_MISMATCH", ctx()).status == "not_evaluable"


def test_log_integrity():
    assert status("LOG_INTEGRITY", ctx()).status == "not_raised"
    dup = ctx(log_rows=BASE_ROWS + [row(6, "login", "2019-12-19T00:00:00+08:00", serial="SN1002")])
    out = status("LOG_INTEGRITY", dup)
    assert out.status == "raised" and out.severity == "major" and "appears 2 times" in out.explanation
    gap = ctx(log_rows=BASE_ROWS[:2] + [row(9, "login", "2019-12-19T00:00:00+08:00")])
    out = status("LOG_INTEGRITY", gap)
    assert out.status == "raised" and out.severity == "minor" and "missing" in out.explanation
    disorder = ctx(log_rows=[row(2, "login", "2019-11-25T12:00:00+08:00"), row(3, "login", "2019-11-25T11:00:00+08:00")])
    assert "timed before" in status("LOG_INTEGRITY", disorder).explanation
    broken = ctx(log_errors=[{"file": "logs/tx.csv", "row": 7, "reason": "unreadable time"}])
    out = status("LOG_INTEGRITY", broken)
    assert out.status == "raised" and {"file": "logs/tx.csv", "row": 7} in out.evidence
    assert status("LOG_INTEGRITY", ctx(log_rows=[])).status == "not_evaluable"


def test_hash_mismatch():
    ok = ctx(records={"bank_claims": {"declared_hashes": {"stm/frames/0001.jpg": "A" * 64}}})
    assert status("HASH_MISMATCH", ok).status == "not_raised"
    bad = ctx(records={"bank_claims": {"declared_hashes": {"stm/frames/0001.jpg": "b" * 64}}})
    out = status("HASH_MISMATCH", bad)
    assert out.status == "raised" and out.evidence == [{"file": "stm/frames/0001.jpg"}]
    assert status("HASH_MISMATCH", ctx()).status == "not_evaluable"


def test_extra_person():
    assert status("EXTRA_PERSON_IN_FRAME", ctx(face=face_result(multiple_people=["f3"]))).status == "raised"
    assert status("EXTRA_PERSON_IN_FRAME", ctx(face=face_result(multiple_people=[]))).status == "not_raised"


def test_media_edited():
    a = authenticity_result(suspicious=[{"file": "f1", "trace": "re-saved by Photoshop"}])
    assert status("MEDIA_EDITED_SUSPECTED", ctx(authenticity=a)).status == "raised"
    assert status("MEDIA_EDITED_SUSPECTED", ctx(authenticity=authenticity_result())).status == "not_raised"
    assert status("MEDIA_EDITED_SUSPECTED", ctx()).status == "not_evaluable"


def test_device_anomaly():
    shared = ctx(log_rows=BASE_ROWS + [row(8, "login", "2019-12-18T22:00:00+08:00", device_id="D1", account="A2")])
    out = status("DEVICE_ANOMALY", shared)
    assert out.status == "raised" and "2 accounts" in out.explanation
    emu = ctx(log_rows=[row(2, "login", "2019-12-18T22:00:00+08:00", device_id="D1", account="A1",
                            extra={"emulator_flag": "1"})])
    assert "emulator_flag" in status("DEVICE_ANOMALY", emu).explanation
    assert status("DEVICE_ANOMALY", ctx()).status == "not_raised"
    assert status("DEVICE_ANOMALY", ctx(log_rows=BASE_ROWS[:2])).status == "not_evaluable"


def test_evaluate_sorts_by_severity_and_lists_every_rule():
    findings, checked = evaluate(ctx(records={"id_loss_report": {"reported_at": "2019-10-18"},
                                              "signature_opinion": {"conclusion": "not_claimant"}}))
    sev = [f["severity"] for f in findings]
    order = {"critical": 0, "major": 1, "minor": 2, "info": 3}
    assert sev == sorted(sev, key=order.get)
    assert {c["rule"] for c in checked} == set(RULE)
    for f in findings:
        assert f["evidence"], f["rule"]


def test_reproduction_threshold_missing_is_not_measured_not_zero():
    """FACE_MATCH_WEAK's withheld-LR observation prints the reproduction threshold as measured, or
    "not measured" (未测定) where results lack it: never 0.0000."""
    for thr, en, zh in ((0.081295, "0.0813", "0.0813"), (None, "not measured", "未测定")):
        face = face_result(status="reproduction_suspected", median_distance=0.0366, median_frame="f1",
                           reference_reproduction={"threshold": thr})
        ob = status("FACE_MATCH_WEAK", ctx(face=face))
        assert ob.status == "raised"
        text = {lang: ob.text(lang) for lang in ("en", "zh")}
        assert en in text["en"] and zh in text["zh"] and "0.0000" not in text["en"] + text["zh"], text
