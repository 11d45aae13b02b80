"""Export a report on a worker: build (and optionally sign) the PDF, audit-log it with the
examiner as actor, render a preview of page 1 when poppler is available."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def export_job(results, path, lang, mask, case_root, ws_path, sign, password, actor, stamp, progress, cancel):
    """``stamp``: None, or {"failed": True, "reasons": [...]} when the examiner overrode a failed
    verification: the report then carries the 'verification failed' stamp on every page."""
    from ..core.hashing import results_digest
    from ..report import build_report
    from ..store.workspace import Workspace
    ws = Workspace(Path(ws_path))
    try:
        progress(0.2, "building report")
        extra = {"verification": stamp} if stamp else {}
        out = build_report(results, Path(path), lang=lang, mask=mask, case_root=Path(case_root),
                           created=ws.analysis_date(results_digest(results)), sign=Path(sign) if sign else None,
                           sign_password=password or None, **extra)
        ws.append_audit("export", {"report": str(out), "lang": lang, "masked": mask, "signed": bool(sign),
                                   "verification_failed_override": bool(stamp), "actor": actor})
    finally:
        ws.close()
    png = None
    if shutil.which("pdftoppm"):
        d = tempfile.mkdtemp(prefix="forensics-preview-")
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out), f"{d}/p"], check=False,
                       capture_output=True)
        pngs = sorted(Path(d).glob("p*.png"))
        png = str(pngs[0]) if pngs else None
    progress(1.0, "report written")
    return str(out), png
