"""Window layout only (dock positions, sizes, geometry) in QSettings; everything else the
examiner sets lives in the Qt-free :mod:`forensics_app.settings` file."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..settings import config_dir

LAYOUT_VERSION = 1       # bump when the panels change, so an old saved layout is not forced on new docks


def layout_store() -> QSettings:
    return QSettings(str(config_dir() / "window-layout.ini"), QSettings.IniFormat)
