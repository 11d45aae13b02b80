#!/usr/bin/env bash
# The whole test suite, offscreen: the import-layer contracts, then pytest, then everything but the
# GUI again in a venv without Qt (.venv-noqt), which proves that core/io/store/report/pipeline/cli
# import and work without PySide6, and last the desk started on Xvfb with the xcb plugin.
# Extra arguments go to the first pytest run only.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/python -m pytest -q "$@"
bash scripts/test_noqt.sh
bash scripts/gui_xvfb.sh        # the desk on a real X server (xcb), demo case open, screenshot not blank
