"""Screenshots of each main view of the review desk, for docs/ and the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py
Analyses copies of the demo cases in a temporary folder, then grabs each tab.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs/screenshots"


def main():
    from PySide6.QtWidgets import QApplication
    from forensics_app.gui.app import install_translator
    from forensics_app.gui.main_window import MainWindow
    from forensics_app.gui.settings import Settings
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        for name in ("guangzhou-2019", "print-attack-video"):
            shutil.copytree(ROOT / "sample_cases" / name, td / name)
            subprocess.run([sys.executable, "-m", "forensics_app", "analyze", str(td / name), "--out",
                            str(td / f"{name}.out"), "-q", "--no-report"], check=True)
        app = QApplication.instance() or QApplication([])
        w = MainWindow(Settings(td / "settings"))
        w.resize(1280, 820)
        w.show()

        def shot(fname):
            app.processEvents()
            w.grab().save(str(OUT / fname))

        w.open_case(str(td / "guangzhou-2019"))
        w.tabs.setCurrentIndex(0)
        shot("evidence.png")
        w.tabs.setCurrentIndex(3)
        w.findings.setCurrentRow(0)
        shot("findings.png")
        w.open_case(str(td / "print-attack-video"))
        w.tabs.setCurrentIndex(1)
        w.viewer.film.setCurrentRow(12)
        shot("frames.png")
        w.tabs.setCurrentIndex(2)
        shot("charts.png")
        install_translator("zh")
        w.settings.set("language", "zh")
        w.open_case(str(td / "guangzhou-2019"))
        w.retranslate()
        w.tabs.setCurrentIndex(3)
        w.findings.setCurrentRow(0)
        shot("findings_zh.png")
        w.tabs.setCurrentIndex(4)
        w.export_report(str(td / "r.pdf"))
        app.processEvents()
        from PySide6.QtCore import QThreadPool
        QThreadPool.globalInstance().waitForDone(60000)
        for _ in range(20):
            app.processEvents()
        shot("report.png")
        w.close()
    print("screenshots in", OUT)


if __name__ == "__main__":
    main()
