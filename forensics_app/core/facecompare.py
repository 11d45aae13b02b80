"""The face stage: detect every frame (YuNet), judge its quality, follow the face in tracks, and
compare a stated sample of each track's usable frames with the ID photo by both algorithms (SFace
on every ``sface_every``-th usable frame of a track and its last, dlib on every ``dlib_every``-th
of those; every usable still by both). Tracks and the rule: core/facetrack.py.

Input is plain values: the ID photo as an RGB array and an iterable of captured frames
(label, index, time_ms, RGB). Output is a JSON-ready dict (see :mod:`.facesummary`). Progress and
cancel follow the house style: ``progress(fraction, text)`` and ``cancel() -> bool``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

import numpy as np

from ..errors import Cancelled
from ..i18n.render import msg
from . import sface
from .facedesc import ALGORITHMS, Described, Engines, describe, described, dlib_box, dlib_embedding, distance
from .facetrack import Tracker, appearance
from .facesummary import summarise
from .imgquality import outside_range
from .lr import Calibration
from .quality import DEFAULT_THRESHOLDS as DEFAULT_QUALITY
from .quality import QualityThresholds, decide

Frame = tuple[str, int, float, np.ndarray]   # (label, index, time_ms, rgb)


def _noop_progress(_f: float, _t: str = "") -> None:
    pass


def _never() -> bool:
    return False


@dataclass(frozen=True)
class FaceParams:
    sface_every: int = 10            # video: SFace on every 10th usable frame of each face track, and on
    #                                  its last (core/facetrack.py); 1 = every usable frame. All stills.
    dlib_every: int = 3              # video: dlib on every 3rd of those compared frames (a track's first
    #                                  always); all stills
    single_still_cap_rank: int = 3   # a single still never reads above "moderately strong"
    max_faces: int = 5

    def as_dict(self) -> dict:
        return asdict(self)


def round6(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else round(float(x), 6)


@dataclass
class Reference:
    desc: Described | None
    info: dict


def reference_face(engines: Engines, rgb: np.ndarray, cals: dict[str, Calibration]) -> Reference:
    """The ID photo's face, both embeddings, and whether it lies in each calibration's range."""
    d = describe(engines, rgb, with_dlib=engines.dlib is not None)
    info = {"faces_detected": 0 if d is None else 1 + len(d.others),
            "image_size": [int(rgb.shape[1]), int(rgb.shape[0])]}
    if d is None:
        return Reference(None, info)
    info.update(box=list(dlib_box(d.face, rgb.shape)), quality=d.quality)
    info["validated_range"] = {}
    for alg, cal in cals.items():
        rng = (cal.validated_range or {}).get("reference")
        out = outside_range(d.quality, rng) if rng else ["the calibration states no validated range"]
        info["validated_range"][alg] = {"inside": not out, "outside": out, "range": rng,
                                        "source": f"chip photos of calibration '{cal.name}'"}
    return Reference(d, info)


def _row(engines, rgb, d: Described | None, row: dict, ref: Reference, cals,
         quality: QualityThresholds = DEFAULT_QUALITY) -> None:
    """Detection, quality and the gates of one frame (no embedding): sets ``usable``."""
    row.update(faces_detected=0, usable=False, distance=None, log10_lr=None, distances={})
    if d is None:
        row["reasons"] = [msg("QR.no_face")]
        return
    row["faces_detected"] = 1 + len(d.others)
    row["box"] = list(dlib_box(d.face, rgb.shape))
    row["yunet_box"] = [int(v) for v in d.face.box]
    row["landmarks5"] = [[round(float(x), 1), round(float(y), 1)] for x, y in d.face.landmarks5]
    row["others"] = [[int(v) for v in f.box] for f in d.others]
    row["weak_detections"] = []
    row["quality"] = _row_quality(engines, rgb, d)
    reasons = decide(row["quality"] | {"detector_score": None}, quality)
    primary = next(iter(cals), None)
    rng = (cals[primary].validated_range or {}).get("probe") if primary else None
    if not reasons and rng:
        out = outside_range(d.quality, rng)          # YuNet measures: the calibration's own units
        if out:
            reasons = [msg("QR.outside_range", measures=out)]
    row["reasons"] = reasons
    if reasons:
        return
    if ref.desc is None:
        row["reasons"] = [msg("QR.no_reference")]
        return
    row["usable"] = True


def _compare_row(engines, rgb, d: Described, row: dict, ref: Reference, cals, want_sface: bool,
                 want_dlib: bool) -> None:
    """Embed a usable frame's face by the algorithms asked for and score it against the ID photo."""
    primary = next(iter(cals), None)
    for alg in ALGORITHMS:
        if alg not in cals:
            continue
        if alg == "sface" and want_sface:
            emb = d.sface if d.sface is not None else sface.embed_face(engines.yu, rgb, d.face)
            ref_emb = ref.desc.sface
        elif alg == "dlib" and want_dlib and engines.dlib is not None and ref.desc.dlib is not None:
            emb, ref_emb = dlib_embedding(engines, rgb, d.face), ref.desc.dlib
        else:
            continue
        dist = distance(alg, emb, ref_emb)
        row["distances"][alg] = round6(dist)
        if alg == primary:
            row.update(distance=round6(dist), log10_lr=round6(cals[alg].log10_lr(dist)))


