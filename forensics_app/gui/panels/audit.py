"""Audit log: every entry of the workspace's hash-chained log with its actor, and the state of the
chain (intact, or which entries were altered, removed or re-ordered)."""

from __future__ import annotations

import json
import re

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from ..text import N_, language, tr
from . import Panel

# what the audit log's actions are called on screen (the stored action names stay as they are)
ACTIONS = {"intake": N_("intake"), "analysis": N_("analysis"), "note": N_("note"), "export": N_("export"),
           "cache": N_("cache"), "calibration": N_("calibration"), "migration": N_("migration"), "verify": N_("verify")}
OK_STYLE = "background:#dcfce7;color:#14532d;padding:6px;font-weight:bold"
BAD_STYLE = "background:#fee2e2;color:#7f1d1d;padding:6px;font-weight:bold"


def actor_of(entry: dict, note_authors: dict[int, str]) -> str:
    """Who made the entry: its ``actor``; for a note, the author stored with the note it names."""
    try:
        d = json.loads(entry.get("details") or "{}")
    except ValueError:
        return ""
    if not isinstance(d, dict):
        return ""
    if d.get("actor"):
        return str(d["actor"])
    return note_authors.get(d.get("note_id"), "") if entry.get("action") == "note" else ""


class AuditPanel(Panel):
    name, title = "audit", N_("Audit log")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.chain)
        lay.addWidget(self.table, 1)
        self.render("case")

    def render(self, what: str) -> None:
        if what not in ("case", "verification", "notes", "results", "audit", "language"):
            return
        self.table.setHorizontalHeaderLabels([tr("No."), tr("Time (UTC)"), tr("Action"), tr("Actor"), tr("Details")])
        ws = self.session.ws
        entries = ws.audit_entries() if ws is not None else []
        problems = ws.check_audit() if ws is not None else []
        bad = {int(n) for p in problems for n in re.findall(r"audit entry (\d+)", p)}
        authors = {n["id"]: n.get("author") or "" for n in ws.notes()} if ws is not None else {}
        self.table.setRowCount(len(entries))
        for i, e in enumerate(entries):
            actor = actor_of(e, authors)
            vals = (str(e["seq"]), e["ts"], tr(ACTIONS.get(e["action"], e["action"])), actor or tr("(not recorded)"),
                    e["details"])
            for j, v in enumerate(vals):
                it = QTableWidgetItem(v)
                if j == 4:
                    it.setToolTip(v)
                if e["seq"] in bad:
                    it.setForeground(QColor("#b91c1c"))
                elif j == 3 and not actor:
                    it.setForeground(QColor("#9ca3af"))
                self.table.setItem(i, j, it)
        self.table.resizeColumnsToContents()
        if ws is None:
            self.chain.setText("")
            self.chain.setStyleSheet("")
        elif problems:
            self.chain.setText(tr("Audit chain BROKEN:") + " " + "; ".join(p.text(language()) for p in problems))
            self.chain.setStyleSheet(BAD_STYLE)
        else:
            self.chain.setText(tr("Audit chain intact: {0} entries, each bound to the one before it.").format(len(entries)))
            self.chain.setStyleSheet(OK_STYLE)


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(AuditPanel))
