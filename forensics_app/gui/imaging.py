"""numpy RGB arrays to Qt images, and reading a frame by its results label."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap


def to_pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    img = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888)
    return QPixmap.fromImage(img.copy())


def read_frame(case_root, label: str) -> np.ndarray:
    """One frame by its results label (``stm/capture.mp4#12`` or a still's path)."""
    from .decoder import FrameSource
    src = FrameSource(case_root, cache_frames=1)
    try:
        return src.frame(label)
    finally:
        src.close()
