"""Building a format-2 calibration (fit on every person, validated by repeated person-disjoint
splits) from photos described by :func:`forensics_app.core.facedesc.describe`, as given and as
simulated chip photos. Used by tools/fit_face_calibrations.py (the shipped ones) and by the
``calibrate`` command (a lab's own)."""

from __future__ import annotations

import json

import numpy as np

from .facedesc import pairwise
from .imgquality import validated_range
from .validation import PhotoSet, cross_validate, fit_all, pav_llr

def photoset(z: dict, alg: str) -> PhotoSet:
    return PhotoSet(labels=z["labels"], orig=z[f"o_{alg}"], chip=z[f"c_{alg}"])



def curves(llr_s: np.ndarray, llr_d: np.ndarray) -> dict:
    """Tippett (share of LRs at or above x) and ECE (bits, over log10 prior odds) of held-out LRs."""
    grid = np.round(np.arange(-4, 6.01, 0.25), 2)
    tip = {"log10_lr": grid.tolist(), "same": [round(float(np.mean(llr_s >= g)), 5) for g in grid],
           "diff": [round(float(np.mean(llr_d >= g)), 5) for g in grid]}
    po = np.round(np.arange(-2.5, 2.51, 0.1), 2)
    ps, pd = pav_llr(llr_s, llr_d)

    def ece(ls, ld):
        r = []
        for o in po:
            ls_, ld_ = ls + o, ld + o
            p = 1 / (1 + 10 ** -o)
            r.append(round(float(p * np.mean(np.log2(1 + 10 ** -ls_)) + (1 - p) * np.mean(np.log2(1 + 10 ** ld_))), 5))
        return r
    return {"tippett": tip, "ece": {"log10_prior_odds": po.tolist(), "lr": ece(llr_s, llr_d),
                                    "pav": ece(ps, pd), "neutral": ece(np.zeros(1), np.zeros(1))}}



def calibrate(z, alg, protocol, pop, fmr, texts: dict):
    """Fit and validate one calibration. ``texts``: its description (core/caldesc.py ``shipped`` or
    ``lab``), the English text and the catalogue message of each field."""
    ps = photoset(z, alg)
    vendor = photoset(z, "sface") if fmr else None      # SFace stands in for the vendor's algorithm
    cv, pooled = cross_validate(ps, protocol, lambda a, b: pairwise(alg, a, b), fmr=fmr,
                                vendor=vendor, vendor_dist=lambda a, b: pairwise("sface", a, b))
    f, info = fit_all(ps, protocol, lambda a, b: pairwise(alg, a, b), fmr=fmr, vendor=vendor,
                      vendor_dist=lambda a, b: pairwise("sface", a, b))
    key = pop if not fmr else f"{pop}_vendor_fmr_{fmr:.0e}".replace("e-0", "e-")
    qs_ref = [json.loads(q) for q in z["c_q"]] if protocol == "chip" else [json.loads(q) for q in z["o_q"]]
    qs_probe = [json.loads(q) for q in z["o_q"]]
    name = f"{alg}_{protocol}_{key}"
    return texts | {
        "name": name, "algorithm": alg, "protocol": protocol,
        "population_key": key, "vendor_fmr": fmr, "vendor_threshold": info.get("vendor_threshold"),
        "a": f.a, "b": f.b, "log10_lower": f.lo, "log10_upper": f.hi, "threshold_lr1": -f.a / f.b,
        "n_same": info["n_same"], "n_diff": info["n_diff"], "n_people": info["n_people"],
        "metrics": {"cross_validation": cv, "in_sample": info},
        "validated_range": {"reference": validated_range(qs_ref), "probe": validated_range(qs_probe)},
        "curves": curves(pooled["llr_same"], pooled["llr_diff"]),
    }
