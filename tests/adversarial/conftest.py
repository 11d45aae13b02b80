"""Attacks on the app the way a party to a dispute would try them (issue 13).

Every attack asserts: the message (one line naming the file), the exit code, that nothing was
left behind (no temporary file, no new workspace, no audit entry), and that the evidence folder is
byte-identical afterwards. The CLI runs in-process (``cli.main``) for speed; a few tests run it as
a subprocess where two processes must race.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from helpers import DEMO, tree_hashes


def snapshot(root: Path) -> dict:
    """Every file below root (hash), except the workspace database (compared by its audit log)."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if rel.startswith("home/"):        # libraries' own caches (onnxruntime), not our outputs
            continue
        if p.is_file() and not p.name.startswith("workspace.sqlite"):
            out[p.relative_to(root).as_posix()] = tree_hashes_one(p)
    return out


def tree_hashes_one(p: Path) -> str:
    import hashlib
    return hashlib.sha256(p.read_bytes()).hexdigest()


def audit_count(ws_dir: Path) -> int | None:
    db = ws_dir / "workspace.sqlite"
    if not db.is_file():
        return None
    con = sqlite3.connect(db)
    try:
        return con.execute("select count(*) from audit").fetchone()[0]
    except sqlite3.DatabaseError:
        return -1                         # unreadable: compared as such before and after
    finally:
        con.close()


class World:
    """A case copy in tmp_path, and the means to attack it and check what was left."""

    def __init__(self, tmp_path: Path, capsys):
        self.tmp = tmp_path
        self.case = tmp_path / "CASE"
        shutil.copytree(DEMO, self.case)
        self.ws = tmp_path / "CASE.forensics"
        self.capsys = capsys

    def manifest(self) -> dict:
        return json.loads((self.case / "case.json").read_text("utf-8"))

    def write_manifest(self, m: dict) -> None:
        (self.case / "case.json").write_text(json.dumps(m, ensure_ascii=False, indent=1), "utf-8")

    def cli(self, *args) -> tuple[int, str, str]:
        from forensics_app.cli import main
        self.capsys.readouterr()
        try:
            rc = main([str(a) for a in args])
        except SystemExit as exc:          # argparse
            rc = exc.code
        out, err = self.capsys.readouterr()
        return rc, out, err

    def attack(self, *args, message: str, code: int = 2) -> str:
        """Run a command that must be refused; check message, code, nothing left, evidence intact."""
        before_case = tree_hashes(self.case)
        before_all = snapshot(self.tmp)
        before_audit = audit_count(self.ws)
        rc, out, err = self.cli(*args)
        assert rc == code, f"exit {rc} (wanted {code}); stderr: {err}"
        lines = [x for x in err.splitlines() if x.strip()]
        if code == 2:
            assert len(lines) == 1, f"want exactly one line on stderr, got: {err!r}"
            assert lines[0].startswith("forensics-app: "), lines
            assert "Traceback" not in err
        assert message.lower() in (err + out).lower(), f"{message!r} not in: {err or out}"
        assert tree_hashes(self.case) == before_case, "the evidence folder changed"
        assert snapshot(self.tmp) == before_all, "a file was left behind or changed"
        assert audit_count(self.ws) == before_audit, "an audit entry was left behind"
        return err

    def accepted(self, *extra) -> dict:
        """Run an analysis that must go through (the attack is reported, not refused); check that the
        evidence folder is byte-identical and nothing but results.json and the workspace was written."""
        before_case = tree_hashes(self.case)
        before_all = snapshot(self.tmp)
        out = self.tmp / "accepted"
        rc, _, err = self.cli("analyze", self.case, "--out", out, "-q", "--no-report", *extra)
        assert rc == 0, err
        assert "Traceback" not in err
        assert tree_hashes(self.case) == before_case, "the evidence folder changed"
        new = set(snapshot(self.tmp)) - set(before_all)
        assert new <= {"accepted/results.json", "CASE.forensics/AUDIT_HEAD"}, f"left behind: {sorted(new)}"
        return json.loads((out / "results.json").read_text("utf-8"))

    def add_evidence(self, role: str, rel: str, data: bytes) -> None:
        (self.case / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.case / rel).write_bytes(data)
        m = self.manifest()
        m["evidence"].append({"role": role, "path": rel})
        self.write_manifest(m)

    def analyse(self, *extra) -> Path:
        out = self.tmp / "out"
        rc, _, err = self.cli("analyze", self.case, "--out", out, "-q", *extra)
        assert rc == 0, err
        return out


@pytest.fixture
def world(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FORENSICS_CALIBRATIONS", str(tmp_path / "calibrations"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return World(tmp_path, capsys)


@pytest.fixture(scope="session")
def analysed_template(tmp_path_factory):
    """The demo case analysed once per session (case folder, workspace, out/): each test that needs
    an analysed case gets a copy of it, which saves a whole analysis per test."""
    import contextlib
    import io
    import os
    root = tmp_path_factory.mktemp("analysed-template")
    shutil.copytree(DEMO, root / "CASE")
    env = {"FORENSICS_CALIBRATIONS": str(root / "calibrations"), "HOME": str(root / "home")}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from forensics_app.cli import main
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            rc = main(["analyze", str(root / "CASE"), "--out", str(root / "out"), "-q"])
        assert rc == 0, err.getvalue()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return root


@pytest.fixture
def analysed(world, analysed_template):
    """The world after one analysis with report (a copy of the session's template)."""
    shutil.rmtree(world.case)
    for name in ("CASE", "CASE.forensics", "out"):
        shutil.copytree(analysed_template / name, world.tmp / name, symlinks=True)
    return world
