"""Screenshots of the review desk for docs/ and the README, from the current version.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py
    (or QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py)

Analyses copies of the demo cases in a temporary folder, drives the desk as an examiner does
(open, wait for verification, select, export) and grabs the window at each step.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs/screenshots"


def main(out: Path = OUT) -> list[Path]:
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        os.environ["FORENSICS_SETTINGS_DIR"] = str(td / "settings")
        from PySide6.QtWidgets import QApplication

        from forensics_app.gui.main_window import MainWindow
        from forensics_app.settings import Settings
        out.mkdir(parents=True, exist_ok=True)
        settings = Settings()
        settings.set("language", "en")
        settings.set("examiner_name", "Examiner A. Demo")
        for name in ("guangzhou-2019", "print-attack-video"):
            shutil.copytree(ROOT / "sample_cases" / name, td / name)
            subprocess.run([sys.executable, "-m", "forensics_app", "analyze", str(td / name), "--out",
                            str(td / f"{name}.out"), "-q", "--no-report"], check=True)
        shutil.copytree(td / "guangzhou-2019", td / "tampered")
        shutil.copytree(td / "guangzhou-2019.forensics", td / "tampered.forensics")
        (td / "tampered/docs/telecom_reply.txt").write_text("edited after intake", encoding="utf-8")
        app = QApplication.instance() or QApplication([])
        w = MainWindow(settings, restore_layout=False)
        w.resize(1560, 940)
        w.show()
        made = []

        def wait(cond, timeout=120.0):
            t0 = time.time()
            while not cond() and time.time() - t0 < timeout:
                app.processEvents()
                time.sleep(0.02)
            for _ in range(30):
                app.processEvents()
                time.sleep(0.01)

        def open_case(path):
            w.open_case(str(path))
            wait(lambda: w.session.case is not None and w.session.verification.state not in ("none", "running"))

        def shot(fname):
            wait(lambda: True, 0)
            w.grab().save(str(out / fname))
            made.append(out / fname)

        open_case(td / "guangzhou-2019")
        w.show_panel("evidence")
        shot("evidence.png")
        w.show_panel("findings")
        w.findings.findings.setCurrentRow(0)
        shot("findings.png")
        w.findings.note_edit.setPlainText("Police receipt checked against the original at the station.")
        w.findings.add_note()
        w.show_panel("audit")
        shot("audit.png")
        open_case(td / "print-attack-video")
        w.frames.slider.setValue(12)
        wait(lambda: all(not w.frames.film.item(i).icon().isNull() for i in range(w.frames.film.count())))
        w.show_panel("rules")
        w.show_panel("charts")
        shot("frames.png")
        w.show_panel("timeline")
        shot("timeline.png")
        w.show_panel("charts")
        w.show_panel("report")
        w.report.export_report(str(td / "print.pdf"))
        wait(lambda: not w.report.preview.pixmap().isNull())
        shot("report.png")
        open_case(td / "tampered")
        w.show_panel("findings")
        shot("verification_failed.png")
        w.set_language("zh")
        open_case(td / "guangzhou-2019")
        w.show_panel("findings")
        w.findings.findings.setCurrentRow(0)
        shot("findings_zh.png")
        w.set_language("en")
        w.close()
    print("screenshots in", out)
    return made


if __name__ == "__main__":
    main()
