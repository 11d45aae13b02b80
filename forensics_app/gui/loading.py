"""Opening and verifying a case: plain functions (Qt-free) that the desk runs on workers.

Hashing every evidence file is the slow part of both (intake on first open, re-hashing on
verification), so neither runs on the GUI thread. SQLite connections belong to the thread that
opened them: a job opens its own workspace and closes it; the GUI thread opens its own.
"""

from __future__ import annotations

from pathlib import Path

from ..core.model import Results
from ..i18n import N_
from .session import Session, Verification


def workspace_path(case_root: Path, workspace_root: str = "") -> Path | None:
    return Path(workspace_root) / f"{Path(case_root).name}.forensics" if workspace_root else None


def open_job(path: str, workspace_root: str = "", actor: str = "", progress=None, cancel=None) -> dict:
    """Read the case leniently (the evidence panel must be able to show missing or changed files;
    analysis re-reads it strictly), make or open its workspace, load the latest analysis."""
    from ..io.case import load_case
    from ..store.workspace import Workspace
    if progress:
        progress(0.1, {"text": N_("reading the case")})
    case = load_case(path, validate=False, must_exist=False)
    ws = Workspace.open(case, workspace_path(case.root, workspace_root), actor=actor)
    try:
        latest = ws.latest_analysis()
        results = Results.from_text(latest["results"]) if latest else None     # parsed here, off the GUI thread
        return {"case": case, "ws_path": str(ws.path), "results": results}
    finally:
        ws.close()


def verify_job(case, ws_path: str, progress=None, cancel=None) -> Verification:
    """Re-hash every evidence file and check the audit chain (the same check as ``verify``)."""
    from ..store.workspace import Workspace
    ws = Workspace(Path(ws_path))
    try:
        rep = ws.verify(case)
    finally:
        ws.close()
    return Verification("ok" if rep.ok else "failed", rep.as_dict(), tuple(rep.reasons()))


def open_sync(session: Session, path: str, workspace_root: str = "", actor: str = "") -> Session:
    """Open and verify on the calling thread (panel previews, scripts)."""
    from ..store.workspace import Workspace
    got = open_job(path, workspace_root, actor)
    gen = session.open(got["case"], Workspace(Path(got["ws_path"])), got["results"])
    session.set_verification(verify_job(got["case"], got["ws_path"]), gen)
    return session
