"""The hash-chained audit log and the records it covers.

Every entry carries the hash of the one before it. An entry may also name records of other tables
(``details["records"] = [[table, key, digest], ...]``): the digest of a row's full contents at the
moment it was written. ``verify`` recomputes every covered row's digest, so an edited, added or
deleted row is found unless the whole chain from that row on is recomputed too. That rewrite is
possible for anyone with write access to the workspace; it is caught against an earlier export,
whose ``audit_head`` is then no longer in the chain (see :mod:`forensics_app.store.anchor`).
"""

from __future__ import annotations

import hashlib
import json

from ..core.hashing import canonical
from .problems import Problem, short

GENESIS = "0" * 64
HEAD_FILE = "AUDIT_HEAD"          # copy of the newest entry's seq and hash, beside the database
# Tables whose rows a report or a re-run depends on, with their key column.
COVERED = {"files": "path", "analyses": "id", "notes": "id", "cache": "key", "calibrations": "name",
           "meta": "key"}
UNCOVERED_META = {"audit_head"}     # checked against the chain itself


def entry_hash(seq: int, ts: str, action: str, details: str, prev: str) -> str:
    return hashlib.sha256(canonical([seq, ts, action, details, prev]).encode()).hexdigest()


def row_digest(table: str, row: dict) -> str:
    """Digest of one row's full contents (every column), as recorded in the audit log."""
    return hashlib.sha256(canonical([table, dict(row)]).encode()).hexdigest()


def check_links(entries: list[dict]) -> tuple[list[Problem], str]:
    """Problems in the chain itself, and the hash of its last entry."""
    problems = []
    prev, expected_seq = GENESIS, 1
    for e in entries:
        if e["seq"] != expected_seq:
            problems.append(Problem("chain.gap", seq=expected_seq, next=e["seq"]))
        if e["prev_hash"] != prev:
            problems.append(Problem("chain.order", seq=e["seq"]))
        if entry_hash(e["seq"], e["ts"], e["action"], e["details"], e["prev_hash"]) != e["hash"]:
            problems.append(Problem("chain.altered", seq=e["seq"], action=e["action"]))
        prev, expected_seq = e["hash"], e["seq"] + 1
    return problems, prev


def details_of(entry: dict) -> dict:
    try:
        d = json.loads(entry["details"])
    except (TypeError, ValueError):
        return {}
    return d if isinstance(d, dict) else {}


def expected_records(entries: list[dict]) -> dict[tuple[str, str], tuple[str, int]]:
    """(table, key) -> (digest, seq of the entry that last recorded it); digest None = deleted."""
    out: dict[tuple[str, str], tuple[str, int]] = {}
    for e in entries:
        for rec in details_of(e).get("records", []) or []:
            if isinstance(rec, list) and len(rec) == 3:
                out[(str(rec[0]), str(rec[1]))] = (rec[2], e["seq"])
    return out


def check_records(tables: dict[str, list[dict]], expected: dict) -> list[Problem]:
    """Compare every covered table's rows with what the audit log recorded for them."""
    problems = []
    seen = set()
    for table, rows in tables.items():
        key_col = COVERED[table]
        for row in rows:
            key = str(row[key_col])
            if table == "meta" and key in UNCOVERED_META:
                continue
            seen.add((table, key))
            exp = expected.get((table, key))
            if exp is None or exp[0] is None:
                problems.append(Problem("record.unrecorded", table=table, key=short(key)))
            elif exp[0] != row_digest(table, row):
                problems.append(Problem("record.altered", table=table, key=short(key), seq=exp[1]))
    for (table, key), (digest, seq) in sorted(expected.items()):
        if digest is not None and (table, key) not in seen and table in tables:
            problems.append(Problem("record.deleted", table=table, key=short(key), seq=seq))
    return problems



def check_actors(entries: list[dict], schema_version: int) -> list[Problem]:
    """From schema 3 on, every entry names who or what wrote it (older entries are exempt up to the
    migration that says so)."""
    if schema_version < 3:
        return []
    start = 1
    for e in entries:
        d = details_of(e)
        if e["action"] == "migrate" and d.get("to") == 3:
            start = e["seq"]
    return [Problem("chain.no_actor", seq=e["seq"], action=e["action"]) for e in entries
            if e["seq"] >= start and not any(str(details_of(e).get(k) or "").strip() for k in ("actor", "login"))]
