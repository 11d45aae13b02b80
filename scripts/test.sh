#!/usr/bin/env bash
# The whole test suite, offscreen, each test run once: the import-layer contracts; the GUI tests
# (tests/gui) in .venv, which has Qt; everything else in a venv WITHOUT Qt (.venv-noqt, see
# scripts/test_noqt.sh), which proves that core/io/store/report/pipeline/cli import and work
# without PySide6; last the desk started on Xvfb with the xcb plugin.
# Extra arguments go to both pytest runs (e.g. -m "not slow", -k NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/python -m pytest -q tests/gui "$@"
bash scripts/test_noqt.sh "$@"
bash scripts/gui_xvfb.sh        # the desk on a real X server (xcb), demo case open, screenshot not blank
