"""Entry point of the review desk: QApplication, language, crash handler, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from . import crash
from .main_window import MainWindow
from .qtlang import install_qt_translator


def main(argv: list[str] | None = None) -> int:
    from ..settings import Settings
    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("forensics-app")
    settings = Settings()
    install_qt_translator(settings.get("language"))
    crash.install()
    w = MainWindow(settings)
    w.show()
    if argv:
        w.open_case(argv[0])
    return app.exec()
