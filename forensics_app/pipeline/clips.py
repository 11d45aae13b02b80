"""Liveness over one clip or frame sequence: face rows (from the face stage, or found here),
per-frame measurements on the *distinct* frames, then the cues and verdict from core.liveness.

Measuring (slow: landmarks, PAD network, feature tracks) is kept apart from judging (fast), so
the evaluation can re-judge cached measurements with the thresholds of each split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import cv2
import numpy as np

from ..core import injection
from ..core.facecompare import FaceParams, frame_rows
from ..core.faces import FaceModels, landmarks68_at
from ..core.liveness import DEFAULT_THRESHOLDS, LivenessThresholds, PlaneTracker, assess, frame_features
from ..core.liveness_verdict import pad_operating_point
from ..core.pad import PadModel, dlib_to_full_face
from ..core.progress import check, never_cancel, no_progress
from ..errors import InputError
from ..io.images import Limits, read_image
from ..io.video import iter_frames, probe_video
from ..i18n import N_

PAD_EVERY = 3          # the PAD model scores every 3rd distinct frame with a face
REPEAT_MAD = 0.6       # whole-frame 32x32 thumbnails closer than this (grey levels) = the same image again
IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}


def face_rows(models: FaceModels, frames: Iterable, params: FaceParams = FaceParams()) -> list[dict]:
    """Face rows of a clip analysed on its own (no case): the face stage's YuNet detection."""
    from ..core.facedesc import Engines
    return frame_rows(Engines.load(with_dlib=True), frames, params)


MEASURE_VERSION = 3   # part of the evaluation cache key: bump when measuring changes (3: YuNet face rows)


def thumb(rgb: np.ndarray) -> np.ndarray:
    return cv2.resize(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), (32, 32), interpolation=cv2.INTER_AREA)


def distinct_flags(thumbs: list[np.ndarray]) -> list[bool]:
    """False for a frame that repeats the previous distinct image (32x32 thumbnails within
    ``REPEAT_MAD`` grey levels): a recorder padding a slow camera, or a frozen feed."""
    flags, prev = [], None
    for th in thumbs:
        t = th.astype(float)
        same = prev is not None and float(np.mean(np.abs(t - prev))) < REPEAT_MAD
        flags.append(not same)
        if not same:
            prev = t
    return flags


