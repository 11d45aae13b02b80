"""Examiner notes: a note's target must exist, and the report prints every note with its target."""

import shutil

from pypdf import PdfReader

from helpers import DEMO, run_cli


def test_notes_are_printed_with_their_targets(tmp_path):
    case = tmp_path / "GZ"
    shutil.copytree(DEMO, case)
    r = run_cli("note", case, "Police receipt checked against the original", "--target", "ID_LOST_BEFORE_USE")
    assert r.returncode == 0, r.stderr
    assert run_cli("note", case, "Frame looked at in full size", "--target", "stm/frames/0001.jpg").returncode == 0
    bad = run_cli("note", case, "about nothing", "--target", "NO_SUCH_RULE")
    assert bad.returncode == 2 and "NO_SUCH_RULE" in bad.stderr and "Traceback" not in bad.stderr
    assert run_cli("analyze", case, "--out", tmp_path / "o", "-q", "--lang", "en").returncode == 0
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "o" / "report.pdf").pages).replace("\n", " ")
    assert "Police receipt checked against the original" in text
    assert "(ID_LOST_BEFORE_USE)" in text and "stm/frames/0001.jpg" in text
    assert "about nothing" not in text
