"""Attacks tried after the first round of fixes, beyond the list of issue 13: forged exports, a report
whose embedded results differ from the sidecar, look-alike and invisible case ids, evidence swapped
through a symbolic link between two runs."""

import hashlib
import json
import os
import shutil
import sqlite3

import pytest
from pypdf import PdfReader, PdfWriter

from helpers import tree_hashes


def verify(w, *extra):
    before = tree_hashes(w.case)
    rc, out, err = w.cli("verify", w.case, *extra)
    assert tree_hashes(w.case) == before, "verify changed the evidence"
    assert "Traceback" not in err
    return rc, out


def heads(w) -> list[str]:
    con = sqlite3.connect(w.ws / "workspace.sqlite")
    out = [r[0] for r in con.execute("select hash from audit order by seq")]
    con.close()
    return out


# ---- exports -----------------------------------------------------------------------------------

def test_results_edited_after_export(analysed):
    w = analysed
    res = w.tmp / "out/results.json"
    res.write_text(res.read_text("utf-8").replace("ID_LOST_BEFORE_USE", "NOTHING"), "utf-8")
    rc, out = verify(w, "--results", res)
    assert rc == 1 and "matches no analysis in the audit chain" in out, out


@pytest.mark.parametrize("forged", ["random", "another entry of the chain"])
def test_results_with_a_forged_audit_head(analysed, forged):
    w = analysed
    res = w.tmp / "out/results.json"
    data = json.loads(res.read_text("utf-8"))
    data["audit_head"] = hashlib.sha256(b"forged").hexdigest() if forged == "random" else heads(w)[0]
    res.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n", "utf-8")
    rc, out = verify(w, "--results", res)
    assert rc == 1 and "matches no analysis in the audit chain" in out, out
    if forged == "random":
        assert "is not in this workspace's audit chain" in out


def test_report_pdf_edited_after_export(analysed):
    w = analysed
    pdf = w.tmp / "out/report.pdf"
    data = pdf.read_bytes().replace(b"/Title (", b"/Title (X", 1)
    pdf.write_bytes(data)
    rc, out = verify(w, "--report", pdf)
    assert rc == 1 and "matches no export in the audit chain" in out, out


def _replace_attachment(src, dst, name, blob):
    r = PdfReader(src)
    wr = PdfWriter(clone_from=r)
    wr.root_object.get("/Names", {}).pop("/EmbeddedFiles", None)
    wr.add_attachment(name, blob)
    with open(dst, "wb") as f:
        wr.write(f)


def test_report_whose_embedded_results_differ_from_the_sidecar(analysed):
    w = analysed
    rc, _, err = w.cli("report", w.case, "--out", w.tmp / "plain.pdf", "--no-mask")
    assert rc == 0, err
    assert "results.json" in PdfReader(w.tmp / "plain.pdf").attachments
    forged = (w.tmp / "out/results.json").read_bytes().replace(b"ID_LOST_BEFORE_USE", b"NOTHING")
    _replace_attachment(w.tmp / "plain.pdf", w.tmp / "forged.pdf", "results.json", forged)
    rc, out = verify(w, "--results", w.tmp / "out/results.json", "--report", w.tmp / "forged.pdf")
    assert rc == 1, out
    assert "the results embedded in the PDF differ" in out and "matches no export" in out, out


def test_results_and_report_of_two_different_analyses(analysed):
    w = analysed
    rc, _, err = w.cli("analyze", w.case, "--out", w.tmp / "photo", "-q", "--no-report", "--population", "general",
                       "--population-reason", "a second analysis for the test")
    assert rc == 0, err
    assert (w.tmp / "photo/results.json").read_bytes() != (w.tmp / "out/results.json").read_bytes()
    rc, out = verify(w, "--results", w.tmp / "photo/results.json", "--report", w.tmp / "out/report.pdf")
    assert rc == 1 and "is not the analysis that" in out, out
    rc, out = verify(w, "--results", w.tmp / "out/results.json", "--report", w.tmp / "out/report.pdf")
    assert rc == 0, out


# ---- case ids ----------------------------------------------------------------------------------

def test_a_look_alike_case_id_is_refused_and_shown_for_what_it_is(analysed):
    w = analysed
    m = w.manifest()
    m["case_id"] = m["case_id"].replace("I", "\u0406")          # Cyrillic І for Latin I
    assert m["case_id"] != w.manifest()["case_id"]
    w.write_manifest(m)
    err = w.attack("note", w.case, "x", message="differ only in look-alike characters")
    assert "\\u0406" in err


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\ufeff"], ids=["zero-width space", "right-to-left override", "BOM"])
def test_a_case_id_with_an_invisible_character_is_refused(world, char):
    m = world.manifest()
    m["case_id"] = m["case_id"][:3] + char + m["case_id"][3:]
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="contains an invisible character")
    assert not world.ws.exists()


