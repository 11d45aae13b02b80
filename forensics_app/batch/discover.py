"""Finding the cases of a backlog and giving each its own output folder.

Every folder under CASES_DIR that holds a case.json is a case (its subfolders are its evidence,
not more cases; ``*.forensics`` workspaces are skipped). The output folder is ``cases/<case_id>``;
when two folders carry one case_id (or a case_id is not a safe folder name, or case.json cannot
be read) each gets ``cases/<name>~<8 hex of its path>``, so no two cases ever share a folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from ..errors import InputError
from ..i18n import N_
from .records import CaseSpec

MANIFEST = "case.json"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def find_case_folders(cases_dir: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(cases_dir, followlinks=False):
        if MANIFEST in files:
            found.append(Path(root))
            dirs[:] = []                    # a case's subfolders are its evidence
            continue
        dirs[:] = sorted(d for d in dirs if not d.endswith(".forensics") and not d.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(cases_dir).as_posix())


def _peek_case_id(folder: Path) -> str | None:
    try:
        cid = json.loads((folder / MANIFEST).read_text("utf-8")).get("case_id")
    except (OSError, ValueError, AttributeError):
        return None
    return cid if isinstance(cid, str) and cid.strip() else None


def _short(rel: str) -> str:
    return hashlib.sha256(rel.encode()).hexdigest()[:8]


def plan(cases_dir: Path, out: Path) -> list[CaseSpec]:
    """One spec per case folder, each with its own output folder."""
    cases_dir, out = Path(cases_dir).resolve(), Path(out).resolve()
    if not cases_dir.is_dir():
        raise InputError(cases_dir, N_("not a folder"))
    if out == cases_dir or cases_dir in out.parents:
        raise InputError(out, N_("the output folder must not be inside the cases folder (evidence is never written to)"))
    specs = [CaseSpec(key=folder.relative_to(cases_dir).as_posix(), path=str(folder), case_id=_peek_case_id(folder))
             for folder in find_case_folders(cases_dir)]
    by_id: dict[str, list[CaseSpec]] = {}
    for s in specs:
        if s.case_id:
            by_id.setdefault(s.case_id, []).append(s)
    for s in specs:
        twins = [t.key for t in by_id.get(s.case_id, []) if t is not s] if s.case_id else []
        s.duplicate_of = twins
        if s.case_id and not twins and _SAFE.match(s.case_id):
            name = s.case_id
        else:
            base = re.sub(r"[^A-Za-z0-9._-]", "_", s.case_id or Path(s.key).name)[:60] or "case"
            name = f"{base}~{_short(s.key)}"
        s.out_dir = str(out / "cases" / name)
    return specs
