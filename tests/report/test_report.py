"""The court report: text, hashes, page numbering, fonts, attachment, determinism, signing, masking."""

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from helpers import make_p12, run_cli


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    from helpers import DEMO
    base = tmp_path_factory.mktemp("rep")
    case = base / "GZ"
    shutil.copytree(DEMO, case)
    r = run_cli("analyze", case, "--out", base / "out", "-q")
    assert r.returncode == 0, r.stderr
    return case, base / "out"


def _text(pdf):
    return "\n".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_chinese_text_hashes_and_page_numbers(analysed):
    case, out = analysed
    pdf = out / "report.pdf"
    text = _text(pdf)
    assert "司法鉴定" in text and "证据链" in text and "似然比" in text
    res = json.loads((out / "results.json").read_text("utf-8"))
    flat = text.replace("\n", "")
    for item in res["inputs"]:
        assert item["sha256"] in flat, item["path"]
    n = len(PdfReader(pdf).pages)
    for k in range(1, n + 1):
        assert f"第 {k} 页 / 共 {n} 页" in text
    assert res["case_id"] in text


def test_every_font_embedded(analysed):
    _case, out = analysed
    reader = PdfReader(out / "report.pdf")
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            desc = font.get_object().get("/FontDescriptor")
            assert desc is not None and any(k in desc.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", str(out / "report.pdf")], capture_output=True, text=True).stdout.splitlines()[2:]
        assert lines and all(line.split()[-5] == "yes" for line in lines), lines


def test_results_attached_and_metadata(analysed):
    _case, out = analysed
    reader = PdfReader(out / "report.pdf")
    att = reader.attachments
    # the default copy is masked: it carries results.json with every ID/phone masked (issue 13)
    from forensics_app.report.mask import mask_obj
    from forensics_app.core.hashing import results_text
    results = json.loads((out / "results.json").read_text("utf-8"))
    from forensics_app.report.courtcopy import court_copy
    assert list(att) == ["results.masked.json"]
    assert att["results.masked.json"][0] == results_text(mask_obj(court_copy(results))).encode("utf-8")
    case, _ = analysed
    assert run_cli("report", case, "--out", out / "open.pdf", "--no-mask").returncode == 0
    assert PdfReader(out / "open.pdf").attachments["results.json"][0] == (out / "results.json").read_bytes()
    meta = reader.metadata
    assert "GZIC-2019-DEMO" in meta.title and meta.creator.startswith("forensics-app")


def test_rebuild_is_byte_identical_and_dated_from_the_analysis(analysed, tmp_path):
    case, out = analysed
    r = run_cli("report", case, "--out", tmp_path / "again.pdf")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "again.pdf").read_bytes() == (out / "report.pdf").read_bytes()
    created = PdfReader(out / "report.pdf").metadata.creation_date
    from forensics_app.core.hashing import results_digest
    from forensics_app.store.workspace import Workspace, default_workspace
    ws = Workspace(default_workspace(case))
    recorded = ws.analysis_date(results_digest(json.loads((out / "results.json").read_text("utf-8"))))
    assert recorded and created == dt.datetime.fromisoformat(recorded)   # the analysis record's date, to the second


def test_english_edition_and_masking(analysed, tmp_path):
    case, _ = analysed
    assert run_cli("report", case, "--out", tmp_path / "en.pdf", "--lang", "en").returncode == 0
    en = _text(tmp_path / "en.pdf")
    assert "Forensic examination report" in en and "page 1 of" in en
    assert "440106********1234" in en and "440106199001011234" not in en
    assert run_cli("report", case, "--out", tmp_path / "open.pdf", "--lang", "en", "--no-mask").returncode == 0
    assert "440106199001011234" in _text(tmp_path / "open.pdf")


def test_signed_report_validates_and_one_byte_breaks_it(analysed, tmp_path):
    case, _ = analysed
    p12 = tmp_path / "examiner.p12"
    make_p12(p12, "secret")
    (tmp_path / "pw").write_text("secret\n")
    r = run_cli("report", case, "--out", tmp_path / "signed.pdf", "--sign", p12, "--sign-password-file", tmp_path / "pw")
    assert r.returncode == 0, r.stderr
    r = run_cli("verify", case, "--pdf", tmp_path / "signed.pdf")
    assert r.returncode == 0 and "signature intact" in r.stdout, r.stdout + r.stderr
    data = bytearray((tmp_path / "signed.pdf").read_bytes())
    data[len(data) // 3] ^= 0x01
    (tmp_path / "tampered.pdf").write_bytes(bytes(data))
    r = run_cli("verify", case, "--pdf", tmp_path / "tampered.pdf")
    assert r.returncode == 1 and "INVALID" in r.stdout
    (tmp_path / "pw").write_text("wrong\n")
    r = run_cli("report", case, "--out", tmp_path / "x.pdf", "--sign", p12, "--sign-password-file", tmp_path / "pw")
    assert r.returncode == 2 and "examiner.p12" in r.stderr and "Traceback" not in r.stderr



def test_masked_court_copy_carries_no_triage_order_and_both_copies_explain_it(analysed, tmp_path):
    """Expert finding 6: results.masked.json (the copy handed to the parties) leaves out each
    finding's severity and the summary's counts; results.json keeps them for triage and the unmasked
    copy still carries it byte for byte (verify matches it); the appendix of every copy, in both
    languages, says these fields are a triage order, not an evaluation."""
    case, out = analysed
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert results["findings"] and all("severity" in f for f in results["findings"])
    masked = json.loads(PdfReader(out / "report.pdf").attachments["results.masked.json"][0])
    assert masked["findings"] and not any("severity" in f for f in masked["findings"])
    assert "counts" not in masked["summary"] and "critical" not in json.dumps(masked)
    assert [f["rule"] for f in masked["findings"]] == [f["rule"] for f in results["findings"]]
    for lang, words, masked_words in (("en", "sorting order for the bank reviewers' triage", "leaves these two fields out"),
                                      ("zh", "供银行复核人员分拣时使用的排序", "不含这两个字段")):
        for mask in (True, False):
            pdf = tmp_path / f"{lang}-{mask}.pdf"
            args = ["report", case, "--out", pdf, "--lang", lang] + ([] if mask else ["--no-mask"])
            assert run_cli(*args).returncode == 0
            flat = "".join(_text(pdf).split())
            assert "".join(words.split()) in flat and "findings.severity" in flat, (lang, mask)
            assert ("".join(masked_words.split()) in flat) == mask, (lang, mask)
    r = run_cli("verify", case, "--report", out / "report.pdf")
    assert r.returncode == 0, r.stdout + r.stderr
