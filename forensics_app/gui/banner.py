"""The verification banner across the top of the desk: whether the evidence on disk and the audit
log are still what was recorded at intake. Red, with what is wrong, when they are not."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from .session import Session
from .text import N_, tr

STYLES = {
    "none": "background:#f3f4f6;color:#374151",
    "running": "background:#fef9c3;color:#713f12",
    "ok": "background:#dcfce7;color:#14532d",
    "failed": "background:#b91c1c;color:white",
    "error": "background:#b91c1c;color:white",
}


def summary(v) -> str:
    p = v.problems
    parts = [tr(label).format(p[k]) for k, label in (
        ("modified", N_("{0} changed")), ("added", N_("{0} added")), ("missing", N_("{0} missing")),
        ("declared_hash_mismatch", N_("{0} differing from the bank's declared hash")),
        ("audit_problems", N_("{0} audit-log problems"))) if p[k]]
    return ", ".join(parts)


class VerificationBanner(QLabel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWordWrap(True)
        self.setMargin(6)
        session.subscribe(self._changed)
        self.render()

    def _changed(self, _s, what: str) -> None:
        if what in ("case", "verification", "results"):
            try:
                self.render()
            except RuntimeError:
                self.session.unsubscribe(self._changed)

    def state(self) -> str:
        v = self.session.verification
        return "error" if v.error else v.state

    def render(self) -> None:
        s, v = self.session, self.session.verification
        n = (v.report or {}).get("checked", 0)
        if s.case is None:
            text = tr("No case open.") if not getattr(self, "opening", "") else tr("Opening {0}…").format(self.opening)
        elif v.error:
            text = tr("Evidence could not be verified: {0}").format(v.error)
        elif v.state == "running":
            text = tr("Verifying the evidence (re-hashing every file, checking the audit log)… "
                      "Findings are not confirmed until this finishes.")
        elif v.state == "ok":
            text = tr("Evidence verified: {0} files match their intake hashes; the audit log is intact.").format(n)
        elif v.state == "failed":
            text = (tr("VERIFICATION FAILED: {0}. The findings are stale and a report needs your override "
                       "(it is then stamped).").format(summary(v)))
        else:
            text = tr("Evidence not verified.")
        self.setText(text)
        self.setStyleSheet(f"{STYLES[self.state()]};font-weight:bold;padding:4px")
