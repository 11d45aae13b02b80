"""Report: export options (language, masking, signing), the export itself on a worker, and a
preview of the exported report's first page. Export follows the report rule: refused while the
evidence fails verification unless the examiner overrides, and then every page is stamped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThreadPool, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QVBoxLayout)

from ..text import LANGUAGES, N_, tr
from ..workers import Worker
from . import Panel

BLOCKED = {"no_case": N_("Open a case first"), "not_analysed": N_("Run the analysis first"),
           "verifying": N_("Wait for evidence verification to finish"),
           "verification_failed": N_("Evidence verification failed: tick the override to export a stamped report"),
           "not_verified": N_("The evidence has not been verified")}


class ReportPanel(Panel):
    name, title = "report", N_("Report")
    exported = Signal(str)
    failed = Signal(str, str)

    def __init__(self, session, parent=None, mask_default: bool = True, ask_password=None):
        super().__init__(session, parent)
        from ..dialogs import ask_password as _ask
        self.ask_password = ask_password or _ask
        self.lang_box = QComboBox()
        for code, name in LANGUAGES.items():         # each language by its own name, as the menu names it
            self.lang_box.addItem(name, code)
        self.mask_box = QCheckBox()
        self.mask_box.setChecked(mask_default)
        self.sign_edit = QLineEdit()
        self.sign_btn = QPushButton("…")
        self.sign_btn.clicked.connect(self._pick_certificate)
        self.override_box = QCheckBox()
        self.override_box.toggled.connect(lambda _on: self.render("verification"))
        self.export_btn = QPushButton()
        self.export_btn.clicked.connect(lambda: self.export_report())
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.sign_label = QLabel()
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignTop | Qt.AlignHCenter)
        row = QHBoxLayout()
        for w in (self.lang_box, self.mask_box, self.export_btn):
            row.addWidget(w)
        row.addStretch(1)
        sign = QHBoxLayout()
        sign.addWidget(self.sign_label)
        sign.addWidget(self.sign_edit, 1)
        sign.addWidget(self.sign_btn)
        ps = QScrollArea()
        ps.setWidgetResizable(True)
        ps.setWidget(self.preview)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addLayout(sign)
        lay.addWidget(self.override_box)
        lay.addWidget(self.why)
        lay.addWidget(ps, 1)
        self.render("case")

    def render(self, what: str) -> None:
        s = self.session
        self.mask_box.setText(tr("Mask ID and phone numbers"))
        self.export_btn.setText(tr("Export report…"))
        self.sign_label.setText(tr("Sign with PKCS#12 certificate (optional):"))
        self.sign_edit.setPlaceholderText(tr("path of the examiner's .p12 file; the password is asked when exporting"))
        self.override_box.setText(tr("Export although verification failed (every page is stamped "
                                     "'verification failed' with the reasons)"))
        if what == "case" or (what == "language" and self.preview.pixmap().isNull()):
            self.preview.clear()
            self.preview.setText(tr("No report exported in this session for this case."))
        if what == "case":
            self.override_box.setChecked(False)
            if s.case is not None:
                self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(s.case.language)))
        if what == "verification" and not s.verification.failed:
            self.override_box.setChecked(False)
        self.override_box.setVisible(s.export_overridable())
        block = s.export_block()
        allowed = not block or (block == "verification_failed" and self.override_box.isChecked())
        self.export_btn.setEnabled(allowed)
        self.export_btn.setToolTip("" if allowed else tr(BLOCKED[block]))
        self.why.setText("" if not block else tr(BLOCKED[block]))

    def _pick_certificate(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, tr("Examiner's certificate"), "", "PKCS#12 (*.p12 *.pfx)")
        if f:
            self.sign_edit.setText(f)

    def export_report(self, path: str | None = None) -> Worker | None:
        s = self.session
        block = s.export_block()
        override = block == "verification_failed" and self.override_box.isChecked()
        if block and not override:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Export report"),
                                                  str(s.case.root.parent / f"{s.case.case_id}.pdf"), "PDF (*.pdf)")
            if not path:
                return None
        sign = self.sign_edit.text().strip() or None
        password = None
        if sign:
            ok, password = self.ask_password(self, Path(sign).name)
            if not ok:
                return None
        from ..report_job import export_job
        gen = s.generation
        w = Worker(export_job, s.results.to_json(), path, self.lang_box.currentData(), self.mask_box.isChecked(),
                   str(s.case.root), str(s.ws.path), sign, password, s.examiner, override)
        w.signals.result.connect(lambda out: self._on_exported(out, gen))
        w.signals.error.connect(self.failed)
        self._worker = w
        QThreadPool.globalInstance().start(w)
        return w

    def _on_exported(self, out, gen: int) -> None:
        path, png = out
        if gen != self.session.generation:       # another case was opened meanwhile
            return
        if png:
            self.preview.setPixmap(QPixmap(png))
        self.session.audit_changed()
        self.exported.emit(path)


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(ReportPanel))
