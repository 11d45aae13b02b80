"""The review desk's window: the verification banner, the frames view and the other panels in
docks (the layout is remembered), menus and actions, and the workers that open, verify and
analyse cases. All state is in the :class:`~forensics_app.gui.session.Session`; panels render it."""

from __future__ import annotations

import time

from PySide6.QtCore import QThreadPool, QTimer, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QMainWindow, QProgressBar, QPushButton, QVBoxLayout,
                               QWidget)

from ..core.blocks import EvidenceRef
from ..errors import ForensicsError
from ..settings import Settings
from .banner import VerificationBanner
from .crash import show_error
from .loading import open_job, verify_job
from .panels.audit import AuditPanel
from .panels.charts import ChartsPanel
from .panels.evidence import EvidencePanel
from .panels.findings import FindingsPanel
from .panels.frames import FramesPanel
from .panels.report import ReportPanel
from .panels.rules import RulesPanel
from .panels.timeline import TimelinePanel
from .qtlang import install_qt_translator
from .session import Session, Verification
from .settings import LAYOUT_VERSION, layout_store
from .text import language, message as text_message, set_language, tr
from .workers import Worker, analyse_case


class MainWindow(QMainWindow):
    caseOpened = Signal(str)
    verified = Signal(str)                 # "ok" or "failed"
    analysisFinished = Signal(object)
    reportExported = Signal(str)

    def __init__(self, settings: Settings | None = None, restore_layout: bool = True):
        super().__init__()
        self.setObjectName("ReviewDesk")
        self.settings = settings or Settings()
        self.session = Session(examiner=self.settings.get("examiner_name"))
        self.session.subscribe(self._session_changed)
        self.pool = QThreadPool.globalInstance()
        self.worker: Worker | None = None
        self._jobs: set = set()
        self.max_stall_ms = 0.0
        self._last_tick = None
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(10)
        self._stall_timer.timeout.connect(self._tick)
        set_language(self.settings.get("language"))
        self.docks: dict[str, QDockWidget] = {}
        self.panels: dict[str, QWidget] = {}
        self._build()
        self.resize(1360, 860)
        if restore_layout:
            self._restore_layout()
        self.retranslate()

    # ---- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        s = self.session
        self.banner = VerificationBanner(s)
        self.frames = FramesPanel(s)
        self.panels["frames"] = self.frames
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.banner)
        lay.addWidget(self.frames, 1)
        self.setCentralWidget(central)
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.findings = self.add_panel(FindingsPanel(s), Qt.LeftDockWidgetArea)
        self.rules = self.add_panel(RulesPanel(s), Qt.LeftDockWidgetArea, tabify_with="findings")
        self.evidence = self.add_panel(EvidencePanel(s), Qt.LeftDockWidgetArea, tabify_with="findings")
        self.audit = self.add_panel(AuditPanel(s), Qt.LeftDockWidgetArea, tabify_with="findings")
        self.report = self.add_panel(ReportPanel(s, mask_default=self.settings.get("mask_reports")),
                                     Qt.LeftDockWidgetArea, tabify_with="findings")
        self.charts = self.add_panel(ChartsPanel(s), Qt.BottomDockWidgetArea)
        self.timeline = self.add_panel(TimelinePanel(s), Qt.BottomDockWidgetArea, tabify_with="charts")
        self.docks["findings"].raise_()
        self.docks["charts"].raise_()
        self.resizeDocks([self.docks["findings"]], [520], Qt.Horizontal)
        self.resizeDocks([self.docks["charts"]], [360], Qt.Vertical)
        self.findings.evidenceRequested.connect(self.goto_evidence)
        self.charts.frameRequested.connect(self.show_frame)
        self.timeline.frameRequested.connect(self.show_frame)
        self.frames.frameChanged.connect(self.charts.dist_chart.set_current)
        self.report.exported.connect(self._on_exported)
        self.report.failed.connect(lambda m, d: show_error(tr("Export failed"), m, d, self))
        # status bar
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.cancel_btn = QPushButton()
        self.cancel_btn.setVisible(False)
        self.cancel_btn.clicked.connect(self.cancel_analysis)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_btn)
        # menus and actions
        mb = self.menuBar()
        self.menu_file, self.menu_analysis, self.menu_view, self.menu_lang = (mb.addMenu("") for _ in range(4))
        for m in (self.menu_file, self.menu_analysis, self.menu_view, self.menu_lang):
            m.setToolTipsVisible(True)
        self.act_open = QAction(self, triggered=self.choose_case, shortcut=QKeySequence.Open)
        self.act_new = QAction(self, triggered=self.new_case, shortcut=QKeySequence.New)
        self.menu_recent = self.menu_file.addMenu("")
        self.act_examiner = QAction(self, triggered=self.edit_examiner)
        self.act_quit = QAction(self, triggered=self.close, shortcut=QKeySequence("Ctrl+Q"))
        self.act_quit.setShortcutContext(Qt.ApplicationShortcut)
        self.menu_file.addActions([self.act_open, self.act_new])
        self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_examiner)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.act_run = QAction(self, triggered=self.run_analysis, shortcut=QKeySequence("Ctrl+R"))
        self.act_cancel = QAction(self, triggered=self.cancel_analysis)
        self.act_verify = QAction(self, triggered=self.verify_again)
        self.act_options = QAction(self, triggered=self.edit_options)
        self.menu_analysis.addActions([self.act_run, self.act_cancel, self.act_verify])
        self.menu_analysis.addSeparator()
        self.menu_analysis.addAction(self.act_options)
        self.act_reset_layout = QAction(self, triggered=self.reset_layout)
        self.act_zh = QAction("中文", self, triggered=lambda: self.set_language("zh"))
        self.act_en = QAction("English", self, triggered=lambda: self.set_language("en"))
        self.menu_lang.addActions([self.act_zh, self.act_en])
        self._fill_view_menu()
        self._fill_recent()
        self._default_layout = self.saveState(LAYOUT_VERSION)

    def add_panel(self, panel, area=Qt.LeftDockWidgetArea, tabify_with: str | None = None):
        """Put a panel in a dock (other packages add theirs the same way, e.g. a portfolio view)."""
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{panel.name}")
        dock.setWidget(panel)
        self.addDockWidget(area, dock)
        if tabify_with and tabify_with in self.docks:
            self.tabifyDockWidget(self.docks[tabify_with], dock)
        self.docks[panel.name], self.panels[panel.name] = dock, panel
        dock.setWindowTitle(tr(panel.title))
        if hasattr(self, "menu_view"):
            self._fill_view_menu()
        return panel

    def show_panel(self, name: str) -> None:
        if name in self.docks:
            self.docks[name].show()
            self.docks[name].raise_()

    def _fill_view_menu(self) -> None:
        self.menu_view.clear()
        for name, dock in self.docks.items():
            act = dock.toggleViewAction()
            act.setText(tr(self.panels[name].title))
            self.menu_view.addAction(act)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_reset_layout)

    def retranslate(self) -> None:
        self.menu_file.setTitle(tr("&File"))
        self.menu_recent.setTitle(tr("Recent cases"))
        self.act_open.setText(tr("Open case…"))
        self.act_new.setText(tr("New case from files…"))
        self.act_examiner.setText(tr("Examiner…"))
        self.act_quit.setText(tr("Quit"))
        self.menu_analysis.setTitle(tr("&Analysis"))
        self.act_run.setText(tr("Run analysis"))
        self.act_cancel.setText(tr("Cancel analysis"))
        self.act_verify.setText(tr("Verify evidence again"))
        self.act_options.setText(tr("Analysis options…"))
        self.menu_view.setTitle(tr("&View"))
        self.act_reset_layout.setText(tr("Reset layout"))
        self.menu_lang.setTitle(tr("&Language"))
        self.cancel_btn.setText(tr("Cancel"))
        for name, dock in self.docks.items():
            dock.setWindowTitle(tr(self.panels[name].title))
        self._fill_view_menu()
        self._title_and_actions()
        for p in self.panels.values():
            p.retranslate()
        self.banner.render()

    def _update_actions(self) -> None:
        s, busy = self.session, self.worker is not None
        for act, enabled, why in (
                (self.act_run, s.case is not None and not busy,
                 tr("Open a case first") if s.case is None else tr("An analysis is already running")),
                (self.act_cancel, busy, tr("No analysis is running")),
                (self.act_verify, s.case is not None and s.verification.state != "running",
                 tr("Open a case first") if s.case is None else tr("Verification is running"))):
            act.setEnabled(enabled)
            act.setToolTip("" if enabled else why)

    def set_language(self, lang: str) -> None:
        set_language(lang)
        install_qt_translator(lang)
        self.settings.set("language", lang)
        self.retranslate()

    # ---- layout ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        q = layout_store()
        geo, state = q.value("geometry"), q.value("state")
        if geo is not None:
            self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)

    def save_layout(self) -> None:
        q = layout_store()
        q.setValue("geometry", self.saveGeometry())
        q.setValue("state", self.saveState(LAYOUT_VERSION))
        q.sync()

    def reset_layout(self) -> None:
        self.restoreState(self._default_layout, LAYOUT_VERSION)
        for d in self.docks.values():
            d.show()

    # ---- session --------------------------------------------------------------------------
    def _session_changed(self, _s, what: str) -> None:
        if what in ("case", "verification", "results"):
            self._title_and_actions()

    def _title_and_actions(self) -> None:
        s = self.session
        title = tr("Forensic review desk")
        if s.case is not None:
            failed = tr("verification failed")
            title += f" — {s.case.case_id}" + (f" [{failed}]" if s.stale else "")
        self.setWindowTitle(title)
        self._update_actions()

    def _start(self, worker: Worker) -> Worker:
        self._jobs.add(worker)
        worker.signals.finished.connect(lambda w=worker: self._jobs.discard(w))
        self.pool.start(worker)
        return worker

    # ---- cases ----------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        for c in self.settings.get("recent_cases"):
            self.menu_recent.addAction(c, lambda c=c: self.open_case(c))
        self.menu_recent.setEnabled(bool(self.settings.get("recent_cases")))

    def choose_case(self) -> None:
        d = QFileDialog.getExistingDirectory(self, tr("Open case folder"), self.settings.get("last_dir"))
        if d:
            self.open_case(d)

    def new_case(self) -> None:
        from .dialogs import NewCaseDialog
        dlg = NewCaseDialog(self)
        if dlg.exec():
            try:
                self.open_case(str(dlg.create()))
            except ForensicsError as exc:
                show_error(tr("Cannot create the case"), exc.text(language()), parent=self)

    def open_case(self, path: str) -> Worker:
        """Open a case: every view is emptied at once, the case is read and hashed on a worker,
        then shown, then verified on a worker. Returns the opening worker."""
        if self.worker:
            self.worker.cancel()
        self.banner.opening = str(path)
        self.session.clear()
        w = Worker(open_job, str(path), self.settings.get("workspace_root"), self.session.examiner)
        gen = self.session.generation
        w.signals.result.connect(lambda got: self._opened(got, gen))
        w.signals.error.connect(lambda m, d: self._open_failed(m, d))
        return self._start(w)

    def _open_failed(self, message: str, details: str) -> None:
        self.banner.opening = ""
        self.banner.render()
        show_error(tr("Cannot open the case"), message, details, parent=self)

    def _opened(self, got: dict, gen: int) -> None:
        from pathlib import Path

        from ..store.workspace import Workspace
        if gen != self.session.generation:            # another case was asked for meanwhile
            return
        self.banner.opening = ""
        case = got["case"]
        self.settings.add_recent(str(case.root))
        self.settings.set("last_dir", str(case.root.parent))
        self._fill_recent()
        self.session.open(case, Workspace(Path(got["ws_path"])), got["results"])
        self.caseOpened.emit(str(case.root))
        self.verify_again()

    def verify_again(self) -> Worker | None:
        s = self.session
        if s.case is None:
            return None
        gen = s.generation
        s.set_verification(Verification("running"), gen)
        w = Worker(verify_job, s.case, str(s.ws.path))
        w.signals.result.connect(lambda v: self._verified(v, gen))
        w.signals.error.connect(lambda m, _d: self._verified(Verification("failed", None, (m,), error=m), gen))
        return self._start(w)

    def _verified(self, v: Verification, gen: int) -> None:
        if self.session.set_verification(v, gen):
            self.statusBar().showMessage(tr("Evidence intact") if v.state == "ok" else tr("Evidence problems found"), 8000)
            self.verified.emit(v.state)

    # ---- examiner and options -------------------------------------------------------------
    def edit_examiner(self) -> None:
        from .dialogs import ExaminerDialog
        dlg = ExaminerDialog(self.settings.get("examiner_name"), self.settings.get("examiner_qualifications"), self)
        if dlg.exec():
            name, quals = dlg.values()
            self.settings.set("examiner_name", name)
            self.settings.set("examiner_qualifications", quals)
            self.session.examiner = name

    def edit_options(self) -> None:
        from .dialogs import OptionsDialog
        case_pop = self.session.case.manifest.get("reference_population") if self.session.case is not None else None
        dlg = OptionsDialog(self.settings.get("population"), self.settings.get("pad_model"), case_pop, self)
        if dlg.exec():
            population, pad = dlg.values()
            self.settings.set("population", population)
            self.settings.set("pad_model", pad)

    def analysis_options(self):
        from ..pipeline import Options
        return Options(population=self.settings.get("population") or None,
                       pad_model=self.settings.get("pad_model") or None)

    # ---- analysis -------------------------------------------------------------------------
    def run_analysis(self) -> Worker | None:
        s = self.session
        if s.case is None or self.worker:
            return None
        gen = s.generation
        self.worker = Worker(analyse_case, str(s.case.root), str(s.ws.path), self.analysis_options(), s.examiner)
        sig = self.worker.signals
        sig.progress.connect(self._on_progress)
        sig.result.connect(lambda r: self._on_result(r, gen))
        sig.error.connect(lambda m, d: show_error(tr("Analysis failed"), m, d, self))
        sig.cancelled.connect(lambda: self.statusBar().showMessage(tr("Analysis cancelled"), 8000))
        sig.finished.connect(self._on_finished)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_btn.setVisible(True)
        self.max_stall_ms, self._last_tick = 0.0, time.perf_counter()
        self._stall_timer.start()
        self._update_actions()
        self.pool.start(self.worker)
        return self.worker

    def cancel_analysis(self) -> None:
        if self.worker:
            self.worker.cancel()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last_tick is not None:
            self.max_stall_ms = max(self.max_stall_ms, (now - self._last_tick) * 1000 - self._stall_timer.interval())
        self._last_tick = now

    def _on_progress(self, f: float, message) -> None:
        self.progress.setValue(int(f * 1000))
        self.statusBar().showMessage(text_message(message))   # rendered now, in the desk's language

    def _on_result(self, results, gen: int) -> None:
        if self.session.set_results(results, gen):
            self.analysisFinished.emit(self.session.results)

    def _on_finished(self) -> None:
        self._stall_timer.stop()
        self.progress.setVisible(False)
        self.cancel_btn.setVisible(False)
        self.worker = None
        self._update_actions()

    # ---- navigation -----------------------------------------------------------------------
    def show_frame(self, label: str) -> bool:
        return self.frames.goto_label(label)

    def goto_evidence(self, evidence: list[EvidenceRef]) -> str | None:
        """Show the first piece of a finding's evidence: a log row, a frame, else the file."""
        evidence = [EvidenceRef.from_json(e, "evidence") for e in evidence]
        for e in evidence:
            if e.row is not None and self.timeline.select_row(e.file or "", e.row):
                self.show_panel("timeline")
                return f"{e.file}#row{e.row}"
            if e.file and self.frames.goto_label(e.file):
                return e.file
        for e in evidence:
            for where in (e.file, e.source):
                if where and self.evidence.select_file(where):
                    self.show_panel("evidence")
                    return where
        return None

    def _on_exported(self, path: str) -> None:
        self.statusBar().showMessage(tr("Report written: {0}").format(path), 10000)
        self.reportExported.emit(path)

    def closeEvent(self, e) -> None:
        self.save_layout()
        if self.worker:
            self.worker.cancel()
        for w in list(self._jobs):
            w.cancel()
        self.pool.waitForDone(10000)
        self.session.clear()
        super().closeEvent(e)
