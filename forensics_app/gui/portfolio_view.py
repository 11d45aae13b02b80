"""The portfolio view of the review desk: a batch's cases, the links between them as a table and a
graph, and for the selected link the cases and frames behind it (open a case in the review desk).

Reads OUT/portfolio.json, each case's batch.json (where its folder is) and results.json (found by
the SHA-256 the portfolio records). ID and phone numbers are masked unless "show in full" is
ticked, as in the reports.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPen
from PySide6.QtWidgets import (QCheckBox, QGraphicsScene, QGraphicsView, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QMainWindow, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from ..batch.records import BatchFile
from ..core.model import Results
from ..core.portfolio_model import CaseStatus, FaceIdPhoto, FaceMethod, Link, LinkKind, Portfolio, PortfolioMethod
from ..errors import InputError
from ..i18n import translator
from ..report.mask import mask_text
from ..report.portfolio import KIND_COLOURS, evidence_text, observations, read_portfolio, results_by_sha
from ..report.portfolio_text import case_message, face_rule, kind_name, link_value, quote, status_name
from .text import language, ntr, set_language, tr

THUMB = 120


EMPTY = Portfolio(cases=[], links=[], method=PortfolioMethod(values="", terminal_window_minutes=0, terminal_rule="",
                                                           strength="", results_sha256="",
                                                           face=FaceMethod(reachable=False)))


def load_portfolio(out: Path) -> tuple[Portfolio, dict[str, Path], dict[str, Results]]:
    """(portfolio, folder -> case folder on disk, results_sha256 -> results). InputError naming
    portfolio.json when it cannot be read or is not a portfolio as the batch writes it."""
    out = Path(out)
    _raw, portfolio = read_portfolio(out / "portfolio.json")
    roots = {}
    for p in sorted((out / "cases").glob("*/batch.json")):
        b = BatchFile.read(p)
        if b is not None and b.folder and b.case_path:
            roots[b.folder] = Path(b.case_path)
    return portfolio, roots, results_by_sha(out)


class PortfolioWindow(QMainWindow):
    openCaseRequested = Signal(str)

    def __init__(self, out: str | Path | None = None, settings=None):
        super().__init__()
        from ..settings import Settings
        set_language((settings or Settings()).get("language"))   # the user's language, as the desk uses it
        self.portfolio: Portfolio = EMPTY
        self.roots: dict[str, Path] = {}
        self.results: dict[str, Results] = {}
        self.case_windows = []
        self._build()
        self.resize(1280, 820)
        if out:
            self.load(out)

    def _build(self):
        self.summary = QLabel()
        self.unmask = QCheckBox(tr("Show ID and phone numbers in full"))
        self.unmask.toggled.connect(self._fill)
        self.cases = QTableWidget(0, 5)
        self.cases.setHorizontalHeaderLabels([tr("case_id"), tr("folder"), tr("status"),
                                              tr("main observations"), tr("message")])
        self.links = QTableWidget(0, 4)
        self.links.setHorizontalHeaderLabels([tr("kind"), tr("cases"), tr("value"),
                                              tr("strength (LR)")])
        self.links.setSelectionBehavior(QTableWidget.SelectRows)
        self.links.itemSelectionChanged.connect(self._show_link)
        self.scene = QGraphicsScene(self)
        self.graph = QGraphicsView(self.scene)
        tabs = QTabWidget()
        tabs.addTab(self.links, tr("Links"))
        tabs.addTab(self.graph, tr("Graph"))
        tabs.addTab(self.cases, tr("Cases"))
        self.tabs = tabs
        self.detail = QTextBrowser()
        self.frames = QListWidget()
        self.frames.setViewMode(QListWidget.IconMode)
        self.frames.setIconSize(QSize(THUMB, THUMB))
        self.behind = QListWidget()
        self.open_btn = QPushButton(tr("Open case in the review desk"))
        self.open_btn.clicked.connect(self._open_selected_case)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(QLabel(tr("Selected link")))
        rl.addWidget(self.detail, 2)
        rl.addWidget(QLabel(tr("Cases behind it")))
        rl.addWidget(self.behind, 1)
        rl.addWidget(self.open_btn)
        rl.addWidget(QLabel(tr("Frames behind it")))
        rl.addWidget(self.frames, 3)
        split = QSplitter()
        split.addWidget(tabs)
        split.addWidget(right)
        split.setSizes([760, 520])
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.unmask)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self.setCentralWidget(central)
        self.setWindowTitle(tr("Portfolio of cases"))

    def text(self, s) -> str:
        s = "" if s is None else str(s)
        return s if self.unmask.isChecked() else mask_text(s)

    def load(self, out: str | Path) -> None:
        self.portfolio, self.roots, self.results = load_portfolio(Path(out))
        self.setWindowTitle(tr("Portfolio of cases") + f" — {out}")
        self._fill()

    def _fill(self):
        from ..core.lr import format_lr
        p = self.portfolio
        T = translator(language())
        face = p.method.face
        # the face rule in the desk's language, built from the numbers (portfolio.json's note is English)
        note = " ".join(face_rule(face, T)) if face.note else ""
        self.summary.setText(ntr("{n} case folder", "{n} case folders", len(p.cases))
                             + T.colon + tr("{0} analysed, {1} refused, {2} failed").format(
                                 p.count(CaseStatus.analysed), p.count(CaseStatus.refused), p.count(CaseStatus.failed))
                             + ("；" if T.lang == "zh" else "; ")
                             + ntr("{n} link", "{n} links", len(p.links))
                             + ("\n" + note if note else ""))
        self.summary.setWordWrap(True)
        self.cases.setRowCount(len(p.cases))
        for r, c in enumerate(p.cases):
            obs = observations(self.results.get(c.results_sha256 or ""), T)
            for k, v in enumerate([c.case_id or "", quote(c.path, T), status_name(c.status, T), obs,
                                   case_message(c, T)]):
                item = QTableWidgetItem(self.text(v))
                if k == 2 and c.status != CaseStatus.analysed:
                    item.setForeground(QBrush(QColor("#9b1c1c")))
                self.cases.setItem(r, k, item)
        self.links.setRowCount(len(p.links))
        for r, link in enumerate(p.links):
            strength = "" if link.strength is None else format_lr(link.strength)
            for k, v in enumerate([kind_name(link.kind, T), T.join(link.case_ids), link_value(link, T),
                                   strength]):
                item = QTableWidgetItem(self.text(v))
                if k == 0:
                    item.setForeground(QBrush(QColor(KIND_COLOURS[link.kind.value])))
                self.links.setItem(r, k, item)
        self.cases.resizeColumnsToContents()
        self.links.resizeColumnsToContents()
        self._draw_graph()

    def _draw_graph(self):
        self.scene.clear()
        nodes = sorted({c for link in self.portfolio.links for c in link.case_ids})
        if not nodes:
            self.scene.addText(tr("No links between cases"))
            return
        r = max(120.0, 30.0 * len(nodes) / math.pi)
        pos = {n: (r * math.cos(2 * math.pi * i / len(nodes)), r * math.sin(2 * math.pi * i / len(nodes)))
               for i, n in enumerate(nodes)}
        for k, link in enumerate(self.portfolio.links):
            pen = QPen(QColor(KIND_COLOURS[link.kind.value]), 2)
            ids = link.case_ids
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    (x1, y1), (x2, y2) = pos[a], pos[b]
                    off = (k % 4) * 2
                    self.scene.addLine(x1 + off, y1 + off, x2 + off, y2 + off, pen)
        for n, (x, y) in pos.items():
            self.scene.addEllipse(x - 5, y - 5, 10, 10, QPen(Qt.black), QBrush(Qt.white))
            t = self.scene.addText(n)
            t.setPos(x + 6, y - 10)

    def selected_link(self) -> Link | None:
        rows = {i.row() for i in self.links.selectedItems()}
        return self.portfolio.links[min(rows)] if rows else None

    def _paths_of(self, case_id: str) -> list[str]:
        return [c.path for c in self.portfolio.cases if c.case_id == case_id]

    def _show_link(self):
        link = self.selected_link()
        self.behind.clear()
        self.frames.clear()
        if link is None:
            self.detail.clear()
            return
        from ..core.lr import format_lr
        T = translator(language())
        head = [f"{kind_name(link.kind, T)}{T.colon}{T.join(link.case_ids)}",
                f"{tr('value')}{T.colon}{link_value(link, T)}"]
        if link.strength is not None:
            head.append(f"{tr('strength (LR)')}{T.colon}{format_lr(link.strength)}")
        recorded = json.dumps([e.to_json() for e in link.evidence], ensure_ascii=False, indent=1)   # as written
        self.detail.setPlainText(self.text("\n".join(head + ["", evidence_text(link, T), "",
                                                              tr("evidence as recorded") + T.colon,
                                                              quote(recorded, T)])))
        for cid in link.case_ids:
            for folder in self._paths_of(cid):
                it = QListWidgetItem(f"{cid}  ({folder})")
                it.setData(Qt.UserRole, folder)
                self.behind.addItem(it)
        if self.behind.count():
            self.behind.setCurrentRow(0)
        for case_id, folder, frame in self.frames_behind(link):
            self._add_thumb(case_id, folder, frame)

    def frames_behind(self, link: Link) -> list[tuple[str, str, str]]:
        """(case_id, folder, frame label) of every frame a face link rests on."""
        out = []
        if link.kind != LinkKind.face:
            return out
        for ev in link.evidence:
            if isinstance(ev, FaceIdPhoto):
                out.append((ev.captured_case, ev.captured_path, ev.closest_frame))
                out.append((ev.id_photo_case, ev.id_photo_path, ev.id_photo))
            else:
                for cid, folder, frame in zip(ev.case_ids, ev.paths, ev.closest_frames):
                    out.append((cid, folder, frame))
        seen, uniq = set(), []
        for t in out:
            if t not in seen:
                seen.add(t)
                uniq.append(t)
        return uniq

    def _add_thumb(self, case_id: str, folder: str, frame: str):
        from .imaging import read_frame, to_pixmap
        it = QListWidgetItem(f"{case_id}\n{frame}")
        root = self.roots.get(folder)
        if root is not None:
            try:
                pm = to_pixmap(read_frame(root, frame)).scaled(THUMB, THUMB, Qt.KeepAspectRatio,
                                                               Qt.SmoothTransformation)
                it.setIcon(QIcon(pm))
            except (OSError, InputError, ValueError):
                it.setText(it.text() + "\n" + tr("(cannot be read)"))
        self.frames.addItem(it)

    def _open_selected_case(self):
        it = self.behind.currentItem()
        if it is None:
            return
        root = self.roots.get(it.data(Qt.UserRole))
        if root is None:
            return
        self.openCaseRequested.emit(str(root))
        from .main_window import MainWindow
        w = MainWindow()
        w.show()
        w.open_case(str(root))
        self.case_windows.append(w)


def main(out: str) -> int:
    import sys

    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    w = PortfolioWindow(out)
    w.show()
    return app.exec()
