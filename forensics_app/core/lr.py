"""Likelihood ratios: logistic calibration of distances, ELUB bounds, Cllr, the ENFSI verbal scale.

References: Brümmer & du Preez (2006) for Cllr; Vergeer et al., Science & Justice 56(6) 2016 for
the empirical lower and upper bounds (ELUB); ENFSI Guideline for Evaluative Reporting (2015) for
the verbal scale.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

# ENFSI 2015: lower edge of each band of LR (> 1), with its English wording (the catalogue has the rest).
VERBAL_BANDS = [
    (1.0, "no_support", "no support for either proposition"),
    (2.0, "weak", "weak support"),
    (10.0, "moderate", "moderate support"),
    (100.0, "moderately_strong", "moderately strong support"),
    (1_000.0, "strong", "strong support"),
    (10_000.0, "very_strong", "very strong support"),
    (1_000_000.0, "extremely_strong", "extremely strong support"),
]
STRONG_RANK = 4   # index of "strong" in VERBAL_BANDS


def verbal_band(lr: float) -> dict:
    """ENFSI band for an LR; below 1 the inverse is used and the propositions swap."""
    if lr is None or not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"likelihood ratio must be positive and finite, got {lr}")
    x = lr if lr >= 1 else 1.0 / lr
    # Bands include their upper edge: an LR of exactly 100 is "moderate", not "moderately strong".
    rank = max(i for i, band in enumerate(VERBAL_BANDS) if x > band[0]) if x > 2 else 0
    key = VERBAL_BANDS[rank][1]
    # An LR from 1/2 to 2 is "no support for either proposition": it favours neither, whichever side
    # of 1 it falls (saying "no support ... for Hp" would contradict itself).
    favours = "neither" if rank == 0 else ("Hp" if lr > 1 else "Hd")
    # the wording is rendered from the catalogue (forensics_app.i18n, TERMS["band"]) in the reader's language
    return {"band": key, "rank": rank, "favours": favours, "lr_for_band": x}


def format_lr(lr: float) -> str:
    """An LR as a court reads it: 1,000 rather than 1e+03; 1/250 rather than 0.004."""
    if lr >= 1e6:
        return f"{lr:.3g}".replace("e+0", "×10^").replace("e+", "×10^")
    if lr >= 10:
        return f"{lr:,.0f}"
    if lr >= 1:
        return f"{lr:.2f}"
    return "1/" + format_lr(1.0 / lr)


def band_table() -> list[dict]:
    rows = []
    for i, (edge, key, _en) in enumerate(VERBAL_BANDS):
        upper = VERBAL_BANDS[i + 1][0] if i + 1 < len(VERBAL_BANDS) else None
        rows.append({"band": key, "from": edge, "to": upper})
    return rows


# --------------------------------------------------------------------------------------------
# Logistic calibration: log LR = a + b * distance, fitted with equal weight on each class so that
# the intercept is free of the sample's class proportions (prior odds 1).
# --------------------------------------------------------------------------------------------

def fit_logistic(scores: np.ndarray, y: np.ndarray, l2: float = 1e-6, iters: int = 100) -> tuple[float, float]:
    """Weighted IRLS for P(y=1|s) = sigmoid(a + b s); classes weighted to equal total mass."""
    s = np.asarray(scores, float)
    y = np.asarray(y, float)
    n1, n0 = y.sum(), (1 - y).sum()
    if n1 == 0 or n0 == 0:
        raise ValueError("calibration needs both same-person and different-person scores")
    w = np.where(y == 1, 0.5 / n1, 0.5 / n0)
    X = np.column_stack([np.ones_like(s), s])
    beta = np.zeros(2)
    for _ in range(iters):
        z = X @ beta
        p = 1.0 / (1.0 + np.exp(-z))
        g = X.T @ (w * (p - y)) + l2 * beta
        H = (X * (w * p * (1 - p))[:, None]).T @ X + l2 * np.eye(2)
        step = np.linalg.solve(H, g)
        beta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return float(beta[0]), float(beta[1])


def cllr(lrs_same: np.ndarray, lrs_diff: np.ndarray) -> float:
    lrs_same, lrs_diff = np.asarray(lrs_same, float), np.asarray(lrs_diff, float)
    a = np.mean(np.log2(1 + 1 / lrs_same))
    b = np.mean(np.log2(1 + lrs_diff))
    return float(0.5 * (a + b))


def elub_bounds(llr_same: np.ndarray, llr_diff: np.ndarray, lo: float = -7.0, hi: float = 7.0,
                step: float = 0.01, w_same: np.ndarray | None = None,
                w_diff: np.ndarray | None = None) -> tuple[float, float]:
    """Empirical lower and upper bound on log10 LR (Vergeer et al. 2016).

    For every threshold rho (log10), one misleading LR at rho is added to the side it misleads,
    and the normalised Bayes error of the system is compared with that of a neutral system
    (LR = 1 always, NBE = 1). The bounds are the extreme thresholds at which the system still
    does better than neutral.

    With weights (see :func:`forensics_app.core.validation.unit_weights`) every count is a count of
    independent units: the system's error rates are weighted shares, and the one misleading LR
    that the method adds weighs one unit, against the number of units (people, pairs of people)
    instead of the number of photo pairs. Unit weights of 1 give Vergeer's rule exactly."""
    s, d = np.asarray(llr_same, float), np.asarray(llr_diff, float)
    ws = np.ones(len(s)) if w_same is None else np.asarray(w_same, float)
    wd = np.ones(len(d)) if w_diff is None else np.asarray(w_diff, float)
    os_, od = np.argsort(s, kind="mergesort"), np.argsort(d, kind="mergesort")
    s, ws, d, wd = s[os_], ws[os_], d[od], wd[od]
    cs, cd = np.concatenate([[0.0], np.cumsum(ws)]), np.concatenate([[0.0], np.cumsum(wd)])
    ns, nd = cs[-1], cd[-1]
    rho = np.round(np.arange(lo, hi + step / 2, step), 10)
    theta = 10.0 ** rho
    neg = rho < 0
    # rho < 0: one misleading LR (one unit) added to the same-person side; rho >= 0: to the other
    s_le, d_le = cs[np.searchsorted(s, rho, "right")], cd[np.searchsorted(d, rho, "right")]
    s_lt, d_lt = cs[np.searchsorted(s, rho, "left")], cd[np.searchsorted(d, rho, "left")]
    nbe_neg = (1 / theta) * ((s_le + 1) / (ns + 1)) + (nd - d_le) / nd
    nbe_pos = theta * ((nd - d_lt + 1) / (nd + 1)) + s_lt / ns
    nbe = np.where(neg, nbe_neg, nbe_pos)
    ok = rho[(nbe > 0) & (nbe < 1)]
    if not len(ok):
        return 0.0, 0.0
    return float(min(ok.min(), 0.0)), float(max(ok.max(), 0.0))


