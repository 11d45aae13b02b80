"""Closing parts: limitations, validation summary (where every threshold comes from), the
declaration and the re-run appendix."""

from __future__ import annotations

import json

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from ..core.blocks import ErrorRates, ReferenceReproduction
from ..core.caldesc import describe
from ..core.model import StageStatus
from .context import W
from .courtcopy import TRIAGE_FIELDS
from .front import examiner_info


def limitations(c, r, digest, created, root, notes):
    _ = c._
    res = c.res
    cal = res.face_comparison.calibration          # core.blocks.CalibrationInfo (core/facesummary.py)
    lines = [
        _("The face calibration ('{name}') comes from public figures' web photos, not terminal captures; camera, "
          "lighting, compression and ageing at a terminal differ. Look-alikes and relatives are not "
          "represented.").format(name=cal.name) if cal.origin != "installed" else
        # a lab's own calibration: what its material is, the lab says (its words, quoted), not the shipped text
        _("The face calibration ('{name}') was fitted by a laboratory on its own photos; its limits as the "
          "laboratory states them: {limits}").format(name=cal.name, limits=c.msg(describe(cal, "limits"))),
        _("The likelihood ratio is bounded by what the calibration data can support; it cannot exceed the stated "
          "bounds."),
        _("A face comparison, however strong, does not show who presented the ID card, nor that a live person was "
          "present."),
        _("The vendor's similarity score cannot be compared with the likelihood ratio of this examination: its "
          "algorithm, version and error rates were not disclosed."),
        _("Records (police, telecom, handwriting) are taken as delivered; this examination did not verify their "
          "content."),
        _("Head pose is estimated from five landmarks and is approximate (a few degrees)."),
        (_("The liveness error rates were measured on a small public development set of real material (liveness "
           "section, with intervals), not on terminal material; injected images (a real-time face swap, or a recording "
           "of the card holder fed into the camera input) are not detected.")
         if _liveness_measured(res.liveness) else
         _("The liveness cues were checked on a few short public clips and on simulations only; their error rates on "
           "real terminal material are unknown.")),
    ]
    for st, code in ((res.liveness, "LIVENESS.not_analysed"), (res.authenticity, "AUTHENTICITY.not_analysed")):
        if st.status != StageStatus.analysed:
            lines.append(c.code(code))
    for nd in res.authenticity.not_done:
        lines.append(_("Not done in this build: ") + c.code(nd))
    return [c.section(_("Limitations"))] + c.items(lines)


def _liveness_measured(lv) -> bool:
    """Whether the liveness error rates were measured on real material (the validation summary)."""
    return bool(lv.validation) and lv.validation.status == "measured"


def _face_data_named(c, base: str | None) -> str | None:
    """The shipped calibrations' photo sets by name, so that a court can identify them."""
    _ = c._
    lfw = _("Labeled Faces in the Wild (LFW), deep-funneled version (Huang et al., University of Massachusetts "
            "Amherst, 2007)")
    return {"east_asian": _("Face data, by name: {lfw}, its 47 East Asian people with at least 3 photos; and the "
                            "shared data's asian_celeb set, web photos of 29 Chinese, 5 Japanese and 6 Korean public "
                            "figures, for which no publisher or version is stated. Every photo left out is listed in "
                            "the software's calibration folder (exclusions.json).").format(lfw=lfw),
            "general": _("Face data, by name: {lfw}, a subset of 297 people with at least 3 photos (all 47 East Asian "
                         "people and 250 others drawn at random). Every photo left out is listed in the software's "
                         "calibration folder (exclusions.json).").format(lfw=lfw)}.get(base)


