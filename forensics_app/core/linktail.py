"""How often two *different* people's faces score this close: the false-match rate behind face links.

A portfolio of N comparisons keeps its expected number of false face links below alpha when each
comparison is declared a link only at a score s whose false-match rate FMR(s) (probability that
two different people score <= s) satisfies ``2 * N * FMR(s) <= alpha``. The factor 2 covers the
link score being the *median* of several frame-pair scores: if each frame pair of two different
people falls below s with probability FMR(s), the median does with probability at most 2 FMR(s)
(Markov's inequality on the number of pairs below s).

FMR(s) is estimated from different-person pairs of labelled photos (tools/fit_link_tails.py):

- **within the data** (FMR >= ``p_anchor``): the empirical rate;
- **beyond the data**: an exponential tail fitted to the pairs below the anchor score u,
  ``FMR(s) = p_anchor * exp(-(u - s) / sigma)``, sigma the mean distance of those pairs below u
  (maximum likelihood). The measured tails bend *down* faster than exponential (each decade of
  FMR spans less distance than the one before), so the exponential over-states the rate there;
- **upper bound**: the 95th percentile over a bootstrap that resamples *people* (pairs sharing a
  person are not independent), of the whole curve;
- **limit**: the table stops ``EXTRAPOLATE_DECADES`` decades below the smallest rate the data
  resolve (one pair in all different-person pairs); a portfolio that needs a smaller rate has more
  comparisons than the estimate supports and declares no face link.

Only these numbers are shipped (never a photo or a per-photo value).
"""

from __future__ import annotations

import math

import numpy as np

EXTRAPOLATE_DECADES = 3.0
MEDIAN_FACTOR = 2.0
P_ANCHOR = 1e-3
BOOTSTRAP = 400
UPPER_QUANTILE = 0.95
GRID = np.round(np.arange(0.0, 0.8001, 0.0025), 4)


def _pairs(d: np.ndarray, person_a: np.ndarray, person_b: np.ndarray, unordered: bool, keep_below: float):
    """Different-person pairs (score, person a, person b) with score < keep_below, and the number
    of photo pairs between each two people (for the totals)."""
    mask = person_a[:, None] != person_b[None, :]
    if unordered:
        mask &= np.triu(np.ones_like(mask, dtype=bool), 1)
    ia, ib = np.nonzero(mask & (d < keep_below))
    return d[ia, ib], person_a[ia], person_b[ib]


def _curve(scores, pa, pb, w, total, p_anchor):
    """log10 FMR on GRID for one weighting of people (w per person), plus (u, sigma)."""
    pw = w[pa] * w[pb]
    order = np.argsort(scores, kind="stable")
    s, cw = scores[order], np.cumsum(pw[order])
    fmr_at = lambda x: np.interp(x, s, cw / total, left=0.0)          # noqa: E731 - empirical, step-ish
    k = np.searchsorted(cw / total, p_anchor)
    u = float(s[min(k, len(s) - 1)])
    below = s < u
    wb = pw[order][below]
    sigma = float(np.sum(wb * (u - s[below])) / max(np.sum(wb), 1e-300)) if below.any() else 1e-3
    emp = np.maximum(fmr_at(GRID), 1e-300)
    tail = p_anchor * np.exp(-(u - GRID) / sigma)
    return np.log10(np.where(GRID >= u, emp, tail)), u, sigma


