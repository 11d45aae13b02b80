"""Face comparison in the report, after the reportable figure: the presentation caveat, the
relevant population and why, both algorithms' figures with their calibrations (name and SHA-256),
and the validation figures with their intervals. Only catalogue texts and figures: the
calibrations' own descriptions (data, limits) are in results.json and docs/face-comparison.md."""

from __future__ import annotations

from reportlab.lib.units import mm

from ..core.blocks import CalibrationValidation, Estimate, PooledRate, Population, PopulationBasis
from ..core.liveness_eval import clopper_pearson
from ..core.lr import format_lr
from ..core.model import FaceComparison, StageStatus
from ..i18n.messages import MESSAGES
from ..i18n.render import msg
from .context import W

POOLED_KEYS = ("misleading_same", "misleading_diff", "diff_strong", "same_lr_ge_10")


def _ci(c, v: Estimate | None, pct: bool) -> str:
    """A mean over the splits with the spread of the splits (2.5th-97.5th percentile); "not measured"
    where the calibration has no held-out figure (never a dash that could read as zero)."""
    if not v or v.point is None:
        return c._("not measured")
    lo, hi = v.ci95
    if pct:
        return f"{100 * v.point:.2f}% [{100 * lo:.2f}–{100 * hi:.2f}]"
    return f"{v.point:.3f} [{lo:.3f}–{hi:.3f}]"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _pooled(c, p: PooledRate | None, per_split: Estimate | None, worst: bool = False) -> str:
    """k/n units held out, the rate and its Clopper-Pearson 95% interval (a unit counts by the median
    of its held-out LRs: its typical comparison); for an error rate (``worst``) also the units with
    at least one such photo pair (the worst case). A calibration validated before the pooled counts
    were recorded shows its mean over the splits, marked as such."""
    if p and p.n:
        lo, hi = p.ci95
        out = f"{p.k}/{p.n} = {_pct(p.k / p.n)} ({_pct(lo)}–{_pct(hi)})"
        if worst and p.units_with_any is not None:       # the worst case: any of its photo pairs
            m, n = p.units_with_any, p.n
            wlo, whi = clopper_pearson(m, n, digits=6)
            out += "; " + c._("at least one photo pair: {k}/{n} = {rate} ({lo}–{hi})").format(
                k=m, n=n, rate=_pct(m / n), lo=_pct(wlo), hi=_pct(whi))
        return out
    if per_split and per_split.point is not None:
        return c._("{x} (mean over splits; no counts recorded)").format(x=_pct(per_split.point))
    return c._("not measured")


def population_reason(pop: dict, tr, quote=lambda x: x) -> str:
    """Why this population, in the reader's language: who chose it (the case's default or the
    examiner, with the reason given) and, for the default, where its base and its vendor check's
    false-match rate come from. Used by the report and the review desk."""
    _ = tr.gettext
    pop = Population.from_json(pop, "face_comparison.population")
    key, default = pop.key, pop.default
    basis = pop.basis or PopulationBasis()
    if basis.chosen_by == "examiner" or (key and default and key != default):
        why = basis.examiner_reason
        return _("Population {key}: chosen by the examiner instead of the case's default {default}; reason "
                 "given: {why}.").format(key=key, default=default, why=quote(why) if why else _("none"))
    base_from = {"case": _("declared by the case (case.json reference_population)"),
                 "chinese_case": _("not declared by the case; the case is Chinese (language or time zone)"),
                 "not_chinese": _("not declared by the case, which shows no sign of being Chinese")}
    out = _("Population {key}, the case's default. Base population {base}: {why}.").format(
        key=key, base=pop.base, why=base_from.get(basis.base_from, _("not recorded")))
    fmr_from = basis.vendor_fmr_from
    if fmr_from:
        out += " " + _("The capture passed the bank's face check, so the population is restricted to people who "
                       "would pass it:") + " " + {
            "declared": _("the bank declared a false-match rate of {fmr} (bank_claims.vendor_fmr)."),
            "declared_nearest": _("the bank declared a false-match rate of {declared} (bank_claims.vendor_fmr); the "
                                  "nearest shipped level {fmr} is used."),
            "default": _("the bank declared no false-match rate (bank_claims.vendor_fmr), so the documented "
                         "default {fmr} is used.")}[fmr_from].format(
            fmr=f"{pop.vendor_fmr:g}", declared=_("not recorded") if basis.declared_vendor_fmr is None else f"{basis.declared_vendor_fmr:g}")
    return out


