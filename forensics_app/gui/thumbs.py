"""Thumbnails for the filmstrip: made on a worker and cached under each file's SHA-256 as the
results record it, so reopening a case or switching back to it decodes nothing again, and a file
analysed with other content (another hash) never shows a thumbnail made from the old one."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..i18n import N_

SIZE = (96, 72)
_CACHE: dict[tuple[str, str], object] = {}       # (file sha256, label) -> QImage
MAX_CACHED = 5000


def key(label: str, hashes: dict[str, str]) -> tuple[str, str]:
    path = label.rsplit("#", 1)[0] if "#" in label else label
    return hashes.get(path, ""), label


def cached(labels: list[str], hashes: dict[str, str]) -> dict[str, object]:
    return {lab: _CACHE[key(lab, hashes)] for lab in labels if key(lab, hashes) in _CACHE}


def make(case_root: Path, labels: list[str], hashes: dict[str, str], progress, cancel) -> dict[str, object]:
    """QImages (safe off the GUI thread) of the labels not yet cached, each video decoded once."""
    import cv2
    from PySide6.QtGui import QImage

    from ..io.images import read_image
    from ..io.video import iter_frames
    todo = [lab for lab in labels if key(lab, hashes) not in _CACHE]
    wanted: dict[str, set[int]] = {}
    for lab in todo:
        if "#" in lab:
            p, i = lab.rsplit("#", 1)
            wanted.setdefault(p, set()).add(int(i))
    frames: dict[str, np.ndarray] = {}
    for v, idx in wanted.items():
        for i, _t, rgb in iter_frames(Path(case_root) / v):
            if cancel():
                return {}
            if i in idx:
                frames[f"{v}#{i}"] = cv2.resize(rgb, SIZE, interpolation=cv2.INTER_AREA)
            if i >= max(idx):
                break
    out = {}
    for n, lab in enumerate(todo):
        if cancel():
            return {}
        try:
            small = frames[lab] if "#" in lab else cv2.resize(read_image(Path(case_root) / lab)[0], SIZE,
                                                              interpolation=cv2.INTER_AREA)
        except Exception:          # an unreadable file shows without a thumbnail; analysis reports it
            continue
        small = np.ascontiguousarray(small)
        img = QImage(small.data, SIZE[0], SIZE[1], 3 * SIZE[0], QImage.Format_RGB888).copy()
        out[lab] = img
        progress((n + 1) / max(len(todo), 1), {"text": N_("thumbnails")})
    return out


def store(images: dict[str, object], hashes: dict[str, str]) -> None:
    if len(_CACHE) + len(images) > MAX_CACHED:
        _CACHE.clear()
    for lab, img in images.items():
        _CACHE[key(lab, hashes)] = img
