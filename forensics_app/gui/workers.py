"""Long work off the GUI thread: a QRunnable with a signals object (progress, result, error,
cancelled). Workers never touch widgets; they run the same pipeline functions as the CLI."""

from __future__ import annotations

import threading
import traceback
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from ..errors import Cancelled, InputError


class WorkerSignals(QObject):
    progress = Signal(float, str)
    result = Signal(object)
    error = Signal(str, str)          # message, details
    cancelled = Signal()
    finished = Signal()


class Worker(QRunnable):
    """Runs ``fn(progress=..., cancel=...)`` on the thread pool."""

    def __init__(self, fn: Callable, *args, **kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            out = self.fn(*self.args, progress=self.signals.progress.emit, cancel=self.is_cancelled, **self.kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except InputError as exc:
            self.signals.error.emit(exc.message, "")
        except Exception as exc:  # reported in a dialog, with the traceback in the details
            self.signals.error.emit(f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self.signals.result.emit(out)
        finally:
            self.signals.finished.emit()


def analyse_case(case_root: str, workspace: str | None, opts, progress, cancel) -> dict:
    """The worker's job: open the case in this thread (SQLite belongs to its thread) and analyse."""
    from ..io.case import load_case
    from ..pipeline import run
    from ..store.workspace import Workspace
    case = load_case(case_root, opts.limits)
    ws = Workspace.open(case, workspace)
    try:
        return run(case, ws, opts, progress=progress, cancel=cancel)
    finally:
        ws.close()
