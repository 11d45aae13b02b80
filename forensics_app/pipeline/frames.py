"""Video frames decoded once per analysis and shared by the stages that read them.

**Which frames** (the frames-per-video limit, ``Limits.max_video_frames``, CLI
``--max-video-frames``): a video of at most that many frames is analysed whole; a longer one is
analysed on that many frames *evenly spaced over the whole clip*, first and last included
(frame ``round(k·(n−1)/(limit−1))`` for k = 0…limit−1), so no stretch of the clip (its end
included) goes unseen. The rule and the counts are recorded per video in ``media.videos[]
.analysed`` and printed in the report. The media stage still reads every frame (count,
timestamps, repeats, truncation): that pass is cheap and its checks need them all.

**Decoding once, in bounded memory**: the media stage's pass hands each decoded frame to the
:class:`FrameStore`, which keeps the selected ones while they fit in ``budget_bytes`` (default
512 MiB: 580 frames of 640×480); the face and liveness stages then read them from memory. A
clip whose selected frames do not fit is decoded again by each stage that reads it (streaming,
one frame in memory at a time). Results never depend on which path was taken: decoding is
deterministic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np

from ..io.images import Limits
from ..io.video import iter_frames

FRAME_BUDGET_BYTES = 512 * 1024**2
RULE_ALL = "all"
RULE_EVEN = "evenly_spaced"


def selected_indices(n_total: int, limit: int) -> list[int]:
    """The frames analysed of a video of ``n_total`` frames under a limit of ``limit`` frames."""
    if n_total <= limit:
        return list(range(n_total))
    if limit <= 1:
        return [0]
    return sorted({round(k * (n_total - 1) / (limit - 1)) for k in range(limit)})


def selection_record(n_total: int, limit: int) -> dict:
    """What ``media.videos[].analysed`` records: the rule, the limit and the counts."""
    idx = selected_indices(n_total, limit)
    return {"frames": len(idx), "of": n_total, "limit": limit,
            "rule": RULE_ALL if len(idx) == n_total else RULE_EVEN,
            "stride": round((n_total - 1) / (len(idx) - 1), 4) if 1 < len(idx) < n_total else 1.0}


def _declared_frames(path) -> int:
    """The frame count the container's header declares (0 when unknown, e.g. a GIF)."""
    import cv2
    cap = cv2.VideoCapture(str(path))
    try:
        return int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0) if cap.isOpened() else 0
    finally:
        cap.release()


def _key(path) -> str:
    return str(Path(path).resolve())


class FrameStore:
    """The analysed frames of each video, decoded once when they fit in the memory budget."""

    def __init__(self, limits: Limits = Limits(), budget_bytes: int = FRAME_BUDGET_BYTES):
        self.limits, self.budget = limits, budget_bytes
        self._kept: dict[str, list] = {}
        self.decodes: dict[str, int] = {}          # file -> full decoding passes (benchmark figure)

    def used_bytes(self) -> int:
        return sum(rgb.nbytes for frames in self._kept.values() for _i, _t, rgb in frames)

    def collector(self, path: Path):
        """An ``on_frame`` callback for the media stage's pass over every frame of ``path``, and a
        ``finish(n_total)`` that keeps the selected frames if they fit (else nothing). Only the
        frames the header's frame count selects are held, and none when they would not fit, so a
        long clip never fills the budget just to be dropped."""
        key = _key(path)
        room = self.budget - self.used_bytes()
        declared = _declared_frames(path)
        wanted = set(selected_indices(declared, self.limits.max_video_frames)) if declared else None
        buf: list | None = []
        self.decodes[key] = self.decodes.get(key, 0) + 1

        def on_frame(i: int, t: float, rgb: np.ndarray) -> None:
            nonlocal buf, room
            if buf is None:
                return
            if i == 0 and wanted is not None and len(wanted) * rgb.nbytes > room:
                buf = None           # the selected frames would not fit: the stages will stream
                return
            if wanted is not None and i not in wanted:
                return
            room -= rgb.nbytes
            if room < 0:
                buf = None
            else:
                buf.append((i, t, rgb))

        def finish(n_total: int) -> None:
            if buf is None:
                return
            if declared and declared != n_total:    # the header's count was wrong: keep nothing
                return
            sel = set(selected_indices(n_total, self.limits.max_video_frames))
            self._kept[key] = [f for f in buf if f[0] in sel]
        return on_frame, finish

    def frames(self, path: Path, n_total: int) -> Iterator[tuple[int, float, np.ndarray]]:
        """(index, time_ms, RGB) of the analysed frames of one video, in order."""
        key = _key(path)
        if key in self._kept:
            return iter(self._kept[key])
        idx = selected_indices(n_total, self.limits.max_video_frames)
        size = self._frame_bytes(path)
        self.decodes[key] = self.decodes.get(key, 0) + 1
        if size and size * len(idx) <= self.budget - self.used_bytes():
            self._kept[key] = list(iter_frames(path, self.limits, indices=idx))
            return iter(self._kept[key])
        return iter_frames(path, self.limits, indices=idx)

    def _frame_bytes(self, path: Path) -> int:
        for _i, _t, rgb in iter_frames(path, self.limits, indices=[0]):
            return rgb.nbytes
        return 0
