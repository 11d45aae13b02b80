"""Expert findings 3 and 6 on a whole case: a case whose records point to the claimant (phone
registered to her, signature attributed to her, no loss report: the expert's c7) lists those records
in the Summary and the Evaluation of both editions, as the demo lists the records pointing away."""

import json
import shutil

import pytest
from pypdf import PdfReader

from helpers import DEMO, run_cli


def _text(pdf):
    return "".join("".join(p.extract_text().split()) for p in PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def pro_claimant(tmp_path_factory):
    base = tmp_path_factory.mktemp("pro")
    case = base / "GZ"
    shutil.copytree(DEMO, case)
    man = json.loads((case / "case.json").read_text("utf-8"))
    rec = man["records"]
    rec.pop("id_loss_report", None)
    rec["telecom_record"]["registered_to_claimant"] = True
    rec["signature_opinion"]["conclusion"] = "claimant"
    (case / "case.json").write_text(json.dumps(man, ensure_ascii=False, indent=1), "utf-8")
    r = run_cli("analyze", case, "--out", base / "out", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    pdfs = {}
    for lang in ("en", "zh"):
        pdfs[lang] = base / f"{lang}.pdf"
        assert run_cli("report", case, "--out", pdfs[lang], "--lang", lang).returncode == 0
    pdfs["case"] = case
    pdfs["results"] = json.loads((base / "out" / "results.json").read_text("utf-8"))
    return pdfs


@pytest.mark.slow
def test_records_pointing_to_the_claimant_in_summary_and_evaluation(pro_claimant):
    for lang, summary_head, eval_head, dropped, phrases in (
        ("en", "1.Summary", "Evaluation", "notevidenceforeitherproposition",
         ["registeredtotheclaimant", "attributesthesignatureontheapplicationtotheclaimant",
          "NoIDlossreportisamongtherecordsdelivered"]),
        ("zh", "摘要", "评价", "不构成支持任一命题的证据", ["登记在当事人名下", "认定申请材料上的签名为当事人所签",
                                               "送检记录中没有身份证件报失记录"]),
    ):
        text = _text(pro_claimant[lang])
        start = text.index(summary_head)
        summary = text[start:text.index("2.Casecircumstances" if lang == "en" else "二、", start)]
        ev_start = text.rindex(eval_head, 0, text.index("PHONE_NOT_CLAIMANTS"))
        evaluation = text[ev_start:]
        for ph in phrases:
            assert ph in summary, (lang, ph, summary[:800])
            assert ph in evaluation, (lang, ph)
        assert "PHONE_NOT_CLAIMANTS:" in evaluation and "SIGNATURE_NOT_CLAIMANTS:" in evaluation
        assert dropped not in summary, summary


def _evaluation(results, case, tmp_path, lang):
    from forensics_app.report import build_report
    pdf = build_report(results, tmp_path / f"{lang}.pdf", lang=lang, case_root=case)
    text = _text(pdf)
    start = text.index("9.Evaluation" if lang == "en" else "九、评价")
    return text[start:start + 1200]             # the face comparison part of the Evaluation


@pytest.mark.slow
def test_evaluation_says_why_there_is_no_figure_and_when_the_algorithms_disagree(pro_claimant, tmp_path):
    """Expert findings 10 and 13 in the Evaluation of both editions."""
    import copy
    from forensics_app.core.lr import verbal_band
    case, res = pro_claimant["case"], pro_claimant["results"]
    none = copy.deepcopy(res)
    fc = none["face_comparison"]
    fc.update(status="no_usable_frames", frames_total=3, frames_used=0, frames_not_used={"QR.outside_range": 3},
              likelihood_ratio=None, log10_lr=None, verbal_scale=None)
    fc.pop("presentation_caveat", None)
    en, zh = _evaluation(none, case, tmp_path, "en"), _evaluation(none, case, tmp_path, "zh")
    assert "Thefacecomparisongivesnoresult:noneofthe3capturedframe(s)" in en and "notbythisfigure" not in en
    assert "人脸比对未得出结果" in zh and "超出已验证范围：3帧" in zh
    split = copy.deepcopy(res)
    fc = split["face_comparison"]
    for a, lr in zip(fc["algorithms"], (8.792107, 0.582386)):
        a.update(likelihood_ratio=lr, verbal_scale=verbal_band(lr))
    fc.update(status="analysed", likelihood_ratio=8.792107, log10_lr=0.944091, verbal_scale=verbal_band(8.792107))
    en, zh = _evaluation(split, case, tmp_path, "en"), _evaluation(split, case, tmp_path, "zh")
    assert "Thetwofacealgorithmspointindifferentdirections" in en and "1/1.72" in en
    assert "两种人脸算法对本材料的指向不同" in zh and "1/1.72" in zh
