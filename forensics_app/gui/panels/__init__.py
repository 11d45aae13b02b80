"""The desk's panels: each renders from the :class:`~forensics_app.gui.session.Session` and
nothing else, and each file can be run alone for development (``python -m
forensics_app.gui.panels.evidence CASE``, see :func:`forensics_app.gui.preview.preview`)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..session import Session


class Panel(QWidget):
    """A view of the session. Subclasses set ``name``/``title`` and implement ``render``."""

    name = ""
    title = ""               # English; shown through tr()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        session.subscribe(self._changed)
        self.destroyed.connect(lambda *_: session.unsubscribe(self._changed))

    def _changed(self, _session: Session, what: str) -> None:
        try:
            self.render(what)
        except RuntimeError:           # the C++ widget is already gone
            self.session.unsubscribe(self._changed)

    def render(self, what: str) -> None:   # pragma: no cover - every panel overrides
        raise NotImplementedError

    def retranslate(self) -> None:
        """Show the same content in the newly chosen language (no reloading, no workers)."""
        self.render("language")
