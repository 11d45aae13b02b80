"""Every audit entry names who or what wrote it: the examiner (from the settings) for what a command
asked for, the program and its version for what it recorded by itself (stage cache, calibrations,
migrations). The actor is inside the chained details, so it cannot be changed unnoticed; older
workspaces are migrated."""

import json
import sqlite3

import pytest

from forensics_app import __version__
from forensics_app.core.hashing import canonical
from forensics_app.store.chain import GENESIS, entry_hash

from .test_chain import _recompute_chain

PROGRAM = f"forensics-app {__version__}"


@pytest.fixture
def examined(world, tmp_path, monkeypatch):
    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(tmp_path / "settings"))
    rc, _, err = world.cli("settings", "examiner_name", "Dr. Li Wei")
    assert rc == 0, err
    world.analyse()
    for args in (("note", world.case, "checked the receipt"), ("verify", world.case),
                 ("report", world.case, "--out", world.tmp / "r.pdf")):
        rc, _, err = world.cli(*args)
        assert rc == 0, err
    return world


def entries(w) -> list[dict]:
    con = sqlite3.connect(w.ws / "workspace.sqlite")
    con.row_factory = sqlite3.Row
    out = [dict(r) | {"d": json.loads(r["details"])} for r in con.execute("select * from audit order by seq")]
    con.close()
    return out


def test_every_entry_names_its_actor_and_program(examined):
    es = entries(examined)
    actions = {e["action"] for e in es}
    assert {"intake", "cache", "calibration", "analysis", "note", "verify", "export"} <= actions, actions
    for e in es:
        assert e["d"]["program"] == PROGRAM, e
        want = PROGRAM if e["action"] in ("cache", "calibration", "migrate") else "Dr. Li Wei"
        assert e["d"]["actor"] == want, e


def test_without_an_examiner_name_the_login_is_named(analysed):
    import getpass
    for e in entries(analysed):
        if e["action"] in ("cache", "calibration"):
            assert e["d"]["actor"] == PROGRAM and "login" not in e["d"]
        else:
            assert e["d"]["actor"] == "" and e["d"]["login"] == getpass.getuser(), e


def test_an_edited_actor_breaks_the_chain(examined):
    w = examined
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update audit set details = replace(details, 'Dr. Li Wei', 'Someone Else') where action = 'analysis'")
    con.close()
    rc, out, _ = w.cli("verify", w.case)
    assert rc == 1 and "(analysis) was altered after it was written" in out, out


def test_an_entry_without_actor_is_reported_even_with_a_recomputed_chain(examined):
    w = examined
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    d = json.loads(con.execute("select details from audit where action = 'note'").fetchone()[0])
    d.pop("actor")
    d.pop("login", None)
    con.execute("update audit set details = ? where action = 'note'", [canonical(d)])
    con.close()
    _recompute_chain(w)
    rc, out, _ = w.cli("verify", w.case)
    assert rc == 1 and "(note) names no actor" in out, out


def _make_version_2(w):
    """What a workspace of the previous version looks like: no actor on cache and calibration
    entries, no program anywhere, schema_version 2 (chain and record digests consistent)."""
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update meta set value = '2' where key = 'schema_version'")
    prev = GENESIS
    for seq, ts, action, details in con.execute("select seq, ts, action, details from audit order by seq").fetchall():
        d = json.loads(details)
        d.pop("program", None)
        if action in ("cache", "calibration"):
            d.pop("actor", None)
        det = canonical(d)
        h = entry_hash(seq, ts, action, det, prev)
        con.execute("update audit set details = ?, prev_hash = ?, hash = ? where seq = ?", [det, prev, h, seq])
        prev = h
    con.close()
    _recompute_chain(w)          # the meta row's digest and the head copies follow


def test_version_2_workspace_is_migrated_and_verifies(analysed):
    w = analysed
    _make_version_2(w)
    n = len(entries(w))
    rc, out, err = w.cli("verify", w.case)
    assert rc == 0, out + err
    es = entries(w)
    mig = next(e for e in es if e["action"] == "migrate")
    assert mig["seq"] == n + 1 and mig["d"]["from"] == 2 and mig["d"]["to"] == 3
    assert mig["d"]["actor"] == PROGRAM
    old = [e["seq"] for e in es[:n] if e["action"] in ("cache", "calibration")]
    assert old and mig["d"]["entries_without_actor"] == old
    con = sqlite3.connect(w.ws / "workspace.sqlite")
    assert con.execute("select value from meta where key = 'schema_version'").fetchone()[0] == "3"
    con.close()
    rc, out, _ = w.cli("verify", w.case)            # migrated once; the older entries stay as they were
    assert rc == 0 and len([e for e in entries(w) if e["action"] == "migrate"]) == 1, out


def test_workspace_from_a_newer_program_is_refused_by_verify(analysed):
    w = analysed
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update meta set value = '4' where key = 'schema_version'")
    con.close()
    w.attack("verify", w.case, message="workspace schema version 4 is newer than this program understands")
