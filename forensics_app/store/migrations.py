"""Workspace schema versions and the migrations between them.

Version 1 (before meta.schema_version existed): files, audit, cache, notes, analyses, meta; the
audit log chained its own entries but did not cover the other tables' rows.
Version 2: a ``calibrations`` table, ``meta.schema_version``, and every row of files, analyses,
notes, cache, calibrations and meta covered by an audit entry. Migrating a version-1 workspace
records its rows as found at that moment (the ``migrate`` entry says so): edits made before the
migration cannot be detected, edits after it can.
Version 3: every audit entry names its ``actor`` (the examiner, or the program and its version for
automatic entries such as cache and calibration records) and the ``program``; ``verify`` reports an
entry without one. Migrating a version-2 workspace leaves its older entries as they are (they are
under the chain and cannot be rewritten); the ``migrate`` entry says from which entry on actors
are complete.
"""

from __future__ import annotations

from ..errors import InputError, literal
from ..i18n import N_

SCHEMA_VERSION = 3

TABLES = {
    "files": {"path": str, "role": str, "sha256": str, "size": int, "mtime": str},
    "audit": {"seq": int, "ts": str, "action": str, "details": str, "prev_hash": str, "hash": str},
    "cache": {"key": str, "stage": str, "value": str},
    "notes": {"id": int, "target": str, "text": str, "created_at": str, "author": str},
    "analyses": {"id": int, "created_at": str, "results_sha256": str, "results": str, "run": str},
    "calibrations": {"name": str, "sha256": str, "origin": str, "content": str},
    "meta": {"key": str, "value": str},
}
PKS = {"files": "path", "audit": "seq", "cache": "key", "notes": "id", "analyses": "id",
       "calibrations": "name", "meta": "key"}


def create_schema(ws, only: tuple[str, ...] = ()) -> None:
    """Create the tables (inside the caller's transaction) with sqlite-utils' column typing."""
    for name, cols in TABLES.items():
        if only and name not in only:
            continue
        ws.db[name].create(cols, pk=PKS[name], if_not_exists=True)


def version(ws) -> int:
    v = ws.meta("schema_version")
    try:
        return int(v) if v is not None else 1
    except ValueError:
        raise InputError(ws.path, N_("workspace schema version {v} is not a number"), v=literal(v)) from None


def migrate(ws) -> None:
    v = version(ws)
    if v > SCHEMA_VERSION:
        raise InputError(ws.path, N_("workspace schema version {v} is newer than this program understands ({SCHEMA_VERSION}); "
                                     "use a newer forensics-app"), v=v,
                                  SCHEMA_VERSION=SCHEMA_VERSION)
    if v == 1:
        _v1_to_v2(ws)
        v = 2
    if v == 2:
        _v2_to_v3(ws)


def _v1_to_v2(ws) -> None:
    from .chain import COVERED, UNCOVERED_META
    with ws.write():
        create_schema(ws, only=("calibrations",))
        ws._insert("meta", {"key": "schema_version", "value": "2"}, replace=True)
        records = []
        for table, key in COVERED.items():
            for row in ws.db.query(f"select * from [{table}]"):
                if table == "meta" and row["key"] in UNCOVERED_META:
                    continue
                records.append((table, row[key], row))
        ws.append_audit("migrate", {"from": 1, "to": 2, "note": "rows recorded as found at migration; "
                                    "edits before this entry cannot be detected"}, records=records)


def _v2_to_v3(ws) -> None:
    with ws.write():
        row = {"key": "schema_version", "value": "3"}
        ws._insert("meta", row, replace=True)
        missing = [e["seq"] for e in ws.audit_entries() if not _actor(e)]
        ws.append_audit("migrate", {"from": 2, "to": 3, "entries_without_actor": missing,
                                    "note": "entries before this one were written before every entry named its "
                                            "actor; from this entry on each one does"},
                        records=[("meta", "schema_version", row)])


def _actor(entry) -> str:
    from .chain import details_of
    d = details_of(entry)
    return str(d.get("actor") or d.get("login") or "").strip()
