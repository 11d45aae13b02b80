"""Workspace records other than the evidence intake: stage cache, calibrations used, analyses and
notes. Each write is one transaction with the audit entry that covers the row (see chain.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging

from .. import SOFTWARE_NAME, __version__
from ..core.hashing import canonical
from .chain import row_digest

log = logging.getLogger("forensics_app.store.workspace")


PROGRAM = f"{SOFTWARE_NAME} {__version__}"
# Entries the program makes by itself (not at an examiner's request): their actor is the program.
AUTOMATIC = {"cache", "calibration", "migrate"}


def actor_for(action: str, examiner: str = "") -> str:
    """Who wrote an audit entry: the program (with its version) for automatic entries, else the
    examiner named in the settings ("" when none is named: the entry then names the login)."""
    if action in AUTOMATIC:
        return PROGRAM
    return (examiner or "").strip()


def login_name() -> str:
    """The login of the user running the command (names an entry whose examiner is not named)."""
    try:
        import getpass
        return getpass.getuser()
    except Exception:            # no login name (a bare container)
        return f"unnamed user of {PROGRAM}"


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class RecordsMixin:
    # ---- stage cache ----------------------------------------------------------------------
    def cache_get(self, key: str):
        """A cached stage value, or None when absent or when it does not match its audit record."""
        row = self._row("cache", key)
        if row is None:
            return None
        exp = self.expected().get(("cache", key))
        if exp is None or exp[0] != row_digest("cache", row):
            log.warning("cache entry %s does not match the audit log: ignored and recomputed", key[:12])
            return None
        return json.loads(row["value"])

    def cache_put(self, key: str, stage: str, value) -> None:
        row = {"key": key, "stage": stage, "value": canonical(value)}
        exp = self.expected().get(("cache", key))
        if exp is not None and exp[0] == row_digest("cache", row):
            # The audit log already records exactly this content (a re-run, or a tampered row being
            # restored): no new entry, so audit_head and with it results.json stay byte-identical.
            if self._row("cache", key) != row:
                with self.write():
                    self._insert("cache", row, replace=True)
            return
        with self.write():
            self._insert("cache", row, replace=True)
            self.append_audit("cache", {"stage": stage}, records=[("cache", key, row)])

    # ---- calibrations ---------------------------------------------------------------------
    def record_calibration(self, name: str, sha256: str, origin: str, content: str) -> int:
        """Record a calibration an analysis uses; returns the seq of the entry covering it."""
        row = {"name": name, "sha256": sha256, "origin": origin, "content": content}
        if self._row("calibrations", name) == row and self.record_seq("calibrations", name):
            return self.record_seq("calibrations", name)
        with self.write():
            self._insert("calibrations", row, replace=True)
            e = self.append_audit("calibration", {"name": name, "sha256": sha256, "origin": origin},
                                  records=[("calibrations", name, row)])
        return e["seq"]

    # ---- analyses and notes ---------------------------------------------------------------
    def save_analysis(self, results_text: str, run: dict, details: dict | None = None) -> int:
        digest = hashlib.sha256(results_text.encode()).hexdigest()
        with self.write():
            row = {"created_at": now_utc(), "results_sha256": digest, "results": results_text,
                   "run": canonical(run)}
            pk = self._insert("analyses", row)
            row = self._row("analyses", pk)
            self.append_audit("analysis", (details or {}) | {
                "analysis_id": pk, "results_sha256": digest,
                "audit_head": json.loads(results_text).get("audit_head")},
                              records=[("analyses", pk, row)])
        return pk

    def latest_analysis(self) -> dict | None:
        rows = list(self.db.query("select * from analyses order by id desc limit 1"))
        return rows[0] if rows else None

    def analysis_date(self, results_sha256: str) -> str | None:
        """When results with this digest were first produced: the report's fixed creation date."""
        rows = list(self.db.query("select min(created_at) as t from analyses where results_sha256 = ?",
                                  [results_sha256]))
        return rows[0]["t"] if rows else None

    def add_note(self, target: str, text: str, author: str = "") -> int:
        with self.write():
            pk = self._insert("notes", {"target": target, "text": text, "created_at": now_utc(),
                                        "author": author})
            self.append_audit("note", {"note_id": pk, "target": target, "actor": author,
                                       "text_sha256": hashlib.sha256(text.encode()).hexdigest()},
                              records=[("notes", pk, self._row("notes", pk))])
        return pk

    def notes(self, target: str | None = None) -> list[dict]:
        if target is None:
            return list(self.db.query("select * from notes order by id"))
        return list(self.db.query("select * from notes where target = ? order by id", [target]))