def fit(d: np.ndarray, people_probe: np.ndarray, people_ref: np.ndarray, unordered: bool,
        seed: int = 0, bootstrap: int = BOOTSTRAP) -> dict:
    """The FMR table of one protocol: ``d`` all probe-by-reference scores (lower = more alike),
    ``people_*`` the person of each row/column (integers), ``unordered`` for a set against itself."""
    people = np.unique(np.concatenate([people_probe, people_ref]))
    n_people = len(people)
    counts_p = np.bincount(people_probe, minlength=people.max() + 1).astype(float)
    counts_r = np.bincount(people_ref, minlength=people.max() + 1).astype(float)
    scores, pa, pb = _pairs(d, people_probe, people_ref, unordered, keep_below=0.85)

    def total(w):
        t = (w * counts_p).sum() * (w * counts_r).sum() - (w * w * counts_p * counts_r).sum()
        return t / 2 if unordered else t

    ones = np.zeros(people.max() + 1)
    ones[people] = 1.0
    n_pairs = total(ones)
    point, u, sigma = _curve(scores, pa, pb, ones, n_pairs, P_ANCHOR)
    rng = np.random.default_rng(seed)
    boots, sigmas = [], []
    for _ in range(bootstrap):
        w = np.zeros(people.max() + 1)
        np.add.at(w, rng.choice(people, n_people, replace=True), 1.0)
        c, _u, sg = _curve(scores, pa, pb, w, total(w), P_ANCHOR)
        boots.append(c)
        sigmas.append(sg)
    upper = np.quantile(np.array(boots), UPPER_QUANTILE, axis=0)
    upper = np.maximum.accumulate(upper)                # an FMR never falls as the score grows
    resolved = math.log10(1.0 / n_pairs)
    floor = resolved - EXTRAPOLATE_DECADES
    same = (people_probe[:, None] == people_ref[None, :]) & ~np.eye(len(people_probe), len(people_ref), dtype=bool)
    if unordered:
        same &= np.triu(np.ones_like(same), 1)
    ss = np.sort(d[same])
    exc = u - scores[scores < u]
    m, v = float(exc.mean()), float(exc.var())
    return {"n_people": int(n_people), "n_pairs": int(round(n_pairs)), "anchor_fmr": P_ANCHOR,
            "anchor_score": round(u, 5), "tail_scale": round(sigma, 5),
            "tail_scale_upper": round(float(np.quantile(sigmas, UPPER_QUANTILE)), 5),
            "gpd_shape_pwm": round(0.5 * (1 - m * m / v), 3) if v > 0 else None,
            "log10_fmr_resolved": round(resolved, 3), "log10_fmr_floor": round(floor, 3),
            "score_grid": GRID.tolist(), "log10_fmr_point": np.round(point, 3).tolist(),
            "log10_fmr_upper": np.round(upper, 3).tolist(), "n_same_person_pairs": int(len(ss)),
            "same_person_fraction_below": np.round(np.searchsorted(ss, GRID, side="right") / max(1, len(ss)), 4).tolist()}


def empirical_fmr(d: np.ndarray, people_probe, people_ref, unordered: bool, s: float) -> tuple[int, int]:
    """(pairs of different people scoring <= s, all such pairs): for held-out checks."""
    mask = people_probe[:, None] != people_ref[None, :]
    if unordered:
        mask &= np.triu(np.ones_like(mask, dtype=bool), 1)
    return int(np.sum(mask & (d <= s))), int(np.sum(mask))


def score_threshold(table: dict, fmr: float) -> float | None:
    """Largest grid score whose upper-bound FMR is <= ``fmr``; None when ``fmr`` is below the
    table's floor (more comparisons than the estimate supports)."""
    if fmr <= 0 or math.log10(fmr) < table["log10_fmr_floor"]:
        return None
    up = np.asarray(table["log10_fmr_upper"])
    ok = np.nonzero(up <= math.log10(fmr))[0]
    return float(table["score_grid"][ok[-1]]) if len(ok) else None


def max_comparisons(table: dict, alpha: float) -> int:
    """The most comparisons a portfolio may hold for this table to set its threshold."""
    return int(alpha / (MEDIAN_FACTOR * 10 ** table["log10_fmr_floor"]))


def cases_for_comparisons(n: int) -> int:
    """Cases whose comparisons (pairs of captured faces, and captures against every other case's
    ID photo: 1.5 c (c - 1)) are at most n."""
    return int((1 + math.sqrt(1 + 8 * n / 3)) / 2)
