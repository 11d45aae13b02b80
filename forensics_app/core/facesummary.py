"""From per-frame rows to the face-comparison result (results format 2): one entry per algorithm
in ``algorithms[]``, the primary algorithm's figures also at the top level (the reportable LR).

The score per algorithm is the median distance over the frames it compared (choosing the best
frame biases towards a match). A single still is capped at "moderately strong". When the ID photo
lies outside the quality range the calibration was validated on, no LR is given for that
algorithm: its status is ``outside_validated_range``. When the capture may reproduce the ID photo,
or fails the vendor check its population is restricted by, the LR is withheld too
(``reproduction_suspected``, ``fails_vendor_check``; core/lrscope.py), and a score outside the range
the calibration was fitted on is marked (``fitted_range``).
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
from dataclasses import asdict

import numpy as np

from ..i18n.render import msg

from . import caldesc, lrscope
from .lr import STRONG_RANK, Calibration, verbal_band
from .quality import DEFAULT_THRESHOLDS as DEFAULT_QUALITY
from .quality import QualityThresholds


def round6(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else round(float(x), 6)


def calibration_digest(cal: Calibration) -> str:
    """SHA-256 of the calibration's canonical JSON, for a calibration not loaded from a file (a file's
    own SHA-256, set by io.calibrations.load, is used when there is one)."""
    return hashlib.sha256(json.dumps(cal.as_dict(), sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def validation_block(cal: Calibration) -> dict:
    cv = cal.metrics.get("cross_validation", {})
    keys = ("eer", "cllr", "cllr_min", "misleading_same", "misleading_diff", "diff_strong", "same_lr_ge_10",
            "n_same", "n_diff")
    # the Tippett and ECE curve points of the held-out LRs: the report's annex draws them from here
    # pooled: the held-out rates as k of n people / pairs of people with Clopper-Pearson intervals
    return {"scheme": cv.get("scheme"), "splits": cv.get("splits")} | {k: cv.get(k) for k in keys} | (
        {"pooled": cv["pooled"]} if "pooled" in cv else {}) | {"curves": cal.curves}


def calibration_block(cal: Calibration) -> dict:
    return {"name": cal.name, "sha256": getattr(cal, "sha256", None) or calibration_digest(cal),
            "origin": getattr(cal, "origin", None), "algorithm": cal.algorithm,
            "protocol": cal.protocol, "population": cal.population, "score": cal.score,
            "vendor_fmr": cal.vendor_fmr, "vendor_threshold": round6(cal.vendor_threshold),
            "source": cal.source, "limits": cal.limits, "n_same": cal.n_same, "n_diff": cal.n_diff,
            "n_people": cal.n_people, "log10_lower": round6(cal.log10_lower),
            "log10_upper": round6(cal.log10_upper), "threshold_lr1": round6(cal.threshold_lr1)} | {
            f + "_msg": caldesc.describe(cal, f) for f in caldesc.FIELDS}   # the same in catalogue codes


def algorithm_result(alg: str, cal: Calibration, per_frame: list[dict], ref_found: bool, ref_info: dict,
                     cap_rank: int, primary_repro: dict | None = None, others: list | None = None) -> dict:
    """One algorithm's figures. Its LR is withheld when the capture may reproduce the ID photo (the
    primary algorithm's check, ``primary_repro``, or this calibration's own) or when the pair fails
    the vendor check the population is restricted by; see core/lrscope.py. ``others``: (role,
    population key, calibration) of the other populations whose LR is given beside this one."""
    rows = [r for r in per_frame if r["usable"] and r.get("distances", {}).get(alg) is not None]
    out = {"algorithm": alg, "calibration": calibration_block(cal), "validation": validation_block(cal),
           "frames_compared": len(rows), "status": "analysed", "likelihood_ratio": None, "log10_lr": None,
           "verbal_scale": None, "median_distance": None, "best_distance": None}
    rng = ref_info.get("validated_range", {}).get(alg, {})
    if not ref_found:
        return out | {"status": "no_reference_face",
                      "explanation": "No face could be detected in the ID photo, so no comparison was made."}
    if not rng.get("inside", False):
        return out | {"status": "outside_validated_range", "outside": rng.get("outside", []),
                      "explanation": ("The ID photo lies outside the validated range of this calibration ("
                                      + "; ".join(rng.get("outside", [])) + "): no likelihood ratio is given.")}
    if not rows:
        return out | {"status": "no_usable_frames",
                      "explanation": "No captured frame held a face fit for comparison."}
    d = [r["distances"][alg] for r in rows]
    med = statistics.median(d)
    best = min(rows, key=lambda r: r["distances"][alg])
    sface_med = _median(per_frame, "sface")
    single = len(rows) == 1
    out |= {
        "median_distance": round6(med), "best_distance": round6(best["distances"][alg]),
        "best_frame": best["frame"],
        "median_frame": min(rows, key=lambda r: abs(r["distances"][alg] - med))["frame"],
        "spread": {"min": round6(min(d)), "max": round6(max(d)),
                   "iqr": round6(float(np.subtract(*np.percentile(d, [75, 25])))) if len(d) > 1 else 0.0,
                   "sd": round6(float(np.std(d)))},
        "lr_bounds_log10": [round6(cal.log10_lower), round6(cal.log10_upper)],
    }
    for k, v in (("fitted_range", lrscope.fitted_range(cal, med)), ("vendor_check", lrscope.vendor_check(cal, sface_med))):
        if v is not None:
            out[k] = v
    own = lrscope.reproduction_threshold(cal)
    repro = (primary_repro or {}).get("suspected") or (own is not None and med < own)
    others = others or []
    if repro:
        return out | {"status": "reproduction_suspected",
                      "explanation": ("The capture is closer to the ID photo than different photos of one person "
                                      "normally are: it may be a reproduction of the ID photo itself, so no "
                                      "likelihood ratio is given.")}
    if (out.get("vendor_check") or {}).get("passed") is False:
        alt = [lrscope.other_population(r, k, c, med, sface_med, single, cap_rank) for r, k, c in others]
        return out | {"status": "fails_vendor_check", "other_populations": alt,
                      "explanation": ("The captured face fails the stand-in vendor check the population is "
                                      "restricted by, so that calibration holds no such scores and gives no "
                                      "likelihood ratio.")}
    log10_lr, capped = lrscope.capped_log10_lr(cal, med, single, cap_rank)
    lr = 10 ** log10_lr
    alt = [lrscope.other_population(r, k, c, med, sface_med, single, cap_rank) for r, k, c in others
           if r != "unrestricted"]
    return out | {
        "log10_lr": round6(log10_lr), "likelihood_ratio": round6(lr), "verbal_scale": verbal_band(lr),
        "lr_at_bound": bool(log10_lr in (cal.log10_lower, cal.log10_upper)),
        "single_still_capped": capped, "best_frame_log10_lr": round6(cal.log10_lr(best["distances"][alg])),
    } | ({"other_populations": alt} if alt else {})


def _median(per_frame: list[dict], alg: str) -> float | None:
    d = [r["distances"][alg] for r in per_frame if r["usable"] and r.get("distances", {}).get(alg) is not None]
    return statistics.median(d) if d else None


def summarise(per_frame: list[dict], ref_found: bool, ref_info: dict, cals: dict[str, Calibration],
              params, quality: QualityThresholds = DEFAULT_QUALITY, others: dict | None = None) -> dict:
    """``others``: per algorithm, (role, population key, calibration) of the other populations whose
    LR is given beside the chosen one (io.calibrations.other_populations)."""
    primary = next(iter(cals))
    cal = cals[primary]
    med = _median(per_frame, primary) if ref_found else None
    repro = reproduction_check(med, None, cal) if med is not None else None
    algs = [algorithm_result(a, c, per_frame, ref_found, ref_info, params.single_still_cap_rank, repro,
                             (others or {}).get(a)) for a, c in cals.items()]
    p = algs[0]
    if p["status"] in ("reproduction_suspected", "fails_vendor_check"):
        for r in per_frame:          # no per-frame LR either where the reportable one is withheld
            if r.get("log10_lr") is not None:
                r["log10_lr"], r["lr_withheld"] = None, p["status"]
    used = [r for r in per_frame if r["usable"]]
    ins = cal.metrics.get("in_sample", {})
    out = {
        "status": p["status"], "primary": primary, "algorithms": algs,
        "frames_total": len(per_frame), "frames_used": len(used), "frames_not_used": _reason_counts(per_frame),
        "id_photo": ref_info,
        "calibration": calibration_block(cal) | {"metrics_held_out": {
            k: v for k, v in validation_block(cal).items() if k != "curves"}},     # curves: in algorithms[]
        "decision_threshold": round6(cal.threshold_lr1),
        "decision_threshold_meaning": f"{cal.score} at which the calibrated LR equals 1",
        "error_rates_at_threshold": {
            "fmr": round6(ins.get("fmr_at_lr1_threshold")), "fnmr": round6(ins.get("fnmr_at_lr1_threshold")),
            "source": f"calibration set '{cal.name}' ({cal.n_same} same-person, {cal.n_diff} different-person pairs)"},
        "parameters": params.as_dict() | {"quality_thresholds": asdict(quality)},
        "per_frame": per_frame,
        "score_used": "median distance over usable frames (the best frame alone is biased towards a match)",
        "multiple_people": sorted({r["frame"] for r in per_frame if r.get("others")}),
        "reference_reproduction": None,
    }
    for k in ("likelihood_ratio", "log10_lr", "verbal_scale", "median_distance", "best_distance", "best_frame",
              "median_frame", "spread"):                 # always present (null when there is no LR)
        out[k] = p.get(k)
    for k in ("lr_bounds_log10", "lr_at_bound", "single_still_capped", "best_frame_log10_lr", "explanation",
              "outside", "fitted_range", "vendor_check", "other_populations"):                                # present only when they apply
        if p.get(k) is not None:
            out[k] = p[k]
    if p.get("median_distance") is not None:     # the median, not the minimum over frames (a finding only)
        out["reference_reproduction"] = reproduction_check(p["median_distance"], p.get("median_frame"), cal)
    return out


def reproduction_check(best: float, frame: str, cal: Calibration) -> dict | None:
    """Is the capture closer to the ID photo than two photos of one person ever normally are?

    Different photos of the same person give distances around the calibration's same-person mean;
    a *median* distance over the usable frames more than 3 standard deviations below it suggests the
    capture reproduces the ID photo itself (the card or its photo held up, a screen, or an injected
    copy). The median, not the minimum: the minimum over many frames falls under the threshold by
    chance. A finding for the examiner, never alone an attack verdict (core/liveness_verdict).
    """
    ins = cal.metrics.get("in_sample", {})
    thr = lrscope.reproduction_threshold(cal)
    if thr is None:
        return None
    return {"distance": round6(best), "statistic": "median distance over the usable frames", "frame": frame, "threshold": round6(thr),
            "same_person_mean": round6(ins["same_mean"]), "same_person_sd": round6(ins["same_sd"]),
            "suspected": bool(best < thr), "algorithm": cal.algorithm,
            "meaning": msg("LVC.reference_reproduction")}


def _reason_counts(per_frame: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for r in per_frame:
        for reason in r["reasons"]:
            key = reason["code"] if isinstance(reason, dict) else reason.split(":")[0]   # QR.* code
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def strength_is_strong(result: dict) -> bool:
    vs = result.get("verbal_scale") or {}
    return vs.get("favours") == "Hp" and vs.get("rank", 0) >= STRONG_RANK
