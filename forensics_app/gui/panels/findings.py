"""Findings: the rules raised, most severe first, each with its explanation and the evidence it
cites, a jump to that evidence, and the examiner's notes (with their author). When verification
has failed every finding is marked stale: it describes evidence that has since changed."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QSplitter, QTextBrowser, QVBoxLayout, QWidget)

from ...i18n import translator
from ...i18n.render import render
from ..text import N_, language, term, tr
from . import Panel

SEV = {"critical": "#9b1c1c", "major": "#c05621", "minor": "#8a6d00", "info": "#2b6cb0"}
EVIDENCE_KEYS = {"file": N_("file"), "row": N_("row"), "field": N_("field"), "source": N_("source"),
                 "event": N_("event"), "time": N_("time"), "frame": N_("frame"), "value": N_("value"),
                 "column": N_("column")}
SEV_TEXT = {"critical": N_("critical"), "major": N_("major"), "minor": N_("minor"), "info": N_("info")}


def _text(f, key: str) -> str:
    """A finding's title or explanation in the desk's language, from its catalogue code."""
    tr_ = translator(language())
    if key == "title":
        return render(f"title.{f.rule}", {}, tr_)
    return render(f.code, f.params, tr_) if f.code else getattr(f, key)


class FindingsPanel(Panel):
    name, title = "findings", N_("Findings")
    evidenceRequested = Signal(object)      # the finding's evidence list

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.stale_label.setStyleSheet("background:#fee2e2;color:#7f1d1d;padding:6px;font-weight:bold")
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.findings.currentRowChanged.connect(lambda i: self.session.select(finding=i))
        self.finding_text = QTextBrowser()
        self.goto_btn = QPushButton()
        self.goto_btn.clicked.connect(self.goto_evidence)
        self.notes_view = QTextBrowser()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(64)
        self.note_btn = QPushButton()
        self.note_btn.clicked.connect(self.add_note)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        for w, stretch in ((self.finding_text, 3), (self.goto_btn, 0), (self.notes_view, 1), (self.note_edit, 0),
                           (self.note_btn, 0)):
            rl.addWidget(w, stretch)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.findings)
        split.addWidget(right)
        split.setSizes([220, 500])
        lay = QVBoxLayout(self)
        lay.addWidget(self.stale_label)
        lay.addWidget(split, 1)
        self.render("case")

    def render(self, what: str) -> None:
        s = self.session
        self.goto_btn.setText(tr("Go to evidence"))
        self.note_btn.setText(tr("Add note"))
        self.note_edit.setPlaceholderText(tr("Examiner's note on the selected finding (or the case)"))
        can_note = s.ws is not None
        self.note_btn.setEnabled(can_note)
        self.note_edit.setEnabled(can_note)
        self.note_btn.setToolTip("" if can_note else tr("Open a case first"))
        self.stale_label.setText(tr("STALE: the evidence no longer matches what was analysed (see the banner). "
                                    "These findings describe the material as it was; re-verify and re-analyse "
                                    "before relying on them."))
        self.stale_label.setVisible(s.stale)
        if what in ("case", "results", "verification", "language"):
            self._fill()
        if what in ("case", "results", "verification", "selection", "language"):
            self.show_finding()
        if what in ("case", "notes", "selection", "language"):
            self._show_notes()

    def _fill(self) -> None:
        s = self.session
        self.findings.blockSignals(True)
        self.findings.clear()
        for f in (s.results.findings if s.results else []):
            text = f"[{tr(SEV_TEXT[f.severity])}] {f.rule} — {_text(f, 'title')}"
            if s.stale:
                text = tr("(stale) ") + text
            it = QListWidgetItem(text)
            it.setForeground(QColor("#9ca3af") if s.stale else QColor(SEV[f.severity]))
            if s.stale:
                font = QFont(self.findings.font())
                font.setItalic(True)
                it.setFont(font)
            self.findings.addItem(it)
        if s.case is not None and not s.results:
            self.findings.addItem(QListWidgetItem(tr("No analysis yet: Analysis → Run analysis.")))
        self.findings.setCurrentRow(s.selection.finding)
        self.findings.blockSignals(False)

    def show_finding(self) -> None:
        f = self.session.finding()
        if self.findings.currentRow() != self.session.selection.finding:
            self.findings.blockSignals(True)
            self.findings.setCurrentRow(self.session.selection.finding)
            self.findings.blockSignals(False)
        self.goto_btn.setEnabled(f is not None)
        self.goto_btn.setToolTip("" if f else tr("Select a finding first"))
        if not f:
            self.finding_text.clear()
            return
        ev = "<br>".join(html.escape(" · ".join(
            f"{tr(EVIDENCE_KEYS.get(k, k))}: {term('event', v) if k == 'event' else v}" for k, v in e.items()))
                         for e in f.evidence[:40])
        stale = tr("Stale: the evidence changed after this analysis.")
        stale = f"<p style='color:#b91c1c'><b>{stale}</b></p>" if self.session.stale else ""
        evidence = tr("Evidence")
        self.finding_text.setHtml(
            f"{stale}<h3 style='color:{SEV[f.severity]}'>{f.rule}</h3>"
            f"<p><b>{html.escape(_text(f, 'title'))}</b></p><p>{html.escape(_text(f, 'explanation'))}</p>"
            f"<p><i>{evidence}</i><br>{ev}</p>")

    def goto_evidence(self) -> None:
        f = self.session.finding()
        if f:
            self.evidenceRequested.emit(f.evidence)

    # ---- notes ----------------------------------------------------------------------------
    def note_target(self) -> str:
        f = self.session.finding()
        return f.rule if f else "case"

    def add_note(self) -> int | None:
        text = self.note_edit.toPlainText().strip()
        if not (self.session.ws and text):
            return None
        pk = self.session.ws.add_note(self.note_target(), text, self.session.examiner)
        self.note_edit.clear()
        self.session.notes_changed()
        return pk

    def _show_notes(self) -> None:
        ws = self.session.ws
        if ws is None:
            self.notes_view.clear()
            return
        t = self.note_target()
        notes = ws.notes(t) + (ws.notes("case") if t != "case" else [])
        anon = tr("(examiner not set)")
        self.notes_view.setHtml("<br>".join(
            f"<b>{html.escape(n['created_at'])}</b> · {html.escape(n.get('author') or anon)} "
            f"[{html.escape(n['target'])}] {html.escape(n['text'])}" for n in notes))


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(FindingsPanel))
