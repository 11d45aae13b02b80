"""One crash handler: logs the exception and shows it with the traceback in the details."""

from __future__ import annotations

import logging
import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


class _Relay(QObject):
    crashed = Signal(str, str)


_relay: _Relay | None = None


def show_error(title: str, text: str, details: str = "", parent=None) -> QMessageBox:
    box = QMessageBox(QMessageBox.Critical, title, text, QMessageBox.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


def install() -> None:
    """sys.excepthook and threading.excepthook: log, then a dialog on the GUI thread."""
    global _relay
    _relay = _Relay()
    _relay.crashed.connect(lambda t, d: show_error(
        QApplication.translate("crash", "Unexpected error"), t, d, QApplication.activeWindow()))

    def hook(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unhandled exception\n%s", details)
        _relay.crashed.emit(f"{exc_type.__name__}: {exc}", details)

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