def _row_quality(engines, rgb, d: Described) -> dict:
    """The frame's quality row. Pose (yaw/pitch/roll) comes from dlib's 5 points when dlib is loaded:
    the estimator the general gates and the liveness cues (head-pose range against its frame-to-frame
    jitter) were set on; YuNet's pose, the unit of the calibration's validated range, is kept as
    ``pose_yunet``."""
    q = dict(d.quality)
    if engines.dlib is None:
        return q
    from .faces import align_at
    from .quality import pose_from_5
    yaw, pitch, roll = pose_from_5(align_at(engines.dlib, rgb, dlib_box(d.face, rgb.shape)).landmarks5)
    q["pose_yunet"] = {"yaw_deg": q["yaw_deg"], "pitch_deg": q["pitch_deg"], "roll_deg": q["roll_deg"]}
    q.update(yaw_deg=round(yaw, 1), pitch_deg=round(pitch, 1), roll_deg=round(roll, 1), pose_from="dlib 5 points")
    return q


def frame_rows(engines: Engines, frames: Iterable[Frame], params: FaceParams = FaceParams(),
               quality: QualityThresholds = DEFAULT_QUALITY) -> list[dict]:
    """Detection and quality rows without a comparison (liveness on a clip with no case)."""
    ref = Reference(None, {})
    rows = []
    for label, index, t_ms, rgb, d in described(engines, frames, max_faces=params.max_faces):
        row = {"frame": label, "index": index, "time_ms": round6(t_ms), "tracked": False}
        _row(engines, rgb, d, row, ref, {}, quality)
        rows.append(row)
    return rows