def validation(c, r, digest, created, root, notes):
    _ = c._
    fc = c.res.face_comparison
    cal = fc.calibration                   # core.blocks.CalibrationInfo
    held = cal.metrics_held_out if cal else None
    fmt2 = held is not None and isinstance(held.eer, dict)   # format 2: repeated splits, {point, ci95} per figure
    lo, hi = (c.figure(cal.log10_lower, ".2f"), c.figure(cal.log10_upper, ".2f")) if cal else (None, None)
    s = [c.section(_("Validation summary")),
         c.p(_("Where each figure and threshold used above comes from."), c.small)]
    lines = []
    pooled = held.pooled if fmt2 else None
    if cal and pooled:
        md, ms = pooled.misleading_diff, pooled.misleading_same
        lines.append(_("Face calibration '{name}': population {population}; data {source}; {n_same} same-person and "
                       "{n_diff} different-person pairs from {n_people} people. Held out by person (pooled over the "
                       "splits): equal error rate {eer:.3f}, Cllr {cllr:.3f} (means over the splits); for {kd} of {nd} "
                       "pairs of different people the median held-out likelihood ratio was above 1 (95% confidence "
                       "interval {dlo:.1%}–{dhi:.1%}; {kda} of them had at least one held-out photo pair above 1), and for {ks} of {ns} people the median likelihood ratio of "
                       "their own photo pairs was below 1 (95% confidence interval {slo:.1%}–{shi:.1%}). LRs bounded to 10^{lo} … 10^{hi} (ELUB, "
                       "Vergeer et al. 2016).").format(
            name=cal.name, population=c.msg(describe(cal, "population")), source=c.msg(describe(cal, "source")),
            n_same=cal.n_same, n_diff=cal.n_diff, n_people=cal.n_people,
            eer=held.eer.point, cllr=held.cllr.point, kd=md.k, nd=md.n, dlo=md.ci95[0],
            kda=md.units_with_any if md.units_with_any is not None else "—",
            dhi=md.ci95[1], ks=ms.k, ns=ms.n, slo=ms.ci95[0], shi=ms.ci95[1], lo=lo, hi=hi))
    if cal and not pooled:
        if fmt2:                           # format 2 without pooled counts: means over the splits
            eer, cllr, mdr, msr = (getattr(getattr(held, k), "point", None)
                                   for k in ("eer", "cllr", "misleading_diff", "misleading_same"))
        else:                              # format 1: plain numbers under their format-1 keys (undeclared)
            m = held or {}
            eer, cllr, mdr, msr = (m.get(k) for k in ("eer", "cllr", "misleading_diff_lr_above_1",
                                                          "misleading_same_lr_below_1"))
        lines.append(_("Face calibration '{name}': population {population}; data {source}; {n_same} same-person and "
                       "{n_diff} different-person pairs from {n_people} people. Held out by person: equal error rate "
                       "{eer}, Cllr {cllr}; share of different-person pairs with LR > 1: {md}; share of "
                       "same-person pairs with LR < 1: {ms}. LRs bounded to 10^{lo} … 10^{hi} (ELUB, "
                       "Vergeer et al. 2016).").format(
            name=cal.name, population=c.msg(describe(cal, "population")), source=c.msg(describe(cal, "source")),
            n_same=cal.n_same, n_diff=cal.n_diff, n_people=cal.n_people,
            eer=c.figure(eer), cllr=c.figure(cllr), md=c.figure(mdr), ms=c.figure(msr), lo=lo, hi=hi))
    if cal:
        if fmt2:
            lines.append(_("The bounds count people and pairs of people, not photo pairs: photos of one person are "
                           "not independent observations, so a calibration on {n} people cannot show more than they "
                           "can.").format(n=cal.n_people))
        named = _face_data_named(c, fc.population.base if fc.population else None) if cal.origin == "shipped" else None
        if named:
            lines.append(named)
        lines.append(_("Calibration limits: ") + c.msg(describe(cal, "limits")))
        if cal.sha256:
            origin = {"shipped": _("shipped with the software"),
                      "installed": _("installed by the laboratory")}.get(cal.origin, "")
            lines.append(_("Calibration file SHA-256 {sha}").format(sha=cal.sha256) + (c.paren(origin) if origin else ""))
    er, e6 = fc.error_rates_at_threshold or ErrorRates(), fc.error_rates_at_0_6 or ErrorRates()
    if fc.decision_threshold is not None and not e6:
        lines.append(_("Score {thr:.3f} is where the reportable algorithm's calibrated LR equals 1 (fitted on the "
                       "calibration set). At that score the calibration set gives a false-match rate of {fmr} and "
                       "a false-non-match rate of {fnmr}.").format(thr=fc.decision_threshold, fmr=c.figure(er.fmr),
                                                                   fnmr=c.figure(er.fnmr)))
    elif fc.decision_threshold is not None:
        lines.append(_("Distance {thr:.3f} is where the calibrated LR equals 1 (fitted on the calibration set). At "
                       "that distance the calibration set gives a false-match rate of {fmr} and a false-non-match "
                       "rate of {fnmr}; at dlib's customary 0.6, {fmr6} and {fnmr6}.").format(
            thr=fc.decision_threshold, fmr=c.figure(er.fmr), fnmr=c.figure(er.fnmr), fmr6=c.figure(e6.fmr), fnmr6=c.figure(e6.fnmr)))
    rep = fc.reference_reproduction or ReferenceReproduction()
    if rep.threshold is not None:
        lines.append(_("Reproduction threshold {thr}: the calibration set's same-person mean distance {mean} minus "
                       "three standard deviations ({sd}). A capture closer to the ID photo than this is closer than "
                       "different photos of one person normally are.").format(
            thr=rep.threshold, mean=rep.same_person_mean, sd=rep.same_person_sd))
    lines.append(_("Error-level analysis (informative only, used by no observation): each 16-pixel block's "
                   "re-compression error divided by its texture, as a robust z-score against the image's median "
                   "(scaled median absolute deviation); blocks beyond z 6 with a neighbour beyond it are counted."))
    lines.append(_("Planar motion: each fifth frame is paired with each of the up to 30 frames after it, and a pair "
                   "is kept when the motion exceeds what a similarity transform explains; so 60 frames can give more "
                   "than 60 pairs."))
    lines.append(_("Capture-time tolerance: analysis option capture_tolerance_s ({tol} s), recorded in the options of "
                   "results.json.").format(tol=c.res.options.capture_tolerance_s))
    if _liveness_measured(c.res.liveness):
        lines.append(_("Liveness thresholds: physical cues by stated physical reasons (docs/liveness.md); the learned "
                       "score's operating point fitted on one split of real material and its error rates reported on "
                       "the other (liveness section)."))
    else:
        lines.append(_("Liveness thresholds were set by the developers on public clips and simulations; their "
                       "error rates on terminal material are not known."))
    return s + c.items(lines, small=True)


