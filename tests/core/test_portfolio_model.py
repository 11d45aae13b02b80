"""The typed portfolio: strict reading, today's bytes on writing, and the committed schemas that
every portfolio.json and portfolio.anchors.json the suite writes is checked against (conftest)."""

import copy
import json

import pytest

from forensics_app.core import portfolio_model as pm
from forensics_app.core.portfolio_schema import SCHEMA_DIR, anchors_errors, portfolio_errors

SHA = "ab" * 32
FACE = {"reachable": True, "comparisons": 3, "expected_false_links_at_most": 0.01, "fmr_per_comparison": 0.001667,
        "median_factor": 2.0, "calibration": "sface_photo_east_asian", "calibration_log10_upper_bound": 1.7324,
        "fmr_table": {"name": "sface_photo_east_asian", "population": "east_asian", "protocol": "photo",
                      "source": "test", "n_people": 87, "n_pairs": 104869, "anchor_fmr": 0.001,
                      "anchor_score": 0.6, "tail_scale": 0.03, "log10_fmr_floor": -8.0, "made_by": "test"},
        "rule": "r", "score": "s", "strength": "t", "score_threshold": 0.4, "score_threshold_id_photo": None,
        "metric": "cosine", "index": "exact", "faces_indexed": 3, "neighbours_per_query": 3,
        "algorithm": "SFace", "max_frames_per_case": 8, "calibrations_used_by_cases": {"sface_photo_east_asian": 2},
        "note": "at this size the false-match table supports only captured-vs-captured comparisons"}
PAIR = {"case_ids": ["A", "B"], "paths": ["a", "b"], "frames": [["f1.jpg"], ["f2.jpg"]],
        "closest_frames": ["f1.jpg", "f2.jpg"], "closest_score": 0.2, "median_score": 0.2, "log10_lr": 3.1,
        "likelihood_ratio": 1258.93}
PORTFOLIO = {
    "format": "forensics-portfolio/1",
    "cases": [{"case_id": "A", "path": "a", "status": "analysed", "results_sha256": SHA, "message": ""},
              {"case_id": "B", "path": "b", "status": "analysed", "results_sha256": SHA, "message": ""},
              {"case_id": None, "path": "c", "status": "refused", "results_sha256": None, "message": "c: bad"}],
    "links": [{"kind": "face", "case_ids": ["A", "B"], "value": "captured faces of one person",
               "evidence": [PAIR], "strength": 1258.93},
              {"kind": "phone", "case_ids": ["A", "B"], "value": "13900001111",
               "evidence": [{"case_id": "A", "path": "a", "source": "log.csv row 2", "raw": "+86 139 0000 1111",
                             "time": "2020-01-01 10:00"},
                            {"case_id": "B", "path": "b", "source": "case.json claimant.phone", "raw": "13900001111"},
                            {"case_id": "B", "path": "b", "more": 4}], "strength": None},
              {"kind": "terminal", "case_ids": ["A", "B"], "value": "STM1",
               "evidence": [{"case_id": "A", "path": "a", "source": "log.csv row 3", "raw": "STM-1",
                             "time": "2020-01-01 10:00", "event": None}], "strength": None}],
    "method": {"values": "v", "terminal_window_minutes": 10, "terminal_rule": "t", "strength": "s", "face": FACE,
               "results_sha256": "d"}}


def text(d):
    return json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_committed_schemas_are_the_generated_ones():
    for name, generated in pm.schema_texts().items():
        assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == generated, (
            f"regenerate: python -m forensics_app.core.portfolio_model ({name})")


def test_round_trip_gives_the_same_bytes_and_the_schema_agrees():
    p = pm.Portfolio.from_text(text(PORTFOLIO))
    assert p.text() == text(PORTFOLIO)
    assert portfolio_errors(PORTFOLIO) == []
    assert isinstance(p.links[0].evidence[0], pm.FacePair) and p.links[0].kind is pm.LinkKind.face
    assert [type(e).__name__ for e in p.links[1].evidence] == ["SharedValue", "SharedValue", "MoreValues"]
    assert p.count(pm.CaseStatus.analysed) == 2 and p.method.face.score_threshold_id_photo is None
    a = {"format": "forensics-portfolio-anchors/1", "portfolio_sha256": SHA,
         "cases": [{"path": "a", "case_id": "A", "results_file_sha256": SHA, "audit_head": SHA}]}
    assert pm.PortfolioAnchors.from_text(text(a)).text() == text(a) and anchors_errors(a) == []


def broken(path, change):
    d = copy.deepcopy(PORTFOLIO)
    target = d
    for k in path:
        target = target[k]
    change(target)
    return d


@pytest.mark.parametrize("where, change, says", [
    ((), lambda d: d.update(extra=1), "unknown key"),
    (("cases", 0), lambda d: d.update(note="x"), "unknown key"),
    (("cases", 0), lambda d: d.pop("message"), "missing"),
    (("cases", 2), lambda d: d.update(status="lost"), "not one of"),
    (("links", 0), lambda d: d.update(kind="email"), "not one of"),
    (("links", 0, "evidence", 0), lambda d: d.update(comment="x"), "none of"),
    (("links", 1, "evidence", 0), lambda d: d.pop("raw"), "none of"),
    (("method", "face"), lambda d: d.update(threshold=0.5), "unknown key"),
    (("method", "face"), lambda d: d.pop("reachable"), "missing"),
    (("method", "face", "fmr_table"), lambda d: d.update(rows=[]), "unknown key"),
    (("method",), lambda d: d.pop("results_sha256"), "missing"),
])
def test_unknown_and_missing_keys_are_refused_by_the_model_and_the_schema(where, change, says):
    d = broken(where, change)
    with pytest.raises(ValueError, match=says):
        pm.Portfolio.from_json(d)
    assert portfolio_errors(d), "the schema accepted what the model refuses"


def test_a_link_carries_only_its_own_kind_of_evidence():
    """A face pair is not evidence of a shared phone (model and schema both say so)."""
    d = copy.deepcopy(PORTFOLIO)
    d["links"][1]["evidence"] = [PAIR]
    with pytest.raises(ValueError, match=r"links\[1\]\.evidence\[0\]"):
        pm.Portfolio.from_json(d)
    assert portfolio_errors(d)
    d = copy.deepcopy(PORTFOLIO)
    d["links"][0]["evidence"] = [PORTFOLIO["links"][2]["evidence"][0]]       # a terminal visit under a face link
    assert portfolio_errors(d)
    with pytest.raises(ValueError):
        pm.Portfolio.from_json(d)


def test_another_format_is_refused():
    with pytest.raises(ValueError, match="forensics-portfolio/1"):
        pm.Portfolio.from_json(PORTFOLIO | {"format": "forensics-portfolio/9"})
    assert portfolio_errors(PORTFOLIO | {"format": "forensics-portfolio/9"})
