"""The workspace: bound to its case, one writer at a time, migrated, nothing left by failures."""

import json
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from helpers import DEMO, tree_hashes


def other_case(w, case_id="OTHER-CASE"):
    other = w.tmp / "OTHER"
    shutil.copytree(DEMO, other)
    m = json.loads((other / "case.json").read_text("utf-8"))
    m["case_id"] = case_id
    (other / "case.json").write_text(json.dumps(m, ensure_ascii=False), "utf-8")
    return other


def test_workspace_of_another_case_is_refused(analysed):
    w = analysed
    other = other_case(w)
    w.attack("analyze", other, "--out", w.tmp / "o2", "-q", "--workspace", w.ws, message="belongs to case 'GZIC-2019-DEMO'")


def test_stale_sibling_workspace_of_another_case_is_refused(analysed):
    """The case folder was replaced by another case; the old sibling workspace is still there."""
    w = analysed
    other = other_case(w)
    shutil.rmtree(w.case)
    shutil.move(other, w.case)
    w.attack("report", w.case, "--out", w.tmp / "r.pdf", message="belongs to case 'GZIC-2019-DEMO'")


def test_folder_that_is_not_a_workspace_is_refused(world):
    (world.tmp / "junk").mkdir()
    (world.tmp / "junk/file.txt").write_text("x")
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--workspace", world.tmp / "junk",
                 message="not a forensics workspace")


def test_workspace_inside_the_evidence_is_refused(world):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--workspace", world.case / "ws",
                 message="outside the evidence folder")


def test_a_second_writer_is_refused_while_one_writes(analysed):
    w = analysed
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("BEGIN IMMEDIATE")          # another command holds the writer lock
    try:
        t0 = time.monotonic()
        w.attack("note", w.case, "a note", message="in use by another command")
        assert time.monotonic() - t0 < 30
    finally:
        con.execute("ROLLBACK")
        con.close()


def test_failed_first_analysis_leaves_no_workspace(world):
    """A bad log is only found once analysis runs: the workspace this command made is removed."""
    (world.case / "logs/transactions.csv").write_text("a,b\n1,2\n", "utf-8")
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="no time column")
    assert not world.ws.exists()


def test_failed_later_analysis_leaves_no_audit_entry(analysed):
    w = analysed
    m = w.manifest()
    m["evidence"].append({"role": "transaction_log", "path": "logs/second.csv"})
    w.write_manifest(m)
    (w.case / "logs/second.csv").write_text("a,b\n1,2\n", "utf-8")
    # the case changed since intake: refused before anything is written
    w.attack("analyze", w.case, "--out", w.tmp / "o2", "-q", message="verification failed")


def test_two_first_analyses_at_once(world):
    """Two processes analyse a new case at the same moment: one workspace, an intact chain, and
    each command either finished or was refused with the one-writer message."""
    cmd = [sys.executable, "-m", "forensics_app", "analyze", str(world.case), "-q", "--no-report", "--out"]
    before = tree_hashes(world.case)
    procs = [subprocess.Popen(cmd + [str(world.tmp / f"o{i}")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(2)]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for rc, err in results:
        assert rc == 0 or (rc == 2 and "in use by another command" in err), err
        assert "Traceback" not in err
    assert any(rc == 0 for rc, _ in results)
    rc, out, _ = world.cli("verify", world.case)
    assert rc == 0, out
    assert tree_hashes(world.case) == before
    assert [p.name for p in world.tmp.iterdir() if p.name.startswith(".CASE.forensics")] == []
    con = sqlite3.connect(world.ws / "workspace.sqlite")
    assert con.execute("select count(*) from analyses").fetchone()[0] == sum(rc == 0 for rc, _ in results)


def test_version_1_workspace_is_migrated_and_then_covered(analysed):
    w = analysed
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("delete from meta where key = 'schema_version'")
    con.execute("drop table calibrations")
    # a version-1 workspace's chain did not cover rows: make it look like one
    con.close()
    from forensics_app.io.case import load_case
    from forensics_app.store.workspace import Workspace
    ws = Workspace.open(load_case(w.case), w.ws)
    assert ws.meta("schema_version") == "3"
    assert ws.audit_entries()[-1]["action"] == "migrate"
    ws.close()
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update analyses set results = 'x'")
    con.close()
    rc, out, _ = w.cli("verify", w.case)
    assert rc == 1 and "analyses row '1' was altered" in out


def test_newer_workspace_schema_is_refused(analysed):
    w = analysed
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update meta set value = '99' where key = 'schema_version'")
    con.close()
    w.attack("note", w.case, "x", message="newer than this program")


def test_damaged_workspace_database(analysed):
    w = analysed
    (w.ws / "workspace.sqlite").write_bytes(b"not a database at all" * 100)
    w.attack("note", w.case, "x", message="not a readable workspace database")
