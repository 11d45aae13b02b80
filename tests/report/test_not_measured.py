"""A validation figure that was not measured prints "not measured" (未测定), never 0: a laboratory
calibration fitted without cross-validation has no held-out figures, and the report must not give
it an equal error rate of 0.000. A shipped calibration still prints its measured figures."""

import copy
import json
import re
import shutil

import pytest
from pypdf import PdfReader

from helpers import DEMO, run_cli

from forensics_app.report import build_report

CV_KEYS = ("scheme", "splits", "eer", "cllr", "cllr_min", "misleading_same", "misleading_diff", "diff_strong",
           "same_lr_ge_10", "n_same", "n_diff")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("nm")
    case = base / "GZ"
    shutil.copytree(DEMO, case)
    assert run_cli("analyze", case, "--out", base / "o", "-q", "--no-report").returncode == 0
    return case, json.loads((base / "o" / "results.json").read_text("utf-8"))


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _text(results, case, path, lang) -> str:
    pdf = build_report(results, path, lang=lang, case_root=case)
    return _flat("".join(p.extract_text() for p in PdfReader(pdf).pages))


def _validation(text: str) -> str:
    """The Validation summary section (up to the declaration)."""
    for start, end in (("Validationsummary", "Declaration"), ("验证摘要", "声明")):
        i = text.rfind(start)
        if i >= 0:
            return text[i:text.find(end, i) if text.find(end, i) > 0 else None]
    raise AssertionError("no validation summary")


def _unvalidated(res: dict) -> dict:
    """The results as a laboratory calibration without cross-validation gives them
    (core/facesummary.validation_block of a calibration with no "cross_validation" metrics)."""
    res = copy.deepcopy(res)
    fc = res["face_comparison"]
    fc["calibration"]["metrics_held_out"] = {k: None for k in CV_KEYS}
    for a in fc["algorithms"]:
        a["validation"] = {k: None for k in CV_KEYS} | {"curves": None}
    return res


def test_unmeasured_validation_figures_print_not_measured(demo, tmp_path):
    case, res = demo
    lab = _unvalidated(res)
    en = _text(lab, case, tmp_path / "en.pdf", "en")
    zh = _text(lab, case, tmp_path / "zh.pdf", "zh")
    ven, vzh = _validation(en), _validation(zh)
    assert _flat("equal error rate not measured") in ven, ven
    assert _flat("Cllr not measured") in ven
    assert "equalerrorrate0.000" not in ven and "Cllr0.000" not in ven and "0.000;" not in ven
    assert "未测定" in vzh and "0.000" not in vzh.split("LR")[0]
    # the table of both algorithms: not measured, not a dash or a zero
    assert en.count("notmeasured") >= 2 * 3 and zh.count("未测定") >= 2 * 3


def test_shipped_calibration_still_prints_its_figures(demo, tmp_path):
    case, res = demo
    held = res["face_comparison"]["calibration"]["metrics_held_out"]
    en = _text(res, case, tmp_path / "en.pdf", "en")
    zh = _text(res, case, tmp_path / "zh.pdf", "zh")
    eer = f"{held['eer']['point']:.3f}"
    assert f"equalerrorrate{eer}" in _validation(en)
    assert eer in _validation(zh)
    assert "notmeasured" not in en and "未测定" not in zh


def test_unmeasured_validation_without_any_held_out_keys(demo, tmp_path):
    """metrics_held_out with no keys at all (an older or hand-made calibration): not 0 either."""
    case, res = demo
    lab = _unvalidated(res)
    lab["face_comparison"]["calibration"]["metrics_held_out"] = {}
    v = _validation(_text(lab, case, tmp_path / "en.pdf", "en"))
    assert _flat("equal error rate not measured, Cllr not measured") in v and "0.000" not in v.split("LRs")[0]


def test_missing_reproduction_threshold_is_not_printed_as_zero(demo, tmp_path):
    case, res = demo
    res = copy.deepcopy(res)
    assert res["face_comparison"]["status"] == "reproduction_suspected"
    res["face_comparison"]["reference_reproduction"]["threshold"] = None
    en = _text(res, case, tmp_path / "en.pdf", "en")
    zh = _text(res, case, tmp_path / "zh.pdf", "zh")
    assert _flat("below the reproduction threshold not measured") in en and "threshold0.0000" not in en
    assert "复制阈值未测定" in zh


def test_missing_frame_counts_are_not_printed_as_zero(demo, tmp_path):
    case, res = demo
    res = copy.deepcopy(res)
    sm = res["face_comparison"]["sampling"]
    sm["tracks"], sm["compared"], sm["usable_frames"] = 1, {"sface": None, "dlib": None}, None
    en = _text(res, case, tmp_path / "en.pdf", "en")
    assert _flat("SFace on not recorded and dlib on not recorded of the not recorded usable frames") in en
    assert "SFaceon0" not in en


def test_summary_statement_does_not_print_a_missing_threshold_as_zero(demo):
    """The summary's no-LR statement takes the thresholds as figures: "not measured" where results
    lack them, the number where they have them."""
    from forensics_app.core.model import FaceComparison
    from forensics_app.core.propositions import no_result_statement
    from forensics_app.i18n import translator
    from forensics_app.i18n.render import value_text
    fc = copy.deepcopy(demo[1]["face_comparison"])
    thr = fc["reference_reproduction"]["threshold"]
    known = value_text(no_result_statement(FaceComparison.from_json(fc)), translator("en"))
    assert f"{thr:.4f}" in known and "not measured" not in known
    fc["reference_reproduction"]["threshold"] = None
    for lang, word in (("en", "not measured"), ("zh", "未测定")):
        text = value_text(no_result_statement(FaceComparison.from_json(fc)), translator(lang))
        assert word in text and "0.0000" not in text, text
    fc["status"], fc["vendor_check"] = "fails_vendor_check", {"passed": False, "score": None, "threshold": 0.3}
    text = value_text(no_result_statement(FaceComparison.from_json(fc)), translator("en"))
    assert "not measured" in text and "0.3000" in text and "0.0000" not in text


def test_missing_rates_at_the_lr1_threshold_print_not_measured(demo, tmp_path):
    """A calibration without in-sample rates at its LR = 1 score: the threshold is still given, its
    rates "not measured" (they were an omitted sentence, or a TypeError for a missing FNMR)."""
    case, res = demo
    res = copy.deepcopy(res)
    fc = res["face_comparison"]
    thr = fc["decision_threshold"]
    fc["error_rates_at_threshold"] |= {"fmr": None, "fnmr": None}
    v = _validation(_text(res, case, tmp_path / "en.pdf", "en"))
    assert _flat(f"Score {thr:.3f} is where") in v
    assert _flat("a false-match rate of not measured and a false-non-match rate of not measured") in v
    assert "未测定" in _validation(_text(res, case, tmp_path / "zh.pdf", "zh"))
