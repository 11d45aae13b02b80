"""Open one panel alone, on a case, for development (Orange's WidgetPreview pattern)::

    python -m forensics_app.gui.panels.charts sample_cases/print-attack-video

The case must have a workspace with an analysis for the result panels to show anything.
"""

from __future__ import annotations

import sys


def preview(panel_cls, argv: list[str] | None = None, run: bool = True):
    """Show ``panel_cls`` alone on the case named in ``argv`` (default: the command line).
    ``run=False`` returns the panel without entering the event loop (tests);
    FORENSICS_PREVIEW_QUIT_MS quits the loop after that many milliseconds (smoke runs)."""
    import os

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .loading import open_sync
    from .session import Session
    argv = sys.argv[1:] if argv is None else argv
    app = QApplication.instance() or QApplication(sys.argv[:1])
    session = Session()
    panel = panel_cls(session)
    panel.setWindowTitle(f"{panel_cls.__name__} preview")
    panel.resize(900, 650)
    panel.show()
    if argv:
        open_sync(session, argv[0])
    if not run:
        return panel
    if os.environ.get("FORENSICS_PREVIEW_QUIT_MS"):
        QTimer.singleShot(int(os.environ["FORENSICS_PREVIEW_QUIT_MS"]), app.quit)
    return app.exec()
