"""The workspace (store/): intake, audit chain, verify, stage cache, analyses, notes; evidence untouched."""

import json
import sqlite3

import pytest

from forensics_app.errors import InputError
from forensics_app.io.case import load_case
from forensics_app.store.workspace import DB_NAME, HEAD_FILE, Workspace, default_workspace
from helpers import tree_hashes


@pytest.fixture
def ws(demo_case):
    return Workspace.open(load_case(demo_case))


def test_intake_records_every_file_and_leaves_evidence_untouched(demo_case):
    before = tree_hashes(demo_case)
    case = load_case(demo_case)
    w = Workspace.open(case)
    assert w.path == default_workspace(demo_case) and (w.path / DB_NAME).is_file()
    recorded = w.recorded_files()
    assert set(recorded) == {rel for rel, _ in case.evidence_files()}
    assert all(len(r["sha256"]) == 64 for r in recorded.values())
    assert tree_hashes(demo_case) == before
    assert not list(demo_case.rglob("*.sqlite"))


def test_workspace_inside_the_case_is_refused(demo_case):
    with pytest.raises(InputError, match="outside the evidence"):
        Workspace.open(load_case(demo_case), demo_case / "ws")


def test_a_non_workspace_folder_is_refused(demo_case, tmp_path):
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.txt").write_text("x")
    with pytest.raises(InputError, match="not a forensics workspace"):
        Workspace.open(load_case(demo_case), tmp_path / "other")


def test_verify_clean_then_modified_added_missing(ws, demo_case):
    case = load_case(demo_case)
    assert ws.verify(case).ok
    log = demo_case / "logs" / "transactions.csv"
    log.write_bytes(log.read_bytes() + b"\n")
    rep = ws.verify(load_case(demo_case, validate=False))
    assert not rep.ok and [m["path"] for m in rep.modified] == ["logs/transactions.csv"]


def test_audit_chain_detects_edits_and_removed_entries(ws):
    ws.append_audit("test", {"n": 1})
    ws.append_audit("test", {"n": 2})
    assert ws.check_audit() == []
    db = sqlite3.connect(ws.path / DB_NAME)
    db.execute("update audit set details = ? where seq = (select max(seq) - 1 from audit)", ['{"n":9}'])
    db.commit()
    assert any("altered" in p for p in ws.check_audit())
    db.execute("delete from audit where seq = (select max(seq) from audit)")
    db.commit()
    db.close()
    assert any("removed" in p or "does not match" in p for p in ws.check_audit())


def test_head_file_missing_is_a_problem(ws):
    (ws.path / HEAD_FILE).unlink()
    assert any(HEAD_FILE in p for p in ws.check_audit())


def test_cache_round_trip_and_miss(ws):
    assert ws.cache_get("k") is None
    ws.cache_put("k", "faces", {"a": [1, 2.5, None], "zh": "人脸"})
    assert ws.cache_get("k") == {"a": [1, 2.5, None], "zh": "人脸"}
    ws.cache_put("k", "faces", {"a": 2})
    assert ws.cache_get("k") == {"a": 2}


def test_analyses_and_their_first_date(ws):
    text = json.dumps({"x": 1})
    import hashlib
    digest = hashlib.sha256(text.encode()).hexdigest()
    ws.save_analysis(text, {"computed": []})
    first = ws.analysis_date(digest)
    ws.save_analysis(text, {"computed": []})
    assert ws.latest_analysis()["results"] == text and ws.analysis_date(digest) == first
    assert ws.analysis_date("0" * 64) is None


def test_notes_by_target(ws):
    ws.add_note("case", "checked the police receipt", "examiner")
    ws.add_note("NO_FULL_VIDEO", "asked the bank for the video")
    assert [n["text"] for n in ws.notes("NO_FULL_VIDEO")] == ["asked the bank for the video"]
    assert len(ws.notes()) == 2


def test_reopen_keeps_the_same_workspace(demo_case):
    case = load_case(demo_case)
    a = Workspace.open(case)
    a.append_audit("x", {})
    n = len(a.audit_entries())
    a.close()
    assert len(Workspace.open(case).audit_entries()) == n
