"""When a calibration may speak for a questioned score, and what is said when it may not.

A calibration describes the scores it was fitted on, and nothing else:

- **Reproduction of the ID photo.** A median distance below the calibration's same-person mean minus
  three standard deviations is closer than different photos of one person normally are: the
  captured face may be the ID photo itself (the card held up, a screen, an injected copy). A
  likelihood ratio for "the captured face comes from the card holder" would then measure the
  photo's similarity to itself: it is withheld (status ``reproduction_suspected``), not printed
  with a caveat.
- **The stand-in vendor check.** A vendor-check population (``*_vendor_fmr_*``) holds only pairs
  whose SFace score passes SFace's threshold at the bank's false-match rate, because the bank says
  the capture passed its check. A questioned pair whose SFace median fails that threshold
  contradicts the premise the population rests on, and that calibration holds no such scores: its
  likelihood ratio and verbal support are withheld (status ``fails_vendor_check``), the threshold is
  printed, and the likelihood ratio under the unrestricted base population (which holds such
  scores) is given beside it, labelled as such.
- **The fitted score range.** A score outside the range of scores the calibration was fitted on
  gets no extrapolated value: the likelihood ratio never goes beyond the calibration's ELUB bounds,
  and the result says the score lies outside the range (``fitted_range.inside`` false).
"""

from __future__ import annotations

import math

from .lr import VERBAL_BANDS, Calibration, verbal_band


def round6(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else round(float(x), 6)


def reproduction_threshold(cal: Calibration) -> float | None:
    """The calibration's same-person mean distance minus three standard deviations."""
    ins = cal.metrics.get("in_sample", {})
    return ins["same_mean"] - 3 * ins["same_sd"] if "same_mean" in ins else None


def vendor_check(cal: Calibration, sface_score: float | None) -> dict | None:
    """Does the questioned pair pass the stand-in vendor check the population is restricted by?
    ``None`` for a population with no such restriction; ``passed`` None when SFace compared nothing."""
    if cal.vendor_threshold is None:
        return None
    return {"algorithm": "sface", "statistic": "median SFace distance over the usable frames",
            "score": round6(sface_score), "threshold": round6(cal.vendor_threshold), "fmr": cal.vendor_fmr,
            "passed": None if sface_score is None else bool(sface_score < cal.vendor_threshold)}


def fitted_range(cal: Calibration, score: float) -> dict | None:
    """The range of scores the calibration was fitted on and whether ``score`` lies in it (``None``
    for a file fitted before the range was recorded)."""
    ins = cal.metrics.get("in_sample", {})
    if "score_min" not in ins:
        return None
    lo, hi = ins["score_min"], ins["score_max"]
    side = "below" if score < lo else "above" if score > hi else None
    return {"min": round6(lo), "max": round6(hi), "inside": side is None, "side": side}


def capped_log10_lr(cal: Calibration, score: float, single_still: bool, cap_rank: int) -> tuple[float, bool]:
    """The bounded log10 LR of a score; a single still never reads above the band ``cap_rank``."""
    log10_lr = cal.log10_lr(score)
    if single_still:
        cap = math.log10(VERBAL_BANDS[cap_rank + 1][0])
        if log10_lr > cap:
            return cap, True
    return log10_lr, False


def other_population(role: str, key: str, cal: Calibration, score: float, sface_score: float | None,
                     single_still: bool, cap_rank: int) -> dict:
    """The LR of the same score under another population's calibration (``role``: ``default``, the
    case's default when the examiner chose another; ``unrestricted``, the base population when the
    questioned pair fails the vendor check), with that calibration's own checks."""
    out = {"role": role, "population": key, "calibration": cal.name,
           "sha256": getattr(cal, "sha256", None), "status": "analysed", "likelihood_ratio": None,
           "log10_lr": None, "verbal_scale": None, "fitted_range": fitted_range(cal, score),
           "vendor_check": vendor_check(cal, sface_score)}
    thr = reproduction_threshold(cal)
    if thr is not None and score < thr:
        return out | {"status": "reproduction_suspected", "reproduction_threshold": round6(thr)}
    if (out["vendor_check"] or {}).get("passed") is False:
        return out | {"status": "fails_vendor_check"}
    log10_lr, capped = capped_log10_lr(cal, score, single_still, cap_rank)
    return out | {"log10_lr": round6(log10_lr), "likelihood_ratio": round6(10 ** log10_lr),
                  "verbal_scale": verbal_band(10 ** log10_lr), "single_still_capped": capped,
                  "lr_at_bound": bool(log10_lr in (cal.log10_lower, cal.log10_upper))}
