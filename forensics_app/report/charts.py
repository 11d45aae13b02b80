"""Charts drawn with reportlab's graphics (vector, no extra dependency)."""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from ..core.blocks import FrameResult
from ..core.model import TimelineEvent

GREY = colors.HexColor("#888888")


def distance_chart(per_frame: list[FrameResult], threshold: float | None, font: str, width=460, height=170,
                   labels=("frame", "distance")) -> Drawing:
    d = Drawing(width, height)
    pts = [(i, r.distance) for i, r in enumerate(per_frame) if r.distance is not None]
    lp = LinePlot()
    lp.x, lp.y, lp.width, lp.height = 45, 30, width - 60, height - 50
    n = max(len(per_frame), 2)
    if len(per_frame) == 1:       # one still: centre it on an axis of three slots
        pts = [(1, v) for _, v in pts]
        n = 3
    lp.data = [pts or [(0, 0)]]
    lp.joinedLines = 1 if len(pts) > 2 else 0
    lp.lines[0].strokeColor = colors.HexColor("#1f5fa8")
    from reportlab.graphics.widgets.markers import makeMarker
    lp.lines[0].symbol = makeMarker("FilledCircle", size=3)
    lp.xValueAxis.valueMin, lp.xValueAxis.valueMax = 0, n - 1
    lp.yValueAxis.valueMin, lp.yValueAxis.valueMax = 0.0, 1.0
    lp.yValueAxis.valueStep = 0.2
    lp.xValueAxis.labels.fontName = lp.yValueAxis.labels.fontName = font
    lp.xValueAxis.labels.fontSize = lp.yValueAxis.labels.fontSize = 7
    lp.xValueAxis.valueStep = max(1, (n - 1) // 10)
    lp.xValueAxis.labelTextFormat = "%d"
    d.add(lp)
    if threshold is not None:
        y = lp.y + lp.height * threshold
        d.add(Line(lp.x, y, lp.x + lp.width, y, strokeColor=colors.red, strokeDashArray=[3, 2]))
        d.add(String(lp.x + lp.width - 2, y + 3, f"LR=1 @ {threshold:.3f}", fontName=font, fontSize=7,
                     textAnchor="end", fillColor=colors.red))
    d.add(String(lp.x + lp.width / 2, 5, labels[0], fontName=font, fontSize=8, textAnchor="middle"))
    d.add(String(5, lp.y + lp.height + 6, labels[1], fontName=font, fontSize=8))
    if not pts:
        d.add(String(width / 2, height / 2, "—", fontName=font, fontSize=12, textAnchor="middle"))
    return d


def series_chart(values: list[float], font: str, threshold: float | None = None, width=460, height=140,
                 ylabel="", xlabel="frame") -> Drawing:
    d = Drawing(width, height)
    lp = LinePlot()
    lp.x, lp.y, lp.width, lp.height = 45, 28, width - 60, height - 45
    pts = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(pts) < 2:
        pts = pts + [(len(values), pts[-1][1] if pts else 0)]
    lp.data = [pts]
    lp.lines[0].strokeColor = colors.HexColor("#1f5fa8")
    lo = min([v for _, v in pts] + ([threshold] if threshold is not None else []))
    hi = max([v for _, v in pts] + ([threshold] if threshold is not None else []))
    if hi - lo < 1e-9:
        hi = lo + 1
    lp.yValueAxis.valueMin, lp.yValueAxis.valueMax = lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)
    lp.xValueAxis.labels.fontName = lp.yValueAxis.labels.fontName = font
    lp.xValueAxis.labels.fontSize = lp.yValueAxis.labels.fontSize = 7
    d.add(lp)
    if threshold is not None:
        y = lp.y + lp.height * (threshold - lp.yValueAxis.valueMin) / (lp.yValueAxis.valueMax - lp.yValueAxis.valueMin)
        d.add(Line(lp.x, y, lp.x + lp.width, y, strokeColor=colors.red, strokeDashArray=[3, 2]))
    d.add(String(5, lp.y + lp.height + 6, ylabel, fontName=font, fontSize=8))
    d.add(String(lp.x + lp.width / 2, 4, xlabel, fontName=font, fontSize=8, textAnchor="middle"))
    return d


KIND_COLOURS = {"log": colors.HexColor("#1f5fa8"), "record": colors.HexColor("#b03030"),
                "capture": colors.HexColor("#2a8a3a")}


def _tick_format(span_s: float) -> str:
    """Axis labels that differ from tick to tick: dates over days, times within a day."""
    if span_s >= 4 * 86400:
        return "%Y-%m-%d"
    if span_s >= 86400:
        return "%m-%d %H:%M"
    if span_s >= 600:
        return "%H:%M"
    return "%H:%M:%S"


def timeline_chart(items: list[TimelineEvent], font: str, width=460, labels=None, tz: str | None = None) -> Drawing:
    """Events on a horizontal time axis; one row per event, labelled, coloured by kind.

    Tick labels are in the case's timezone and their format follows the span, so that no two
    ticks read alike (a day-long span labelled with dates only would repeat one date).
    """
    from zoneinfo import ZoneInfo
    zone = ZoneInfo(tz) if tz else dt.timezone.utc
    rows = items[:40]
    labels = list(labels or [r.label for r in items])[:40]
    height = 40 + 13 * len(rows)
    d = Drawing(width, height)
    if not rows:
        return d
    ts = [dt.datetime.fromisoformat(r.time).timestamp() for r in rows]
    t0, t1 = min(ts), max(ts)
    span = (t1 - t0) or 1.0
    fmt = _tick_format(span)
    x0, x1 = 190, width - 10
    d.add(Line(x0, 20, x1, 20, strokeColor=GREY))
    ticks = 5 if t1 > t0 else 1
    for k in range(ticks):
        frac = k / (ticks - 1) if ticks > 1 else 0.5
        t = t0 + span * frac if t1 > t0 else t0
        x = x0 + (x1 - x0) * frac
        d.add(Line(x, 18, x, 22, strokeColor=GREY))
        d.add(String(x, 8, dt.datetime.fromtimestamp(t, zone).strftime(fmt),
                     fontName=font, fontSize=6, textAnchor="middle"))
    for i, (r, t, label) in enumerate(zip(rows, ts, labels)):
        y = height - 14 - 13 * i
        x = x0 + (x1 - x0) * ((t - t0) / span if t1 > t0 else 0.5)
        c = KIND_COLOURS.get(r.kind, GREY)
        d.add(Line(x, 20, x, y, strokeColor=colors.HexColor("#dddddd"), strokeWidth=0.3))
        d.add(Rect(x - 2.5, y - 2.5, 5, 5, fillColor=c, strokeColor=c))
        d.add(String(5, y - 3, f"{r.time[:16].replace('T', ' ')}  {label}"[:40],
                     fontName=font, fontSize=7, fillColor=c))
    return d
