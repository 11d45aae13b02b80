#!/usr/bin/env bash
# The whole test suite, offscreen: the import-layer contracts, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
.venv/bin/lint-imports
.venv/bin/python -m pytest -q "$@"
