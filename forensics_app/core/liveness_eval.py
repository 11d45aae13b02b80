"""Error rates of the liveness verdict (ISO/IEC 30107-3 terms), their intervals, the subject split,
and the rule that fixes the learned score's operating point on one split.

Pure functions over already-judged items; reading the material is in pipeline/evaluation.py.
"""

from __future__ import annotations

import hashlib
import math

SPECIES = ("print", "replay", "injection")
CLASS_TO_SPECIES = {"print": "print", "replay": "replay", "deepfake": "injection", "injection": "injection"}


def _binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space (n of tens of thousands: the pairs of
    people of a calibration, core/validation.py)."""
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 1.0 if k >= n else 0.0
    lp, lq, ln = math.log(p), math.log1p(-p), math.lgamma(n + 1)
    return min(1.0, sum(math.exp(ln - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq)
                        for i in range(k + 1)))


def clopper_pearson(k: int, n: int, level: float = 0.95, digits: int = 4) -> tuple[float, float]:
    """Exact (Clopper-Pearson) two-sided interval for a proportion k/n, by bisection on the binomial CDF."""
    if n <= 0:
        return (0.0, 1.0)
    a = (1 - level) / 2

    def solve(f, lo=0.0, hi=1.0):
        for _ in range(80):
            mid = (lo + hi) / 2
            if f(mid):
                hi = mid
            else:
                lo = mid
        return (lo + hi) / 2

    lower = 0.0 if k == 0 else solve(lambda p: 1 - _binom_cdf(k - 1, n, p) >= a)
    upper = 1.0 if k == n else solve(lambda p: _binom_cdf(k, n, p) <= a)
    return (round(lower, digits), round(upper, digits))


def rate(k: int, n: int) -> dict:
    lo, hi = clopper_pearson(k, n)
    return {"k": k, "n": n, "rate": round(k / n, 4) if n else None, "ci95": [lo, hi],
            "interval": "Clopper-Pearson 95%"}


def split_subjects(subjects_by_group: dict[str, list[str]]) -> dict[str, str]:
    """Assign every subject to split "A" or "B": within each group (NUAA subjects, recorders,
    face-swap drivers, talking heads), subjects sorted by a hash of their name alternate, so each
    group has members on both sides and the assignment depends on nothing but the names."""
    out = {}
    for group in sorted(subjects_by_group):
        subs = sorted(set(subjects_by_group[group]), key=lambda s: hashlib.sha256(s.encode()).hexdigest())
        for i, s in enumerate(subs):
            out[s] = "AB"[i % 2]
    return out


def fit_pad_threshold(live_scores: list[float], cap: float = 0.5) -> dict:
    """The learned score's operating point from the live items of the fitting split only.

    Rule (fixed before looking at the held-out split): half the lowest live item's score, and never
    above the vendor's own 0.5. Attack items are not used: the point is set to protect genuine
    customers (a margin of 2x in probability below every genuine item seen), not to maximise
    detection on this set."""
    if not live_scores:
        return {"threshold": cap, "rule": "no live item to fit on: the vendor's 0.5"}
    lowest = min(live_scores)
    return {"threshold": round(min(cap, lowest / 2), 4), "lowest_live_score": round(lowest, 4),
            "n_live": len(live_scores),
            "rule": "half the lowest live item's median score on the fitting split, capped at the vendor's 0.5"}


def error_rates(items: list[dict]) -> dict:
    """APCER per species (attack items not judged ``attack_suspected``: accepted as live or left
    inconclusive), BPCER (live items judged ``attack_suspected``), and how the live items were judged."""
    live = [i for i in items if i["truth"] == "live"]
    long_live = [i for i in live if i.get("long")]
    out = {"bpcer": rate(sum(i["verdict"] == "attack_suspected" for i in live), len(live)),
           "live_judged_live": rate(sum(i["verdict"] == "live" for i in live), len(live)),
           "long_live_judged_live": rate(sum(i["verdict"] == "live" for i in long_live), len(long_live)),
           "live_inconclusive": rate(sum(i["verdict"] == "inconclusive" for i in live), len(live)),
           "apcer": {}}
    for sp in SPECIES:
        att = [i for i in items if i["truth"] == sp]
        if att:
            out["apcer"][sp] = rate(sum(i["verdict"] != "attack_suspected" for i in att), len(att)) | {
                "accepted_as_live": sum(i["verdict"] == "live" for i in att),
                "inconclusive": sum(i["verdict"] == "inconclusive" for i in att)}
    return out


def separation(pairs: list[tuple[float, float]]) -> dict:
    """How well a cue separates face swaps from their originals: paired wins (swap above original)
    and the AUC over all swap/original combinations (0.5 = no separation; 0 or 1 = perfect)."""
    pairs = [(o, s) for o, s in pairs if o is not None and s is not None]
    if not pairs:
        return {"n_pairs": 0}
    orig, swap = [o for o, _ in pairs], [s for _, s in pairs]
    auc = sum((s > o) + 0.5 * (s == o) for s in swap for o in orig) / (len(swap) * len(orig))
    return {"n_pairs": len(pairs), "swap_above_original": sum(s > o for o, s in pairs), "auc": round(auc, 3),
            "original_range": [round(min(orig), 4), round(max(orig), 4)],
            "swap_range": [round(min(swap), 4), round(max(swap), 4)]}