def face_algorithms(c, fc: FaceComparison) -> list:
    """Both algorithms' figures; the per-algorithm blocks are open JSON (core/facesummary.py)."""
    _ = c._
    s = []
    pop = fc.population or {}
    if pop:
        # the base population named in words (a shipped one from the catalogue, a lab's name quoted)
        base = pop.base or pop.key
        base = c.msg(msg(f"CAL.population.{base}")) if f"CAL.population.{base}" in MESSAGES else c.quote(base)
        if pop.vendor_fmr:
            text = _("Relevant population: {base}, restricted to people who would pass the bank's face check at a "
                     "false-match rate of {fmr} (SFace at its threshold for that rate stands in for the bank's "
                     "undisclosed algorithm).").format(base=base, fmr=f"{pop.vendor_fmr:g}")
        else:
            text = _("Relevant population: {base}.").format(base=base)
        s.append(c.p(text + " " + population_reason(pop, c.tr, c.quote), c.small))
        if pop.warnings:
            s.append(c.p(_("Warning: this population differs from the case's default or was not validated on the "
                           "case's population; see results.json face_comparison.population.warnings."), c.small))
    rows = [[_("Algorithm"), _("Status"), _("Median distance"), "LR", _("Verbal equivalent"), _("Calibration (SHA-256)")]]
    for a in fc.algorithms or []:
        lr = a.likelihood_ratio
        vs = a.verbal_scale
        name = {"sface": "SFace", "dlib": "dlib"}.get(a.algorithm, a.algorithm) + (
            " " + _("(reportable)") if a.algorithm == fc.primary else "")
        status = {"analysed": _("analysed"), "outside_validated_range": _("outside the validated range"),
                  "no_usable_frames": _("no usable frames"), "no_reference_face": _("no face in the ID photo"),
                  "reproduction_suspected": _("withheld: possible reproduction of the ID photo"),
                  "fails_vendor_check": _("withheld: fails the vendor check")}
        rows.append([name, status.get(a.status, a.status),
                     "—" if a.median_distance is None else f"{a.median_distance:.4f}",
                     "—" if lr is None else format_lr(lr), c.term("band", vs.band) if vs else "—",
                     c.p(f"{a.calibration.name} ({a.calibration.sha256[:16]})", c.tiny)])
    s += [c.p(_("Both algorithms"), c.h2), c.table(rows, [30 * mm, 28 * mm, 20 * mm, 16 * mm, 28 * mm, W - 122 * mm])]
    for a in fc.algorithms or []:
        lo, hi = a.lr_bounds_log10 or (None, None)
        cal = a.calibration
        if a.log10_lr is not None and a.log10_lr in (lo, hi):
            s.append(c.p(_("{alg}: the likelihood ratio {lr} is the calibration's {which} bound: with its data ({n} "
                           "people; bounds counted in people and pairs of people) no score can give a stronger "
                           "value.").format(
                alg={"sface": "SFace"}.get(a.algorithm, a.algorithm), lr=format_lr(a.likelihood_ratio),
                n=cal.n_people, which=_("upper") if a.log10_lr == hi else _("lower")), c.small))
    outside = fc.outside or []
    if fc.status == StageStatus.outside_validated_range:
        s.append(c.p(_("Outside the validated range: the ID photo's {measures} lie outside what the calibration's chip "
                       "photos cover, so no likelihood ratio is given.").format(
            measures=c.tr.join(x.split(" ")[0].lstrip("|") for x in outside)), c.small))
    vrows = [[_("Calibration"), "EER", "Cllr", "Cllr_min", _("misleading, same person (people)"),
              _("misleading, different people (pairs of people)"),
              _("different people at LR ≥ 1,000 (pairs of people)"), _("same person at LR ≥ 10 (people)")]]
    splits = None
    for a in fc.algorithms or []:
        v = a.validation or CalibrationValidation()
        splits = splits or v.splits
        hi = a.calibration.log10_upper if a.calibration else None
        cells = [_ci(c, getattr(v, k), k == "eer") for k in ("eer", "cllr", "cllr_min")]
        for k in POOLED_KEYS:
            if k == "diff_strong" and hi is not None and hi < 3:
                cells.append(_("not reachable: the calibration's LR stops at {lr}").format(lr=format_lr(10 ** hi)))
            else:
                cells.append(_pooled(c, getattr(v.pooled, k) if v.pooled else None, getattr(v, k), k != "same_lr_ge_10"))
        vrows.append([c.p(a.calibration.name, c.tiny)] + [c.p(x, c.tiny) for x in cells])
    head = _("Validation held out by person: not measured (the calibration records no held-out validation, so "
             "none of these figures was measured).") if splits is None else None
    s += [c.p(head or _("Validation held out by person ({n} repeated splits, each fitted on half of the people and tested on "
                "the other half). EER, Cllr and Cllr_min: mean over the splits, with the 2.5th–97.5th percentile of "
                "the splits (their spread, not a confidence interval). The rates: k of n units held out, pooled over "
                "the splits, each person (same-person rates) or pair of people (different-person rates) counted once "
                "by the median of its held-out likelihood ratios (its typical comparison), with a Clopper-Pearson "
                "95% confidence interval; for the error rates also the units with at least one such held-out photo "
                "pair (the worst case).").format(n=splits), c.small), c.table(vrows, [34 * mm] + [(W - 34 * mm) / 7] * 7)]
    return s
