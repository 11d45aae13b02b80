"""Rules: every rule the analysis checked, raised or not, and for those that could not be
evaluated the reason (a missing record, a stage not run), so absence of a finding is never
mistaken for a clean result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from ...i18n import translator
from ...i18n.render import render
from ..text import N_, language, term, tr
from . import Panel

COLOUR = {"raised": "#b91c1c", "not_raised": "#166534", "not_evaluable": "#92400e"}


class RulesPanel(Panel):
    name, title = "rules", N_("Rules checked")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.ElideNone)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        h.setSectionResizeMode(2, QHeaderView.Stretch)
        h.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())   # reasons wrap, never elide
        self.detail = QLabel()             # the selected rule's reason in full (cells may clip long paths)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.currentCellChanged.connect(
            lambda r, *_: self.detail.setText(f"{self.table.item(r, 0).text()}: {self.table.item(r, 2).text()}"
                                              if 0 <= r < self.table.rowCount() else ""))
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        self.render("case")

    def resizeEvent(self, e):
        super().resizeEvent(e)
        self.table.resizeRowsToContents()           # the reasons re-wrap to the new width

    def render(self, what: str) -> None:
        if what not in ("case", "results", "verification", "language"):
            return
        self.table.setHorizontalHeaderLabels([tr("Rule"), tr("Status"), tr("Reason")])
        checked = self.session.results.rules_checked if self.session.results else []
        zh = language() == "zh"
        self.detail.clear()
        self.table.setRowCount(len(checked))
        counts = {k: 0 for k in COLOUR}
        for i, c in enumerate(checked):
            label, colour = term("status", c.status), COLOUR[c.status]
            counts[c.status] += 1
            reason = render(c.code, c.params, translator("zh" if zh else "en")) if c.code else c.reason
            if c.status == "raised":
                reason = tr("see Findings")
            for j, v in enumerate((c.rule, label, reason)):
                it = QTableWidgetItem(v)
                if j == 2:
                    it.setToolTip(v)
                if j == 1:
                    it.setForeground(QColor(colour))
                self.table.setItem(i, j, it)
        self.table.resizeRowsToContents()
        self.summary.setText(tr("{0} rules: {1} raised, {2} not raised, {3} not evaluable").format(
            len(checked), counts["raised"], counts["not_raised"], counts["not_evaluable"]) if checked else
            (tr("No analysis yet.") if self.session.case is not None else ""))
        if self.session.stale and checked:
            self.summary.setText(self.summary.text() + " — " + tr("stale: the evidence changed after this analysis"))


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(RulesPanel))
