#!/usr/bin/env bash
# Build the self-contained bundle dist/forensics-app/ (runs on a machine without Python), then
# prove it: the bundle analyses the demo case. Needs the project's set-up first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q "pyinstaller>=6"
.venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/forensics_app.spec
out=$(mktemp -d)
cp -r sample_cases/guangzhou-2019 "$out/case"
env -i PATH=/usr/bin:/bin HOME="$out" QT_QPA_PLATFORM=offscreen \
  dist/forensics-app/forensics-app analyze "$out/case" --out "$out/out" -q
test -s "$out/out/results.json" && test -s "$out/out/report.pdf"
echo "bundle OK: dist/forensics-app analysed the demo case ($out/out)"
