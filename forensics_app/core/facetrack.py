"""Face tracks over a video's frames, and which frames of each track are compared with the ID photo.

YuNet runs on every analysed frame (cheap); the embeddings (SFace, dlib) run on a stated sample
of each *track*. A track is a run of consecutive analysed frames of one video in which the same
subject face continues. A new track starts at a frame when (``START_REASONS``):

- ``first_frame``: the video's first analysed frame with a face;
- ``face_reappeared``: the previous analysed frame had no face;
- ``face_count_changed``: a second face appears, or one leaves (the number of detections changes);
- ``box_jump``: the subject's box overlaps the previous frame's by less than ``IOU_MIN``;
- ``appearance_jump``: the aligned 32×32 grey face crops of the two frames correlate below
  ``APPEARANCE_MIN`` (a cut, or a different face put in at the same place).

Sampling rule (``FaceParams.sface_every`` = S, ``dlib_every`` = D): SFace on the usable frames at
positions 0, S, 2S, … of each track's usable frames and on each track's last usable frame; dlib
on every D-th of those (the track's first always). S = 1 compares every usable frame. Stills are
each compared by both algorithms. So every track (and a splice makes one) is compared at least at
its first and last usable frames; what can go unsampled is a face that replaces the subject for
fewer than S consecutive frames *without* changing the box, the face count or the crop's
appearance beyond the thresholds above. The counts are recorded in ``face_comparison.sampling``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

IOU_MIN = 0.5
APPEARANCE_MIN = 0.7     # natural motion at 15-30 fps: median 0.98, 1st percentile >= 0.6 on real clips
START_REASONS = ("first_frame", "face_reappeared", "face_count_changed", "box_jump", "appearance_jump")


def iou(a, b) -> float:
    l, t = max(a[0], b[0]), max(a[1], b[1])
    r, btm = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, r - l) * max(0, btm - t)
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def appearance(rgb: np.ndarray, landmarks5: np.ndarray, size: int = 32) -> np.ndarray:
    """The face aligned to SFace's template at ``size`` px, grey, zero-mean, unit-norm (a vector)."""
    import cv2

    from .sface import TEMPLATE_112, similarity_transform
    m = similarity_transform(landmarks5, TEMPLATE_112 * size / 112.0)
    g = cv2.warpAffine(cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY), m, (size, size),
                       flags=cv2.INTER_AREA).astype(np.float64).ravel()
    g -= g.mean()
    return g / max(float(np.linalg.norm(g)), 1e-9)


@dataclass
class _Prev:
    video: str
    box: tuple | None
    n_faces: int
    look: np.ndarray | None


@dataclass
class Tracker:
    """Assigns each frame a track and decides which usable frames are compared (online: the last
    usable frame of a track is known when the next frame breaks it, see :meth:`close`)."""

    sface_every: int = 10
    dlib_every: int = 3
    tracks: int = 0
    starts: dict = field(default_factory=lambda: {r: 0 for r in START_REASONS})
    _prev: _Prev | None = None
    _pos: int = 0           # usable frames seen in the current track
    _picked: int = 0        # frames compared in the current track

    def start_reason(self, video: str, box, n_faces: int, look) -> str | None:
        """Why this frame starts a new track (None: it continues the current one)."""
        p = self._prev
        if box is None:
            return None
        if p is None or p.video != video:
            return "first_frame"
        if p.box is None:
            return "face_reappeared"
        if n_faces != p.n_faces:
            return "face_count_changed"
        if iou(box, p.box) < IOU_MIN:
            return "box_jump"
        if look is not None and p.look is not None and float(look @ p.look) < APPEARANCE_MIN:
            return "appearance_jump"
        return None

    def step(self, video: str, box, n_faces: int, look, usable: bool) -> tuple[int | None, str | None, tuple]:
        """One frame: (track id or None, start reason or None, (compare SFace, compare dlib) now)."""
        reason = self.start_reason(video, box, n_faces, look)
        if reason is not None:
            self.tracks += 1
            self.starts[reason] += 1
            self._pos = self._picked = 0
        self._prev = _Prev(video, tuple(box) if box is not None else None, n_faces, look)
        if box is None:
            return None, None, (False, False)
        want = (False, False)
        if usable:
            if self._pos % max(1, self.sface_every) == 0:
                want = self._pick()
            self._pos += 1
        return self.tracks, reason, want

    def _pick(self) -> tuple[bool, bool]:
        dl = self._picked % max(1, self.dlib_every) == 0
        self._picked += 1
        return True, dl

    def pick_last(self) -> tuple[bool, bool]:
        """Called for a track's last usable frame when it was not compared: compare it."""
        return self._pick()

    def record(self) -> dict:
        return {"tracks": self.tracks, "track_starts": dict(self.starts)}
