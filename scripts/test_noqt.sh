#!/usr/bin/env bash
# Everything but tests/gui in a virtualenv WITHOUT Qt (.venv-noqt: the app with the constraints
# file, without the gui extra). Fails when PySide6 is importable there, when fewer tests ran than
# pytest collected there (none may be skipped or deselected silently), when none ran, or when any
# test was skipped for lack of Qt.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=.venv-noqt
[ -x $VENV/bin/python ] || "$PY" -m venv $VENV
$VENV/bin/python -m pip install -q --upgrade pip
$VENV/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
if $VENV/bin/python -c 'import PySide6' 2>/dev/null; then
  echo "Qt-free run: PySide6 is installed in $VENV, so this run would prove nothing" >&2
  exit 1
fi
export QT_QPA_PLATFORM=offscreen
ARGS=(-p no:pytest-qt --ignore=tests/gui -p no:cacheprovider "$@")
collected=$($VENV/bin/python -m pytest "${ARGS[@]}" --collect-only -q | grep -c '::' || true)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
$VENV/bin/python -m pytest "${ARGS[@]}" -q -rs --durations=15 --junitxml="$log.xml" | tee "$log"
$VENV/bin/python - "$log.xml" "$collected" "$log" <<'PY'
import re
import sys
import xml.etree.ElementTree as ET

xml, collected, text = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], encoding="utf-8").read()
suites = ET.parse(xml).getroot()
suite = suites if suites.tag == "testsuite" else suites.find("testsuite")
ran = int(suite.get("tests"))
skipped = int(suite.get("skipped"))
qt_skips = [line for line in text.splitlines()
            if line.startswith("SKIPPED") and re.search(r"qt|pyside|shiboken", line, re.I)]
print(f"Qt-free run: {ran} tests run of {collected} collected, {skipped} skipped (none for lack of Qt)")
if collected <= 0 or ran != collected:
    sys.exit(f"Qt-free run: expected {collected} tests, {ran} ran")
if qt_skips:
    sys.exit("Qt-free run: tests skipped for lack of Qt:\n" + "\n".join(qt_skips))
PY
rm -f "$log.xml"
