"""Calibration and validation of face-comparison scores on casework-like pairs.

Pairs come from a photo set described twice per photo (as given, and as a simulated chip photo):

- protocol ``chip``: the chip of photo i against *another* photo j (i != j), as the ID photo is
  compared with a capture; ordered pairs, same person when the labels agree;
- protocol ``photo``: photo i against photo j (i < j), photo-vs-photo.

A vendor-check population keeps only the pairs (same and different person) whose score passes
our own algorithm's threshold at a stated false-match rate, measured on the fitting people's
different-person pairs: the people who could have passed the bank's check. Our algorithm stands
in for the vendor's, which we do not have.

Validation: repeated person-disjoint splits (half the people fit, the other half test). Each
figure's mean over splits and its 2.5th-97.5th percentile over splits (the spread across random
choices of people: not a confidence interval) are kept for the criteria below. The error rates a
court reads are pooled over the splits and counted in independent units (:func:`pooled_rates`):
k of n people (same-person pairs) or pairs of people (different-person pairs), each unit counted
once by the median of all its held-out LRs, with a Clopper-Pearson 95% interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .liveness_eval import clopper_pearson
from .lr import cllr, elub_bounds, fit_logistic

STRONG_LOG10 = 3.0     # LR of 1,000 or more counts as "strong" here (stricter than the band's edge)

# What the primary chip-photo calibration must show held out (issue 11): point estimates over the
# repeated person-disjoint splits. A calibration squeezed towards LR 1 fails the last one.
CRITERIA = {"misleading_same": ("<", 0.02), "misleading_diff": ("<", 0.02), "cllr": ("<=", 0.10),
            "diff_strong": ("<=", 0.0), "same_lr_ge_10": (">=", 0.80)}


def criteria_failures(cv: dict) -> list[str]:
    """The criteria a calibration's cross-validation summary does not meet (empty: all met)."""
    ops = {"<": float.__lt__, "<=": float.__le__, ">=": float.__ge__}
    return [f"{k} = {cv[k]['point']:g}, needs {op} {lim:g}" for k, (op, lim) in CRITERIA.items()
            if not ops[op](float(cv[k]["point"]), lim)]


@dataclass
class PhotoSet:
    labels: np.ndarray          # (n,) person labels
    orig: np.ndarray            # (n, k) embedding of each photo as given
    chip: np.ndarray            # (n, k) embedding of its chip version (NaN rows: no face on the chip)


def pair_scores(ps: PhotoSet, idx: np.ndarray, protocol: str, dist) -> tuple[np.ndarray, np.ndarray]:
    """(same-person scores, different-person scores) among the photos ``idx``."""
    (same, diff), _ = _pairs(ps, idx, protocol, dist)
    return same, diff


def pair_units(ps: PhotoSet, idx: np.ndarray, protocol: str) -> tuple[np.ndarray, np.ndarray]:
    """The independent unit of every pair of :func:`pair_scores`, in the same order: the person
    for a same-person pair, the unordered pair of people for a different-person pair. Photos of one
    person are not independent observations; these units are what the data hold independently."""
    _, units = _pairs(ps, idx, protocol, None)
    return units


def _pairs(ps, idx, protocol, dist):
    lab = ps.labels[idx]
    # one code per person over the whole set, so units of different subsets (splits) agree
    code = np.searchsorted(np.unique(ps.labels), lab).astype(np.int64)
    if protocol == "chip":
        ok = ~np.isnan(ps.chip[idx, 0])
        same = lab[ok][:, None] == lab[None, :]
        off = np.arange(len(idx))[ok][:, None] != np.arange(len(idx))[None, :]
        ca, cb = np.broadcast_to(code[ok][:, None], same.shape), np.broadcast_to(code[None, :], same.shape)
        ms, md = same & off, ~same
        d = dist(ps.chip[idx][ok], ps.orig[idx]) if dist else None
        scores = (d[ms], d[md]) if dist else None
        return scores, (ca[ms], _unordered(ca[md], cb[md]))
    iu = np.triu_indices(len(idx), 1)
    same = lab[iu[0]] == lab[iu[1]]
    ca, cb = code[iu[0]], code[iu[1]]
    scores = None
    if dist:
        d = dist(ps.orig[idx], ps.orig[idx])[iu]
        scores = (d[same], d[~same])
    return scores, (ca[same], _unordered(ca[~same], cb[~same]))


