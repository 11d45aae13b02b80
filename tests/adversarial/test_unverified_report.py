"""Reports from evidence that fails verification: refused, or with the examiner's override stamped
'verification failed' (and why) on every page."""

import pytest
from pypdf import PdfReader


@pytest.fixture
def tampered(analysed):
    (analysed.case / "docs/police_report.txt").write_text("a forged receipt", "utf-8")
    return analysed


def test_report_from_failed_verification_is_refused(tampered):
    w = tampered
    w.attack("report", w.case, "--out", w.tmp / "r.pdf", message="verification failed")
    assert not (w.tmp / "r.pdf").exists()


def test_analyze_report_from_failed_verification_is_refused(tampered):
    w = tampered
    w.attack("analyze", w.case, "--out", w.tmp / "o2", "-q", message="--unverified-report")


def test_refused_when_the_workspace_was_edited(analysed):
    import sqlite3
    w = analysed
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update notes set text = 'x'")          # no notes: still a no-op edit of a table
    con.execute("update analyses set run = run || ' '")
    con.close()
    w.attack("report", w.case, "--out", w.tmp / "r.pdf", message="analyses row '1' was altered")


@pytest.mark.parametrize("lang,words", [("en", "VERIFICATION FAILED"), ("zh", "核验未通过")])
def test_override_stamps_every_page_with_why(tampered, lang, words):
    w = tampered
    rc, _, err = w.cli("report", w.case, "--out", w.tmp / f"r-{lang}.pdf", "--lang", lang, "--unverified-report")
    assert rc == 0, err
    pages = PdfReader(w.tmp / f"r-{lang}.pdf").pages
    assert len(pages) > 3
    for page in pages:
        text = page.extract_text()
        assert words in text and "docs/police_report.txt" in text


def test_override_is_recorded_in_the_audit_log(tampered):
    import json
    import sqlite3
    w = tampered
    rc, _, err = w.cli("report", w.case, "--out", w.tmp / "r.pdf", "--unverified-report")
    assert rc == 0, err
    con = sqlite3.connect(w.ws / "workspace.sqlite")
    d = json.loads(con.execute("select details from audit where action = 'export' order by seq desc").fetchone()[0])
    assert d["verification_failed"] is True
