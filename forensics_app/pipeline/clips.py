"""Liveness over one clip: face rows (from the face stage, or tracked here), 68-point eye contours,
per-frame features, then the cues and verdict from core.liveness."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from ..core.facecompare import FaceParams, frame_rows
from ..core.faces import FaceModels, landmarks68_at
import cv2

from ..core.liveness import PlaneTracker, assess, frame_features
from ..core.pad import PadModel, dlib_to_full_face
from ..core.progress import check, never_cancel, no_progress
from ..io.images import Limits
from ..io.video import iter_frames, probe_video

PAD_EVERY = 3   # the PAD plug-in scores every 3rd frame with a face


def face_rows(models: FaceModels, frames: Iterable, params: FaceParams = FaceParams()) -> list[dict]:
    """Face rows of a clip analysed on its own (no case): the face stage's YuNet detection."""
    from ..core.facedesc import Engines
    return frame_rows(Engines.load(with_dlib=True), frames, params)


def clip_features(models: FaceModels, frames: Iterable, rows_by_label: dict, pad: PadModel | None,
                  cancel: Callable[[], bool] = never_cancel, pad_every: int = PAD_EVERY) -> tuple[list[dict], list[float], PlaneTracker]:
    feats, pad_scores = [], []
    tracker = PlaneTracker()
    k = 0
    for label, _i, _t, rgb in frames:
        check(cancel)
        row = rows_by_label.get(label) or {}
        box = row.get("box")
        if not box:
            tracker.update(None, None)
            feats.append({})
            continue
        tracker.update(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), box)
        feats.append(frame_features(rgb, box, landmarks68_at(models, rgb, box)))
        if pad is not None and k % pad_every == 0:
            pad_scores.append(pad.score(np.ascontiguousarray(rgb[..., ::-1]), dlib_to_full_face(box)))
        k += 1
    return feats, pad_scores, tracker


def analyse_clip(models: FaceModels, path: Path, limits: Limits = Limits(), rows: list[dict] | None = None,
                 pad: PadModel | None = None, reproduction: dict | None = None, label: str | None = None,
                 cancel: Callable[[], bool] = never_cancel, pad_every: int = PAD_EVERY) -> dict:
    """Liveness of one video file. ``rows`` may come from the face stage (labels ``label#i``)."""
    info = probe_video(path, limits)
    label = label or path.name

    def frames():
        return ((f"{label}#{i}", i, t, rgb) for i, t, rgb in iter_frames(path, limits))

    if rows is None:
        rows = face_rows(models, frames())
    by_label = {r["frame"]: r for r in rows}
    feats, pad_scores, tracker = clip_features(models, frames(), by_label, pad, cancel, pad_every)
    pad_cue = ({"name": pad.name, "mean_live": round(float(np.mean(pad_scores)), 4)}
               if pad is not None and pad_scores else None)
    res = assess(feats, rows, info.fps, info.duration_s, reproduction, pad_cue, [label],
                 palette=info.codec == "gif", tracker=tracker)
    res["clip"] = {"path": label, "frames": info.frames, "fps": round(info.fps, 3),
                   "duration_s": round(info.duration_s, 3)}
    res["series"] = [{"name": "eye openness (EAR)", "values": [round(f["ear"], 4) if f.get("ear") is not None else None
                                                               for f in feats]}]
    return res


SPECIES = ("print", "replay", "injection")


def evaluate_folder(root: Path, pad: PadModel | None = None, models: FaceModels | None = None,
                    progress: Callable[..., None] = no_progress,
                   cancel: Callable[[], bool] = never_cancel) -> dict:
    """ISO/IEC 30107-3 figures over ``root/live``, ``root/print``, ``root/replay`` (and ``injection``).

    APCER (per attack species): share of attack clips *not* flagged ``attack_suspected``, i.e.
    accepted as bona fide or left inconclusive; the share left inconclusive is given too.
    BPCER: share of live clips flagged as an attack. Inconclusive is never counted as correct.
    """
    from ..errors import InputError
    from ..io.video import VIDEO_EXTS
    root = Path(root)
    if not root.is_dir():
        raise InputError(root, "not a folder (expected live/, print/, replay/ sub-folders)")
    models = models or FaceModels.load(with_68=True)
    clips = [(kind, p) for kind in ("live",) + SPECIES if (root / kind).is_dir()
             for p in sorted((root / kind).iterdir()) if p.suffix.lower() in VIDEO_EXTS]
    if not clips:
        raise InputError(root, "no clips found in live/, print/, replay/ or injection/")
    rows = []
    for k, (kind, p) in enumerate(clips):
        check(cancel)
        progress(k / len(clips), f"{k + 1}/{len(clips)} {p}")
        r = analyse_clip(models, p, pad=pad, label=f"{kind}/{p.name}", cancel=cancel)
        rows.append({"clip": f"{kind}/{p.name}", "truth": kind, "verdict": r["verdict"], "species": r["species"],
                     "frames_with_face": r["frames_with_face"], "frames": r["frames"],
                     "cues": {c["name"]: [c["value"], c["points_to"]] for c in r["cues"]}})
    out = {"clips": rows, "pad_model": pad.name if pad else None}
    live = [r for r in rows if r["truth"] == "live"]
    out["bpcer"] = (sum(r["verdict"] == "attack_suspected" for r in live) / len(live)) if live else None
    out["live_inconclusive"] = (sum(r["verdict"] == "inconclusive" for r in live) / len(live)) if live else None
    out["apcer"] = {}
    for sp in SPECIES:
        att = [r for r in rows if r["truth"] == sp]
        if att:
            out["apcer"][sp] = {"apcer": sum(r["verdict"] != "attack_suspected" for r in att) / len(att),
                                "inconclusive": sum(r["verdict"] == "inconclusive" for r in att) / len(att),
                                "accepted_as_live": sum(r["verdict"] == "live" for r in att) / len(att),
                                "n": len(att)}
    out["apcer_worst"] = max((v["apcer"] for v in out["apcer"].values()), default=None)
    out["n_live"] = len(live)
    return out