def frame_measures(models: FaceModels, rgb: np.ndarray, box, pad: PadModel | None, with_pad: bool,
                   meta: dict, thresholds: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    """What one frame's face gives on its own (68 landmarks, the cue features, the injection
    features, the PAD score when asked): no state carried from frame to frame."""
    pts = landmarks68_at(models, rgb, box)
    f = frame_features(rgb, box, pts, thresholds)
    f.pop("gray_small", None)
    f |= meta
    f["inj"] = injection.frame_features(rgb, box, pts)
    if with_pad:
        f["pad"] = round(pad.score(np.ascontiguousarray(rgb[..., ::-1]), dlib_to_full_face(box)), 6)
    return f


MEASURE_THREADS = 2     # frames measured at once (OpenCV, numpy and onnxruntime release the GIL)
MEASURE_AHEAD = 8       # frames measured ahead of the plane tracker, at most


def measure(models: FaceModels, frames: Iterable, rows_by_label: dict, pad: PadModel | None,
            flags: list[bool], cancel: Callable[[], bool] = never_cancel, pad_every: int = PAD_EVERY,
            thresholds: LivenessThresholds = DEFAULT_THRESHOLDS, threads: int | None = None,
            progress: Callable[..., None] = no_progress) -> dict:
    """Per-frame measurements. A frame that repeats the previous image is marked ``repeat`` and not
    measured: faces are found, motion, blinks and the PAD score judged on distinct frames only, so
    padding cannot change them. Each frame's own measures run on ``threads`` threads a few frames
    ahead; the plane tracker, which carries state from frame to frame, runs in order here. The
    measures do not depend on the thread (test: one thread gives the same). ``progress(fraction)``
    follows the frames taken in hand."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    threads = MEASURE_THREADS if threads is None else threads
    out, tracker = [], PlaneTracker()
    k = 0
    pending: deque = deque()

    def settle(n_left: int) -> None:
        while len(pending) > n_left:
            i, fut = pending.popleft()
            out[i] = fut.result()

    with ThreadPoolExecutor(max(1, threads), thread_name_prefix="liveness") as pool:
        for n, (label, _i, _t, rgb) in enumerate(frames):
            check(cancel)
            progress(n / max(1, len(flags)))
            if not flags[n]:
                out.append({"frame": label, "repeat": True})
                continue
            row = rows_by_label.get(label) or {}
            box = row.get("box")
            q = row.get("quality") or {}
            if not box:
                tracker.update(None, None)
                out.append({"frame": label, "repeat": False})
                continue
            tracker.update(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), box)
            meta = {"frame": label, "repeat": False, "face": True, "yaw": q.get("yaw_deg"),
                    "pitch": q.get("pitch_deg"), "eye_px": q.get("inter_eye_px")}
            pending.append((len(out), pool.submit(frame_measures, models, rgb, box, pad,
                                                  pad is not None and k % pad_every == 0, meta, thresholds)))
            out.append(None)
            k += 1
            settle(MEASURE_AHEAD)
        settle(0)
    return {"frames": out, "tracker_pairs": tracker.pairs(), "tracker_noise": tracker.noise()}


def _judge(meas: dict, fps: float, duration: float, n_frames: int, label: str, palette: bool,
           pad: PadModel | None, reproduction: dict | None,
           thresholds: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    pad_op = pad_operating_point([m["sha256"] for m in pad.info]) if pad is not None else None
    res = assess(meas, fps, duration, reproduction=reproduction, pad_name=pad.name if pad is not None else None,
                 sources=[label], palette=palette, pad_op=pad_op, t=thresholds)
    if pad is not None:
        res["pad_operating_point"] = pad_op
    res["series"] = [{"name": "eye openness (EAR)",
                      "values": [round(f["ear"], 4) if f.get("ear") is not None else None
                                 for f in meas["frames"] if not f.get("repeat")]}]
    if pad is not None:
        res["series"].append({"name": "PAD live score",
                              "values": [f.get("pad") for f in meas["frames"] if "pad" in f]})
    return res


@dataclass(frozen=True)
class CaseFrames:
    """What a case's analysis already has for one video, so that nothing is decoded or detected twice."""
    video: dict                 # the media stage's entry (core.model Media.videos): fps, duration_s,
    #                             frames, codec, analysed
    rows: dict                  # the face stage's rows by frame label (the YuNet detection made there)
    frames: Callable[[], Iterable]   # a fresh iterator over the analysed frames (pipeline/frames.py)


def analyse_clip(models: FaceModels, path: Path, limits: Limits = Limits(),
                 pad: PadModel | None = None, reproduction: dict | None = None, label: str | None = None,
                 cancel: Callable[[], bool] = never_cancel, keep_measurements: bool = False,
                 pad_every: int = PAD_EVERY, case_frames: CaseFrames | None = None,
                 thresholds: LivenessThresholds = DEFAULT_THRESHOLDS,
                 progress: Callable[..., None] = no_progress) -> dict:
    """Liveness of one video file: faces found and tracked over its distinct frames only.

    ``case_frames``: what a case's analysis already has (:class:`CaseFrames`), so that nothing is
    decoded or detected twice."""
    label = label or path.name
    if case_frames is None:
        info = probe_video(path, limits)
        fps, duration, n_total, gif = info.fps, info.duration_s, info.frames, info.codec == "gif"
        analysed = None

        def raw():
            return iter_frames(path, limits)
    else:
        v = case_frames.video
        fps, duration, n_total, gif = v["fps"], v["duration_s"], v["frames"], v["codec"] == "gif"
        analysed = v["analysed"]
        raw = case_frames.frames
    native_fps = fps
    if analysed is not None and analysed["frames"] < n_total:    # evenly spaced frames: judged at their rate
        fps = fps * analysed["frames"] / n_total

    def frames():
        return ((f"{label}#{i}", i, t, rgb) for i, t, rgb in raw())

    flags = distinct_flags(info.thumbs if case_frames is None else [thumb(f[3]) for f in frames()])
    if case_frames is None:
        rows = {r["frame"]: r for r in face_rows(models, (f for f, keep in zip(frames(), flags) if keep))}
    else:
        rows = case_frames.rows
    meas = measure(models, frames(), rows, pad, flags, cancel, pad_every, thresholds, progress=progress)
    res = _judge(meas, fps, duration, n_total, label, gif, pad, reproduction, thresholds)
    res["clip"] = {"path": label, "kind": "video", "frames": n_total, "fps": round(native_fps, 3),
                   "duration_s": round(duration, 3)}
    if analysed is not None and analysed["frames"] < n_total:
        res["clip"]["analysed"] = analysed
    if keep_measurements:
        res["measurements"] = meas
    return res


def sequence_paths(folder: Path) -> list[Path]:
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in IMAGE_EXTS)
    if not paths:
        raise InputError(folder, N_("frame-sequence folder holds no image files"))
    return paths


def analyse_sequence(models: FaceModels, paths: list[Path], limits: Limits = Limits(),
                     pad: PadModel | None = None, reproduction: dict | None = None,
                     label: str = "frames", labels: list[str] | None = None, fps: float | None = None,
                     cancel: Callable[[], bool] = never_cancel, keep_measurements: bool = False,
                     pad_every: int = PAD_EVERY, rows: dict | None = None,
                     thresholds: LivenessThresholds = DEFAULT_THRESHOLDS,
                     progress: Callable[..., None] = no_progress) -> dict:
    """Liveness of a terminal's captured frame sequence (stills in capture order). Without a known
    frame rate the pulse cannot be measured; blinks, motion, texture and the PAD score can.
    ``rows``: the face stage's rows by label (a case's analysis), so faces are not detected twice."""
    labels = labels or [f"{label}#{i}" for i in range(len(paths))]

    def frames():
        return ((lab, i, 0.0, read_image(p, limits)[0]) for i, (lab, p) in enumerate(zip(labels, paths)))

    flags = distinct_flags([thumb(f[3]) for f in frames()])
    if rows is None:
        rows = {r["frame"]: r for r in face_rows(models, (f for f, keep in zip(frames(), flags) if keep))}
    meas = measure(models, frames(), rows, pad, flags, cancel, pad_every, thresholds, progress=progress)
    duration = len(paths) / fps if fps else 0.0
    res = _judge(meas, fps or 0.0, duration, len(paths), label, False, pad, reproduction, thresholds)
    res["clip"] = {"path": label, "kind": "frame sequence", "frames": len(paths),
                   "fps": round(fps, 3) if fps else None, "duration_s": round(duration, 3) if fps else None}
    if keep_measurements:
        res["measurements"] = meas
    return res
