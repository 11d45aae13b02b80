"""Frame viewer: filmstrip, a large zoomable view with face box, landmarks and quality overlays,
frame-by-frame stepping, and the ID photo beside the current frame with its distance and LR."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QIcon
from PySide6.QtWidgets import (QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ..core.lr import format_lr, verbal_band
from .imaging import read_frame, to_pixmap


def thumbnails(case_root: Path, labels: list[str], progress, cancel) -> list:
    """QImages (safe off the GUI thread) of every frame, 96x72, decoding each video once."""
    import cv2
    from PySide6.QtGui import QImage
    from ..io.images import read_image
    from ..io.video import iter_frames
    videos: dict[str, dict[int, object]] = {}
    for lab in labels:
        if "#" in lab:
            videos.setdefault(lab.rsplit("#", 1)[0], {})
    for v in videos:
        for i, _t, rgb in iter_frames(case_root / v):
            videos[v][i] = cv2.resize(rgb, (96, 72), interpolation=cv2.INTER_AREA)
    out = []
    for lab in labels:
        if cancel():
            return []
        try:
            if "#" in lab:
                p, i = lab.rsplit("#", 1)
                small = videos[p][int(i)]
            else:
                small = cv2.resize(read_image(case_root / lab)[0], (96, 72), interpolation=cv2.INTER_AREA)
            small = np.ascontiguousarray(small)
            out.append(QImage(small.data, 96, 72, 3 * 96, QImage.Format_RGB888).copy())
        except Exception:
            out.append(None)
    return out


class ZoomView(QGraphicsView):
    def __init__(self):
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.zoom = 1.0

    def wheelEvent(self, e):
        f = 1.25 if e.angleDelta().y() > 0 else 0.8
        self.zoom *= f
        self.scale(f, f)

    def fit(self):
        self.resetTransform()
        self.zoom = 1.0
        self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)


class FrameViewer(QWidget):
    frameChanged = Signal(int)

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.case_root: Path | None = None
        self.index = -1
        self.film = QListWidget()
        self.film.setViewMode(QListWidget.IconMode)
        self.film.setFlow(QListWidget.LeftToRight)
        self.film.setWrapping(False)
        self.film.setIconSize(QSize(96, 72))
        self.film.setFixedHeight(118)
        self.film.currentRowChanged.connect(self.show_frame)
        self.view = ZoomView()
        self.id_label = QLabel()
        self.id_label.setFixedSize(180, 220)
        self.id_label.setAlignment(Qt.AlignCenter)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.prev_btn, self.next_btn, self.fit_btn = QPushButton(), QPushButton(), QPushButton()
        self.prev_btn.clicked.connect(lambda: self.step(-1))
        self.next_btn.clicked.connect(lambda: self.step(1))
        self.fit_btn.clicked.connect(self.view.fit)
        side = QVBoxLayout()
        side.addWidget(self.id_label)
        side.addWidget(self.info, 1)
        nav = QHBoxLayout()
        for b in (self.prev_btn, self.next_btn, self.fit_btn):
            nav.addWidget(b)
        side.addLayout(nav)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addWidget(self.film)
        self.retranslate()

    def retranslate(self):
        self.prev_btn.setText(self.tr("◀ Previous"))
        self.next_btn.setText(self.tr("Next ▶"))
        self.fit_btn.setText(self.tr("Fit"))
        if self.index >= 0:
            self.show_frame(self.index)

    def load(self, case_root: Path, results: dict):
        self.case_root = Path(case_root)
        fc = results.get("face_comparison", {})
        self.rows = fc.get("per_frame", [])
        self.cal_name = fc.get("calibration", {}).get("name", "")
        idp = fc.get("id_photo", {})
        self.film.blockSignals(True)
        self.film.clear()
        for r in self.rows:
            item = QListWidgetItem(r["frame"].split("/")[-1])
            if not r.get("usable"):
                item.setForeground(QBrush(QColor("#b03030")))
            self.film.addItem(item)
        self.film.blockSignals(False)
        self._load_thumbnails()
        if idp.get("path"):
            pm = to_pixmap(read_frame(self.case_root, idp["path"]))
            self.id_label.setPixmap(pm.scaled(self.id_label.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
        if self.rows:
            self.film.setCurrentRow(0)

    def _load_thumbnails(self):
        """Thumbnails are decoded on a worker (one pass over each video) and set when ready."""
        from PySide6.QtCore import QThreadPool
        from .workers import Worker
        labels = [r["frame"] for r in self.rows]
        self._thumbs = Worker(thumbnails, self.case_root, labels)
        self._thumbs.signals.result.connect(self._set_thumbnails)
        QThreadPool.globalInstance().start(self._thumbs)

    def _set_thumbnails(self, images):
        from PySide6.QtGui import QPixmap
        if len(images) != self.film.count():
            return
        for i, img in enumerate(images):
            if img is not None:
                self.film.item(i).setIcon(QIcon(QPixmap.fromImage(img)))

    def step(self, d: int):
        if self.rows:
            self.film.setCurrentRow(max(0, min(len(self.rows) - 1, self.index + d)))

    def select_label(self, label: str) -> bool:
        for i, r in enumerate(self.rows):
            if r["frame"] == label or r["frame"].startswith(label + "#"):
                self.film.setCurrentRow(i)
                return True
        return False

    def show_frame(self, i: int):
        if not (0 <= i < len(self.rows)):
            return
        self.index = i
        r = self.rows[i]
        scene = self.view.scene()
        scene.clear()
        pm = to_pixmap(read_frame(self.case_root, r["frame"]))
        scene.addPixmap(pm)
        scene.setSceneRect(QRectF(pm.rect()))
        pen = QPen(QColor("#22c55e") if r.get("usable") else QColor("#ef4444"), 2)
        if r.get("box"):
            l, t, rr, b = r["box"]
            scene.addRect(QRectF(l, t, rr - l, b - t), pen)
            for x, y in r.get("landmarks5", []):
                scene.addEllipse(QRectF(x - 2, y - 2, 4, 4), QPen(QColor("#facc15")), QBrush(QColor("#facc15")))
            q = r.get("quality", {})
            txt = scene.addText(f"IED {q.get('inter_eye_px')}px  yaw {q.get('yaw_deg')}°  sharp {q.get('sharpness')}")
            txt.setDefaultTextColor(QColor("#facc15"))
            txt.setFont(QFont("Sans", 9))
            txt.setPos(l, max(0, t - 20))
        for o in r.get("others", []):
            scene.addRect(QRectF(o[0], o[1], o[2] - o[0], o[3] - o[1]), QPen(QColor("#f97316"), 2, Qt.DashLine))
        self.view.fit()
        lines = [f"<b>{r['frame']}</b>", self.tr("frame {0} of {1}").format(i + 1, len(self.rows))]
        if r.get("distance") is not None:
            lr = 10 ** r["log10_lr"]
            vb = verbal_band(lr)
            lines.append(self.tr("distance {0:.4f}").format(r["distance"]))
            lines.append(self.tr("LR {0} ({1}), calibration {2}").format(format_lr(lr), vb["en"], self.cal_name))
        else:
            lines.append(self.tr("not compared: ") + "; ".join(r.get("reasons", [])))
        self.info.setText("<br>".join(lines))
        self.frameChanged.emit(i)


if __name__ == "__main__":   # open the viewer alone: python -m forensics_app.gui.frame_viewer CASE RESULTS
    import json
    import sys
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    w = FrameViewer()
    w.load(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text("utf-8")))
    w.resize(1000, 700)
    w.show()
    app.exec()
