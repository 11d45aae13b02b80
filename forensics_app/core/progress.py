"""The one progress protocol of every long task (pipeline stages, photo sets, clips, reports).

A task receives ``progress(fraction, message)`` with ``0 <= fraction <= 1`` and a short message,
a catalogue message ``{"code", "params"}`` (or a term) that the sink renders in its user's language
(:func:`forensics_app.i18n.render.progress_text`); plain text only for names (a file, a case key). It also receives ``cancel()``, a callable returning True once the user asked to stop; the task then raises
:class:`forensics_app.errors.Cancelled` at its next check (:func:`check`). :func:`scaled` maps a
sub-task's 0..1 onto a slice of its parent's range, so nested tasks report one monotone bar.
"""

from __future__ import annotations

from typing import Callable, Protocol

from ..errors import Cancelled


class Progress(Protocol):
    def __call__(self, fraction: float, message: str | dict = "") -> None: ...


class Cancel(Protocol):
    def __call__(self) -> bool: ...


def no_progress(fraction: float = 0.0, message: str | dict = "") -> None:
    """A progress sink that ignores everything (the default)."""


def never_cancel() -> bool:
    return False


def check(cancel: Callable[[], bool]) -> None:
    """Raise Cancelled if the user asked to stop."""
    if cancel():
        raise Cancelled()


def clamp(fraction: float) -> float:
    return max(0.0, min(1.0, float(fraction)))


def scaled(progress: Callable[..., None], start: float, stop: float,
           prefix: str = "") -> Callable[..., None]:
    """A progress callable for a sub-task covering ``start..stop`` of ``progress``'s range
    (``prefix`` goes before a plain-text message only)."""
    def sub(fraction: float, message: str | dict = "") -> None:
        progress(start + (stop - start) * clamp(fraction),
                 f"{prefix}{message}" if prefix and isinstance(message, str) else message)
    return sub
