"""Output paths, checked before any work: never inside the evidence folder, never a file where a
folder is needed (or the reverse), and writable (probed by creating and removing a file, which
also catches read-only media when running as root). Writes go to a temporary sibling that is
renamed into place, and a failure removes it: nothing half-written is left behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import InputError, quoted
from ..i18n import N_


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _existing_ancestor(path: Path) -> Path:
    p = path
    while not p.exists():
        if p.parent == p:
            break
        p = p.parent
    return p


def _probe(folder: Path, what: Path) -> None:
    try:
        fd, name = tempfile.mkstemp(prefix=".forensics-probe-", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise InputError(what, N_("cannot write here: {reason}"), reason=quoted(exc.strerror or exc)) from None


def check_output(path: Path, kind: str, evidence: list[Path] = (), protect: list[Path] = ()) -> Path:
    """Check an output ``path`` (kind 'folder' or 'file'); return it absolute.

    ``evidence``: case folders nothing may be written into. ``protect``: other folders (the
    workspace) that must not be written into either.
    """
    path = Path(path).absolute()
    for root in evidence:
        if _inside(path, root):
            raise InputError(path, N_("is inside the evidence folder {root}; outputs are never written into the evidence "
                                      "(choose a folder outside it)"),
                                   root=root)
    for root in protect:
        if root.exists() and _inside(path, root):
            raise InputError(path, N_("is inside the workspace {root}; choose a folder outside it"), root=root)
    if kind == "folder" and path.exists() and not path.is_dir():
        raise InputError(path, N_("is a file, but an output folder is needed here"))
    if kind == "file" and path.is_dir():
        raise InputError(path, N_("is a folder, but an output file name is needed here (e.g. report.pdf)"))
    anc = _existing_ancestor(path if kind == "folder" else path.parent)
    if not anc.is_dir():
        raise InputError(anc, N_("is a file, so the output cannot be created below it"))
    if kind == "file" and path.exists() and not path.is_file():
        raise InputError(path, N_("exists and is not a regular file"))
    _probe(anc, path)
    return path


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary sibling; on failure nothing is left."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(path.parent, N_("cannot create folder: {reason}"), reason=quoted(exc.strerror or exc)) from None
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise InputError(path, N_("cannot write: {reason}"), reason=quoted(exc.strerror or exc)) from None
    return path


class Staged:
    """Outputs of one command: written to temporary siblings, renamed into place together by
    :meth:`commit`, or all removed by :meth:`abort` (a failed command leaves nothing behind)."""

    def __init__(self):
        self.items: list[tuple[Path, Path]] = []

    def add(self, path: Path, data: bytes) -> Path:
        path = Path(path)
        tmp = path.with_name(f".{path.name}.staged-{os.getpid()}")
        write_atomic(tmp, data)
        self.items.append((tmp, path))
        return path

    def commit(self) -> None:
        for tmp, path in self.items:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                self.abort()
                raise InputError(path, N_("cannot write: {reason}"), reason=quoted(exc.strerror or exc)) from None
        self.items = []

    def abort(self) -> None:
        for tmp, _ in self.items:
            try:
                tmp.unlink()
            except OSError:
                pass
        self.items = []
