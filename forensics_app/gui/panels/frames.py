"""Frames: the analysed frames as a thumbnail filmstrip, a zoomable view with the overlays, the ID
photo beside it with the frame's distance and LR, and a player that steps or plays through every
frame of the capture (analysed frames show their overlays)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, QSize, QThreadPool, QTimer, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSlider, QVBoxLayout)

from ...core.blocks import FrameQuality, FrameResult, Population, VerbalScale
from ...core.lr import format_lr, verbal_band
from .. import overlays, thumbs
from ..decoder import FrameSource, positions
from ..imaging import to_pixmap
from ...i18n import translator
from ...i18n.render import term_text
from ...report.facealgs import population_reason
from ..text import N_, language, shown, tr
from ..workers import Worker
from . import Panel


class ZoomView(QGraphicsView):
    def __init__(self):
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#202020")))

        self.zoomed = False

    def wheelEvent(self, e):
        f = 1.25 if e.angleDelta().y() > 0 else 0.8
        self.scale(f, f)
        self.zoomed = True

    def fit(self):
        self.resetTransform()
        self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)
        self.zoomed = False

    def resizeEvent(self, e):
        super().resizeEvent(e)
        if not self.zoomed:
            self.fit()


class FramesPanel(Panel):
    name, title = "frames", N_("Frames")
    frameChanged = Signal(int)            # index of the analysed frame shown (-1: not analysed)

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.rows: list[FrameResult] = []
        self.row_of: dict[str, int] = {}
        self.positions: list[str] = []
        self.pos = -1
        self.index = -1                   # analysed-frame index of the current position
        self.source: FrameSource | None = None
        self._shown_size = None
        self.film = QListWidget()
        self.film.setViewMode(QListWidget.IconMode)
        self.film.setFlow(QListWidget.LeftToRight)
        self.film.setWrapping(False)
        self.film.setIconSize(QSize(*thumbs.SIZE))
        self.film.setFixedHeight(thumbs.SIZE[1] + 44)
        self.film.currentRowChanged.connect(self._film_selected)
        self.view = ZoomView()
        self.id_label = QLabel()
        self.id_label.setFixedSize(150, 175)
        self.id_label.setAlignment(Qt.AlignCenter)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.info.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.play_btn, self.prev_btn, self.next_btn, self.fit_btn = (QPushButton() for _ in range(4))
        self.play_btn.setCheckable(True)
        self.play_btn.toggled.connect(self.play)
        self.prev_btn.clicked.connect(lambda: self.step(-1))
        self.next_btn.clicked.connect(lambda: self.step(1))
        self.fit_btn.clicked.connect(self.view.fit)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setMinimumWidth(160)
        self.slider.valueChanged.connect(self.show_position)
        self.pos_label = QLabel()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        for keys, fn in (("Left", lambda: self.step(-1)), ("Right", lambda: self.step(1)),
                         ("Space", lambda: self.play_btn.toggle())):
            QShortcut(QKeySequence(keys), self, fn, context=Qt.WidgetWithChildrenShortcut)
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(self.id_label)
        info_scroll = QScrollArea()
        info_scroll.setWidgetResizable(True)
        info_scroll.setFrameShape(QScrollArea.NoFrame)
        info_scroll.setWidget(self.info)
        info_scroll.setFixedWidth(190)
        # long names wrap (see _breakable) instead of scrolling sideways
        info_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        side.addWidget(info_scroll, 1)
        side.addWidget(self.fit_btn)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)
        controls = QHBoxLayout()
        for w in (self.prev_btn, self.play_btn, self.next_btn):
            controls.addWidget(w)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.pos_label)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addLayout(controls)
        lay.addWidget(self.film)
        self.render("case")

    # ---- session ------------------------------------------------------------------------
    def render(self, what: str) -> None:
        self.play_btn.setText(tr("Pause") if self.timer.isActive() else tr("Play"))
        self.prev_btn.setText(tr("◀ Previous"))
        self.next_btn.setText(tr("Next ▶"))
        self.fit_btn.setText(tr("Fit"))
        for b, tip in ((self.prev_btn, N_("Step back one frame (Left)")), (self.next_btn, N_("Step forward one frame (Right)")),
                       (self.play_btn, N_("Play or pause at the capture's frame rate (Space)"))):
            b.setToolTip(tr(tip))
        if what in ("case", "results"):
            self.load()
        elif what == "selection":
            k = self.session.selection.frame
            if 0 <= k < len(self.rows) and k != self.index:
                self.goto_label(self.rows[k].frame)
        else:
            self.show_position(self.pos)

    def load(self) -> None:
        """Everything from the session's results; nothing of the previous case is kept."""
        self.play(False)
        if self.source:
            self.source.close()
        s, r = self.session, self.session.results
        self.source = FrameSource(s.case.root) if s.case is not None else None
        fc = r.face_comparison if r else None
        self.rows = fc.per_frame if fc else []
        self.row_of = {row.frame: k for k, row in enumerate(self.rows)}
        self.positions = positions(r) if r else []
        self.cal_name = (fc.calibration.name or "") if fc and fc.calibration else ""
        self.population = (fc.population or Population()) if fc else Population()
        self.film.blockSignals(True)
        self.film.clear()
        for row in self.rows:
            item = QListWidgetItem(row.frame.split("/")[-1])
            if not row.usable:
                item.setForeground(QBrush(QColor("#b03030")))
            self.film.addItem(item)
        self.film.blockSignals(False)
        self.id_label.clear()
        idp = fc.id_photo.path if fc and fc.id_photo else None
        if idp and self.source:
            try:
                pm = to_pixmap(self.source.frame(idp))
                self.id_label.setPixmap(pm.scaled(self.id_label.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))
            except Exception as exc:        # a missing ID photo is shown as such, the verification says why
                self.id_label.setText(tr("ID photo cannot be read") + f"\n{exc}")
        for b in (self.play_btn, self.prev_btn, self.next_btn, self.slider):
            b.setEnabled(bool(self.positions))
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self.positions) - 1, 0))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.pos, self.index, self._shown_size = -1, -1, None
        self.view.scene().clear()
        self.info.setText(tr("No analysis yet: run the analysis to see the frames.") if s.case is not None
                          and not r else "")
        self.pos_label.clear()
        self._load_thumbnails()
        if self.positions:
            self.show_position(0)

    def _load_thumbnails(self) -> None:
        r = self.session.results
        hashes = {i.path: i.sha256 for i in r.inputs} if r else {}
        labels = [row.frame for row in self.rows]
        self._set_thumbnails(thumbs.cached(labels, hashes))
        if not labels or len(thumbs.cached(labels, hashes)) == len(labels):
            return
        gen = self.session.generation
        w = Worker(thumbs.make, self.session.case.root, labels, hashes)
        w.signals.result.connect(lambda imgs, gen=gen, hashes=hashes: self._thumbs_ready(imgs, gen, hashes))
        self._thumbs_worker = w
        QThreadPool.globalInstance().start(w)

    def _thumbs_ready(self, images: dict, gen: int, hashes: dict) -> None:
        thumbs.store(images, hashes)
        if gen == self.session.generation:
            self._set_thumbnails(images)

    def _set_thumbnails(self, images: dict) -> None:
        for k, row in enumerate(self.rows):
            img = images.get(row.frame)
            if img is not None and k < self.film.count():
                self.film.item(k).setIcon(QIcon(QPixmap.fromImage(img)))

    # ---- navigation ---------------------------------------------------------------------
    def _film_selected(self, k: int) -> None:
        if 0 <= k < len(self.rows):
            self.goto_label(self.rows[k].frame)

    def goto_label(self, label: str) -> bool:
        """Show a frame by its results label, or the first frame of a file given by path."""
        for p, lab in enumerate(self.positions):
            if lab == label or lab.startswith(label + "#"):
                self.slider.setValue(p) if self.slider.value() != p else self.show_position(p)
                return True
        return False

    select_label = goto_label

    def step(self, d: int) -> None:
        if self.positions:
            self.slider.setValue(max(0, min(len(self.positions) - 1, self.pos + d)))

    def play(self, on: bool) -> None:
        if on and self.positions:
            if self.pos >= len(self.positions) - 1:
                self.slider.setValue(0)
            self.timer.start(int(1000 / self._fps()))
        else:
            self.timer.stop()
        self.play_btn.blockSignals(True)
        self.play_btn.setChecked(self.timer.isActive())
        self.play_btn.blockSignals(False)
        self.play_btn.setText(tr("Pause") if self.timer.isActive() else tr("Play"))

    def _fps(self) -> float:
        label = self.positions[self.pos] if 0 <= self.pos < len(self.positions) else ""
        for v in (self.session.results.media.videos if self.session.results else []):
            if label.startswith(v.path + "#") and v.fps:
                return float(v.fps)
        return 2.0                           # stills: two a second

    def _tick(self) -> None:
        if self.pos >= len(self.positions) - 1:
            self.play(False)
        else:
            self.step(1)

    # ---- drawing ------------------------------------------------------------------------
    def show_position(self, p: int) -> None:
        if not (0 <= p < len(self.positions)) or self.source is None:
            return
        self.pos = p
        label = self.positions[p]
        scene = self.view.scene()
        scene.clear()
        try:
            rgb = self.source.frame(label)
        except Exception as exc:
            self.info.setText(f"<b>{label}</b><br>" + tr("cannot be read") + f": {exc}")
            return
        pm = to_pixmap(rgb)
        scene.addPixmap(pm)
        scene.setSceneRect(QRectF(pm.rect()))
        k = self.row_of.get(label, -1)
        row = self.rows[k] if k >= 0 else None
        if row:
            q = row.quality or FrameQuality()
            overlays.draw(scene, row, tr("eyes {0:.0f} px · yaw {1:.0f}°").format(
                q.inter_eye_px or 0, q.yaw_deg or 0))
        if pm.size() != self._shown_size or not self.view.zoomed:   # keep the examiner's zoom while stepping
            self._shown_size = pm.size()
            self.view.fit()
        self.index = k
        self.pos_label.setText(tr("frame {0} of {1}").format(p + 1, len(self.positions)))
        self._show_info(label, row, k)
        if k >= 0:
            self.film.blockSignals(True)
            self.film.setCurrentRow(k)
            self.film.scrollToItem(self.film.item(k))
            self.film.blockSignals(False)
            if self.session.selection.frame != k:
                self.session.select(frame=k)
        self.frameChanged.emit(k)

    def _show_info(self, label: str, row: FrameResult | None, k: int) -> None:
        lines = [f"<b>{label}</b>"]
        if row is None:
            lines.append(tr("not analysed (between analysed frames)"))
        else:
            lines.append(tr("analysed frame {0} of {1}").format(k + 1, len(self.rows)))
            if row.time_ms is not None and "#" in label:
                lines.append(tr("time {0:.2f} s").format(row.time_ms / 1000))
            if row.distance is not None and row.log10_lr is None:       # withheld (core/lrscope.py)
                lines.append(tr("distance {0:.4f}").format(row.distance))
                lines.append(tr("no LR: withheld for the whole comparison (see the report)"))
            elif row.distance is not None:
                lr = 10 ** row.log10_lr
                vb = VerbalScale.from_json(verbal_band(lr), "verbal_band")
                lines.append(tr("distance {0:.4f}").format(row.distance))
                lines.append(tr("LR {0} ({1}), calibration {2}").format(
                    format_lr(lr), term_text("band", vb.band, translator(language())), _breakable(self.cal_name)))
            elif row.usable and not row.reasons:
                lines.append(tr("usable; the face comparison used a sample of the frames, not this one"))
            else:
                lines.append(tr("not compared: ") + shown(row.reasons or []))
        if self.population:
            # the population every LR here is computed against, and why (the report's own wording)
            reason = population_reason(self.population, translator(language()), lambda x: f"「{x}」")
            lines.append("<hr><small>" + _breakable(escape(reason, quote=False)) + "</small>")
        if self.session.stale:
            lines.append("<span style='color:#b91c1c'><b>" + tr("Stale: the evidence changed after this analysis.")
                         + "</b></span>")
        self.info.setText("<br>".join(lines))


def _breakable(text: str) -> str:
    """A calibration or population key (sface_chip_east_asian_vendor_fmr_1e-3) may break after each
    underscore: a zero-width space lets the narrow info box wrap it."""
    return text.replace("_", "_\u200b")


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(FramesPanel))
