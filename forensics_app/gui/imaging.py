"""numpy RGB arrays to Qt images, and reading a frame by its results label."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage, QPixmap


def to_pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    img = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888)
    return QPixmap.fromImage(img.copy())


def read_frame(case_root: Path, label: str) -> np.ndarray:
    from ..io.images import read_image
    from ..io.video import frame_at
    if "#" in label:
        path, idx = label.rsplit("#", 1)
        return frame_at(case_root / path, int(idx))
    return read_image(case_root / label)[0]
