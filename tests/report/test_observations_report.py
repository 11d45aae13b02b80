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
