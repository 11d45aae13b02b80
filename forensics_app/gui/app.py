"""Entry point of the review desk: QApplication, translations, crash handler, main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

I18N = Path(__file__).resolve().parent / "i18n"
_translators: list[QTranslator] = []


def install_translator(lang: str) -> bool:
    """Switch the UI language at run time (ours plus Qt's own strings)."""
    app = QApplication.instance()
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang != "zh":
        return True
    ok = False
    for name, folder in (("forensics_zh_CN", str(I18N)),
                         ("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath))):
        t = QTranslator()
        if t.load(name, folder):
            app.installTranslator(t)
            _translators.append(t)
            ok = ok or name.startswith("forensics")
    return ok


def main(argv: list[str] | None = None) -> int:
    from . import crash
    from .main_window import MainWindow
    from .settings import Settings
    logging.basicConfig(level=logging.INFO)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings()
    install_translator(settings.get("language") or ("zh" if QLocale.system().name().startswith("zh") else "en"))
    crash.install()
    w = MainWindow(settings)
    w.show()
    if argv:
        w.open_case(argv[0])
    return app.exec()
