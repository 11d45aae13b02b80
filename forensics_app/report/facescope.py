"""Where the reportable face figure may speak (core/lrscope.py), in the report: the stand-in vendor
check and its threshold, a likelihood ratio withheld (possible reproduction of the ID photo, or a
capture that fails the check its population is restricted by), a score outside the range the
calibration was fitted on, and the likelihood ratio under the other populations (the case's
default beside an examiner's choice; the unrestricted base population when the check fails)."""

from __future__ import annotations

from ..core.lr import format_lr, verbal_band
from ..core.model import FaceComparison, StageStatus
from ..core.propositions import support


def _lr_text(c, o: dict) -> str:
    vs = verbal_band(o["likelihood_ratio"])
    return c._("{lr} ({support})").format(lr=format_lr(o["likelihood_ratio"]), support=c.msg(support(vs)))


def _outside(c, fr: dict | None, d: float, bounds) -> str | None:
    _ = c._
    if not fr or fr.get("inside", True):
        return None
    lo, hi = bounds or (None, None)
    return _("The median distance {d:.4f} lies outside the range of scores the calibration was fitted on "
             "({lo:.4f}–{hi:.4f}): no data stand behind this score, so the likelihood ratio is not extrapolated "
             "beyond the calibration's bounds (10^{blo:.2f} … 10^{bhi:.2f}).").format(
        d=d, lo=fr["min"], hi=fr["max"], blo=lo if lo is not None else 0, bhi=hi if hi is not None else 0)


def _other(c, o: dict, d: float) -> list[str]:
    """One other population's figure, labelled by its role."""
    _ = c._
    default = o["role"] == "default"
    p = {"key": o["population"], "name": o["calibration"]}
    if o.get("likelihood_ratio") is not None:
        p["lr"] = _lr_text(c, o)
        out = [(_("Under the case's default population {key} (calibration {name}), the likelihood ratio is {lr}.")
                if default else
                _("Under the unrestricted population {key} (calibration {name}; no vendor-check restriction, so it does "
                  "not assume that the capture passed the bank's check), the likelihood ratio is {lr}.")).format(**p)]
        fr = o.get("fitted_range")
        if fr and not fr.get("inside", True):
            out.append(_("There too the median distance {d:.4f} lies outside the range of scores that calibration was "
                         "fitted on ({lo:.4f}–{hi:.4f}), so the figure is the calibration's bound, not an "
                         "extrapolation.").format(d=d, lo=fr["min"], hi=fr["max"]))
        return out
    why = {"reproduction_suspected": _("the capture may be a reproduction of the ID photo"),
           "fails_vendor_check": _("the capture fails the stand-in vendor check that population is restricted by")}
    p["why"] = why.get(o["status"], o["status"])
    return [(_("Under the case's default population {key} (calibration {name}), no likelihood ratio is given: {why}.")
             if default else
             _("Under the unrestricted population {key} (calibration {name}), no likelihood ratio is given: "
               "{why}.")).format(**p)]


def lr_scope(c, fc: FaceComparison) -> list:
    """The paragraphs after the reportable figure (or in place of it when it is withheld)."""
    _ = c._
    s = []
    d = fc.median_distance
    rep = fc.reference_reproduction or {}
    if fc.status == StageStatus.reproduction_suspected:
        s.append(c.p("<b>" + c.clean(_("No likelihood ratio is given: the captured face may be a reproduction of the "
                                       "ID photo.")) + "</b>", raw=True))
        s.append(c.p(_("The median distance {d} over the usable frames is below the reproduction threshold "
                       "{thr} (the calibration set's same-person mean distance minus three standard deviations): "
                       "the capture is closer to the ID photo than different photos of one person normally are. It "
                       "may show the ID photo itself (the card or a copy of its photo held up, a screen, or an "
                       "injected image), and a likelihood ratio would then measure the ID photo's likeness to "
                       "itself, not whether the card holder's face was before the camera.").format(
            d=c.figure(d, ".4f"), thr=c.figure(rep.get("threshold"), ".4f")), c.small))
    vc = fc.vendor_check
    if vc and vc.get("passed") is not None:
        s.append(c.p(_("Stand-in vendor check: the population {key} holds only pairs whose SFace distance is below "
                       "{thr:.4f}, SFace's threshold at a false-match rate of {fmr} (standing in for the bank's "
                       "undisclosed algorithm, because the bank states that the capture passed its check). This "
                       "capture's median SFace distance is {score:.4f}: {verdict}.").format(
            key=(fc.population or {}).get("key"), thr=vc["threshold"], fmr=f"{vc['fmr']:g}", score=vc["score"],
            verdict=_("it passes") if vc["passed"] else _("it fails")), c.small))
    if fc.status == StageStatus.fails_vendor_check:
        s.append(c.p("<b>" + c.clean(_("No likelihood ratio is given under the population {key}: the capture fails "
                                       "the check that population is restricted by.").format(
            key=(fc.population or {}).get("key"))) + "</b>", raw=True))
        s.append(c.p(_("This contradicts the premise the population rests on (the bank states that its check was "
                       "passed): either the bank's algorithm judges this pair differently from the stand-in, or the "
                       "premise does not hold. The calibration holds no scores beyond its threshold, so it gives no "
                       "likelihood ratio and no verbal support for this capture."), c.small))
    if fc.status == StageStatus.analysed and d is not None:
        note = _outside(c, fc.fitted_range, d, fc.lr_bounds_log10)
        if note:
            s.append(c.p(note, c.small))
    for o in fc.other_populations or []:
        s += [c.p(x, c.small) for x in _other(c, o, d)]
    return s
