"""A bank's backlog: every case analysed by the one orchestrator on a Dask cluster, then linked.

:func:`run_batch` plans one task per case folder (:mod:`.discover`), runs :func:`.task.process_case`
on the cluster's workers (:mod:`.cluster`) and writes ``OUT/portfolio.json`` (:mod:`.portfolio`).
A refused or failed case is recorded with its message; a worker that dies mid-case has its case
rescheduled by the Dask scheduler (``distributed.scheduler.allowed-failures`` times) before the
case is recorded as failed. Inside a worker the face stage runs in that worker's own process.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Callable

from ..core.portfolio_model import CaseAnchor, Portfolio
from .cluster import TlsFiles, check_address, connect
from .discover import plan
from .portfolio import build, write
from .records import STATUS_ANALYSED, STATUS_FAILED, CaseSpec, TaskRecord
from .task import finished_record, process_case


def _noop(*_a) -> None:
    pass


def task_key(spec_key: str, run: str) -> str:
    """Dask key of a case's task: stable prefix per case folder (for tests and logs), unique per run."""
    return f"forensics-case-{hashlib.sha256(spec_key.encode()).hexdigest()[:12]}-{run}"


KILLED_RESUBMIT = 3     # a case the scheduler gave up on (workers died) is submitted this many times more


def run_batch(cases_dir: Path, out: Path, opts=None, *, workers: int = 1, scheduler: str | None = None,
              tls: TlsFiles | None = None, allow_insecure: bool = False, reports: bool = True,
              alpha: float | None = None, progress: Callable = _noop, on_client: Callable = _noop,
              index_kind: str = "auto") -> Portfolio:
    """Analyse every case under ``cases_dir`` into ``out``; returns the portfolio (also written).

    ``progress(done, failed, total, text)`` is called after each case; ``on_client(client)`` once
    the cluster is reached (the CLI prints the dashboard link there)."""
    from distributed import as_completed

    from ..core.facelinks import ALPHA
    from ..pipeline import Options

    out = Path(out)
    if scheduler:
        check_address(scheduler, tls or TlsFiles(), allow_insecure)   # before anything is written
    specs = plan(Path(cases_dir), out)
    out.mkdir(parents=True, exist_ok=True)
    opts = opts or Options()
    records: dict[str, TaskRecord] = {}
    client, cluster = connect(workers, scheduler, tls, allow_insecure)
    try:
        on_client(client)
        run = uuid.uuid4().hex[:8]
        futures: dict = {client.submit(process_case, s, opts, reports, key=task_key(s.key, run), pure=False): s
                         for s in specs}
        failed = 0
        attempts: dict[str, int] = {}
        progress(0, 0, len(specs), "")
        queue = as_completed(list(futures))
        for fut in queue:
            spec: CaseSpec = futures[fut]
            try:
                rec = fut.result()
            except Exception as exc:       # noqa: BLE001 - KilledWorker, lost scheduler connection...
                attempts[spec.key] = attempts.get(spec.key, 0) + 1
                killed = type(exc).__name__ == "KilledWorker"
                done = finished_record(spec, opts, reports)
                if done is not None:       # finished and written before its worker died (result lost)
                    records[spec.key] = done
                    progress(len(records), failed, len(specs), spec.key)
                    fut.release()
                    continue
                if not killed and attempts[spec.key] <= 3 and fut.status != "error":
                    queue.add(fut)         # its result was lost with a worker: the scheduler recomputes it
                    continue
                if killed and attempts[spec.key] <= KILLED_RESUBMIT:
                    # again as a new task: the scheduler also counts a worker's death against a case that
                    # had just finished there (its result not yet reported), so a case that never crashed
                    # anything can reach allowed-failures; a case that kills its worker each time fails again
                    again = client.submit(process_case, spec, opts, reports, pure=False,
                                          key=task_key(spec.key, f"{run}-again{attempts[spec.key]}"))
                    futures[again] = spec
                    queue.add(again)
                    fut.release()
                    continue
                why = _task_error(exc)
                rec = TaskRecord(key=spec.key, case_id=spec.case_id, status=STATUS_FAILED, message=why.message,
                                 parts=[why.part()])
            records[spec.key] = rec
            failed += rec.status != STATUS_ANALYSED
            progress(len(records), failed, len(specs), spec.key)
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    anchors: list[CaseAnchor] = []
    portfolio = build(specs, records, ALPHA if alpha is None else alpha, index_kind, anchors)
    write(portfolio, out, anchors)
    return portfolio


def _task_error(exc: Exception):
    """Why a task left no result, as an error (template and params: the portfolio's language)."""
    from ..errors import ForensicsError, quoted
    from ..i18n import N_

    name = type(exc).__name__
    if name == "KilledWorker":
        return ForensicsError(N_("the worker process analysing this case died each time the case was tried "
                                 "(KilledWorker: a crash or running out of memory); the other cases are unaffected"))
    return ForensicsError(N_("the task did not complete: {error}: {reason}"), error=quoted(name), reason=quoted(exc))
