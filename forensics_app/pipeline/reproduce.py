"""Re-running an exported analysis without the examiner's workspace (``forensics-app reproduce``).

A court or the other side's expert holds the case folder, the report PDF (or results.json) and
this software, but not the examiner's workspace: ``verify`` needs that workspace, so it cannot help
them. ``reproduce`` re-analyses the case with the options the export records, in a fresh temporary
workspace (the evidence is only read), and compares the re-run with the export:

- an unmasked results.json (a file, or the one attached to an unmasked report) is compared byte
  for byte without its ``audit_head`` line (the anchor to the examiner's audit chain, which no other
  workspace can reproduce): :func:`forensics_app.core.hashing.analysis_digest`;
- a masked report's results.masked.json is compared with the re-run masked the same way.

Equal digests mean the export is what this software computes from this evidence with those
options. Differences are listed by their JSON path (first :data:`MAX_DIFFS`), so a changed figure
is named, not just "different".
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.hashing import analysis_digest, results_text
from ..errors import InputError
from ..i18n import N_
from ..store.anchor import MAX_EXPORT_BYTES

MAX_DIFFS = 20


@dataclass
class Reproduction:
    export: str                         # the file checked
    attachment: str                     # results.json or results.masked.json
    recorded_digest: str                # analysis digest (without audit_head) of the export
    rerun_digest: str                   # the same digest of the re-run
    recorded_version: str | None
    version: str
    differences: list[dict] = field(default_factory=list)   # {path, recorded, rerun}

    @property
    def same(self) -> bool:
        return self.recorded_digest == self.rerun_digest

    def as_dict(self) -> dict:
        return {"export": self.export, "attachment": self.attachment, "reproduced": self.same,
                "recorded_digest": self.recorded_digest, "rerun_digest": self.rerun_digest,
                "recorded_version": self.recorded_version, "version": self.version,
                "differences": self.differences}


def read_export(path: Path) -> tuple[str, bytes]:
    """(attachment name, bytes) of the results an export carries: a results.json file, or the one
    attached to a report PDF."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_EXPORT_BYTES:
            raise InputError(path, N_("is {size} bytes, over {MAX_EXPORT_BYTES} bytes: not an export of this app"),
                             size=size, MAX_EXPORT_BYTES=MAX_EXPORT_BYTES)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, N_("cannot read the export ({reason})"), reason=exc.strerror or str(exc)) from None
    if data[:5] == b"%PDF-":
        from ..store.anchor import pdf_parts
        embedded, _ = pdf_parts(data, str(path))
        for name in ("results.json", "results.masked.json"):
            if embedded.get(name):
                return name, embedded[name][0]
        raise InputError(path, N_("the report carries no results file to re-run against"))
    return "results.json", data


def _results(path: Path, data: bytes) -> dict:
    try:
        results = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError(path, N_("is not a results.json (not UTF-8 JSON)")) from None
    if not isinstance(results, dict) or not isinstance(results.get("options"), dict):
        raise InputError(path, N_("is not a results.json of this app (no recorded options to re-run with)"))
    return results


def options_of(results: dict, path: Path):
    """The run options the export records, as the pipeline's Options."""
    from ..core.facecompare import FaceParams
    from . import Options
    o = results["options"]
    try:
        face = FaceParams(**(o.get("face") or {}))
        return Options(population=o.get("population"), population_reason=o.get("population_reason"),
                       protocol=o.get("protocol") or "chip", face=face,
                       capture_tolerance_s=float(o.get("capture_tolerance_s", 120.0)),
                       pad_model=o.get("pad_model") or "builtin", use_cache=False)
    except (TypeError, ValueError) as exc:
        raise InputError(path, N_("its recorded options cannot be used to re-run ({reason})"),
                         reason=str(exc)) from None


def differences(a, b, path: str = "", out: list | None = None) -> list[dict]:
    """JSON paths where two results differ (first MAX_DIFFS), with both values (shortened)."""
    out = [] if out is None else out
    if len(out) >= MAX_DIFFS:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k == "audit_head" and not path:
                continue
            differences(a.get(k), b.get(k), f"{path}.{k}" if path else k, out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{i}]", out)
    elif a != b and len(out) < MAX_DIFFS:
        def short(v):
            s = json.dumps(v, ensure_ascii=False, sort_keys=True)
            return s if len(s) <= 120 else s[:117] + "…"
        out.append({"path": path, "recorded": short(a), "rerun": short(b)})
    return out


def reproduce(case_root: Path, export: Path, limits=None, progress=None, actor: str = "reproduce") -> Reproduction:
    """Re-analyse ``case_root`` with the options ``export`` records, in a temporary workspace, and
    compare. The evidence is only read; the temporary workspace is removed afterwards."""
    from .. import __version__
    from ..io.case import load_case
    from ..report.build import attachment
    from ..store.workspace import Workspace
    from . import run
    name, data = read_export(export)
    recorded = _results(Path(export), data)
    try:
        recorded_digest = analysis_digest(data)
    except ValueError:
        raise InputError(export, N_("is not a results.json as this app writes it (no single audit_head line)")) from None
    opts = options_of(recorded, Path(export))
    case = load_case(case_root, limits)
    if recorded.get("case_id") not in (None, case.case_id):
        raise InputError(export, N_("records case {recorded}, but the case folder is case {case}"),
                         recorded=str(recorded.get("case_id")), case=case.case_id)
    tmp = Path(tempfile.mkdtemp(prefix="forensics-reproduce-"))
    try:
        ws = Workspace.open(case, tmp / "workspace", actor=actor)
        try:
            rerun = run(case, ws, opts, **({"progress": progress} if progress else {}), actor=actor)
        finally:
            ws.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = results_text(rerun)
    rerun_text = attachment(rerun, text, mask=(name == "results.masked.json"))[1]
    rerun_digest = analysis_digest(rerun_text.encode("utf-8"))
    diffs = [] if rerun_digest == recorded_digest else differences(recorded, json.loads(rerun_text))
    return Reproduction(export=str(export), attachment=name, recorded_digest=recorded_digest,
                        rerun_digest=rerun_digest, recorded_version=(recorded.get("software") or {}).get("version"),
                        version=__version__, differences=diffs)
