"""Annex: the Tippett and ECE plots of the calibrations this report's face comparison used, drawn
from the curve points stored in each calibration file and carried in results.json
(``face_comparison.algorithms[].validation.curves``), so the report needs no data set to build.

Tippett: for the pooled held-out LRs of the repeated person-disjoint splits, the share of
same-person and of different-person pairs whose LR is at or above each value. ECE (empirical
cross-entropy, in bits) over the prior log-odds: the LRs as given, after the optimal monotone
recalibration (PAV; the gap is the calibration loss) and a system that always says LR 1."""

from __future__ import annotations

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.platypus import KeepTogether, PageBreak

from ..core.blocks import CalibrationValidation, Curves, Estimate
from .context import W

BLUE, RED, GREY = colors.HexColor("#1f5fa8"), colors.HexColor("#b03030"), colors.HexColor("#888888")


def _plot(series: list[tuple[list, list, object, list | None]], xlim, ylim, ystep, xlabel, ylabel, font,
          legend: list[tuple[str, object, list | None]], width=240, height=170, vline: float | None = None) -> Drawing:
    d = Drawing(width, height)
    lp = LinePlot()
    lp.x, lp.y, lp.width, lp.height = 36, 34, width - 46, height - 62
    lp.data = [list(zip(x, y)) for x, y, _c, _dash in series]
    for i, (_x, _y, colour, dash) in enumerate(series):
        lp.lines[i].strokeColor = colour
        lp.lines[i].strokeWidth = 1.2
        if dash:
            lp.lines[i].strokeDashArray = dash
    lp.xValueAxis.valueMin, lp.xValueAxis.valueMax = xlim
    lp.xValueAxis.valueStep = 1 if xlim[1] - xlim[0] > 4 else 0.5
    lp.yValueAxis.valueMin, lp.yValueAxis.valueMax = ylim
    lp.yValueAxis.valueStep = ystep
    for ax in (lp.xValueAxis, lp.yValueAxis):
        ax.labels.fontName, ax.labels.fontSize = font, 6.5
    lp.xValueAxis.labelTextFormat = "%g"
    lp.yValueAxis.labelTextFormat = "%g"
    d.add(lp)
    if vline is not None and xlim[0] <= vline <= xlim[1]:
        x = lp.x + lp.width * (vline - xlim[0]) / (xlim[1] - xlim[0])
        d.add(Line(x, lp.y, x, lp.y + lp.height, strokeColor=GREY, strokeDashArray=[1, 2]))
    d.add(String(lp.x + lp.width / 2, 12, xlabel, fontName=font, fontSize=7, textAnchor="middle"))
    d.add(String(lp.x - 30, lp.y + lp.height + 6, ylabel, fontName=font, fontSize=7))
    x = lp.x
    for text, colour, dash in legend:             # legend above the plot, left to right
        d.add(Line(x, height - 8, x + 14, height - 8, strokeColor=colour, strokeWidth=1.2, strokeDashArray=dash))
        d.add(String(x + 17, height - 10, text, fontName=font, fontSize=6.5))
        x += 22 + 4.2 * len(text) * (1.6 if any(ord(ch) > 0x2e80 for ch in text) else 1)
    return d


def tippett(curves: Curves, c) -> Drawing:
    _ = c._
    t = curves.tippett
    x = t.log10_lr
    return _plot([(x, t.same, BLUE, None), (x, t.diff, RED, None)], (min(x), max(x)), (0, 1), 0.2,
                 _("log10 LR (at or above)"), _("share of pairs"), c.font,
                 [(_("same person"), BLUE, None), (_("different people"), RED, None)], vline=3.0)


def ece(curves: Curves, c) -> Drawing:
    _ = c._
    e = curves.ece
    x = e.log10_prior_odds
    top = max(max(e.neutral), max(e.lr)) * 1.05
    step = 0.2 if top > 0.6 else 0.1
    return _plot([(x, e.lr, BLUE, None), (x, e.pav, BLUE, [3, 2]), (x, e.neutral, GREY, [1, 2])],
                 (min(x), max(x)), (0, round(top + step / 2, 1)), step, _("log10 prior odds"), _("ECE (bits)"), c.font,
                 [(_("LR as given"), BLUE, None), (_("after PAV"), BLUE, [3, 2]), (_("LR = 1"), GREY, [1, 2])])


def annex(c, r, digest, created, root, notes) -> list:
    """One block per algorithm whose calibration was used: name, digest, what the curves show."""
    _ = c._
    algs = [a for a in c.res.face_comparison.algorithms or [] if a.calibration]
    if not algs:
        return []
    s = [PageBreak(), c.p(_("Annex: validation plots of the calibrations used"), c.h1),
         c.p(_("Pooled held-out likelihood ratios of the repeated person-disjoint splits (fit on half of the people, "
               "tested on the other half) of each calibration this report's face comparison used, from the curve "
               "points stored in the calibration file (SHA-256 as given). Tippett: the share of same-person (blue) "
               "and of different-person pairs (red) whose LR is at or above the value; the dotted line marks LR "
               "1,000 ('strong' begins above it). ECE: the cost of the LRs in bits over the prior odds; the LRs as "
               "given (solid), after the best monotone recalibration (dashed; the gap is the calibration loss) and "
               "a system that always says LR 1 (dotted); lower is better and a curve above the dotted one would "
               "mislead."), c.small)]
    for a in algs:
        cal, v = a.calibration, a.validation or CalibrationValidation()
        head = c.p("{name} — {alg} ({sha})".format(name=cal.name, alg={"sface": "SFace"}.get(a.algorithm, a.algorithm),
                                                    sha=(cal.sha256 or "")[:16]), c.h2)
        curves = v.curves
        if not curves:
            s.append(KeepTogether([head, c.p(_("This calibration file stores no curve points: no plots."), c.small)]))
            continue
        s.append(KeepTogether([head, c.table([[tippett(curves, c), ece(curves, c)]], [W / 2, W / 2], header=False),
                               c.p(_("{n} splits; {ns} same-person and {nd} different-person held-out pairs per split "
                                     "(mean).").format(n=v.splits, ns=_mean(v.n_same), nd=_mean(v.n_diff)), c.tiny)]))
    return s


def _mean(x: Estimate | None) -> str:
    return f"{x.point:,.0f}" if x and x.point is not None else "—"
