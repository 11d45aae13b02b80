"""Identity-per-folder photo sets (calibration material): every photo described by both
algorithms, as given and as a simulated chip photo, exactly as casework describes its images."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import numpy as np

from ..core.chipphoto import chip_params, make_chip
from ..core.facedesc import Engines, describe
from ..core.progress import check, never_cancel, no_progress
from ..errors import InputError
from ..i18n.render import msg
from .images import IMAGE_SUFFIXES, read_image
from ..i18n import N_


def list_identities(root: Path, keep: set[str] | None = None) -> list[tuple[str, Path]]:
    if not root.is_dir():
        raise InputError(root, N_("not a folder of identity sub-folders"))
    out = []
    for person in sorted(p for p in root.iterdir() if p.is_dir()):
        if keep is not None and person.name not in keep:
            continue
        for f in sorted(person.iterdir()):
            if f.suffix.lower() in IMAGE_SUFFIXES:
                out.append((person.name, f))
    return out


def describe_folder(engines: Engines, root: Path, progress: Callable[..., None] = no_progress,
                    cancel: Callable[[], bool] = never_cancel) -> tuple[dict, list[tuple[str, str]]]:
    """Arrays per photo (labels, files, o_/c_ found, sface, dlib, quality JSON, chip parameters)
    for the photos as given (``o_``) and as chips (``c_``); and the skipped files with why.
    ``progress(fraction, message)`` and ``cancel()`` follow :mod:`forensics_app.core.progress`."""
    items = list_identities(root)
    rec: dict[str, list] = {k: [] for k in ("labels", "files", "o_found", "o_sface", "o_dlib", "o_q", "c_found",
                                             "c_sface", "c_dlib", "c_q", "c_params")}
    skipped = []
    nan = np.full(128, np.nan)
    for i, (person, f) in enumerate(items):
        check(cancel)
        progress(i / max(1, len(items)), msg("progress.photos", i=i, n=len(items)))
        name = f"{root.name}/{person}/{f.name}"
        try:
            rgb, _ = read_image(f)
        except InputError as exc:
            skipped.append((name, exc.problem))
            continue
        d = describe(engines, rgb, with_dlib=True)
        p = chip_params(name)
        c = describe(engines, make_chip(rgb, d.face.landmarks5, **p), with_dlib=True) if d else None
        if d is None or c is None:
            skipped.append((name, "no face detected" if d is None else "no face found on its chip photo"))
        rec["labels"].append(person)
        rec["files"].append(name)
        for pre, x in (("o", d), ("c", c)):
            rec[f"{pre}_found"].append(x is not None)
            rec[f"{pre}_sface"].append(x.sface if x else nan)
            rec[f"{pre}_dlib"].append(x.dlib if x else nan)
            rec[f"{pre}_q"].append(json.dumps(x.quality if x else None))
        rec["c_params"].append(json.dumps(p))
    progress(1.0, msg("progress.photos", i=len(items), n=len(items)))
    return {k: np.array(v) for k, v in rec.items()}, skipped