def compare(engines: Engines, id_rgb: np.ndarray, frames: Iterable[Frame], n_frames: int,
            cals: dict[str, Calibration], params: FaceParams = FaceParams(),
            progress: Callable = _noop_progress, cancel: Callable[[], bool] = _never,
            quality: QualityThresholds = DEFAULT_QUALITY, others: dict | None = None) -> dict:
    """Detect (YuNet) on every frame, follow the face in tracks and compare a stated sample of each
    track's usable frames with the ID photo by each algorithm in ``cals`` (first = primary); every
    usable still is compared (see core/facetrack.py for the tracks and the sampling rule).
    ``others``: per algorithm, the other populations whose LR is given beside (core/facesummary.py).

    One process, streaming: detection runs a few frames ahead on two threads (facedesc.described);
    beyond those, the current frame and the previous usable one are held."""
    ref = reference_face(engines, id_rgb, cals)
    tracker = Tracker(params.sface_every, params.dlib_every)
    per_frame: list[dict] = []
    pending = None          # (rgb, described, row) of the current track's last usable frame, not compared
    crops: dict[int, np.ndarray] = {}   # row -> SFace's 112x112 aligned crop of an uncompared usable frame

    def flush():
        nonlocal pending
        if pending is not None:
            _compare_row(engines, pending[0], pending[1], pending[2], ref, cals, *tracker.pick_last())
            pending = None

    for k, (label, index, t_ms, rgb, d) in enumerate(described(engines, frames, max_faces=params.max_faces)):
        if cancel():
            raise Cancelled()
        is_video = "#" in label
        row = {"frame": label, "index": index, "time_ms": round6(t_ms), "tracked": False}
        _row(engines, rgb, d, row, ref, cals, quality)
        if not is_video:
            flush()
            if row["usable"]:
                _compare_row(engines, rgb, d, row, ref, cals, True, True)
        else:
            video = label.rsplit("#", 1)[0]
            box = tuple(row["box"]) if d is not None else None
            look = appearance(rgb, d.face.landmarks5) if d is not None else None
            if box is None or tracker.start_reason(video, box, row["faces_detected"], look) is not None:
                flush()
            track, reason, (want_s, want_d) = tracker.step(video, box, row["faces_detected"], look, row["usable"])
            if track is not None:
                row["track"] = track
                if reason:
                    row["track_start"] = reason
            if want_s:
                _compare_row(engines, rgb, d, row, ref, cals, want_s, want_d)
                pending = None
            elif row["usable"]:
                pending = (rgb, d, row)
                if "sface" in cals:
                    crops[len(per_frame)] = sface.align(rgb, d.face.landmarks5)
        per_frame.append(row)
        if k % 16 == 15:
            progress(len(per_frame) / max(n_frames, 1), msg("progress.face_frames", k=len(per_frame), n=n_frames))
    flush()
    refine = refinement(per_frame, cals) if crops and ref.desc is not None else None
    if refine and refine["needed"]:           # the sample cannot settle the decision: compare them all
        primary = next(iter(cals))
        for k, crop in crops.items():
            row = per_frame[k]
            if "sface" not in row["distances"]:
                dist = distance("sface", sface.embed_aligned(engines.yu, [crop])[0], ref.desc.sface)
                row["distances"]["sface"] = round6(dist)
                if primary == "sface":
                    row.update(distance=round6(dist), log10_lr=round6(cals["sface"].log10_lr(dist)))
    progress(1.0, msg("progress.face_done"))
    out = summarise(per_frame, ref.desc is not None, ref.info, cals, params, quality, others)
    out["sampling"] = sampling_record(per_frame, tracker, params) | ({"refinement": refine} if refine else {})
    return out


MIN_SAMPLE = 6      # fewer compared frames than this never settle a decision


def refinement(per_frame: list[dict], cals: dict[str, Calibration]) -> dict:
    """Does the sample settle the decisions the reportable figure feeds (its verbal band and side,
    and the ID-photo reproduction finding)? The distribution-free 95% confidence interval of the
    median distance (order statistics at ranks n/2 ± 0.98·√n) must lie inside one band and on one
    side of the reproduction threshold; else every usable frame is compared."""
    primary = next(iter(cals))
    cal = cals[primary]
    d = sorted(r["distances"][primary] for r in per_frame if r["usable"] and primary in r["distances"])
    n = len(d)
    if n < MIN_SAMPLE:
        return {"needed": True, "compared": n, "why": "too_few_frames"}
    half = 0.98 * math.sqrt(n)
    lo, hi = d[max(0, math.floor(n / 2 - half) - 1)], d[min(n - 1, math.ceil(n / 2 + half) - 1)]
    from .lr import verbal_band

    def decision(x):
        vb = verbal_band(10 ** cal.log10_lr(x))
        return vb["band"], vb["favours"]
    ins = cal.metrics.get("in_sample", {})
    thr = ins["same_mean"] - 3 * ins["same_sd"] if "same_mean" in ins else None
    same_band = decision(lo) == decision(hi)
    same_side = thr is None or (lo < thr) == (hi < thr)
    return {"needed": not (same_band and same_side), "compared": n, "median_ci95": [round6(lo), round6(hi)],
            "why": "settled" if same_band and same_side else
            ("spans_band_edge" if not same_band else "spans_reproduction_threshold")}


def sampling_record(per_frame: list[dict], tracker: Tracker, params: FaceParams) -> dict:
    """What was compared: the rule, the tracks and the counts (face_comparison.sampling)."""
    usable = [r for r in per_frame if r["usable"]]
    return {"rule": "tracks" if params.sface_every > 1 else "every_usable_frame",
            "sface_every": params.sface_every, "dlib_every": params.dlib_every,
            **tracker.record(),
            "usable_frames": len(usable),
            "compared": {alg: sum(1 for r in usable if alg in r["distances"]) for alg in ALGORITHMS}}
