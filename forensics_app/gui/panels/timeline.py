"""Timeline and log: every dated event (log rows, records, captures) on one time axis above the
transaction log's rows; clicking an event selects its log row or shows its frame."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..charts import TimelineChart
from ..text import N_, term, tr
from . import Panel


def event_label(t) -> str:
    """A timeline event as shown: a log row's event code, or a record's label, in the catalogue's
    words (a label the catalogue does not know is shown as written)."""
    return term("event" if t.kind == "log" else "timeline", t.label)


class TimelinePanel(Panel):
    name, title = "timeline", N_("Timeline and log")
    frameRequested = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.timeline = TimelineChart()
        self.timeline.label_of = event_label
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.timeline)
        self.log_table = QTableWidget(0, 5)
        self.log_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.log_table.setSelectionBehavior(QTableWidget.SelectRows)
        self.log_table.horizontalHeader().setStretchLastSection(True)
        split = QSplitter(Qt.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.log_table)
        QVBoxLayout(self).addWidget(split)
        self.timeline.itemClicked.connect(self.goto_item)
        self.render("case")

    def render(self, what: str) -> None:
        if what not in ("case", "results", "language"):
            return
        self.log_table.setHorizontalHeaderLabels([tr("Time"), tr("Event"), tr("Channel"), tr("File"), tr("Row")])
        items = self.session.results.timeline if self.session.results else []
        self.timeline.set_items(items)
        logs = [t for t in items if t.kind == "log"]
        self.log_table.setRowCount(len(logs))
        for i, t in enumerate(logs):
            for j, v in enumerate((t.time, event_label(t), term("channel", t.channel) if t.channel else "", t.evidence.file,
                                   str(t.evidence.row))):
                self.log_table.setItem(i, j, QTableWidgetItem(v))
        self.log_table.resizeColumnsToContents()

    def select_row(self, file: str, row: int) -> bool:
        for i in range(self.log_table.rowCount()):
            if self.log_table.item(i, 3).text() == file and self.log_table.item(i, 4).text() == str(row):
                self.log_table.selectRow(i)
                return True
        return False

    def goto_item(self, k: int) -> None:
        it = self.session.results.timeline[k]
        ev = it.evidence
        if ev.row is not None:
            self.select_row(ev.file, ev.row)
        elif it.kind == "capture":
            self.frameRequested.emit(ev.file)


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(TimelinePanel))
