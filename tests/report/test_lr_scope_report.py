"""The report says where the face figure may not speak (expert finding 4), in both editions: a
possible reproduction of the ID photo withholds the LR (not printed with a caveat); a capture
failing the stand-in vendor check prints the threshold and no LR from that population, and the
unrestricted population's LR labelled as such; an examiner's population prints the default
population's LR beside its own; the validation table counts people and pairs of people, and marks
"LR >= 1,000" not reachable for a calibration bounded below it."""

import copy
import json
import re
import shutil

import pytest
from pypdf import PdfReader

from helpers import DEMO, run_cli

from forensics_app.core.lr import verbal_band
from forensics_app.report import build_report


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("gz")
    case = base / "GZ"
    shutil.copytree(DEMO, case)
    assert run_cli("analyze", case, "--out", base / "o", "-q", "--no-report").returncode == 0
    return case, json.loads((base / "o" / "results.json").read_text("utf-8"))


class _Text(str):
    """A report's text compared without white space (lines wrap at spaces)."""

    def __contains__(self, item):
        return re.sub(r"\s+", "", item) in re.sub(r"\s+", "", str(self))


def _text(results, case, path, lang) -> _Text:
    pdf = build_report(results, path, lang=lang, case_root=case)
    return _Text("".join(p.extract_text() for p in PdfReader(pdf).pages))


def _alt(role, key, lr):
    return {"role": role, "population": key, "calibration": f"sface_chip_{key}", "sha256": "0" * 64,
            "status": "analysed", "likelihood_ratio": lr, "log10_lr": 0.0, "verbal_scale": verbal_band(lr),
            "fitted_range": {"min": 0.05, "max": 1.2, "inside": True, "side": None}}


def test_a_possible_reproduction_prints_no_lr(demo, tmp_path):
    case, res = demo
    fc = res["face_comparison"]
    assert fc["status"] == "reproduction_suspected"
    en, zh = _text(res, case, tmp_path / "en.pdf", "en"), _text(res, case, tmp_path / "zh.pdf", "zh")
    assert "No likelihood ratio is given: the captured face may be a reproduction of the ID photo." in en
    assert f"below the reproduction threshold {fc['reference_reproduction']['threshold']:.4f}" in en
    assert "Reportable likelihood ratio" not in en and "moderate support for Hp" not in en
    assert "不给出似然比：采集的人脸可能是证件照的复制。" in zh and "可报告的似然比：" not in zh


def test_a_capture_failing_the_vendor_check_prints_the_threshold_and_no_lr(demo, tmp_path):
    case, res = demo
    res = copy.deepcopy(res)
    fc = res["face_comparison"]
    fc.update(status="fails_vendor_check", likelihood_ratio=None, log10_lr=None, verbal_scale=None,
              median_distance=0.761839, reference_reproduction=dict(fc["reference_reproduction"], suspected=False),
              vendor_check={"algorithm": "sface", "statistic": "median SFace distance over the usable frames",
                            "score": 0.761839, "threshold": 0.636002, "fmr": 0.001, "passed": False},
              other_populations=[_alt("unrestricted", "east_asian", 1 / 21.0)])
    en, zh = _text(res, case, tmp_path / "en.pdf", "en"), _text(res, case, tmp_path / "zh.pdf", "zh")
    assert "No likelihood ratio is given under the population east_asian_vendor_fmr_1e-3" in en
    assert "below 0.6360" in en and "median SFace distance is 0.7618: it fails" in en
    assert "Under the unrestricted population east_asian" in en and "the likelihood ratio is 1/21" in en
    assert "Reportable likelihood ratio" not in en
    assert "在相关人群 east_asian_vendor_fmr_1e-3 下不给出似然比" in zh and "0.6360" in zh
    assert "无限制相关人群 east_asian" in zh and "1/21" in zh


def test_an_examiners_population_prints_the_default_populations_lr_beside_it(demo, tmp_path):
    case, res = demo
    res = copy.deepcopy(res)
    fc = res["face_comparison"]
    fc.update(status="analysed", likelihood_ratio=700.0, log10_lr=2.845, verbal_scale=verbal_band(700.0),
              reference_reproduction=dict(fc["reference_reproduction"], suspected=False),
              population=dict(fc["population"], key="east_asian", vendor_fmr=None,
                              basis={"chosen_by": "examiner", "examiner_reason": "test"}),
              other_populations=[_alt("default", "east_asian_vendor_fmr_1e-3", 8.79)])
    fc.pop("vendor_check", None)
    en, zh = _text(res, case, tmp_path / "en.pdf", "en"), _text(res, case, tmp_path / "zh.pdf", "zh")
    assert "Reportable likelihood ratio: 700" in en
    assert "Under the case's default population east_asian_vendor_fmr_1e-3 (calibration " in en
    assert "the likelihood ratio is 8.79 (weak support for Hp (the card holder's face))" in en
    assert "在本案默认相关人群 east_asian_vendor_fmr_1e-3" in zh and "8.79" in zh


def test_validation_table_counts_units_and_marks_unreachable_strong(demo, tmp_path):
    case, res = demo
    en = _text(res, case, tmp_path / "en.pdf", "en")
    v = res["face_comparison"]["algorithms"][0]["validation"]["pooled"]
    md = v["misleading_diff"]
    assert md["unit"] == "pairs of people"
    assert f"{md['k']}/{md['n']} = " in en
    assert "not reachable: the calibration's LR stops at 54" in en      # bound 10^1.73
    assert "(0.00–0.00)" not in en and "0.00% (0.00" not in en
    assert "Clopper-Pearson 95% confidence interval" in en
    assert "Labeled Faces in the Wild (LFW)" in en and "asian_celeb" in en
    assert "NUAA Imposter Database" in en or res["liveness"].get("validation", {}).get("status") != "measured"