def test_a_case_id_not_in_normal_form_is_refused(world):
    m = world.manifest()
    m["case_id"] = "Cafe\u0301-2019"                             # e + combining acute: NFD
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="normal form NFC")


# ---- evidence swapped through a link between two runs --------------------------------------------

@pytest.fixture
def linked(world):
    """The frame is a symbolic link to a file beside it (a name that is not an image's)."""
    frames = world.case / "stm/frames"
    shutil.move(frames / "0001.jpg", frames / "a.dat")
    from PIL import Image
    Image.open(frames / "a.dat").rotate(2).save(frames / "c.dat", "JPEG", quality=90)
    os.symlink("a.dat", frames / "0001.jpg")
    world.analyse()
    return world


def _swap(w, target):
    (w.case / "stm/frames/0001.jpg").unlink()
    os.symlink(target, w.case / "stm/frames/0001.jpg")


@pytest.mark.parametrize("extra", [(), ("--no-report",)], ids=["with report", "results only"])
def test_a_link_swapped_to_the_id_photo_after_intake_is_refused(linked, extra):
    # what the party swaps in (added after intake: frames are found by content, so a copy of the
    # ID photo present at intake would itself be refused as a frame identical to the ID photo)
    shutil.copy(linked.case / "id/id_photo.jpg", linked.case / "stm/frames/b.dat")
    _swap(linked, "b.dat")
    # the frame is now byte-identical to the ID photo: refused as such before anything is analysed
    linked.attack("analyze", linked.case, "--out", linked.tmp / "o2", "-q", *extra,
                  message="byte-identical to the ID photo")


@pytest.mark.parametrize("extra", [(), ("--no-report",)], ids=["with report", "results only"])
def test_a_link_swapped_to_a_different_picture_fails_verification(linked, extra):
    w = linked
    _swap(w, "c.dat")
    w.attack("analyze", w.case, "--out", w.tmp / "o2", "-q", *extra,
             message="verification failed (modified since intake: stm/frames/0001.jpg")
    rc, out = verify(w)
    assert rc == 1 and "stm/frames/0001.jpg" in out


def test_a_link_out_of_the_frames_folder_is_refused_and_named(world):
    frames = world.case / "stm/frames"
    shutil.move(frames / "0001.jpg", world.case / "docs/a.jpg")
    os.symlink("../../docs/a.jpg", frames / "0001.jpg")
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q",
                 message="is a link that points outside the stm_frames folder 'stm/frames'")


# ---- notes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,message", [
    ("x" * 10_001, "over the limit of 10000"),
    ("checked \u202eFDP.exe the receipt", "text-direction characters"),
    ("checked \x1b[2J the receipt", "control or text-direction characters"),
], ids=["10,001 characters", "right-to-left override", "terminal escape"])
def test_a_note_that_would_bloat_or_disguise_the_report_is_refused(analysed, text, message):
    analysed.attack("note", analysed.case, text, message=message)


# ---- an analysis stored by another version of the program ----------------------------------------

def _store_as_if_older(w, edit):
    from forensics_app.core.hashing import results_text

    from .test_chain import _recompute_chain
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    res = json.loads(con.execute("select results from analyses order by id desc").fetchone()[0])
    edit(res)
    text = results_text(res)
    con.execute("update analyses set results = ?, results_sha256 = ?",
                [text, hashlib.sha256(text.encode()).hexdigest()])
    con.close()
    _recompute_chain(w)          # a consistent workspace, as the older program left it


def _first_code(obj):
    if isinstance(obj, dict):
        if isinstance(obj.get("code"), str):
            return obj
        obj = list(obj.values())
    if isinstance(obj, list):
        for x in obj:
            found = _first_code(x)
            if found is not None:
                return found
    return None


def test_a_stored_analysis_of_another_version_is_refused_not_a_traceback(analysed):
    w = analysed
    _store_as_if_older(w, lambda r: r["liveness"].update(explanation="an older version's free text"))
    w.attack("report", w.case, "--out", w.tmp / "r.pdf", message="made by another version of forensics-app")


def test_a_stored_analysis_with_an_unknown_message_code_is_refused(analysed):
    w = analysed

    def edit(r):
        _first_code(r["findings"])["code"] = "NO_SUCH_CODE.v0"
    _store_as_if_older(w, edit)
    w.attack("report", w.case, "--out", w.tmp / "r.pdf", message="unknown message code 'NO_SUCH_CODE.v0'")


def test_a_huge_file_given_as_results_is_refused_before_it_is_read(analysed, monkeypatch):
    from forensics_app.store import anchor
    monkeypatch.setattr(anchor, "MAX_EXPORT_BYTES", 1000)      # a low limit, not a real 512 MB file
    w = analysed
    w.attack("verify", w.case, "--results", w.tmp / "out/results.json", message="bytes, over 1000 bytes")
