"""Long work off the GUI thread: a QRunnable with a signals object (progress, result, error,
cancelled). Workers never touch widgets; they run the same pipeline functions as the CLI."""

from __future__ import annotations

import threading
import traceback
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from ..errors import Cancelled, ForensicsError, InputError


class WorkerSignals(QObject):
    progress = Signal(float, object)  # fraction, message: a catalogue message or plain text (a name)
    result = Signal(object)
    error = Signal(str, str)          # message, details
    cancelled = Signal()
    finished = Signal()


_RUNNING: set = set()      # strong references while a worker runs, whatever its owner does


class Worker(QRunnable):
    """Runs ``fn(progress=..., cancel=...)`` on the thread pool."""

    def __init__(self, fn: Callable, *args, **kwargs):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)
        _RUNNING.add(self)

    def _emit(self, signal: str, *args) -> None:
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:      # the receiving window was closed meanwhile: nothing to tell
            self._cancel.set()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            out = self.fn(*self.args, progress=lambda f, t="": self._emit("progress", f, t),
                          cancel=self.is_cancelled, **self.kwargs)
        except Cancelled:
            self._emit("cancelled")
        except ForensicsError as exc:          # expected: one line for the user, no traceback
            from .text import language
            self._emit("error", exc.text(language()), "")      # in the desk's language
        except Exception as exc:  # reported in a dialog, with the traceback in the details
            self._emit("error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self._emit("result", out)
        finally:
            self._emit("finished")
            _RUNNING.discard(self)


def _analyse_in_child(case_root, workspace, opts, actor, queue, cancel_event):
    """Runs in a separate process: the GIL-holding parts of dlib never stall the window."""
    from ..io.case import load_case
    from ..pipeline import run
    from ..store.workspace import Workspace
    try:
        case = load_case(case_root, opts.limits)
        ws = Workspace.open(case, workspace, actor=actor)
        try:
            res = run(case, ws, opts, progress=lambda f, t="": queue.put(("progress", f, t)),
                      cancel=cancel_event.is_set, actor=actor)
        finally:
            ws.close()
        queue.put(("result", res))
    except Cancelled:
        queue.put(("cancelled",))
    except InputError as exc:                 # crosses with its template and params (see errors.py)
        queue.put(("input_error", exc))
    except BaseException as exc:  # sent back to the GUI, shown with its traceback
        queue.put(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))


def analyse_case(case_root: str, workspace: str | None, opts, actor: str, progress, cancel):
    """The worker's job: the pipeline in a child process; progress and cancel cross over queues.
    The child opens the case and workspace itself (SQLite belongs to the process that opened it)."""
    import multiprocessing as mp
    import queue as _q

    ctx = mp.get_context("spawn")
    q, stop = ctx.Queue(), ctx.Event()
    proc = ctx.Process(target=_analyse_in_child, args=(case_root, workspace, opts, actor, q, stop))
    proc.start()
    try:
        while True:
            if cancel():
                stop.set()
            try:
                msg = q.get(timeout=0.05)
            except _q.Empty:
                if not proc.is_alive() and q.empty():
                    raise RuntimeError(f"analysis process ended unexpectedly (exit code {proc.exitcode})")
                continue
            kind = msg[0]
            if kind == "progress":
                progress(msg[1], msg[2])
            elif kind == "result":
                from ..core.model import Results
                return Results.from_json(msg[1])         # typed here, off the GUI thread
            elif kind == "cancelled":
                raise Cancelled()
            elif kind == "input_error":
                raise msg[1]
            else:
                raise RuntimeError(msg[1] + "\n" + msg[2])
    finally:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.terminate()
