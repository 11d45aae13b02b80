"""SHA-256 of files and of canonical JSON: the one place evidence and results are hashed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def sha256_file(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def canonical(obj) -> str:
    """Compact, key-sorted JSON: the form that is hashed (audit entries, cache keys)."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def results_text(results: dict) -> str:
    """results.json exactly as written: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(results, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def results_digest(results: dict) -> str:
    return hashlib.sha256(results_text(results).encode()).hexdigest()


ANCHOR_LINE = b'  "audit_head": '


def analysis_digest(data: bytes) -> str:
    """SHA-256 of a results.json *without its run-specific anchor*: the file's bytes with the one
    top-level ``audit_head`` line removed (``grep -v '^  "audit_head": ' results.json | sha256sum``).

    Two analyses of the same inputs with the same options and software give the same digest in any
    workspace; the anchor (the workspace's audit chain head, which records when things happened) is
    what differs, and is checked separately against the workspace (store/anchor.py)."""
    lines = data.split(b"\n")
    kept = [ln for ln in lines if not ln.startswith(ANCHOR_LINE)]
    if len(lines) - len(kept) != 1:
        raise ValueError("not a results.json as written: expected exactly one top-level audit_head line")
    return hashlib.sha256(b"\n".join(kept)).hexdigest()
