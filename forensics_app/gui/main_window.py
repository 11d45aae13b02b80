"""The review desk's main window. It only shows and commands: analyses run in workers through
the pipeline, reports through report, notes and hashes through store."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QPlainTextEdit, QProgressBar, QPushButton,
                               QScrollArea, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget,
                               QTextBrowser, QVBoxLayout, QWidget)

from ..errors import InputError
from ..pipeline import Options
from .charts import SeriesChart, TimelineChart
from .crash import show_error
from .frame_viewer import FrameViewer
from .settings import Settings
from .workers import Worker, analyse_case

SEV = {"critical": "#9b1c1c", "major": "#c05621", "minor": "#8a6d00", "info": "#2b6cb0"}


class MainWindow(QMainWindow):
    caseOpened = Signal(str)
    analysisFinished = Signal(object)
    reportExported = Signal(str)

    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.case = None
        self.ws = None
        self.results: dict | None = None
        self.worker: Worker | None = None
        self.pool = QThreadPool.globalInstance()
        self.max_stall_ms = 0.0
        self._last_tick = None
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(10)
        self._stall_timer.timeout.connect(self._tick)
        self._build()
        self.retranslate()
        self.resize(1280, 820)

    # ---- construction ---------------------------------------------------------------------
    def _build(self):
        self.tabs = QTabWidget()
        self.setCentralWidget(self.tabs)
        # evidence
        self.evidence = QTableWidget(0, 5)
        self.evidence.setEditTriggers(QTableWidget.NoEditTriggers)
        self.evidence.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.evidence, "")
        # frames
        self.viewer = FrameViewer()
        self.tabs.addTab(self.viewer, "")
        # charts
        charts = QWidget()
        cl = QVBoxLayout(charts)
        self.dist_chart, self.ear_chart, self.timeline = SeriesChart(), SeriesChart(), TimelineChart()
        self.log_table = QTableWidget(0, 5)
        self.log_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.log_table.horizontalHeader().setStretchLastSection(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        split = QSplitter(Qt.Vertical)
        top = QWidget()
        tl = QHBoxLayout(top)
        tl.addWidget(self.dist_chart)
        tl.addWidget(self.ear_chart)
        split.addWidget(top)
        split.addWidget(scroll)
        split.addWidget(self.log_table)
        cl.addWidget(split)
        self.dist_chart.pointClicked.connect(self.goto_frame_index)
        self.ear_chart.pointClicked.connect(self.goto_video_frame)
        self.timeline.itemClicked.connect(self.goto_timeline_item)
        self.viewer.frameChanged.connect(self.dist_chart.set_current)
        self.tabs.addTab(charts, "")
        # findings
        fw = QWidget()
        fl = QHBoxLayout(fw)
        self.findings = QListWidget()
        self.findings.currentRowChanged.connect(self.show_finding)
        right = QVBoxLayout()
        self.finding_text = QTextBrowser()
        self.goto_btn = QPushButton()
        self.goto_btn.clicked.connect(self.goto_evidence)
        self.notes_view = QTextBrowser()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(70)
        self.note_btn = QPushButton()
        self.note_btn.clicked.connect(self.add_note)
        for w in (self.finding_text, self.goto_btn, self.notes_view, self.note_edit, self.note_btn):
            right.addWidget(w)
        fl.addWidget(self.findings, 1)
        fl.addLayout(right, 2)
        self.tabs.addTab(fw, "")
        # report
        rw = QWidget()
        rl = QVBoxLayout(rw)
        row = QHBoxLayout()
        self.lang_box = QComboBox()
        self.lang_box.addItems(["zh", "en"])
        self.mask_box = QCheckBox()
        self.mask_box.setChecked(self.settings.get("mask_reports"))
        self.sign_edit = QPlainTextEdit()
        self.sign_edit.setFixedHeight(28)
        self.export_btn = QPushButton()
        self.export_btn.clicked.connect(self.export_report)
        for w in (self.lang_box, self.mask_box, self.export_btn):
            row.addWidget(w)
        row.addStretch(1)
        self.sign_label = QLabel()
        rl.addLayout(row)
        rl.addWidget(self.sign_label)
        rl.addWidget(self.sign_edit)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignTop | Qt.AlignHCenter)
        ps = QScrollArea()
        ps.setWidgetResizable(True)
        ps.setWidget(self.preview)
        rl.addWidget(ps, 1)
        self.tabs.addTab(rw, "")
        # status
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.cancel_btn = QPushButton()
        self.cancel_btn.setVisible(False)
        self.cancel_btn.clicked.connect(self.cancel_analysis)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_btn)
        # menus
        self.menu_file = self.menuBar().addMenu("")
        self.act_open = QAction(self, triggered=self.choose_case)
        self.act_new = QAction(self, triggered=self.new_case)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_file.addActions([self.act_open, self.act_new])
        self.menu_analysis = self.menuBar().addMenu("")
        self.act_run = QAction(self, triggered=self.run_analysis)
        self.act_verify = QAction(self, triggered=self.refresh_evidence)
        self.menu_analysis.addActions([self.act_run, self.act_verify])
        self.menu_view = self.menuBar().addMenu("")
        self.act_zh = QAction("中文", self, triggered=lambda: self.set_language("zh"))
        self.act_en = QAction("English", self, triggered=lambda: self.set_language("en"))
        self.menu_view.addActions([self.act_zh, self.act_en])
        self._fill_recent()

    def retranslate(self):
        self.setWindowTitle(self.tr("Forensic review desk") + (f" — {self.case.case_id}" if self.case else ""))
        for i, t in enumerate((self.tr("Evidence"), self.tr("Frames"), self.tr("Charts"), self.tr("Findings"), self.tr("Report"))):
            self.tabs.setTabText(i, t)
        self.evidence.setHorizontalHeaderLabels([self.tr("File"), self.tr("Role"), self.tr("Bytes"), self.tr("Status"), "SHA-256"])
        self.log_table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Event"), self.tr("Channel"), self.tr("File"), self.tr("Row")])
        self.goto_btn.setText(self.tr("Go to evidence"))
        self.note_btn.setText(self.tr("Add note"))
        self.note_edit.setPlaceholderText(self.tr("Examiner's note on the selected finding (or the case)"))
        self.mask_box.setText(self.tr("Mask ID and phone numbers"))
        self.export_btn.setText(self.tr("Export report…"))
        self.sign_label.setText(self.tr("Sign with PKCS#12 certificate (path, optional):"))
        self.cancel_btn.setText(self.tr("Cancel"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Recent cases"))
        self.act_open.setText(self.tr("Open case…"))
        self.act_new.setText(self.tr("New case from files…"))
        self.menu_analysis.setTitle(self.tr("&Analysis"))
        self.act_run.setText(self.tr("Run analysis"))
        self.act_verify.setText(self.tr("Verify evidence hashes"))
        self.menu_view.setTitle(self.tr("&Language"))
        self.dist_chart.title = self.tr("Distance to the ID photo per frame (red: LR = 1)")
        self.ear_chart.title = self.tr("Eye openness over the video")
        self.viewer.retranslate()
        if self.results:
            self._fill_findings()

    def set_language(self, lang: str):
        from .app import install_translator
        install_translator(lang)
        self.settings.set("language", lang)
        self.retranslate()

    def changeEvent(self, e):
        if e.type() == e.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    # ---- cases --------------------------------------------------------------------------
    def _fill_recent(self):
        self.menu_recent.clear()
        for c in self.settings.get("recent_cases"):
            self.menu_recent.addAction(c, lambda c=c: self.open_case(c))

    def choose_case(self):
        d = QFileDialog.getExistingDirectory(self, self.tr("Open case folder"), self.settings.get("last_dir"))
        if d:
            self.open_case(d)

    def new_case(self):
        from .dialogs import NewCaseDialog
        dlg = NewCaseDialog(self)
        if dlg.exec():
            try:
                self.open_case(str(dlg.create()))
            except InputError as exc:
                show_error(self.tr("Cannot create the case"), exc.message, parent=self)

    def _ws_path(self, case) -> Path | None:
        root = self.settings.get("workspace_root")
        return Path(root) / f"{case.root.name}.forensics" if root else None

    def open_case(self, path: str) -> bool:
        from ..io.case import load_case
        from ..store.workspace import Workspace
        try:
            # open leniently so the evidence panel can show missing or changed files; analysis
            # re-reads the case strictly and refuses bad material with a message
            case = load_case(path, validate=False, must_exist=False)
            ws = Workspace.open(case, self._ws_path(case))
        except InputError as exc:
            show_error(self.tr("Cannot open the case"), exc.message, parent=self)
            return False
        if self.ws:
            self.ws.close()
        self.case, self.ws = case, ws
        self.settings.add_recent(str(case.root))
        self.settings.set("last_dir", str(case.root.parent))
        self._fill_recent()
        self.refresh_evidence()
        latest = ws.latest_analysis()
        self.results = json.loads(latest["results"]) if latest else None
        self.lang_box.setCurrentText(case.language)
        self._show_results()
        self.retranslate()
        self.caseOpened.emit(str(case.root))
        return True

    def refresh_evidence(self):
        if not self.case:
            return
        rep = self.ws.verify(self.case)
        rec = self.ws.recorded_files()
        modified = {m["path"] for m in rep.modified}
        paths = sorted(set(rec) | set(rep.added))
        self.evidence.setRowCount(len(paths))
        for i, p in enumerate(paths):
            status = (self.tr("missing") if p in rep.missing else self.tr("changed") if p in modified
                      else self.tr("added") if p in rep.added else self.tr("verified"))
            r = rec.get(p, {})
            vals = [p, r.get("role", "?"), str(r.get("size", "")), status, r.get("sha256", "")]
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == 3 and status != self.tr("verified"):
                    it.setForeground(QColor("#b91c1c"))
                self.evidence.setItem(i, j, it)
        self.evidence.resizeColumnsToContents()
        self.statusBar().showMessage(self.tr("Evidence intact") if rep.ok else self.tr("Evidence problems found"), 8000)

    # ---- analysis -----------------------------------------------------------------------
    def run_analysis(self) -> Worker | None:
        if not self.case or self.worker:
            return None
        opts = Options(pad_model=self.settings.get("pad_model") or None)
        self.worker = Worker(analyse_case, str(self.case.root), str(self.ws.path), opts)
        s = self.worker.signals
        s.progress.connect(self._on_progress)
        s.result.connect(self._on_result)
        s.error.connect(lambda m, d: show_error(self.tr("Analysis failed"), m, d, self))
        s.cancelled.connect(lambda: self.statusBar().showMessage(self.tr("Analysis cancelled"), 8000))
        s.finished.connect(self._on_finished)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_btn.setVisible(True)
        self.max_stall_ms, self._last_tick = 0.0, time.perf_counter()
        self._stall_timer.start()
        self.pool.start(self.worker)
        return self.worker

    def cancel_analysis(self):
        if self.worker:
            self.worker.cancel()

    def _tick(self):
        now = time.perf_counter()
        if self._last_tick is not None:
            self.max_stall_ms = max(self.max_stall_ms, (now - self._last_tick) * 1000 - self._stall_timer.interval())
        self._last_tick = now

    def _on_progress(self, f: float, text: str):
        self.progress.setValue(int(f * 1000))
        self.statusBar().showMessage(text)

    def _on_result(self, results: dict):
        self.results = results
        self._show_results()
        self.analysisFinished.emit(results)

    def _on_finished(self):
        self._stall_timer.stop()
        self.progress.setVisible(False)
        self.cancel_btn.setVisible(False)
        self.worker = None

    # ---- showing results ----------------------------------------------------------------
    def _show_results(self):
        r = self.results
        if not r:
            self.findings.clear()
            return
        self.viewer.load(self.case.root, r)
        fc = r["face_comparison"]
        self.dist_chart.set_data([x.get("distance") for x in fc.get("per_frame", [])], fc.get("decision_threshold"))
        ear = next((s["values"] for s in r["liveness"].get("series", [])), [])
        self.ear_chart.set_data(ear)
        self.timeline.set_items(r.get("timeline", []))
        logs = [t for t in r.get("timeline", []) if t["kind"] == "log"]
        self.log_table.setRowCount(len(logs))
        for i, t in enumerate(logs):
            for j, v in enumerate((t["time"], t["label"], t.get("channel", ""), t["evidence"]["file"],
                                   str(t["evidence"]["row"]))):
                self.log_table.setItem(i, j, QTableWidgetItem(v))
        self.log_table.resizeColumnsToContents()
        self._fill_findings()

    def _fill_findings(self):
        cur = self.findings.currentRow()
        self.findings.blockSignals(True)
        self.findings.clear()
        zh = self.settings.get("language") == "zh"
        for f in self.results.get("findings", []):
            it = QListWidgetItem(f"[{f['severity']}] {f['rule']} — {f['title_zh'] if zh else f['title']}")
            it.setForeground(QColor(SEV[f["severity"]]))
            self.findings.addItem(it)
        self.findings.blockSignals(False)
        self.findings.setCurrentRow(max(cur, 0) if self.findings.count() else -1)
        self.show_finding(self.findings.currentRow())

    def current_finding(self) -> dict | None:
        i = self.findings.currentRow()
        fs = (self.results or {}).get("findings", [])
        return fs[i] if 0 <= i < len(fs) else None

    def show_finding(self, _i: int):
        f = self.current_finding()
        if not f:
            self.finding_text.clear()
            return
        zh = self.settings.get("language") == "zh"
        ev = "<br>".join(" · ".join(f"{k}: {v}" for k, v in e.items()) for e in f["evidence"][:40])
        self.finding_text.setHtml(
            f"<h3 style='color:{SEV[f['severity']]}'>{f['rule']}</h3><p><b>{f['title_zh'] if zh else f['title']}</b></p>"
            f"<p>{f['explanation_zh'] if zh else f['explanation']}</p><p><i>{self.tr('Evidence')}</i><br>{ev}</p>")
        self._show_notes()

    def goto_evidence(self) -> str | None:
        """Jump to the first piece of evidence of the selected finding: a frame or a log row."""
        f = self.current_finding()
        if not f:
            return None
        for e in f["evidence"]:
            if "row" in e:
                for i in range(self.log_table.rowCount()):
                    if self.log_table.item(i, 3).text() == e["file"] and self.log_table.item(i, 4).text() == str(e["row"]):
                        self.tabs.setCurrentIndex(2)
                        self.log_table.selectRow(i)
                        return f"{e['file']}#row{e['row']}"
            if e.get("file") and self.viewer.select_label(e["file"]):
                self.tabs.setCurrentIndex(1)
                return e["file"]
        for e in f["evidence"]:
            for i in range(self.evidence.rowCount()):
                if self.evidence.item(i, 0).text() in (e.get("file"), e.get("source")):
                    self.tabs.setCurrentIndex(0)
                    self.evidence.selectRow(i)
                    return e.get("file")
        return None

    def goto_frame_index(self, i: int):
        self.tabs.setCurrentIndex(1)
        self.viewer.film.setCurrentRow(i)

    def goto_video_frame(self, i: int):
        src = (self.results or {}).get("liveness", {}).get("clip", {}).get("path")
        if src:
            self.viewer.select_label(f"{src}#{i}")
            self.tabs.setCurrentIndex(1)

    def goto_timeline_item(self, k: int):
        it = self.results["timeline"][k]
        ev = it["evidence"]
        if "row" in ev:
            for i in range(self.log_table.rowCount()):
                if self.log_table.item(i, 4).text() == str(ev["row"]) and self.log_table.item(i, 3).text() == ev["file"]:
                    self.log_table.selectRow(i)
        elif it["kind"] == "capture":
            self.viewer.select_label(ev["file"])
            self.tabs.setCurrentIndex(1)

    # ---- notes --------------------------------------------------------------------------
    def _note_target(self) -> str:
        f = self.current_finding()
        return f["rule"] if f else "case"

    def add_note(self) -> int | None:
        text = self.note_edit.toPlainText().strip()
        if not (self.ws and text):
            return None
        pk = self.ws.add_note(self._note_target(), text)
        self.note_edit.clear()
        self._show_notes()
        return pk

    def _show_notes(self):
        if not self.ws:
            return
        notes = self.ws.notes(self._note_target()) + (self.ws.notes("case") if self._note_target() != "case" else [])
        self.notes_view.setHtml("<br>".join(f"<b>{n['created_at']}</b> [{n['target']}] {n['text']}" for n in notes))

    # ---- report -------------------------------------------------------------------------
    def export_report(self, path: str | None = None) -> Worker | None:
        if not (self.case and self.results):
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"),
                                                  str(self.case.root.parent / f"{self.case.case_id}.pdf"), "PDF (*.pdf)")
            if not path:
                return None
        sign = self.sign_edit.toPlainText().strip() or None
        from .report_job import export_job
        w = Worker(export_job, self.results, path, self.lang_box.currentText(), self.mask_box.isChecked(),
                   str(self.case.root), str(self.ws.path), sign)
        w.signals.result.connect(self._on_exported)
        w.signals.error.connect(lambda m, d: show_error(self.tr("Export failed"), m, d, self))
        self.pool.start(w)
        self._export_worker = w
        return w

    def _on_exported(self, out):
        path, png = out
        if png:
            from PySide6.QtGui import QPixmap
            self.preview.setPixmap(QPixmap(png))
        self.statusBar().showMessage(self.tr("Report written: {0}").format(path), 10000)
        self.reportExported.emit(path)

    def closeEvent(self, e):
        if self.worker:
            self.worker.cancel()
            self.pool.waitForDone(10000)
        if self.ws:
            self.ws.close()
            self.ws = None
        super().closeEvent(e)


