"""Identity-per-folder photo sets (a lab's own calibration material)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

from ..core.faces import FaceModels, analyse_faces
from ..core.progress import check, never_cancel, no_progress
from ..errors import InputError
from .images import IMAGE_SUFFIXES, read_image


def list_identities(root: Path, keep: set[str] | None = None) -> list[tuple[str, Path]]:
    if not root.is_dir():
        raise InputError(root, "not a folder of identity sub-folders")
    out = []
    for person in sorted(p for p in root.iterdir() if p.is_dir()):
        if keep is not None and person.name not in keep:
            continue
        for f in sorted(person.iterdir()):
            if f.suffix.lower() in IMAGE_SUFFIXES:
                out.append((person.name, f))
    return out


def embed_folder(models: FaceModels, root: Path, keep: set[str] | None = None,
                 progress: Callable[..., None] = no_progress, cancel: Callable[[], bool] = never_cancel):
    """Embed the largest face of every photo. Returns (labels, files, embeddings, skipped).

    ``progress(fraction, message)`` and ``cancel()`` follow :mod:`forensics_app.core.progress`."""
    items = list_identities(root, keep)
    labels, files, embs, skipped = [], [], [], []
    for i, (person, f) in enumerate(items):
        check(cancel)
        progress(i / max(1, len(items)), f"{i}/{len(items)} photos")
        try:
            rgb, _ = read_image(f)
        except InputError as exc:
            skipped.append((str(f), exc.problem))
            continue
        faces = analyse_faces(models, rgb, max_faces=1)
        if not faces:
            skipped.append((str(f), "no face detected"))
            continue
        labels.append(person)
        files.append(f"{root.name}/{person}/{f.name}")
        embs.append(faces[0].embedding)
    progress(1.0, f"{len(items)}/{len(items)} photos")
    return labels, files, [np.asarray(e) for e in embs], skipped
