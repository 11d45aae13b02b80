"""Qt's own strings (standard dialogs, buttons) in the chosen language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

_installed: list[QTranslator] = []


def install_qt_translator(lang: str) -> bool:
    app = QApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "zh":
        return True
    t = QTranslator()
    if t.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(t)
        _installed.append(t)
        return True
    return False
