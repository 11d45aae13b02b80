"""Create a case from files: a dialog that writes case.json through io.newcase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QWidget)


def _row(edit: QLineEdit, pick) -> QWidget:
    w = QWidget()
    h = QHBoxLayout(w)
    h.setContentsMargins(0, 0, 0, 0)
    b = QPushButton("…")
    b.clicked.connect(pick)
    h.addWidget(edit, 1)
    h.addWidget(b)
    return w


class NewCaseDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case"))
        self.folder, self.case_id, self.id_photo = QLineEdit(), QLineEdit(), QLineEdit()
        self.frames, self.video, self.log = QLineEdit(), QLineEdit(), QLineEdit()
        self.population = QComboBox()
        self.population.addItems(["east_asian", "general"])
        f = QFormLayout(self)
        f.addRow(self.tr("New case folder"), _row(self.folder, lambda: self._dir(self.folder)))
        f.addRow(self.tr("Case id"), self.case_id)
        f.addRow(self.tr("ID photo"), _row(self.id_photo, lambda: self._file(self.id_photo)))
        f.addRow(self.tr("Folder of STM stills"), _row(self.frames, lambda: self._dir(self.frames)))
        f.addRow(self.tr("or STM video"), _row(self.video, lambda: self._file(self.video)))
        f.addRow(self.tr("Transaction log"), _row(self.log, lambda: self._file(self.log)))
        f.addRow(self.tr("Reference population"), self.population)
        bb = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        f.addRow(bb)

    def _dir(self, e):
        d = QFileDialog.getExistingDirectory(self)
        if d:
            e.setText(d)

    def _file(self, e):
        f, _ = QFileDialog.getOpenFileName(self)
        if f:
            e.setText(f)

    def create(self) -> Path:
        from ..io.newcase import create_case
        t = lambda e: Path(e.text()) if e.text().strip() else None  # noqa: E731
        create_case(Path(self.folder.text()), self.case_id.text().strip(), Path(self.id_photo.text()),
                    frames=t(self.frames), video=t(self.video), logs=[t(self.log)] if t(self.log) else [],
                    population=self.population.currentText())
        return Path(self.folder.text())
