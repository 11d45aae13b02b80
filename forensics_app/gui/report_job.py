"""Export a report on a worker, by the same rule as ``forensics-app report``: the evidence is
verified again inside the workspace's write transaction; a failed verification refuses the report
unless the examiner overrode it, and then every page is stamped with the reasons. The PDF and its
audit entry (with the report's SHA-256 and the examiner as actor) stand or fall together. A
preview of page 1 is rendered when poppler is available."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from ..errors import per_language
from ..i18n import N_


def _first_reasons(rep, lang: str) -> str:
    reasons = rep.reasons(lang, custody_only=True)
    return reasons[0] + ("; …" if len(reasons) > 1 else "")


def export_job(results, path, lang, mask, case_root, ws_path, sign, password, actor, override, progress, cancel):
    from ..core.hashing import results_digest
    from ..errors import InputError
    from ..io.case import load_case
    from ..io.outputs import Staged, check_output
    from ..report import report_bytes
    from ..store.workspace import Workspace
    case = load_case(case_root, validate=False, must_exist=False)
    out = check_output(Path(path), "file", evidence=[case.root], protect=[Path(ws_path)])
    ws = Workspace(Path(ws_path))
    staged = Staged()
    try:
        with ws.write():
            progress(0.1, {"text": N_("verifying the evidence")})
            rep = ws.verify(case)
            stamp = None
            if not rep.custody_ok:             # a mismatch with the bank's declared hashes is a finding, not a failure
                if not override:
                    raise InputError(case.root, N_("verification failed ({reasons}); no report is issued unless you override (the "
                                                   "report is then stamped)"),
                                                reasons=per_language(lambda lg: _first_reasons(rep, lg)))
                stamp = {"failed": True, "reasons": rep.reasons(lang, custody_only=True)}   # the stamp speaks the report's language
            progress(0.3, {"text": N_("building report")})
            digest = results_digest(results)
            pdf = report_bytes(results, lang=lang, mask=mask, sign=Path(sign) if sign else None,
                               sign_password=password or None, case_root=case.root,
                               created=ws.analysis_date(digest), verification=stamp)
            staged.add(out, pdf)
            ws.append_audit("export", {"report": str(out), "lang": lang, "masked": mask, "signed": bool(sign),
                                       "report_sha256": hashlib.sha256(pdf).hexdigest(), "results_sha256": digest,
                                       "verification_failed": bool(stamp), "actor": actor})
            staged.commit()
    except BaseException:
        staged.abort()
        raise
    finally:
        ws.close()
    png = None
    if shutil.which("pdftoppm"):
        d = tempfile.mkdtemp(prefix="forensics-preview-")
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(out), f"{d}/p"], check=False,
                       capture_output=True)
        pngs = sorted(Path(d).glob("p*.png"))
        png = str(pngs[0]) if pngs else None
    progress(1.0, {"text": N_("report written")})
    return str(out), png
