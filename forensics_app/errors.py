"""Errors the user can act on: each names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad evidence or bad manifest. The CLI prints ``path: problem`` and exits 2."""

    def __init__(self, path: str | Path | None, problem: str):
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class Cancelled(Exception):
    """Raised inside a long task when the user cancelled it."""
