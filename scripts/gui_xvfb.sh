#!/usr/bin/env bash
# The desk on a real X server: Xvfb with Qt's xcb platform plugin (not offscreen, which hides
# missing xcb libraries), the demo case opened, a screenshot checked not to be blank.
# The screenshot is kept in build/gui-smoke/desk_xvfb.png.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v xvfb-run >/dev/null || { echo "xvfb-run missing: run scripts/setup.sh" >&2; exit 1; }
xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb .venv/bin/python tools/gui_smoke.py build/gui-smoke
