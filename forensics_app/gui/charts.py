"""Charts painted with QPainter: a series per frame (distance, eye openness) on a fixed scale with
labelled axes and its decision lines, and the timeline of log events, records and captures.
Clicking a point emits its index, so the desk can jump to that frame or log row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

KIND = {"log": QColor("#1f5fa8"), "record": QColor("#b03030"), "capture": QColor("#2a8a3a")}
AXIS, GRID, SERIES, CURRENT = QColor("#444"), QColor("#e5e7eb"), QColor("#1f5fa8"), QColor("#f59e0b")


class SeriesChart(QWidget):
    """Values per frame on a fixed y range (so noise is not blown up into a pattern), x and y axis
    labels, and horizontal reference lines (``lines``: (value, colour, label))."""

    pointClicked = Signal(int)
    M_LEFT, M_RIGHT, M_TOP, M_BOTTOM = 62, 14, 26, 40

    def __init__(self, y_range: tuple[float, float] = (0.0, 1.0)):
        super().__init__()
        self.title, self.x_label, self.y_label = "", "", ""
        self.values: list = []
        self.lines: list[tuple[float, str, str]] = []
        self.y_range = y_range
        self.current = -1
        self.empty_text = ""
        self.setMinimumSize(260, 130)

    def set_data(self, values: list, lines: list | None = None, y_range: tuple | None = None) -> None:
        self.values, self.lines = list(values), list(lines or [])
        if y_range:
            self.y_range = y_range
        self.current = -1
        self.update()

    def set_labels(self, title: str, x_label: str, y_label: str, empty_text: str = "") -> None:
        self.title, self.x_label, self.y_label, self.empty_text = title, x_label, y_label, empty_text
        self.update()

    def set_current(self, i: int) -> None:
        self.current = i
        self.update()

    def _range(self) -> tuple[float, float]:
        """The fixed range, widened (never narrowed) to show a value or line outside it."""
        lo, hi = self.y_range
        seen = [v for v in self.values if v is not None] + [v for v, _c, _l in self.lines]
        if seen:
            lo, hi = min(lo, min(seen)), max(hi, max(seen))
        return lo, hi

    def _plot(self) -> QRectF:
        return QRectF(self.M_LEFT, self.M_TOP, self.width() - self.M_LEFT - self.M_RIGHT,
                      self.height() - self.M_TOP - self.M_BOTTOM)

    def _pt(self, i: int, v: float) -> QPointF:
        r, (lo, hi) = self._plot(), self._range()
        n = max(len(self.values) - 1, 1)
        x = r.left() + r.width() * (i / n if len(self.values) > 1 else 0.5)
        return QPointF(x, r.bottom() - r.height() * (v - lo) / ((hi - lo) or 1.0))

    def paintEvent(self, _e):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        r, (lo, hi) = self._plot(), self._range()
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        p.setPen(AXIS)
        p.drawText(QRectF(0, 2, self.width(), 20), Qt.AlignHCenter, self.title)
        p.setFont(self.font())
        # y ticks and grid: 5 steps over the fixed range
        for k in range(6):
            v = lo + (hi - lo) * k / 5
            y = r.bottom() - r.height() * k / 5
            p.setPen(QPen(GRID))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(AXIS)
            p.drawText(QRectF(r.left() - 44, y - 8, 40, 16), Qt.AlignRight | Qt.AlignVCenter, f"{v:.2f}")
        # x ticks: frame numbers
        n = len(self.values)
        if n:
            step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10 ** 9) if n / s <= 12)
            for i in range(0, n, step):
                x = self._pt(i, lo).x()
                p.drawLine(QPointF(x, r.bottom()), QPointF(x, r.bottom() + 4))
                p.drawText(QRectF(x - 20, r.bottom() + 5, 40, 14), Qt.AlignHCenter, str(i))
        p.setPen(QPen(AXIS, 1))
        p.drawRect(r)
        p.drawText(QRectF(r.left(), self.height() - 18, r.width(), 16), Qt.AlignHCenter, self.x_label)
        p.save()
        p.translate(12, r.center().y())
        p.rotate(-90)
        f = QFont(self.font())
        while f.pointSizeF() > 6 and p.fontMetrics().horizontalAdvance(self.y_label) > r.height() + 30:
            f.setPointSizeF(f.pointSizeF() - 0.5)        # a short chart still shows its whole axis label
            p.setFont(f)
        p.drawText(QRectF(-r.height() / 2 - 15, -8, r.height() + 30, 16), Qt.AlignHCenter, self.y_label)
        p.restore()
        for v, colour, text in self.lines:
            y = self._pt(0, v).y()
            p.setPen(QPen(QColor(colour), 1.5, Qt.DashLine))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.drawText(QRectF(r.left() + 4, y - 16, r.width() - 8, 14), Qt.AlignRight, text)
        pts = [(i, self._pt(i, v)) for i, v in enumerate(self.values) if v is not None]
        if not pts:
            p.setPen(AXIS)
            p.drawText(r, Qt.AlignCenter | Qt.TextWordWrap, self.empty_text)
        p.setPen(QPen(SERIES, 1.5))
        for (_, a), (_, b) in zip(pts, pts[1:]):
            p.drawLine(a, b)
        for i, q in pts:
            big = i == self.current
            p.setBrush(CURRENT if big else SERIES)
            p.drawEllipse(q, 4.5 if big else 2.5, 4.5 if big else 2.5)
        p.end()

    def index_at(self, pos: QPointF) -> int | None:
        best, bd = None, 1e9
        for i, v in enumerate(self.values):
            if v is not None and abs(self._pt(i, v).x() - pos.x()) < bd:
                best, bd = i, abs(self._pt(i, v).x() - pos.x())
        return best if bd < 12 else None

    def mousePressEvent(self, e):
        i = self.index_at(e.position())
        if i is not None:
            self.pointClicked.emit(i)


class TimelineChart(QWidget):
    """One compact row per event (time and label at the left, a mark on a shared time axis); it
    grows with the number of events and sits in a scroll area, so its dock can be any height."""

    itemClicked = Signal(int)
    ROW = 18

    def __init__(self):
        super().__init__()
        self.items: list = []             # core.model.TimelineEvent
        self.label_of = lambda it: it.label
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumHeight(self.ROW * 2)

    def set_items(self, items: list) -> None:
        self.items = list(items)
        self.setFixedHeight(max(self.ROW * 2, 10 + self.ROW * len(self.items)))
        self.update()

    def _layout(self):
        ts = [dt.datetime.fromisoformat(i.time).timestamp() for i in self.items]
        t0, t1 = (min(ts), max(ts)) if ts else (0, 1)
        span = (t1 - t0) or 1.0
        x0, x1 = 300, self.width() - 15
        return [(x0 + (x1 - x0) * (t - t0) / span, 14 + self.ROW * k) for k, t in enumerate(ts)]

    def paintEvent(self, _e):
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        for it, (x, y) in zip(self.items, self._layout()):
            c = KIND.get(it.kind, QColor("#666"))
            p.setPen(QPen(GRID))
            p.drawLine(QPointF(300, y), QPointF(self.width() - 15, y))
            p.setPen(QPen(c))
            p.drawText(QRectF(6, y - 8, 290, 16), Qt.AlignVCenter,
                       f"{it.time[:19].replace('T', ' ')}  {self.label_of(it)}")
            p.setBrush(c)
            p.drawRect(QRectF(x - 4, y - 4, 8, 8))
        p.end()

    def mousePressEvent(self, e):
        for k, (_x, y) in enumerate(self._layout()):
            if abs(e.position().y() - y) <= self.ROW / 2:
                self.itemClicked.emit(k)
                return
