"""Dialogs: a new case from files, the analysis options, the examiner's identity and the
certificate password (never stored)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QWidget)

from .text import N_, language, tr


def _row(edit: QLineEdit, pick) -> QWidget:
    w = QWidget()
    h = QHBoxLayout(w)
    h.setContentsMargins(0, 0, 0, 0)
    b = QPushButton("…")
    b.clicked.connect(pick)
    h.addWidget(edit, 1)
    h.addWidget(b)
    return w


def _buttons(dlg: QDialog, form: QFormLayout) -> QDialogButtonBox:
    bb = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    bb.button(QDialogButtonBox.Ok).setText(tr("OK"))
    bb.button(QDialogButtonBox.Cancel).setText(tr("Cancel"))
    bb.accepted.connect(dlg.accept)
    bb.rejected.connect(dlg.reject)
    form.addRow(bb)
    return bb


class NewCaseDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("New case"))
        self.folder, self.case_id, self.id_photo = QLineEdit(), QLineEdit(), QLineEdit()
        self.frames, self.video, self.log = QLineEdit(), QLineEdit(), QLineEdit()
        self.population = QComboBox()
        for key in ("east_asian", "general"):
            self.population.addItem(population_label(key), key)
        f = QFormLayout(self)
        f.addRow(tr("New case folder"), _row(self.folder, lambda: self._dir(self.folder)))
        f.addRow(tr("Case id"), self.case_id)
        f.addRow(tr("ID photo"), _row(self.id_photo, lambda: self._file(self.id_photo)))
        f.addRow(tr("Folder of STM stills"), _row(self.frames, lambda: self._dir(self.frames)))
        f.addRow(tr("or STM video"), _row(self.video, lambda: self._file(self.video)))
        f.addRow(tr("Transaction log"), _row(self.log, lambda: self._file(self.log)))
        f.addRow(tr("Reference population"), self.population)
        _buttons(self, f)

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
                    population=self.population.currentData())
        return Path(self.folder.text())


_BASES = {"east_asian": N_("East Asian adults"), "general": N_("general population (mostly Western adults)")}


def population_label(key: str) -> str:
    """A calibration's population in the desk's language ("东亚成年人，通过错误匹配率为1e-3的人脸核验");
    a lab's own calibration shows its name as it was installed, quoted (「」 in Chinese)."""
    from ..i18n import translator
    from ..i18n.render import quote
    base = next((b for b in _BASES if key == b or key.startswith(b + "_")), None)
    rest = key[len(base):] if base else ""
    if base is None or rest and not rest.startswith("_vendor_fmr_"):
        return tr("laboratory's own calibration {0}").format(quote(key, translator(language())))
    label = tr(_BASES[base])
    if rest:
        label += ("，" if language() == "zh" else ", ") + tr("passing a face check at FMR {0}").format(
            rest[len("_vendor_fmr_"):])
    return label


def population_reason(name: str, case_population: str | None) -> str:
    """Why this population: the case's own choice, or the examiner's override, and what the
    calibration covers (its population and limits)."""
    from ..core.caldesc import describe
    from ..i18n import translator
    from ..i18n.render import value_text
    from ..io.calibrations import primary
    stop = "。" if language() == "zh" else ". "
    try:
        cal = primary(name)     # the calibration's description: catalogue messages, a lab's own words quoted
        covers = (value_text(describe(cal, "population"), translator(language())) + stop + tr("Limits:") + " "
                  + value_text(describe(cal, "limits"), translator(language())))
    except Exception as exc:          # a damaged lab calibration: say so, analysis will refuse it
        covers = str(exc)
    who = (tr("the case file (case.json) names this population") if name == case_population
           else tr("chosen by the examiner instead of the case's {0}").format(
               population_label(case_population) if case_population else tr("default")))
    return who + stop + covers


class OptionsDialog(QDialog):
    """Analysis options: the reference population (with why, and what its calibration covers) and
    an optional vendor PAD model."""

    def __init__(self, population: str, pad_model: str, case_population: str | None, parent=None):
        super().__init__(parent)
        from ..io.calibrations import populations
        self.case_population = case_population
        self.setWindowTitle(tr("Analysis options"))
        self.population = QComboBox()
        self.population.addItem(tr("as the case says ({0})").format(
            population_label(case_population) if case_population else tr("default")), "")
        for name in populations():
            self.population.addItem(population_label(name), name)
        self.population.setCurrentIndex(max(0, self.population.findData(population)))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setMinimumWidth(420)
        self.population.currentIndexChanged.connect(self._explain)
        self.pad = QLineEdit(pad_model)
        self.pad.setPlaceholderText(tr("none: every other liveness cue still runs"))
        f = QFormLayout(self)
        f.addRow(tr("Reference population"), self.population)
        f.addRow("", self.reason)
        f.addRow(tr("PAD model (descriptor JSON)"), _row(self.pad, self._pick_pad))
        _buttons(self, f)
        self._explain()

    def _pick_pad(self):
        f, _ = QFileDialog.getOpenFileName(self, tr("PAD model descriptor"), "", "JSON (*.json)")
        if f:
            self.pad.setText(f)

    def _explain(self):
        name = self.population.currentData() or self.case_population or "general"
        self.reason.setText(population_reason(name, self.case_population))
        self.adjustSize()              # the explanation's length varies with the population (and language)

    def values(self) -> tuple[str, str]:
        return self.population.currentData() or "", self.pad.text().strip()


class ExaminerDialog(QDialog):
    def __init__(self, name: str, qualifications: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Examiner"))
        self.name, self.qualifications = QLineEdit(name), QLineEdit(qualifications)
        f = QFormLayout(self)
        f.addRow(QLabel(tr("Recorded as the actor of every audit entry and note you make, and printed in reports.")))
        f.addRow(tr("Name"), self.name)
        f.addRow(tr("Qualifications"), self.qualifications)
        _buttons(self, f)

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.qualifications.text().strip()


class PasswordDialog(QDialog):
    """The certificate's password, typed hidden; used for this export only and never stored."""

    def __init__(self, certificate: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Certificate password"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        f = QFormLayout(self)
        f.addRow(QLabel(tr("Password of {0} (leave empty if it has none):").format(certificate)))
        f.addRow(tr("Password"), self.password)
        _buttons(self, f)


def ask_password(parent, certificate: str) -> tuple[bool, str]:
    dlg = PasswordDialog(certificate, parent)
    ok = dlg.exec() == QDialog.Accepted
    return ok, dlg.password.text() if ok else ""
