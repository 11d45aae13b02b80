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