def _unordered(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    return lo * 1_000_003 + hi


def unit_weights(units: np.ndarray | None, n: int) -> np.ndarray:
    """Weight 1 / (pairs of its unit) for every pair, so that the weights add up to the number of
    independent units (people, pairs of people); all ones without units."""
    if units is None:
        return np.ones(n)
    _, inv, counts = np.unique(units, return_inverse=True, return_counts=True)
    return 1.0 / counts[inv]


def vendor_threshold(diff: np.ndarray, fmr: float) -> float:
    """Score below which a fraction ``fmr`` of different-person pairs fall (they 'pass')."""
    return float(np.quantile(np.asarray(diff), fmr))


def condition(same, diff, threshold: float | None, v_same=None, v_diff=None, units=None):
    """Keep the pairs whose stand-in vendor score (default: the score itself) passes; with
    ``units`` (same, diff) also returns the kept pairs' units."""
    if threshold is None:
        return (same, diff) if units is None else (same, diff, units)
    v_same = same if v_same is None else v_same
    v_diff = diff if v_diff is None else v_diff
    ks, kd = v_same < threshold, v_diff < threshold
    if units is None:
        return same[ks], diff[kd]
    return same[ks], diff[kd], (units[0][ks], units[1][kd])


def eer(same: np.ndarray, diff: np.ndarray) -> tuple[float, float]:
    """Equal error rate (match when distance < threshold) and its threshold; sorted, vectorised."""
    same, diff = np.sort(np.asarray(same, float)), np.sort(np.asarray(diff, float))
    grid = np.unique(np.concatenate([same, diff]))
    fmr = np.searchsorted(diff, grid, "left") / len(diff)
    fnmr = 1 - np.searchsorted(same, grid, "left") / len(same)
    i = int(np.argmin(np.abs(fmr - fnmr)))
    return float((fmr[i] + fnmr[i]) / 2), float(grid[i])


@dataclass
class Fit:
    a: float
    b: float
    lo: float
    hi: float

    def llr(self, d: np.ndarray) -> np.ndarray:
        return np.clip((self.a + self.b * np.asarray(d, float)) / math.log(10), self.lo, self.hi)


def fit(same: np.ndarray, diff: np.ndarray, units: tuple | None = None) -> Fit:
    """Logistic calibration, bounded by ELUB; with ``units`` (people for the same-person pairs,
    pairs of people for the others) the bounds count independent units, not photo pairs."""
    s = np.concatenate([same, diff])
    y = np.concatenate([np.ones(len(same)), np.zeros(len(diff))])
    a, b = fit_logistic(s, y)
    ws, wd = (unit_weights(units[0], len(same)), unit_weights(units[1], len(diff))) if units else (None, None)
    lo, hi = elub_bounds((a + b * same) / math.log(10), (a + b * diff) / math.log(10), w_same=ws, w_diff=wd)
    return Fit(a, b, lo, hi)


def pav_llr(llr_s: np.ndarray, llr_d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Optimally (isotonically) recalibrated log10 LRs (pool-adjacent-violators), for Cllr_min."""
    x = np.concatenate([llr_s, llr_d])
    y = np.concatenate([np.ones(len(llr_s)), np.zeros(len(llr_d))])
    order = np.argsort(x, kind="mergesort")
    ys = y[order]
    vals, wts = [], []
    for v in ys:
        vals.append(v); wts.append(1.0)
        while len(vals) > 1 and vals[-2] > vals[-1]:
            w = wts[-2] + wts[-1]
            vals[-2] = (vals[-2] * wts[-2] + vals[-1] * wts[-1]) / w
            wts[-2] = w
            vals.pop(); wts.pop()
    p = np.repeat(vals, np.array(wts, int))
    post = np.empty_like(p)
    post[order] = p
    eps = 1e-12
    prior = len(llr_s) / len(x)
    lo = np.log10(np.clip(post, eps, 1 - eps) / np.clip(1 - post, eps, 1)) - math.log10(prior / (1 - prior))
    return lo[:len(llr_s)], lo[len(llr_s):]


def figures(same, diff, llr_s, llr_d) -> dict:
    """Held-out figures of one split."""
    e, _ = eer(same, diff) if len(same) and len(diff) else (float("nan"), 0)
    ps, pd = pav_llr(llr_s, llr_d)
    return {
        "eer": e,
        "cllr": cllr(10 ** llr_s, 10 ** llr_d),
        "cllr_min": cllr(10 ** ps, 10 ** pd),
        "misleading_same": float(np.mean(llr_s < 0)),
        "misleading_diff": float(np.mean(llr_d > 0)),
        "diff_strong": float(np.mean(llr_d >= STRONG_LOG10)),
        "same_lr_ge_10": float(np.mean(llr_s >= 1)),
        "max_log10_lr_diff": float(np.max(llr_d)),
        "n_same": int(len(same)), "n_diff": int(len(diff)),
    }


def _vendor(ps, vendor, idx, protocol, dist, vendor_dist):
    if vendor is None:
        return None, None
    return pair_scores(vendor, idx, protocol, vendor_dist)


def cross_validate(ps: PhotoSet, protocol: str, dist, fmr: float | None = None, splits: int = 25,
                   seed: int = 2026, vendor: PhotoSet | None = None, vendor_dist=None,
                   by_unit: bool = True) -> tuple[dict, dict]:
    """Repeated person-disjoint 50/50 splits. Returns (summary with intervals, pooled test LRs).
    Every split's bounds come from its fitting half only (``by_unit``: counted in people and pairs
    of people, see :func:`fit`)."""
    people = np.array(sorted(set(ps.labels.tolist())))
    rng = np.random.default_rng(seed)
    rows, pooled = [], {"llr_same": [], "llr_diff": [], "unit_same": [], "unit_diff": []}
    for _ in range(splits):
        perm = rng.permutation(people)
        train_p = set(perm[: len(perm) // 2].tolist())
        is_train = np.array([x in train_p for x in ps.labels])
        tr, te = np.where(is_train)[0], np.where(~is_train)[0]
        s_tr, d_tr = pair_scores(ps, tr, protocol, dist)
        s_te, d_te = pair_scores(ps, te, protocol, dist)
        vs_tr, vd_tr = _vendor(ps, vendor, tr, protocol, dist, vendor_dist)
        vs_te, vd_te = _vendor(ps, vendor, te, protocol, dist, vendor_dist)
        thr = vendor_threshold(d_tr if vd_tr is None else vd_tr, fmr) if fmr else None
        s_tr, d_tr, u_tr = condition(s_tr, d_tr, thr, vs_tr, vd_tr, pair_units(ps, tr, protocol))
        s_te, d_te, u_te = condition(s_te, d_te, thr, vs_te, vd_te, pair_units(ps, te, protocol))
        if len(d_tr) < 5 or len(d_te) < 1 or len(s_tr) < 5:
            continue
        f = fit(s_tr, d_tr, u_tr if by_unit else None)
        ls, ld = f.llr(s_te), f.llr(d_te)
        rows.append(figures(s_te, d_te, ls, ld))
        pooled["llr_same"].append(ls); pooled["llr_diff"].append(ld)
        pooled["unit_same"].append(u_te[0]); pooled["unit_diff"].append(u_te[1])
    out = {"scheme": (f"{len(rows)} repeated person-disjoint splits (fit on a random half of the people, "
                      "test on the other half); point = mean over splits, interval = 2.5th-97.5th "
                      "percentile over splits (spread over splits, not a confidence interval)"), "splits": len(rows)}
    for k in rows[0]:
        v = np.array([r[k] for r in rows], float)
        out[k] = {"point": round(float(np.mean(v)), 6),
                  "ci95": [round(float(np.percentile(v, 2.5)), 6), round(float(np.percentile(v, 97.5)), 6)]}
    pooled = {k: np.concatenate(v) for k, v in pooled.items()}
    out["pooled"] = pooled_rates(pooled)
    return out, pooled


# The error rates a court reads: (side, test on log10 LR, unit).
POOLED = {"misleading_same": ("same", lambda x: x < 0),
          "misleading_diff": ("diff", lambda x: x > 0),
          "diff_strong": ("diff", lambda x: x >= STRONG_LOG10),
          "same_lr_ge_10": ("same", lambda x: x >= 1)}
UNIT_NAMES = {"same": "people", "diff": "pairs of people"}


def _group_medians(x: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(median of ``x`` in each group, in the order of np.unique(groups); each element's group index)."""
    _, inv, counts = np.unique(groups, return_inverse=True, return_counts=True)
    order = np.lexsort((x, inv))
    xs = x[order]
    start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return (xs[start + (counts - 1) // 2] + xs[start + counts // 2]) / 2, inv


def pooled_rates(pooled: dict) -> dict:
    """Held-out error rates pooled over the splits and counted in independent units: for every
    person (same-person pairs) or pair of people (different-person pairs) ever held out, the median
    of all its held-out log10 LRs over all splits decides whether it counts; k of n units with a
    Clopper-Pearson 95% interval. The photo-pair count and the units with at least one such pair
    are kept beside it (the worst case)."""
    out = {"counted_in": "people (same-person figures) and pairs of people (different-person figures); each "
                         "unit once, by the median of its held-out LRs over all splits",
           "interval": "Clopper-Pearson 95%"}
    for key, (side, test) in POOLED.items():
        llr, units = np.asarray(pooled[f"llr_{side}"], float), np.asarray(pooled[f"unit_{side}"])
        med, inv = _group_medians(llr, units)
        anyk = np.bincount(inv, weights=test(llr).astype(float), minlength=len(med)) > 0
        k, n = int(np.sum(test(med))), int(len(med))
        lo, hi = clopper_pearson(k, n, digits=6)
        out[key] = {"k": k, "n": n, "rate": round(k / n, 6) if n else None, "ci95": [lo, hi],
                    "unit": UNIT_NAMES[side], "units_with_any": int(np.sum(anyk)),
                    "photo_pairs": {"k": int(np.sum(test(llr))), "n": int(len(llr))}}
    return out


def fit_all(ps: PhotoSet, protocol: str, dist, fmr: float | None = None, vendor: PhotoSet | None = None,
            vendor_dist=None, by_unit: bool = True) -> tuple[Fit, dict]:
    """The shipped fit: every person; with the vendor threshold when conditioned."""
    idx = np.arange(len(ps.labels))
    same, diff = pair_scores(ps, idx, protocol, dist)
    vs, vd = _vendor(ps, vendor, idx, protocol, dist, vendor_dist)
    info = {"n_same_all": int(len(same)), "n_diff_all": int(len(diff))}
    thr = None
    if fmr:
        thr = vendor_threshold(diff if vd is None else vd, fmr)
        info["vendor_threshold"] = thr
        info["vendor_algorithm"] = "sface" if vendor is not None else "same as the calibrated score"
    same, diff, units = condition(same, diff, thr, vs, vd, pair_units(ps, idx, protocol))
    f = fit(same, diff, units if by_unit else None)
    e, e_thr = eer(same, diff)
    thr1 = -f.a / f.b
    info.update(fmr_at_lr1_threshold=float(np.mean(diff < thr1)), fnmr_at_lr1_threshold=float(np.mean(same >= thr1)))
    info.update(n_same=int(len(same)), n_diff=int(len(diff)), eer_in_sample=e,
                score_min=float(min(same.min(), diff.min())), score_max=float(max(same.max(), diff.max())),
                same_mean=float(np.mean(same)), same_sd=float(np.std(same)),
                diff_mean=float(np.mean(diff)), diff_sd=float(np.std(diff)),
                n_people=int(len(set(ps.labels.tolist()))),
                n_same_units=int(len(np.unique(units[0]))), n_diff_units=int(len(np.unique(units[1]))),
                bounds_counted_in="people (same-person pairs) and pairs of people (different-person pairs)"
                if by_unit else "photo pairs")
    return f, info
