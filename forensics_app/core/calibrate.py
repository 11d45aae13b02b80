"""Fitting and evaluating a score-to-LR calibration from labelled embeddings.

Pairs: every within-person pair is a same-person (Hp) pair, every cross-person pair a
different-person (Hd) pair. Evaluation holds people apart: the model is fitted on one half of
the people and tested on the other, then the halves swap (2-fold by person), so no face in a
test pair was seen in fitting.
"""

from __future__ import annotations

import math


import numpy as np

from .lr import Calibration, cllr, eer, elub_bounds, error_rates, fit_logistic, tar_at_fmr


def pair_distances(emb: np.ndarray, labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    emb = np.asarray(emb, float)
    lab = np.asarray(labels)
    d = np.sqrt(np.maximum(((emb[:, None, :] - emb[None, :, :]) ** 2).sum(-1), 0))
    iu = np.triu_indices(len(lab), 1)
    same = lab[iu[0]] == lab[iu[1]]
    return d[iu][same], d[iu][~same]


def _fit(same: np.ndarray, diff: np.ndarray) -> tuple[float, float, float, float]:
    s = np.concatenate([same, diff])
    y = np.concatenate([np.ones(len(same)), np.zeros(len(diff))])
    a, b = fit_logistic(s, y)
    lo, hi = elub_bounds((a + b * same) / math.log(10), (a + b * diff) / math.log(10))
    return a, b, lo, hi


def _score_metrics(same, diff, llr_s, llr_d) -> dict:
    """Discrimination and calibration figures of distances and their log10 LRs."""
    e, e_thr = eer(same, diff)
    return {
        "n_same": int(len(same)), "n_diff": int(len(diff)),
        "tar_at_fmr_1e-2": tar_at_fmr(same, diff, 1e-2),
        "tar_at_fmr_1e-3": tar_at_fmr(same, diff, 1e-3),
        "eer": e, "eer_threshold": e_thr,
        "cllr": cllr(10 ** llr_s, 10 ** llr_d),
        "misleading_same_lr_below_1": float(np.mean(llr_s < 0)),
        "misleading_diff_lr_above_1": float(np.mean(llr_d > 0)),
        "diff_pairs_strong_or_above": float(np.mean(llr_d >= 3)),
    }


def _metrics(cal: Calibration, same: np.ndarray, diff: np.ndarray) -> dict:
    llr_s = np.array([cal.log10_lr(x) for x in same])
    llr_d = np.array([cal.log10_lr(x) for x in diff])
    fmr_t, fnmr_t = error_rates(same, diff, cal.threshold_lr1)
    fmr6, fnmr6 = error_rates(same, diff, 0.6)
    return _score_metrics(same, diff, llr_s, llr_d) | {
        "fmr_at_lr1_threshold": fmr_t, "fnmr_at_lr1_threshold": fnmr_t,
        "fmr_at_0.6": fmr6, "fnmr_at_0.6": fnmr6,
        "same_mean": float(np.mean(same)), "same_sd": float(np.std(same)),
        "diff_mean": float(np.mean(diff)), "diff_sd": float(np.std(diff)),
    }


def _calibration(name, a, b, lo, hi, same, diff, n_people, population, source, limits, metrics):
    thr = -a / b if b else float("nan")
    return Calibration(name=name, a=a, b=b, log10_lower=lo, log10_upper=hi, n_same=int(len(same)),
                       n_diff=int(len(diff)), n_people=n_people, population=population,
                       source=source, limits=limits, metrics=metrics, threshold_lr1=thr)


def fit_calibration(emb: np.ndarray, labels: list[str], name: str, population: str, source: str,
                    limits: str = "") -> Calibration:
    """Fit on everything; attach held-out (2-fold by person) metrics and in-sample figures."""
    emb = np.asarray(emb, float)
    people = sorted(set(labels))
    if len(people) < 4:
        raise ValueError(f"calibration needs at least 4 people, got {len(people)}")
    same, diff = pair_distances(emb, labels)
    if len(same) < 10:
        raise ValueError(f"calibration needs at least 10 same-person pairs, got {len(same)}")
    a, b, lo, hi = _fit(same, diff)
    cal = _calibration(name, a, b, lo, hi, same, diff, len(people), population, source, limits, {})
    heldout = heldout_metrics(emb, labels)
    cal.metrics = {"in_sample": _metrics(cal, same, diff), "held_out": heldout}
    return cal


def heldout_metrics(emb: np.ndarray, labels: list[str]) -> dict:
    """2-fold cross-validation by person; scores from both test folds are pooled."""
    lab = np.asarray(labels)
    people = sorted(set(labels))
    folds = [set(people[0::2]), set(people[1::2])]
    pooled_same, pooled_diff, llr_s, llr_d = [], [], [], []
    for k in range(2):
        train = np.array([x in folds[k] for x in lab])
        test = ~train
        s_tr, d_tr = pair_distances(emb[train], list(lab[train]))
        s_te, d_te = pair_distances(emb[test], list(lab[test]))
        a, b, lo, hi = _fit(s_tr, d_tr)
        cal = _calibration("fold", a, b, lo, hi, s_tr, d_tr, 0, "", "", "", {})
        pooled_same.append(s_te); pooled_diff.append(d_te)
        llr_s += [cal.log10_lr(x) for x in s_te]
        llr_d += [cal.log10_lr(x) for x in d_te]
    same, diff = np.concatenate(pooled_same), np.concatenate(pooled_diff)
    llr_s, llr_d = np.array(llr_s), np.array(llr_d)
    return _score_metrics(same, diff, llr_s, llr_d) | {
        "scheme": "2-fold by person (fit on half the people, test on the other half, pooled)",
        "max_log10_lr_diff": float(np.max(llr_d)),
    }


