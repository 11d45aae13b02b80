"""Start the review desk on a real X display (the xcb platform plugin, not offscreen), open the
demo case, take a screenshot of the screen and check that the desk is on it.

    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python tools/gui_smoke.py OUTDIR

The desk runs as the user starts it (``forensics-app gui CASE``, its own process); this script
grabs the X screen from a second process until the verification banner turns green (the case
is open and verified), saves OUTDIR/desk_xvfb.png and fails if the screen is blank or the desk
never showed the verified case. Exit 0 on success, 1 with a one-line reason otherwise.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BANNER_OK = (0xDC, 0xFC, 0xE7)           # the verified banner's background (gui/banner.py)
TIMEOUT_S = 180


def screen_pixels(app) -> np.ndarray:
    from PySide6.QtGui import QImage
    img = app.primaryScreen().grabWindow(0).toImage().convertToFormat(QImage.Format_RGB888)
    h, w = img.height(), img.width()
    return np.array(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())[:, : 3 * w].reshape(h, w, 3)


def main(out: Path) -> int:
    if os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"):
        print("gui smoke: needs QT_QPA_PLATFORM=xcb and an X display (run under xvfb-run)", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        case = td / "guangzhou-2019"
        shutil.copytree(ROOT / "sample_cases/guangzhou-2019", case)
        env = dict(os.environ, FORENSICS_SETTINGS_DIR=str(td / "settings"))
        subprocess.run([sys.executable, "-m", "forensics_app", "analyze", str(case), "--out", str(td / "out"),
                        "-q", "--no-report"], check=True, env=env)
        subprocess.run([sys.executable, "-m", "forensics_app", "settings", "language", "en"], env=env,
                       check=True, capture_output=True)
        desk = subprocess.Popen([sys.executable, "-m", "forensics_app", "gui", str(case)], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            t0, px = time.time(), None
            while time.time() - t0 < TIMEOUT_S:
                if desk.poll() is not None:
                    print(f"gui smoke: the desk exited with {desk.returncode}:\n{desk.stdout.read()}", file=sys.stderr)
                    return 1
                px = screen_pixels(app)
                if (px == BANNER_OK).all(axis=2).sum() > 2000:
                    time.sleep(1.5)                    # let thumbnails and charts paint
                    px = screen_pixels(app)
                    break
                time.sleep(0.5)
            else:
                px = None
            from PIL import Image
            shot = out / "desk_xvfb.png"
            Image.fromarray(screen_pixels(app)).save(shot)
            if px is None:
                print(f"gui smoke: no verified case on screen after {TIMEOUT_S} s (see {shot})", file=sys.stderr)
                return 1
            colours = len(np.unique(px.reshape(-1, 3)[::7], axis=0))
            if px.std() < 10 or colours < 200:
                print(f"gui smoke: the screenshot is blank ({colours} colours, std {px.std():.1f}): {shot}",
                      file=sys.stderr)
                return 1
            print(f"gui smoke: desk started on X ({app.platformName()}), demo case open and verified, "
                  f"{colours} colours on screen: {shot}")
            return 0
        finally:
            desk.terminate()
            try:
                desk.wait(timeout=20)
            except subprocess.TimeoutExpired:
                desk.kill()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build/gui-smoke"))
