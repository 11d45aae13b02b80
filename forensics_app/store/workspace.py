"""The case workspace: a SQLite file (sqlite-utils) kept outside the evidence folder.

Tables: ``files`` (the intake record of every evidence file), ``audit`` (append-only, each entry
carries the hash of the one before it), ``cache`` (stage results keyed by what they depend on),
``notes`` and ``analyses``. The audit head hash is also kept in ``meta`` and in ``AUDIT_HEAD``
so that deleting the newest entry is detectable too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from ..core.hashing import canonical, sha256_file
from ..errors import InputError
from ..io.case import Case

DB_NAME = "workspace.sqlite"
HEAD_FILE = "AUDIT_HEAD"
GENESIS = "0" * 64


def default_workspace(case_root: Path) -> Path:
    case_root = Path(case_root).absolute()
    return case_root.parent / f"{case_root.name}.forensics"


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def entry_hash(seq: int, ts: str, action: str, details: str, prev: str) -> str:
    return hashlib.sha256(canonical([seq, ts, action, details, prev]).encode()).hexdigest()


def hash_case_files(case: Case) -> list[dict]:
    rows = []
    for rel, role in case.evidence_files():
        p = case.root / rel
        st = p.stat()
        rows.append({"path": rel, "role": role, "sha256": sha256_file(p), "size": st.st_size,
                     "mtime": dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc)
                     .isoformat(timespec="seconds")})
    return rows


@dataclass
class VerifyReport:
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    modified: list[dict] = field(default_factory=list)
    declared_mismatch: list[dict] = field(default_factory=list)
    audit_problems: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.modified or self.declared_mismatch
                    or self.audit_problems)

    def as_dict(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "added": self.added,
                "missing": self.missing, "modified": self.modified,
                "declared_hash_mismatch": self.declared_mismatch,
                "audit_problems": self.audit_problems}


class Workspace:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.db = sqlite_utils.Database(self.path / DB_NAME)

    # ---- creation -------------------------------------------------------------------------
    @classmethod
    def open(cls, case: Case, path: Path | None = None, actor: str = "") -> "Workspace":
        """Open the case's workspace, creating it (intake) on first open.

        Creation is atomic: everything is written to a temporary sibling folder that is renamed
        into place only when intake has finished, so a failure leaves no half-made workspace.
        """
        path = Path(path) if path else default_workspace(case.root)
        if path.resolve().is_relative_to(case.root.resolve()):
            raise InputError(path, "the workspace must be outside the evidence folder")
        if (path / DB_NAME).is_file():
            ws = cls(path)
            ws.close()
            ws = cls(path)
            return ws
        if path.exists() and any(path.iterdir()):
            raise InputError(path, "exists but is not a forensics workspace (no workspace.sqlite)")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
        try:
            ws = cls(tmp)
            ws._create(case, actor)
            ws.close()
            if path.exists():
                path.rmdir()
            os.replace(tmp, path)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return cls(path)

    def _create(self, case: Case, actor: str) -> None:
        rows = hash_case_files(case)
        self.db["files"].insert_all(rows, pk="path")
        self.db["audit"].create({"seq": int, "ts": str, "action": str, "details": str,
                                 "prev_hash": str, "hash": str}, pk="seq")
        self.db["cache"].create({"key": str, "stage": str, "value": str}, pk="key")
        self.db["notes"].create({"id": int, "target": str, "text": str, "created_at": str,
                                 "author": str}, pk="id")
        self.db["analyses"].create({"id": int, "created_at": str, "results_sha256": str,
                                    "results": str, "run": str}, pk="id")
        self.db["meta"].insert_all([{"key": "case_id", "value": case.case_id},
                                    {"key": "case_root", "value": str(case.root)},
                                    {"key": "audit_head", "value": GENESIS}], pk="key")
        self.append_audit("intake", {"case_id": case.case_id, "files": len(rows),
                                     "manifest_sha256": next(r["sha256"] for r in rows
                                                             if r["path"] == "case.json"),
                                     "actor": actor})

    def close(self) -> None:
        self.db.conn.close()

    # ---- audit log ------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        try:
            return self.db["meta"].get(key)["value"]
        except sqlite_utils.db.NotFoundError:
            return default

    def set_meta(self, key: str, value: str) -> None:
        self.db["meta"].upsert({"key": key, "value": value}, pk="key")

    def append_audit(self, action: str, details: dict) -> dict:
        with self.db.conn:
            last = list(self.db.query("select seq, hash from audit order by seq desc limit 1"))
            seq = last[0]["seq"] + 1 if last else 1
            prev = last[0]["hash"] if last else GENESIS
            ts = now_utc()
            det = canonical(details)
            row = {"seq": seq, "ts": ts, "action": action, "details": det, "prev_hash": prev,
                   "hash": entry_hash(seq, ts, action, det, prev)}
            self.db["audit"].insert(row)
            self.db["meta"].upsert({"key": "audit_head", "value": row["hash"]}, pk="key")
        (self.path / HEAD_FILE).write_text(f"{seq} {row['hash']}\n")
        return row

    def audit_entries(self) -> list[dict]:
        return list(self.db.query("select * from audit order by seq"))

    def check_audit(self) -> list[str]:
        problems = []
        prev, expected_seq = GENESIS, 1
        entries = self.audit_entries()
        for e in entries:
            if e["seq"] != expected_seq:
                problems.append(f"audit entry {expected_seq} is missing (next is {e['seq']})")
            if e["prev_hash"] != prev:
                problems.append(f"audit entry {e['seq']} does not follow the entry before it")
            if entry_hash(e["seq"], e["ts"], e["action"], e["details"], e["prev_hash"]) != e["hash"]:
                problems.append(f"audit entry {e['seq']} ({e['action']}) was altered after it was written")
            prev, expected_seq = e["hash"], e["seq"] + 1
        head = self.meta("audit_head")
        if head != prev:
            problems.append("the newest audit entries were removed (head hash in meta does not match)")
        head_file = self.path / HEAD_FILE
        if head_file.is_file():
            parts = head_file.read_text().split()
            if len(parts) != 2 or parts[1] != prev:
                problems.append(f"{HEAD_FILE} does not match the audit log's last entry")
        else:
            problems.append(f"{HEAD_FILE} is missing from the workspace")
        return problems

    # ---- files ----------------------------------------------------------------------------
    def recorded_files(self) -> dict[str, dict]:
        return {r["path"]: r for r in self.db["files"].rows}

    def verify(self, case: Case) -> VerifyReport:
        rep = VerifyReport()
        recorded = self.recorded_files()
        current = {r["path"]: r for r in hash_case_files(case)}
        rep.checked = len(current)
        rep.added = sorted(set(current) - set(recorded))
        rep.missing = sorted(set(recorded) - set(current))
        for p in sorted(set(current) & set(recorded)):
            if current[p]["sha256"] != recorded[p]["sha256"]:
                rep.modified.append({"path": p, "recorded": recorded[p]["sha256"],
                                     "now": current[p]["sha256"]})
        declared = case.records.get("bank_claims", {}).get("declared_hashes") or {}
        for p, h in sorted(declared.items()):
            now = current.get(p, {}).get("sha256")
            if now is None:
                rep.declared_mismatch.append({"path": p, "declared": h, "now": None,
                                              "problem": "file the bank declared is not in the case"})
            elif now.lower() != h.lower():
                rep.declared_mismatch.append({"path": p, "declared": h.lower(), "now": now,
                                              "problem": "hash differs from the bank's declared hash"})
        rep.audit_problems = self.check_audit()
        return rep

    # ---- stage cache ----------------------------------------------------------------------
    def cache_get(self, key: str):
        try:
            return json.loads(self.db["cache"].get(key)["value"])
        except sqlite_utils.db.NotFoundError:
            return None

    def cache_put(self, key: str, stage: str, value) -> None:
        self.db["cache"].upsert({"key": key, "stage": stage, "value": canonical(value)}, pk="key")

    # ---- analyses and notes ---------------------------------------------------------------
    def save_analysis(self, results_text: str, run: dict) -> int:
        digest = hashlib.sha256(results_text.encode()).hexdigest()
        with self.db.conn:
            row = self.db["analyses"].insert({"created_at": now_utc(), "results_sha256": digest,
                                              "results": results_text, "run": canonical(run)})
        return row.last_pk

    def latest_analysis(self) -> dict | None:
        rows = list(self.db.query("select * from analyses order by id desc limit 1"))
        return rows[0] if rows else None

    def analysis_date(self, results_sha256: str) -> str | None:
        """When results with this digest were first produced: the report's fixed creation date."""
        rows = list(self.db.query("select min(created_at) as t from analyses where results_sha256 = ?",
                                  [results_sha256]))
        return rows[0]["t"] if rows else None

    def add_note(self, target: str, text: str, author: str = "") -> int:
        with self.db.conn:
            pk = self.db["notes"].insert({"target": target, "text": text, "created_at": now_utc(),
                                          "author": author}).last_pk
        self.append_audit("note", {"note_id": pk, "target": target,
                                   "text_sha256": hashlib.sha256(text.encode()).hexdigest()})
        return pk

    def notes(self, target: str | None = None) -> list[dict]:
        if target is None:
            return list(self.db.query("select * from notes order by id"))
        return list(self.db.query("select * from notes where target = ? order by id", [target]))
