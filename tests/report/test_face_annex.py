"""The face comparison's population (with its reason) and the annex of Tippett and ECE plots of the
calibrations actually used, in both languages, built from results.json alone (no data set)."""

import copy
import json
import re
import shutil

import pytest
from pypdf import PdfReader

from helpers import DEMO, run_cli

from forensics_app.report import build_report


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("annex")
    case = base / "GZ"
    shutil.copytree(DEMO, case)
    r = run_cli("analyze", case, "--out", base / "out", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    return case, json.loads((base / "out/results.json").read_text("utf-8"))


def _pages(results, case, path, lang):
    pdf = build_report(results, path, lang=lang, case_root=case)
    return [p.extract_text().replace("\n", "").replace(" ", "") for p in PdfReader(pdf).pages]


ANNEX = {"en": "Annex:validationplotsofthecalibrationsused", "zh": "附件：所用校准的验证图"}
DEFAULT = {"en": "thecase'sdefault", "zh": "为本案默认值"}
HEADERS = {"en": ("differentpeopleatLR≥1,000", "samepersonatLR≥10"), "zh": ("不同人似然比≥1,000", "同一人似然比≥10")}
NO_FMR = {"en": "declarednofalse-matchrate", "zh": "银行未声明错误匹配率"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_annex_plots_the_calibrations_used_and_the_population_has_its_reason(demo, tmp_path, lang):
    case, res = demo
    fc = res["face_comparison"]
    used = [a["calibration"]["name"] for a in fc["algorithms"]]
    assert all(a["validation"]["curves"]["tippett"]["same"] for a in fc["algorithms"])
    pages = _pages(res, case, tmp_path / f"{lang}.pdf", lang)
    annex = [p for p in pages if ANNEX[lang] in p]
    assert len(annex) == 1 and pages[-1] == annex[0] or ANNEX[lang] in "".join(pages[-2:])
    tail = "".join(pages[pages.index(annex[0]):])
    for name, a in zip(used, fc["algorithms"]):
        assert name in tail and a["calibration"]["sha256"][:16] in tail
    # the population, who chose it and why (the demo declares no vendor FMR: the default 1e-3)
    text = "".join(pages)
    assert fc["population"]["key"] == "east_asian_vendor_fmr_1e-3"
    assert DEFAULT[lang] in text and NO_FMR[lang] in text and "0.001" in text
    # an LR at the default population's upper bound: the report says so (the demo's own still is a
    # reproduction of its ID photo and gets no LR, so its figure is set here at the bound)
    assert fc["status"] == "reproduction_suspected" and fc["lr_bounds_log10"]
    import copy
    from forensics_app.core.lr import verbal_band
    at = copy.deepcopy(res)
    hi = at["face_comparison"]["lr_bounds_log10"][1]
    for x in [at["face_comparison"], at["face_comparison"]["algorithms"][0]]:
        x.update(status="analysed", log10_lr=hi, likelihood_ratio=10 ** hi, verbal_scale=verbal_band(10 ** hi),
                 lr_bounds_log10=[at["face_comparison"]["lr_bounds_log10"][0], hi], lr_at_bound=True)
    text_at = "".join(_pages(at, case, tmp_path / f"at-{lang}.pdf", lang))
    assert {"en": "isthecalibration'supperbound", "zh": "即为该校准的上界限"}[lang] in text_at
    assert {"en": "Theboundscountpeopleandpairsofpeople", "zh": "界限按人和人对计数"}[lang] in text


def test_both_editions_state_the_same_figures_in_the_face_part(demo, tmp_path):
    """Every number in the face comparison's population line, algorithm table, validation table and
    annex is the same in both editions."""
    case, res = demo
    nums = {}
    for lang in ("en", "zh"):
        pages = _pages(res, case, tmp_path / f"{lang}.pdf", lang)
        # without the page footers (their page numbers differ between editions)
        text = re.sub(r"results\.jsonSHA-256[0-9a-f]{64}.*?(auditchainhead|审计链头)[0-9a-f]{64}", "",
                      "".join(pages).replace(res["case_id"] + "·", ""))
        for head in HEADERS[lang]:          # a table header repeats where the table breaks across a page
            text = text.replace(head, "")
        start = text.index({"en": "Relevantpopulation", "zh": "相关人群："}[lang])
        end = text.index({"en": "Liveness", "zh": "活体检测"}[lang], start)
        annex = text[text.index(ANNEX[lang]):]
        nums[lang] = re.findall(r"\d+(?:[.,]\d+)*", text[start:end] + annex)
    # as multisets: table cells wrap differently in the two languages, and text extraction follows the lines
    assert nums["en"] and sorted(nums["en"]) == sorted(nums["zh"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_examiners_choice_prints_the_reason_given_and_missing_curves_say_so(demo, tmp_path, lang):
    case, res = demo
    r = copy.deepcopy(res)
    pop = r["face_comparison"]["population"]
    pop.update(key="east_asian", vendor_fmr=None,
               basis={"chosen_by": "examiner", "examiner_reason": "the bank disclosed no face check"})
    for a in r["face_comparison"]["algorithms"]:
        a["validation"].pop("curves")
    text = "".join(_pages(r, case, tmp_path / f"x{lang}.pdf", lang))
    assert "thebankdisclosednofacecheck" in text
    assert {"en": "chosenbytheexaminer", "zh": "由鉴定人选用"}[lang] in text
    assert {"en": "storesnocurvepoints", "zh": "未存储曲线点"}[lang] in text
