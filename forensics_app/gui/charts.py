"""Charts painted with QPainter: a series per frame (distance, eye openness) and the timeline.
Clicking a point emits its index, so the window can jump to that frame or log row."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

KIND = {"log": QColor("#1f5fa8"), "record": QColor("#b03030"), "capture": QColor("#2a8a3a")}


class SeriesChart(QWidget):
    pointClicked = Signal(int)

    def __init__(self, title: str = ""):
        super().__init__()
        self.title, self.values, self.threshold, self.current = title, [], None, -1
        self.setMinimumHeight(170)

    def set_data(self, values: list, threshold: float | None = None, title: str | None = None):
        self.values, self.threshold = values, threshold
        if title is not None:
            self.title = title
        self.update()

    def set_current(self, i: int):
        self.current = i
        self.update()

    def _geom(self):
        r = QRectF(48, 22, self.width() - 60, self.height() - 46)
        vals = [v for v in self.values if v is not None] + ([self.threshold] if self.threshold is not None else [])
        lo, hi = (min(vals), max(vals)) if vals else (0.0, 1.0)
        if hi - lo < 1e-9:
            lo, hi = lo - 0.5, hi + 0.5
        pad = 0.08 * (hi - lo)
        return r, lo - pad, hi + pad

    def _pt(self, i, v, r, lo, hi):
        n = max(len(self.values) - 1, 1)
        return QPointF(r.left() + r.width() * (i / n if len(self.values) > 1 else 0.5),
                       r.bottom() - r.height() * (v - lo) / (hi - lo))

    def paintEvent(self, _e):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        r, lo, hi = self._geom()
        p.setPen(QPen(QColor("#888")))
        p.drawRect(r)
        p.drawText(QPointF(6, 15), self.title)
        p.drawText(QPointF(4, r.bottom()), f"{lo:.2f}")
        p.drawText(QPointF(4, r.top() + 10), f"{hi:.2f}")
        if self.threshold is not None:
            y = self._pt(0, self.threshold, r, lo, hi).y()
            p.setPen(QPen(QColor("#dc2626"), 1, Qt.DashLine))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        pts = [(i, self._pt(i, v, r, lo, hi)) for i, v in enumerate(self.values) if v is not None]
        p.setPen(QPen(QColor("#1f5fa8"), 1.5))
        for (_, a), (_, b) in zip(pts, pts[1:]):
            p.drawLine(a, b)
        for i, q in pts:
            p.setBrush(QColor("#f59e0b") if i == self.current else QColor("#1f5fa8"))
            p.drawEllipse(q, 4 if i == self.current else 2.5, 4 if i == self.current else 2.5)
        p.end()

    def index_at(self, pos: QPointF) -> int | None:
        r, lo, hi = self._geom()
        best, bd = None, 1e9
        for i, v in enumerate(self.values):
            if v is None:
                continue
            d = abs(self._pt(i, v, r, lo, hi).x() - pos.x())
            if d < bd:
                best, bd = i, d
        return best if bd < 12 else None

    def mousePressEvent(self, e):
        i = self.index_at(e.position())
        if i is not None:
            self.pointClicked.emit(i)


class TimelineChart(QWidget):
    itemClicked = Signal(int)

    def __init__(self):
        super().__init__()
        self.items: list[dict] = []
        self.setMinimumHeight(200)

    def set_items(self, items: list[dict]):
        self.items = items
        self.setMinimumHeight(40 + 16 * len(items))
        self.update()

    def _layout(self):
        ts = [dt.datetime.fromisoformat(i["time"]).timestamp() for i in self.items]
        t0, t1 = (min(ts), max(ts)) if ts else (0, 1)
        span = (t1 - t0) or 1.0
        x0, x1 = 230, self.width() - 15
        return [(x0 + (x1 - x0) * (t - t0) / span, 20 + 16 * k) for k, t in enumerate(ts)]

    def paintEvent(self, _e):
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        for it, (x, y) in zip(self.items, self._layout()):
            c = KIND.get(it["kind"], QColor("#666"))
            p.setPen(QPen(c))
            p.drawText(QPointF(6, y + 4), f"{it['time'][:16].replace('T', ' ')}  {it['label']}"[:34])
            p.setBrush(c)
            p.drawRect(QRectF(x - 4, y - 4, 8, 8))
        p.end()

    def mousePressEvent(self, e):
        for k, (_x, y) in enumerate(self._layout()):
            if abs(e.position().y() - y) <= 7:
                self.itemClicked.emit(k)
                return
