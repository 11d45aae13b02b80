"""The face stage: detect every frame (YuNet), judge its quality, compare the fit ones with the ID
photo by both algorithms (SFace on every usable frame; dlib on every usable still and on every
``dlib_every``-th usable video frame, where a second algorithm adds information, not on all).

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
from .facedesc import ALGORITHMS, Described, Engines, describe, dlib_box, dlib_embedding, distance
from .facesummary import summarise
from .imgquality import outside_range
from .lr import Calibration
from .quality import THRESHOLDS, decide

Frame = tuple[str, int, float, np.ndarray]   # (label, index, time_ms, rgb)
BATCH = 16     # frames per work unit; results never depend on how batches are spread over processes


def _noop_progress(_f: float, _t: str = "") -> None:
    pass


def _never() -> bool:
    return False


@dataclass(frozen=True)
class FaceParams:
    dlib_every: int = 5              # video: dlib's embedding on every 5th usable frame (all stills)
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


def _row(engines, rgb, d: Described | None, row: dict, ref: Reference, cals, want_dlib: bool) -> None:
    row.update(faces_detected=0, usable=False, distance=None, log10_lr=None, distances={})
    if d is None:
        row["reasons"] = ["no face detected"]
        return
    row["faces_detected"] = 1 + len(d.others)
    row["box"] = list(dlib_box(d.face, rgb.shape))
    row["yunet_box"] = [int(v) for v in d.face.box]
    row["landmarks5"] = [[round(float(x), 1), round(float(y), 1)] for x, y in d.face.landmarks5]
    row["others"] = [[int(v) for v in f.box] for f in d.others]
    row["weak_detections"] = []
    row["quality"] = _row_quality(engines, rgb, d)
    reasons = decide(row["quality"] | {"detector_score": None}, THRESHOLDS)
    primary = next(iter(cals), None)
    rng = (cals[primary].validated_range or {}).get("probe") if primary else None
    if not reasons and rng:
        out = outside_range(d.quality, rng)          # YuNet measures: the calibration's own units
        if out:
            reasons = ["outside the validated range: " + "; ".join(out)]
    row["reasons"] = reasons
    if reasons:
        return
    if ref.desc is None:
        row["reasons"] = ["no face in the ID photo to compare with"]
        return
    row["usable"] = True
    for alg in ALGORITHMS:
        if alg not in cals:
            continue
        if alg == "sface":
            emb, ref_emb = d.sface, ref.desc.sface
        elif want_dlib and engines.dlib is not None and ref.desc.dlib is not None:
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


def analyse_batch(engines: Engines, ref: Reference, batch: list[Frame], cals: dict[str, Calibration],
                  params: FaceParams, usable_before: int = 0) -> list[dict]:
    """Describe each frame of one batch. ``usable_before``: usable video frames in earlier batches
    (only the batch's first frame index matters: dlib runs on video frames whose index is a multiple
    of ``dlib_every``, so the choice never depends on batching)."""
    rows = []
    for label, index, t_ms, rgb in batch:
        is_video = "#" in label
        d = describe(engines, rgb, with_dlib=False, max_faces=params.max_faces)
        row = {"frame": label, "index": index, "time_ms": round6(t_ms), "tracked": False}
        want_dlib = (not is_video) or (index % max(1, params.dlib_every) == 0)
        _row(engines, rgb, d, row, ref, cals, want_dlib)
        rows.append(row)
    return rows


def frame_rows(engines: Engines, frames: Iterable[Frame], params: FaceParams = FaceParams()) -> list[dict]:
    """Detection and quality rows without a comparison (liveness on a clip with no case)."""
    ref = Reference(None, {})
    rows = []
    for label, index, t_ms, rgb in frames:
        d = describe(engines, rgb, with_sface=False, max_faces=params.max_faces)
        row = {"frame": label, "index": index, "time_ms": round6(t_ms), "tracked": False}
        _row(engines, rgb, d, row, ref, {}, False)
        rows.append(row)
    return rows


_WORKER: Engines | None = None


def _init_worker() -> None:
    global _WORKER
    _WORKER = Engines.load(with_dlib=True)


def _worker_batch(args) -> list[dict]:
    ref, batch, cals, params = args
    return analyse_batch(_WORKER, ref, batch, cals, params)


def batches(frames: Iterable[Frame]):
    batch = []
    for f in frames:
        batch.append(f)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def compare(engines: Engines, id_rgb: np.ndarray, frames: Iterable[Frame], n_frames: int,
            cals: dict[str, Calibration], params: FaceParams = FaceParams(),
            progress: Callable = _noop_progress, cancel: Callable[[], bool] = _never,
            workers: int = 1) -> dict:
    """Compare every frame with the ID photo by each algorithm in ``cals`` (first = primary).
    ``workers`` > 1 spreads batches over processes; the result is the same for any number."""
    ref = reference_face(engines, id_rgb, cals)
    per_frame: list[dict] = []

    def report():
        progress(len(per_frame) / max(n_frames, 1), msg("progress.face_frames", k=len(per_frame), n=n_frames))

    if workers <= 1 or n_frames <= 2 * BATCH:
        for batch in batches(frames):
            if cancel():
                raise Cancelled()
            per_frame += analyse_batch(engines, ref, batch, cals, params)
            report()
    else:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_init_worker) as pool:
            pending = []
            try:
                for batch in batches(frames):
                    if cancel():
                        raise Cancelled()
                    pending.append(pool.submit(_worker_batch, (ref, batch, cals, params)))
                    while len(pending) > 2 * workers:       # at most 2 batches in flight per worker
                        per_frame += pending.pop(0).result()
                        report()
                for fut in pending:
                    if cancel():
                        raise Cancelled()
                    per_frame += fut.result()
                    report()
            except BaseException:
                for fut in pending:
                    fut.cancel()
                raise
    progress(1.0, msg("progress.face_done"))
    return summarise(per_frame, ref.desc is not None, ref.info, cals, params)
