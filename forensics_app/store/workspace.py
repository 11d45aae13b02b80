"""The case workspace: a SQLite file kept outside the evidence folder.

Tables: ``files`` (the intake record of every evidence file), ``audit`` (append-only, each entry
carries the hash of the one before it), ``cache`` (stage results keyed by what they depend on),
``notes``, ``analyses``, ``calibrations`` (every calibration an analysis used, with its hash) and
``meta`` (case binding, schema version, audit head). Every row of those tables is covered by the
audit chain (:mod:`.chain`); the head hash is also kept in ``meta`` and in ``AUDIT_HEAD`` so that
deleting the newest entry is detectable too.

One writer at a time: every write runs inside ``BEGIN IMMEDIATE``; a second writer waits a few
seconds and is then refused with a clear message. A workspace is bound to its case (case_id) and
refuses another case.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from ..core.hashing import canonical, sha256_file
from ..errors import InputError, phrase, quoted
from ..io.case import Case
from . import chain, migrations
from .chain import GENESIS, HEAD_FILE, entry_hash, row_digest
from .problems import Problem
from .records import PROGRAM, RecordsMixin, actor_for, login_name, now_utc
from .verify import VerifyReport, check_audit, compare_files
from ..i18n import N_

DB_NAME = "workspace.sqlite"
BUSY_MS = 3000
__all__ = ["Workspace", "VerifyReport", "default_workspace", "hash_case_files", "DB_NAME", "GENESIS",
           "entry_hash"]


def default_workspace(case_root: Path) -> Path:
    case_root = Path(case_root).absolute()
    return case_root.parent / f"{case_root.name}.forensics"


def hash_case_files(case: Case) -> list[dict]:
    rows = []
    for rel, role in case.evidence_files():
        p = case.root / rel
        st = p.stat()
        rows.append({"path": rel, "role": role, "sha256": sha256_file(p), "size": st.st_size,
                     "mtime": dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc)
                     .isoformat(timespec="seconds")})
    return rows


# Cyrillic and Greek capitals and small letters that print like Latin ones (the usual look-alikes).
_ALIKE = str.maketrans("АВЕКМНОРСТХІЈЅаеорсухіјѕΑΒΕΖΗΙΚΜΝΟΡΤΥΧον", "ABEKMHOPCTXIJSaeopcyxijsABEZHIKMNOPTYXov")


def _skeleton(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKC", text).translate(_ALIKE).casefold()


class Workspace(RecordsMixin):
    def __init__(self, path: Path):
        self.path = Path(path)
        self.created = False
        db_file = self.path / DB_NAME
        try:
            self.conn = sqlite3.connect(db_file, isolation_level=None, timeout=BUSY_MS / 1000)
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        except sqlite3.Error as exc:
            raise InputError(db_file, N_("cannot open the workspace database ({reason})"), reason=quoted(exc)) from None
        self.conn.row_factory = None
        self.db = sqlite_utils.Database(self.conn)
        self._depth = 0
        self._head_dirty = False
        self._expected: dict | None = None
        self.actor = ""             # the examiner (settings) whose command writes; see actor_for()

    # ---- creation, binding ----------------------------------------------------------------
    @classmethod
    def open(cls, case: Case, path: Path | None = None, actor: str = "") -> "Workspace":
        """Open the case's workspace, creating it (intake) on first open.

        Creation is atomic: everything is written to a temporary sibling folder that is renamed
        into place only when intake has finished, so a failure leaves no half-made workspace.
        """
        path = Path(path).absolute() if path else default_workspace(case.root)
        if path.resolve().is_relative_to(case.root.resolve()):
            raise InputError(path, N_("the workspace must be outside the evidence folder"))
        if case.root.resolve().is_relative_to(path.resolve()):
            raise InputError(path, N_("the workspace must not contain the evidence folder"))
        if (path / DB_NAME).is_file():
            return cls._existing(case, path, actor)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise InputError(path, N_("exists but is not a forensics workspace (no workspace.sqlite)"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
        except OSError as exc:             # a case on a read-only medium (a sealed USB stick, a DVD)
            raise InputError(path, N_("cannot create the workspace: {reason}; if the case is on a read-only medium, "
                                      "put the workspace elsewhere with --workspace DIR"),
                                   reason=quoted(exc.strerror or exc)) from None
        try:
            ws = cls(tmp)
            ws.actor = actor
            ws._create(case, actor)
            ws.close()
            if path.exists():
                path.rmdir()
            os.rename(tmp, path)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if (path / DB_NAME).is_file():     # another command created it at the same moment
                return cls._existing(case, path, actor)
            raise InputError(path, N_("cannot create the workspace: {reason}"),
                                   reason=quoted(exc.strerror or exc)) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        ws = cls(path)
        ws.created = True
        ws.actor = actor
        return ws

    @classmethod
    def _existing(cls, case: Case, path: Path, actor: str = "") -> "Workspace":
        ws = cls(path)
        ws.actor = actor
        try:
            ws.bind(case)
            migrations.migrate(ws)
        except BaseException:
            ws.close()
            raise
        return ws

    def bind(self, case: Case) -> None:
        """Refuse a workspace that belongs to another case."""
        try:
            rec = self.meta("case_id")
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path / DB_NAME, N_("is not a readable workspace database ({reason})"),
                                                  reason=quoted(exc)) from None
        if rec is None:
            raise InputError(self.path / DB_NAME, N_("workspace records no case_id; it is not a forensics workspace"))
        if rec != case.case_id:
            alike = _skeleton(rec) == _skeleton(case.case_id)     # look-alike letters: show the code points
            shown = (ascii(rec), ascii(case.case_id)) if alike else (f"'{rec}'", f"'{case.case_id}'")
            raise InputError(self.path, N_("workspace belongs to case {shown} (recorded from {value}), not to case "
                                           "{shown2}{value2}; use that case's own workspace"),
                                        shown=shown[0], value=self.meta('case_root'), shown2=shown[1],
                                        value2=phrase(N_(" (they differ only in look-alike characters)")) if alike else "")

    def _create(self, case: Case, actor: str) -> None:
        rows = hash_case_files(case)
        with self.write():
            migrations.create_schema(self)
            for r in rows:
                self._insert("files", r)
            meta = [{"key": "case_id", "value": case.case_id}, {"key": "case_root", "value": str(case.root)},
                    {"key": "schema_version", "value": str(migrations.SCHEMA_VERSION)}]
            for m in meta:
                self._insert("meta", m)
            self._insert("meta", {"key": "audit_head", "value": GENESIS})
            self.append_audit("intake", {"case_id": case.case_id, "files": len(rows),
                                         "manifest_sha256": next(r["sha256"] for r in rows
                                                                 if r["path"] == "case.json"),
                                         "actor": actor_for("intake", actor)},
                              records=[("files", r["path"], r) for r in rows] + [("meta", m["key"], m) for m in meta])

    def close(self) -> None:
        self.conn.close()

    def discard(self) -> None:
        """Remove a workspace this command created (the command failed: nothing is left behind)."""
        if not self.created:
            self.close()
            return
        try:                            # only if no other command uses it meanwhile
            self.conn.execute("PRAGMA busy_timeout=0")
            self.conn.execute("BEGIN EXCLUSIVE")
            only_intake = self.conn.execute("select count(*) from audit").fetchone()[0] == 1
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            only_intake = False
        self.close()
        if only_intake:
            shutil.rmtree(self.path, ignore_errors=True)

    # ---- transactions ---------------------------------------------------------------------
    @contextmanager
    def write(self):
        """One write transaction (BEGIN IMMEDIATE); nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise InputError(self.path, N_("the workspace is in use by another command (one writer at a time); try again when it "
                                               "has finished")) from None
            raise InputError(self.path / DB_NAME, N_("cannot write to the workspace ({reason})"),
                                                  reason=quoted(exc)) from None
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._expected = None
            self._head_dirty = False
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._expected = None
            raise InputError(self.path / DB_NAME, N_("cannot write to the workspace ({reason})"),
                                                  reason=quoted(exc)) from None
        if self._head_dirty:
            self._write_head_file()

    def _insert(self, table: str, row: dict, replace: bool = False) -> int:
        cols = list(row)
        sql = (f"insert {'or replace ' if replace else ''}into [{table}] "
               f"({', '.join(f'[{c}]' for c in cols)}) values ({', '.join('?' for _ in cols)})")
        return self.conn.execute(sql, [row[c] for c in cols]).lastrowid

    def _row(self, table: str, key) -> dict | None:
        col = chain.COVERED[table]
        rows = list(self.db.query(f"select * from [{table}] where [{col}] = ?", [key]))
        return rows[0] if rows else None

    # ---- audit log ------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        rows = list(self.db.query("select value from meta where key = ?", [key]))
        return rows[0]["value"] if rows else default

    def append_audit(self, action: str, details: dict, records=()) -> dict:
        """Append an entry; ``records`` are (table, key, row) written in the same transaction.

        Every entry names the ``program`` that wrote it and its ``actor`` (see :func:`actor_for`), or,
        when the examiner is not named in the settings, the ``login`` of the user who ran the command."""
        recs = [[t, str(k), row_digest(t, row)] for t, k, row in records]
        actor = actor_for(action, details.get("actor") or self.actor)
        details = details | {"actor": actor, "program": PROGRAM} | ({} if actor else {"login": login_name()})
        if recs:
            details = details | {"records": recs}
        with self.write():
            last = list(self.db.query("select seq, hash from audit order by seq desc limit 1"))
            seq = last[0]["seq"] + 1 if last else 1
            prev = last[0]["hash"] if last else GENESIS
            ts = now_utc()
            det = canonical(details)
            row = {"seq": seq, "ts": ts, "action": action, "details": det, "prev_hash": prev,
                   "hash": entry_hash(seq, ts, action, det, prev)}
            self._insert("audit", row)
            self.conn.execute("update meta set value = ? where key = 'audit_head'", [row["hash"]])
            self._head_dirty = True
            if self._expected is not None:
                for t, k, d in recs:
                    self._expected[(t, k)] = (d, seq)
        return row

    def _write_head_file(self) -> None:
        self._head_dirty = False
        last = list(self.db.query("select seq, hash from audit order by seq desc limit 1"))
        if not last:
            return
        tmp = self.path / f".{HEAD_FILE}.tmp"
        try:
            tmp.write_text(f"{last[0]['seq']} {last[0]['hash']}\n")
            tmp.replace(self.path / HEAD_FILE)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise InputError(self.path / HEAD_FILE, N_("cannot write: {reason}"),
                                                    reason=quoted(exc.strerror or exc)) from None

    def audit_entries(self) -> list[dict]:
        return list(self.db.query("select * from audit order by seq"))

    def head(self) -> str:
        last = list(self.db.query("select hash from audit order by seq desc limit 1"))
        return last[0]["hash"] if last else GENESIS

    def check_audit(self) -> list[Problem]:
        """Problems in the chain, its head copies, every covered record and the actors."""
        return check_audit(self)

    def expected(self) -> dict:
        """(table, key) -> (digest, seq) as the audit log recorded them; empty when the chain is broken."""
        if self._expected is None:
            entries = self.audit_entries()
            broken, _ = chain.check_links(entries)
            self._expected = {} if broken else chain.expected_records(entries)
        return self._expected

    def record_seq(self, table: str, key: str) -> int | None:
        e = self.expected().get((table, str(key)))
        return e[1] if e else None

    def hash_of(self, seq: int) -> str | None:
        rows = list(self.db.query("select hash from audit where seq = ?", [seq]))
        return rows[0]["hash"] if rows else None

    # ---- files ----------------------------------------------------------------------------
    def recorded_files(self) -> dict[str, dict]:
        return {r["path"]: r for r in self.db.query("select * from files")}

    def verify(self, case: Case) -> VerifyReport:
        rep = compare_files(self.recorded_files(), hash_case_files(case), case)
        rep.audit_problems = self.check_audit()
        return rep
