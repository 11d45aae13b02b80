"""What is drawn over a frame: the subject's face box (green usable, red not), its five landmarks,
other faces (orange, dashed) and a quality label. Labels are white on a dark plate and keep their
size at any zoom, so they stay readable over bright and dark frames alike."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

from ..core.blocks import FrameResult

USABLE, NOT_USABLE, OTHER, LANDMARK = QColor("#22c55e"), QColor("#ef4444"), QColor("#f97316"), QColor("#22d3ee")
PLATE = QColor(0, 0, 0, 190)


def label(scene: QGraphicsScene, text: str, x: float, y: float) -> QGraphicsRectItem:
    """White text on a dark plate, anchored at (x, y) in image coordinates, not scaled by zoom."""
    t = QGraphicsSimpleTextItem(text)
    t.setFont(QFont("Sans", 10))
    t.setBrush(QBrush(QColor("white")))
    br = t.boundingRect()
    plate = QGraphicsRectItem(QRectF(0, 0, br.width() + 8, br.height() + 4))
    plate.setBrush(QBrush(PLATE))
    plate.setPen(QPen(Qt.NoPen))
    t.setParentItem(plate)
    t.setPos(4, 2)
    plate.setFlag(QGraphicsItem.ItemIgnoresTransformations)
    plate.setPos(x, y)
    plate.setZValue(10)
    scene.addItem(plate)
    return plate


def draw(scene: QGraphicsScene, row: FrameResult, quality_text: str) -> int:
    """Draw a per-frame result over the frame already in ``scene``; returns how many items."""
    n = 0
    if row.box:
        left, top, right, bottom = row.box
        scene.addRect(QRectF(left, top, right - left, bottom - top),
                      QPen(USABLE if row.usable else NOT_USABLE, 2))
        for x, y in row.landmarks5 or []:
            scene.addEllipse(QRectF(x - 2.5, y - 2.5, 5, 5), QPen(QColor("black"), 1), QBrush(LANDMARK))
            n += 1
        label(scene, quality_text, left, bottom + 4)
        n += 2
    for o in row.others or []:
        scene.addRect(QRectF(o[0], o[1], o[2] - o[0], o[3] - o[1]), QPen(OTHER, 2, Qt.DashLine))
        n += 1
    return n