def declaration(c, r, digest, created, root, notes):
    _ = c._
    name, _q = examiner_info(c.res)
    return [Spacer(1, 6 * mm), KeepTogether([
        c.section(_("Declaration")),
        c.p(_("I declare that this report states the findings of my examination truthfully and completely, that every "
              "figure in it can be reproduced from the listed items with the listed software, and that I have stated "
              "the limits of the methods used. The opinion rests on the material listed under items received; it may "
              "change if further material or information becomes available (for example the complete imagery, the "
              "vendor's error rates or further records), and I will then review it.")),
        Spacer(1, 14 * mm),
        c.table([[_("Examiner"), c.quote(name) if name else "", _("Signature"), ""],
                 [_("Date"), "", _("Seal"), ""]], [25 * mm, 60 * mm, 25 * mm, W - 110 * mm],
                header=False, style=c.body)])]


def appendix(c, r, digest, created, root, notes):
    _ = c._
    return [PageBreak(), c.p(_("Appendix: verifying this report"), c.h1),
            c.p(_("results.json (attached inside this PDF) has SHA-256 {digest}. To re-run:").format(digest=digest)
                if not c.mask else
                _("results.json has SHA-256 {digest}. This masked copy does not carry it: the attached {name} is "
                  "results.json with every ID and phone number masked (SHA-256 {masked}); the unmasked copy "
                  "carries results.json itself. To re-run:").format(digest=digest, name=c.attachment[0],
                                                                     masked=c.attachment[1])),
            c.p("bash scripts/setup.sh", c.small),
            c.p(_("With the examiner's workspace:"), c.small),
            c.p("forensics-app verify CASE_FOLDER --results results.json --report report.pdf", c.small),
            c.p(_("Without it (a court or another expert holding the case folder and this report):"), c.small),
            c.p("forensics-app reproduce CASE_FOLDER report.pdf", c.small),
            c.p(_("reproduce re-analyses the case with the options recorded in {name}, in a temporary workspace, and "
                  "compares the result with {name} without its audit_head line (analysis digest {adigest}); it "
                  "names every figure that differs.").format(name=c.attachment[0], adigest=c.analysis_digest),
                c.small),
            c.p(_("verify checks the evidence and every workspace record against the audit chain, and this export "
                  "against the chain head printed at the foot of every page (audit_head in results.json): a "
                  "workspace rewritten after this report was issued no longer contains that head."), c.small),
            c.p(_("The same case, software version and options give the same results.json and this same digest in "
                  "the same workspace; in another workspace only audit_head (which anchors it to that "
                  "workspace's audit chain) differs."), c.small),
            c.p(_("results.json also records, for each observation raised, the field {severity}, with counts per value in "
                  "{counts}: a sorting order for the bank reviewers' triage, set in advance for each kind of "
                  "observation. It is not an evaluation of the evidence in this case; this report does not print "
                  "it, and neither the likelihood ratio nor any observation depends on it.").format(
                severity=TRIAGE_FIELDS[0], counts=TRIAGE_FIELDS[1])
                + (("" if c.lang == "zh" else " ") + _("The attached {name} leaves these two fields out.").format(
                    name=c.attachment[0])
                   if c.mask else ""), c.small),
            c.p(_("Options: ") + c.quote(json.dumps(c.res.options.to_json(), sort_keys=True, ensure_ascii=False)), c.tiny)]
