"""Evidence: every file recorded at intake (and any added since) with its hash status from the
last verification."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout

from ..text import N_, term, tr
from . import Panel

BAD = QColor("#b91c1c")


class EvidencePanel(Panel):
    name, title = "evidence", N_("Evidence")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(self).addWidget(self.table)
        self.render("case")

    def status_of(self, path: str) -> str:
        v = self.session.verification
        rep = v.report or {}
        if v.state == "running":
            return tr("verifying…")
        if v.state == "none" or not rep:
            return tr("not verified")
        if path in rep.get("missing", []):
            return tr("missing")
        if path in {m["path"] for m in rep.get("modified", [])}:
            return tr("changed")
        if path in rep.get("added", []):
            return tr("added")
        if path in {m["path"] for m in rep.get("declared_hash_mismatch", [])}:
            return tr("differs from the bank's declared hash")
        return tr("verified")

    def render(self, what: str) -> None:
        if what not in ("case", "verification", "language"):
            return
        self.table.setHorizontalHeaderLabels([tr("File"), tr("Role"), tr("Bytes"), tr("Status"), "SHA-256"])
        s = self.session
        rec = s.ws.recorded_files() if s.ws is not None else {}
        added = (s.verification.report or {}).get("added", [])
        paths = sorted(set(rec) | set(added))
        self.table.setRowCount(len(paths))
        ok = tr("verified")
        for i, p in enumerate(paths):
            status = self.status_of(p)
            r = rec.get(p, {})
            role = term("role", r["role"]) if r.get("role") else tr("(not recorded at intake)")
            for j, v in enumerate((p, role, str(r.get("size", "")), status, r.get("sha256", ""))):
                it = QTableWidgetItem(v)
                if j == 3 and status != ok:
                    it.setForeground(BAD)
                self.table.setItem(i, j, it)
        self.table.resizeColumnsToContents()

    def select_file(self, path: str) -> bool:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).text() == path:
                self.table.selectRow(i)
                return True
        return False


if __name__ == "__main__":
    from ..preview import preview
    raise SystemExit(preview(EvidencePanel))
