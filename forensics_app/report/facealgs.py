"""Face comparison in the report, after the reportable figure: the presentation caveat, the
relevant population and why, both algorithms' figures with their calibrations (name and SHA-256),
and the validation figures with their intervals. Only catalogue texts and figures: the
calibrations' own descriptions (data, limits) are in results.json and docs/face-comparison.md."""

from __future__ import annotations

from reportlab.lib.units import mm

from ..core.lr import format_lr
from .context import W

KEYS = ("eer", "cllr", "cllr_min", "misleading_same", "misleading_diff", "diff_strong")


def _ci(v, pct: bool) -> str:
    if not isinstance(v, dict) or v.get("point") is None:
        return "—"
    lo, hi = v["ci95"]
    if pct:
        return f"{100 * v['point']:.2f}% ({100 * lo:.2f}–{100 * hi:.2f})"
    return f"{v['point']:.3f} ({lo:.3f}–{hi:.3f})"


def face_algorithms(c, fc: dict) -> list:
    _ = c._
    s = []
    pop = fc.get("population") or {}
    if pop:
        if pop.get("vendor_fmr"):
            text = _("Relevant population: {base}, restricted to people who would pass the bank's face check at a "
                     "false-match rate of {fmr} (SFace at its threshold for that rate stands in for the bank's "
                     "undisclosed algorithm).").format(base=pop.get("base"), fmr=f"{pop['vendor_fmr']:g}")
        else:
            text = _("Relevant population: {base}.").format(base=pop.get("base") or pop.get("key"))
        chosen = (_("the case's default") if pop.get("key") == pop.get("default")
                  else _("chosen by the examiner instead of the case's default {default}").format(default=pop.get("default")))
        s.append(c.p(text + " " + _("Population key {key}: {chosen}.").format(key=pop.get("key"), chosen=chosen), c.small))
        if pop.get("warnings"):
            s.append(c.p(_("Warning: this population differs from the case's default or was not validated on the "
                           "case's population; see results.json face_comparison.population.warnings."), c.small))
    rows = [[_("Algorithm"), _("Status"), _("Median distance"), "LR", _("Verbal equivalent"), _("Calibration (SHA-256)")]]
    for a in fc.get("algorithms", []):
        lr = a.get("likelihood_ratio")
        vs = a.get("verbal_scale") or {}
        name = {"sface": "SFace", "dlib": "dlib"}.get(a["algorithm"], a["algorithm"]) + (
            " " + _("(reportable)") if a["algorithm"] == fc.get("primary") else "")
        status = {"analysed": _("analysed"), "outside_validated_range": _("outside the validated range"),
                  "no_usable_frames": _("no usable frames"), "no_reference_face": _("no face in the ID photo")}
        rows.append([name, status.get(a["status"], a["status"]),
                     "—" if a.get("median_distance") is None else f"{a['median_distance']:.4f}",
                     "—" if lr is None else format_lr(lr), c.term("band", vs.get("band")) if vs else "—",
                     c.p(f"{a['calibration']['name']} ({a['calibration']['sha256'][:16]})", c.tiny)])
    s += [c.p(_("Both algorithms"), c.h2), c.table(rows, [30 * mm, 28 * mm, 20 * mm, 16 * mm, 28 * mm, W - 122 * mm])]
    outside = fc.get("outside") or []
    if fc.get("status") == "outside_validated_range":
        s.append(c.p(_("Outside the validated range: the ID photo's {measures} lie outside what the calibration's chip "
                       "photos cover, so no likelihood ratio is given.").format(
            measures=c.tr.join(x.split(" ")[0].lstrip("|") for x in outside)), c.small))
    vrows = [[_("Calibration"), "EER", "Cllr", "Cllr_min", _("misleading, same person"),
              _("misleading, different people"), _("different people above 'strong'")]]
    splits = None
    for a in fc.get("algorithms", []):
        v = a.get("validation") or {}
        splits = splits or v.get("splits")
        vrows.append([c.p(a["calibration"]["name"], c.tiny)] + [c.p(_ci(v.get(k), k not in ("cllr", "cllr_min")), c.tiny)
                                                                for k in KEYS])
    s += [c.p(_("Validation held out by person ({n} repeated splits; mean and 95% interval over the splits)").format(
        n=splits), c.small), c.table(vrows, [38 * mm] + [(W - 38 * mm) / 6] * 6)]
    return s
