"""Timeline and log: every dated event (log rows, records, captures) on one time axis above the
transaction log's rows; clicking an event selects its log row or shows its frame."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..charts import TimelineChart
from ..text import language, tr
from . import Panel


EVENTS = {"open_account": "account opened", "face_verify": "face verification", "card_issue": "card issued",
          "ebanking_enable": "e-banking enabled", "loan_apply": "loan application", "loan_contract": "loan contract",
          "loan_disburse": "loan disbursed", "repayment_due": "repayment due", "repayment_overdue": "repayment overdue",
          "otp_sent": "one-time password sent", "login": "login", "other": "other event"}


def event_label(t) -> str:
    """A timeline event as shown: the log's event codes in words of the desk's language."""
    if language() == "zh" and t.label_zh:
        return t.label_zh
    return tr(EVENTS[t.label]) if t.label in EVENTS else t.label


class TimelinePanel(Panel):
    name, title = "timeline", "Timeline and log"
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
            for j, v in enumerate((t.time, event_label(t), tr(t.channel) if t.channel else "", t.evidence["file"],
                                   str(t.evidence["row"]))):
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
        if "row" in ev:
            self.select_row(ev["file"], ev["row"])
        elif it.kind == "capture":
            self.frameRequested.emit(ev["file"])


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(TimelinePanel))