@dataclass
class Calibration:
    """A fitted score-to-LR model for one reference population."""

    name: str
    a: float
    b: float
    log10_lower: float
    log10_upper: float
    n_same: int
    n_diff: int
    n_people: int
    population: str
    source: str
    limits: str
    metrics: dict
    threshold_lr1: float
    # format-2 calibrations (chip-photo protocol, two algorithms, vendor-check populations)
    algorithm: str = "dlib"               # "sface" or "dlib"
    protocol: str = "photo"               # "chip" (chip photo vs photo) or "photo" (photo vs photo)
    score: str = "Euclidean distance of dlib embeddings"
    vendor_fmr: float | None = None       # population conditioned on passing a check at this FMR
    vendor_threshold: float | None = None
    validated_range: dict | None = None   # quality range of the reference (chip) and probe faces
    curves: dict | None = None            # Tippett and ECE curves of the held-out LRs
    # the description fields as catalogue messages (core/caldesc.py); None in a file fitted before them
    population_msg: dict | None = None
    source_msg: dict | None = None
    limits_msg: dict | None = None
    score_msg: dict | None = None

    def log10_lr(self, distance: float) -> float:
        raw = (self.a + self.b * distance) / math.log(10)
        return float(min(max(raw, self.log10_lower), self.log10_upper))

    def lr(self, distance: float) -> float:
        return 10.0 ** self.log10_lr(distance)

    def unbounded_log10_lr(self, distance: float) -> float:
        return float((self.a + self.b * distance) / math.log(10))

    def as_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict) -> "Calibration":
        fields = cls.__dataclass_fields__
        return cls(**{k: d[k] for k in fields if k in d or fields[k].default is dataclasses.MISSING})


def error_rates(same: np.ndarray, diff: np.ndarray, threshold: float) -> tuple[float, float]:
    """FMR and FNMR for distances at a threshold (match when distance < threshold)."""
    same, diff = np.asarray(same), np.asarray(diff)
    return float(np.mean(diff < threshold)), float(np.mean(same >= threshold))


def eer(same: np.ndarray, diff: np.ndarray) -> tuple[float, float]:
    """Equal error rate and the distance threshold where FMR and FNMR cross."""
    grid = np.unique(np.concatenate([same, diff]))
    rates = [error_rates(same, diff, t) for t in grid]
    i = int(np.argmin([abs(f - n) for f, n in rates]))
    return float(sum(rates[i]) / 2), float(grid[i])


def tar_at_fmr(same: np.ndarray, diff: np.ndarray, fmr: float) -> float | None:
    """True-accept rate at the largest threshold whose FMR does not exceed ``fmr``."""
    diff = np.sort(np.asarray(diff))
    if len(diff) * fmr < 1:
        return None   # the data cannot resolve an FMR this small
    k = int(math.floor(fmr * len(diff)))
    thr = diff[k] if k < len(diff) else diff[-1]
    return float(np.mean(np.asarray(same) < thr))
