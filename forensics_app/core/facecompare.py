"""The face stage: detect every frame, judge its quality, compare the fit ones to the ID photo.

Input is plain values: the ID photo as an RGB array and an iterable of captured frames
(label, index, time_ms, RGB). Output is a JSON-ready dict. Progress and cancel follow the house
style: ``progress(fraction, text)`` and ``cancel() -> bool``, both no-ops by default.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np

from ..errors import Cancelled
from .faces import Face, FaceModels, align_at, analyse_faces, distance, embed_at
from .lr import STRONG_RANK, Calibration, verbal_band
from .quality import THRESHOLDS, decide, measure

Frame = tuple[str, int, float, np.ndarray]   # (label, index, time_ms, rgb)
# A second detection counts as another person only above this HOG score; weaker ones (patches,
# logos, textures) are listed per frame as weak detections for the examiner to look at.
EXTRA_FACE_MIN_SCORE = 0.3


def _noop_progress(_f: float, _t: str = "") -> None:
    pass


def _never() -> bool:
    return False


@dataclass
class FaceParams:
    detector: str = "hog"            # or "cnn"
    detect_every: int = 5            # video: run the detector every N frames, track in between
    detect_max_side: int = 0         # >0: detect on a copy scaled so its longer side is this
    single_still_cap_rank: int = 3   # a single still never reads above "moderately strong"

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def round6(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else round(float(x), 6)


def reference_face(models: FaceModels, rgb: np.ndarray, params: FaceParams) -> tuple[Face | None, dict]:
    faces = analyse_faces(models, rgb, method=params.detector)
    info = {"faces_detected": len(faces), "image_size": [int(rgb.shape[1]), int(rgb.shape[0])]}
    if not faces:
        return None, info
    f = faces[0]
    info.update(box=list(f.box), quality=measure(rgb, f))
    return f, info


def _detect_scaled(models, rgb, params) -> list[Face]:
    """Detect (optionally on a reduced copy), then align and measure at full resolution."""
    import cv2

    h, w = rgb.shape[:2]
    s = 1.0
    if params.detect_max_side and max(h, w) > params.detect_max_side:
        s = params.detect_max_side / max(h, w)
        small = cv2.resize(rgb, (int(w * s), int(h * s)), interpolation=cv2.INTER_AREA)
        faces = analyse_faces(models, small, method=params.detector, encode=False, upsample=0)
        out = []
        for f in faces:
            box = tuple(int(round(v / s)) for v in f.box)
            g = align_at(models, rgb, box)
            g.score = f.score
            out.append(g)
        return out
    faces = analyse_faces(models, rgb, method=params.detector, encode=False)
    if not faces:
        # fine periodic texture (a screen's pixel grid, print halftone) can hide a face from HOG:
        # try once more on a slightly smoothed copy; boxes stay in the frame's coordinates
        import cv2
        smooth = cv2.GaussianBlur(rgb, (0, 0), 1.5)
        found = analyse_faces(models, smooth, method=params.detector, encode=False)
        faces = [align_at(models, rgb, g.box) for g in found]
        for f, g in zip(faces, found):
            f.score = g.score
    return faces


def _track(models, rgb, prev: Face) -> Face:
    """Follow a face into the next frame: re-align in a box moved with the landmarks."""
    f = align_at(models, rgb, prev.box)
    shift = f.landmarks5.mean(0) - prev.landmarks5.mean(0)
    l, t, r, b = prev.box
    dx, dy = int(round(shift[0])), int(round(shift[1]))
    return align_at(models, rgb, (l + dx, t + dy, r + dx, b + dy))


BATCH = 16   # frames per work unit; tracking restarts at each batch, so results never depend on core count


TRACK_MAX_JUMP = 0.3   # embedding change between consecutive frames of one tracked face; one face in
                       # one video moves far less (a jump means the track slipped: detect again)


def _describe(models, rgb, faces, row, ref_emb, cal):
    """Fill a row from the detected/tracked faces; returns (subject, embedding or None)."""
    row.update(faces_detected=len(faces), usable=False, distance=None, log10_lr=None)
    if not faces:
        row["reasons"] = ["no face detected"]
        return None, None
    subject = faces[0]
    row["box"] = [int(v) for v in subject.box]
    row["landmarks5"] = [[round(float(x), 1), round(float(y), 1)] for x, y in subject.landmarks5]
    row["others"] = [[int(v) for v in f.box] for f in faces[1:] if f.score >= EXTRA_FACE_MIN_SCORE]
    row["weak_detections"] = [{"box": [int(v) for v in f.box], "score": round(f.score, 3)}
                              for f in faces[1:] if f.score < EXTRA_FACE_MIN_SCORE]
    q = measure(rgb, subject)
    row["quality"] = q
    row["reasons"] = decide(q)
    emb = None
    if not row["reasons"] and ref_emb is not None:
        emb = embed_at(models, rgb, subject.box).embedding
        d = distance(emb, ref_emb)
        row.update(usable=True, distance=round6(d), log10_lr=round6(cal.log10_lr(d)))
    elif not row["reasons"]:
        row["reasons"] = ["no face in the ID photo to compare with"]
    return subject, emb


def _analyse_batch(models: FaceModels, ref_emb: np.ndarray | None, batch: list[Frame],
                   cal: Calibration, params: FaceParams) -> list[dict]:
    """Detect/track, measure and (when fit) embed each frame of one batch."""
    rows = []
    prev: Face | None = None
    prev_emb = None
    prev_source: str | None = None
    since_detect = 0
    for label, index, t_ms, rgb in batch:
        source = label.split("#")[0] if "#" in label else None      # stills are never tracked
        faces, tracked = [], False
        if (prev is not None and source is not None and source == prev_source
                and params.detect_every > 1 and since_detect < params.detect_every):
            f = _track(models, rgb, prev)
            if not decide(measure(rgb, f)):          # tracking holds: keep it
                faces, tracked = [f], True
                since_detect += 1
        if not tracked:                               # detect, also whenever tracking degrades
            faces = _detect_scaled(models, rgb, params)
            since_detect = 1
        prev_source = source
        row = {"frame": label, "index": index, "time_ms": round6(t_ms), "tracked": tracked}
        subject, emb = _describe(models, rgb, faces, row, ref_emb, cal)
        if tracked and emb is not None and prev_emb is not None and distance(emb, prev_emb) > TRACK_MAX_JUMP:
            row["tracked"] = False                    # the track slipped: detect on this frame after all
            subject, emb = _describe(models, rgb, _detect_scaled(models, rgb, params), row, ref_emb, cal)
            since_detect = 1
        rows.append(row)
        prev = subject
        prev_emb = emb if subject is not None else None
    return rows


_WORKER_MODELS: FaceModels | None = None


def _init_worker(with_cnn: bool) -> None:
    global _WORKER_MODELS
    _WORKER_MODELS = FaceModels.load(with_68=False, with_cnn=with_cnn)


def _worker_batch(args) -> list[dict]:
    ref_emb, batch, cal, params = args
    return _analyse_batch(_WORKER_MODELS, ref_emb, batch, cal, params)


def _batches(frames: Iterable[Frame]):
    batch = []
    for f in frames:
        batch.append(f)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def compare(models: FaceModels, id_rgb: np.ndarray, frames: Iterable[Frame], n_frames: int,
            calibration: Calibration, params: FaceParams = FaceParams(),
            progress: Callable = _noop_progress, cancel: Callable[[], bool] = _never,
            workers: int = 1) -> dict:
    """Compare every frame with the ID photo. ``workers`` > 1 spreads batches over processes
    (each loads its own models); the result is the same for any number of workers."""
    ref, ref_info = reference_face(models, id_rgb, params)
    ref_emb = ref.embedding if ref is not None else None
    per_frame: list[dict] = []

    def report():
        progress(len(per_frame) / max(n_frames, 1), f"face stage: {len(per_frame)} of {n_frames} frames")

    if workers <= 1 or n_frames <= BATCH:
        for batch in _batches(frames):
            if cancel():
                raise Cancelled()
            per_frame += _analyse_batch(models, ref_emb, batch, calibration, params)
            report()
    else:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_init_worker,
                                 initargs=(params.detector == "cnn",)) as pool:
            pending = []
            try:
                for batch in _batches(frames):
                    if cancel():
                        raise Cancelled()
                    pending.append(pool.submit(_worker_batch, (ref_emb, batch, calibration, params)))
                    while len(pending) > 2 * workers:       # bound memory: at most 2 batches in flight per worker
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
    progress(1.0, "face stage done")
    return summarise(per_frame, ref, ref_info, calibration, params)


def summarise(per_frame: list[dict], ref: Face | None, ref_info: dict, cal: Calibration,
              params: FaceParams) -> dict:
    used = [r for r in per_frame if r["usable"]]
    dists = [r["distance"] for r in used]
    out = {
        "status": "analysed",
        "frames_total": len(per_frame),
        "frames_used": len(used),
        "frames_not_used": _reason_counts(per_frame),
        "id_photo": ref_info,
        "calibration": {k: v for k, v in cal.as_dict().items() if k != "metrics"}
        | {"metrics_held_out": cal.metrics.get("held_out", {})},
        "decision_threshold": round6(cal.threshold_lr1),
        "decision_threshold_meaning": "distance at which the calibrated LR equals 1",
        "error_rates_at_threshold": {
            "fmr": round6(cal.metrics.get("in_sample", {}).get("fmr_at_lr1_threshold")),
            "fnmr": round6(cal.metrics.get("in_sample", {}).get("fnmr_at_lr1_threshold")),
            "source": f"calibration set '{cal.name}' ({cal.n_same} same-person, {cal.n_diff} "
                      f"different-person pairs)"},
        "error_rates_at_0.6": {
            "fmr": round6(cal.metrics.get("in_sample", {}).get("fmr_at_0.6")),
            "fnmr": round6(cal.metrics.get("in_sample", {}).get("fnmr_at_0.6")),
            "note": "dlib's customary threshold 0.6, on the same calibration set"},
        "parameters": params.as_dict() | {"quality_thresholds": THRESHOLDS},
        "per_frame": per_frame,
        "best_distance": None, "median_distance": None, "spread": None,
        "likelihood_ratio": None, "log10_lr": None, "verbal_scale": None,
        "best_frame": None, "median_frame": None,
        "multiple_people": sorted({r["frame"] for r in per_frame if r.get("others")}),
    }
    if ref is None:
        out["status"] = "no_reference_face"
        out["explanation"] = "No face could be detected in the ID photo, so no comparison was made."
        return out
    if not used:
        out["status"] = "no_usable_frames"
        out["explanation"] = "No captured frame held a face fit for comparison."
        return out
    best = min(used, key=lambda r: r["distance"])
    med = statistics.median(dists)
    med_row = min(used, key=lambda r: abs(r["distance"] - med))
    log10_lr = cal.log10_lr(med)
    capped = False
    if len(used) == 1:
        cap = math.log10(_band_upper(params.single_still_cap_rank))
        if log10_lr > cap:
            log10_lr, capped = cap, True
    lr = 10 ** log10_lr
    band = verbal_band(lr)
    out.update(
        best_distance=round6(best["distance"]), best_frame=best["frame"],
        median_distance=round6(med), median_frame=med_row["frame"],
        spread={"min": round6(min(dists)), "max": round6(max(dists)),
                "iqr": round6(float(np.subtract(*np.percentile(dists, [75, 25])))) if len(dists) > 1 else 0.0,
                "sd": round6(float(np.std(dists)))},
        score_used="median distance over usable frames (the best frame alone is biased towards a match)",
        log10_lr=round6(log10_lr), likelihood_ratio=round6(lr), verbal_scale=band,
        lr_bounds_log10=[round6(cal.log10_lower), round6(cal.log10_upper)],
        lr_at_bound=bool(log10_lr in (cal.log10_lower, cal.log10_upper)),
        single_still_capped=capped,
        best_frame_log10_lr=round6(cal.log10_lr(best["distance"])),
        reference_reproduction=reproduction_check(best["distance"], best["frame"], cal),
    )
    return out


def reproduction_check(best: float, frame: str, cal: Calibration) -> dict | None:
    """Is the capture closer to the ID photo than two photos of one person ever normally are?

    Different photos of the same person give distances around the calibration's same-person mean;
    a distance more than 3 standard deviations below it suggests the capture reproduces the ID
    photo itself (the card or its photo held up, a screen, or an injected copy).
    """
    ins = cal.metrics.get("in_sample", {})
    if "same_mean" not in ins:
        return None
    thr = ins["same_mean"] - 3 * ins["same_sd"]
    return {"best_distance": round6(best), "frame": frame, "threshold": round6(thr),
            "same_person_mean": round6(ins["same_mean"]), "same_person_sd": round6(ins["same_sd"]),
            "suspected": bool(best < thr),
            "meaning": "a distance below the threshold is closer than different photos of one person "
                       "normally are: the capture may reproduce the ID photo itself"}


def _band_upper(rank: int) -> float:
    from .lr import VERBAL_BANDS
    return VERBAL_BANDS[rank + 1][0]


def _reason_counts(per_frame: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for r in per_frame:
        for reason in r["reasons"]:
            key = reason.split(":")[0]
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def strength_is_strong(result: dict) -> bool:
    vs = result.get("verbal_scale") or {}
    return vs.get("favours") == "Hp" and vs.get("rank", 0) >= STRONG_RANK
