"""One case of a batch, as run inside a Dask worker (or any process): analyse, write, summarise.

Everything goes to the case's own output folder ``OUT/cases/<dir>/``: its workspace, results.json,
the masked report, ``link_data.json`` (what the portfolio links on) and last ``batch.json`` (the
case's status and the key of what it was computed from). A case whose key is unchanged since the
last run is skipped. Any problem becomes the case's status and message; nothing is raised, so one
case never stops the batch.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..core.hashing import canonical
from ..core.portfolio_model import LinkData
from ..errors import message_part, quoted
from ..i18n import N_
from .records import STATUS_ANALYSED, STATUS_FAILED, STATUS_REFUSED, BatchFile, CaseSpec, TaskRecord


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def run_key(case, opts, reports: bool) -> str:
    """What a case's outputs depend on: every input file's hash, the options, the software and
    library versions, the calibration's numbers, and whether a report was asked for."""
    from ..io import calibrations
    from ..pipeline import software_block
    from ..store.workspace import hash_case_files

    if hasattr(calibrations, "for_population"):        # one calibration per algorithm and protocol
        pop = calibrations.choose_population(opts.population, getattr(opts, "population_reason", None),
                                             case.manifest, case.is_chinese)
        cal = {proto: {a: c.as_dict() for a, c in calibrations.for_population(
            pop["key"] if proto == "chip" else pop["base"], proto).items()} for proto in ("chip", "photo")}
    else:
        name, _ = calibrations.choose(opts.population, case.manifest, case.is_chinese)
        cal = calibrations.load(name).as_dict()
    deps = {"inputs": [[f["path"], f["sha256"]] for f in hash_case_files(case)],
            "options": opts.as_dict(),
            "params": {k: getattr(v, "__dict__", repr(v)) for k, v in sorted(opts.params.items())},
            "software": software_block([]),
            "calibration": cal, "reports": reports}
    return hashlib.sha256(canonical(deps).encode()).hexdigest()


def _previous(out_dir: Path, key: str) -> BatchFile | None:
    prev = BatchFile.read(out_dir / "batch.json")
    try:
        text = (out_dir / "results.json").read_bytes()
    except OSError:
        return None
    if (prev is not None and prev.run_key == key and prev.status == STATUS_ANALYSED
            and hashlib.sha256(text).hexdigest() == prev.results_sha256
            and (out_dir / "link_data.json").is_file()):
        return prev
    return None


def finished_record(spec: CaseSpec, opts, reports: bool = True) -> TaskRecord | None:
    """The record of a case whose outputs are complete on disk for these inputs and options (its
    batch.json, results.json and link data agree), else None. A worker can finish a case and die
    before the scheduler collects the result; the client then reads what the worker wrote rather
    than count that death against the case."""
    from ..io.case import load_case

    try:
        case = load_case(spec.path, opts.limits)
        prev = _previous(Path(spec.out_dir), run_key(case, opts, reports))
    except Exception:                     # noqa: BLE001 - no complete record: the caller decides
        return None
    if prev is None:
        return None
    return TaskRecord(key=spec.key, case_id=case.case_id, status=STATUS_ANALYSED, message=prev.message,
                      results_sha256=prev.results_sha256)


def process_case(spec: CaseSpec, opts, reports: bool = True) -> TaskRecord:
    """Analyse one case into ``spec.out_dir``; what became of it. Never raises for a problem of the case."""
    from ..errors import InputError

    out_dir = Path(spec.out_dir)
    rec = TaskRecord(key=spec.key, case_id=spec.case_id)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        rec = _analyse(spec, opts, reports, out_dir)
    except InputError as exc:             # kept as template and params too: shown in the portfolio's language
        rec.status, rec.message, rec.parts = STATUS_REFUSED, exc.message, [exc.part()]
    except MemoryError:
        oom = message_part(N_("out of memory while analysing this case"))
        rec.status, rec.message, rec.parts = STATUS_FAILED, "out of memory while analysing this case", [oom]
    except Exception as exc:              # noqa: BLE001 - a failed case is recorded, never fatal
        rec.status, rec.message = STATUS_FAILED, f"{type(exc).__name__}: {exc}"
        rec.parts = [message_part(N_("{error}: {reason}"), error=quoted(type(exc).__name__), reason=quoted(exc))]
    if rec.status != STATUS_ANALYSED:
        try:
            _atomic_write(out_dir / "batch.json", BatchFile(
                case_id=rec.case_id, status=rec.status, message=rec.message, run_key=None, case_path=spec.path,
                folder=spec.key).text())
        except OSError:
            pass
    return rec


def _analyse(spec: CaseSpec, opts, reports: bool, out_dir: Path) -> TaskRecord:
    from ..io.case import load_case
    from ..pipeline import run, write_results
    from ..store.workspace import Workspace
    from .faces import captured_embeddings
    from .signals import case_signals

    case = load_case(spec.path, opts.limits)
    key = run_key(case, opts, reports)
    prev = _previous(out_dir, key)
    if prev is not None:
        return TaskRecord(key=spec.key, case_id=case.case_id, status=STATUS_ANALYSED, message=prev.message,
                          results_sha256=prev.results_sha256, skipped=True)
    ws = Workspace.open(case, out_dir / "workspace")
    results = run(case, ws, opts)
    dest = write_results(results, out_dir)
    sha = hashlib.sha256(dest.read_bytes()).hexdigest()
    link_data = LinkData(case_id=case.case_id, signals=case_signals(case),
                         faces=captured_embeddings(case, results, opts.limits))
    _atomic_write(out_dir / "link_data.json", link_data.text())
    message, parts = "", []
    if reports:
        from ..report import build_report
        try:
            build_report(results, out_dir / "report.pdf", lang=results["language"], mask=True,
                         case_root=case.root, created=ws.analysis_date(sha))
            ws.append_audit("export", {"report": "report.pdf", "lang": results["language"], "masked": True,
                                       "by": "batch"})
        except Exception as exc:          # noqa: BLE001 - the analysis stands; the report problem is said
            message = f"analysed, but the report could not be written: {type(exc).__name__}: {exc}"
            parts = [message_part(N_("analysed, but the report could not be written: {error}: {reason}"),
                                  error=quoted(type(exc).__name__), reason=quoted(exc))]
    _atomic_write(out_dir / "batch.json", BatchFile(
        case_id=case.case_id, status=STATUS_ANALYSED, message=message, run_key=key, results_sha256=sha,
        pid=os.getpid(), case_path=spec.path, folder=spec.key).text())
    return TaskRecord(key=spec.key, case_id=case.case_id, status=STATUS_ANALYSED, message=message,
                      parts=parts, results_sha256=sha)
