"""Errors the user can act on: each names the file and the problem.

Every error the app raises on purpose derives from :class:`ForensicsError`, so a caller (the CLI,
the GUI worker) can tell "expected, explain it in one line" from "a bug, show the traceback":

- :class:`InputError`   bad evidence, manifest, settings or argument; the CLI prints ``path: problem``
  and exits 2.
- :class:`Cancelled`    the user cancelled a long task (progress protocol's ``cancel()`` said so).
- :class:`ModelError`   a model file (PAD ONNX, calibration, face model) is missing, unreadable or
  does not match its recorded hash.
- :class:`CacheError`   a cached stage result cannot be used (corrupt or of another format).
"""

from __future__ import annotations

from pathlib import Path


class ForensicsError(Exception):
    """Base of every error the app raises on purpose. ``message`` is one line for the user."""

    def __init__(self, message: str = ""):
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)


class InputError(ForensicsError):
    """Bad evidence or bad manifest. The CLI prints ``path: problem`` and exits 2."""

    def __init__(self, path: str | Path | None, problem: str):
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class ModelError(InputError):
    """A model (or its descriptor/calibration) is missing, unreadable or not the recorded one.

    An InputError, so it reaches the user as ``path: problem`` with exit 2."""


class Cancelled(ForensicsError):
    """Raised inside a long task when the user cancelled it."""

    def __init__(self, message: str = "cancelled"):
        super().__init__(message)


class CacheError(ForensicsError):
    """A cached stage result cannot be used; the runner recomputes the stage."""
