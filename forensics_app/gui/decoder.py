"""Frames for the viewer and the player, by results label (``stm/capture.mp4#12`` or a still's
path). Qt-free. A video is decoded sequentially while playing (one ``read`` per frame) and seeks
only on a jump; decoding is OpenCV's FFmpeg build, the same as the analysis, so the player shows
exactly the pixels that were analysed."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import numpy as np


class FrameSource:
    def __init__(self, case_root: Path, cache_frames: int = 8):
        self.case_root = Path(case_root)
        self._caps: dict[str, tuple] = {}          # video path -> (cv2.VideoCapture, next index)
        self._lru: OrderedDict[str, np.ndarray] = OrderedDict()
        self._max = cache_frames

    def close(self) -> None:
        for cap, _ in self._caps.values():
            cap.release()
        self._caps.clear()
        self._lru.clear()

    def frame(self, label: str) -> np.ndarray:
        if label in self._lru:
            self._lru.move_to_end(label)
            return self._lru[label]
        if "#" in label:
            path, idx = label.rsplit("#", 1)
            rgb = self._video_frame(path, int(idx))
        else:
            from ..io.images import read_image
            rgb = read_image(self.case_root / label)[0]
        self._lru[label] = rgb
        while len(self._lru) > self._max:
            self._lru.popitem(last=False)
        return rgb

    def _video_frame(self, path: str, index: int) -> np.ndarray:
        import cv2

        from ..io.video import _is_gif, frame_at
        full = self.case_root / path
        if _is_gif(full):
            return frame_at(full, index)
        cap, nxt = self._caps.get(path, (None, -1))
        if cap is None:
            cap, nxt = cv2.VideoCapture(str(full)), 0
        if index != nxt:
            cap.set(cv2.CAP_PROP_POS_FRAMES, index)
            nxt = int(cap.get(cv2.CAP_PROP_POS_FRAMES))
        ok, bgr = cap.read() if nxt == index else (False, None)
        if not ok:                                   # container does not seek: decode forward
            cap.release()
            self._caps.pop(path, None)
            return frame_at(full, index)
        self._caps[path] = (cap, index + 1)
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def positions(results) -> list[str]:
    """Every frame the player can show (``results``: core.model.Results): the stills, then every
    frame of every video."""
    out = [s.path for s in results.media.stills]
    for v in results.media.videos:
        out += [f"{v.path}#{i}" for i in range(int(v.frames or 0))]
    if not out:
        out = [r.frame for r in results.face_comparison.per_frame]
    return out
