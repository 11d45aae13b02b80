#!/usr/bin/env bash
# One command installs everything: the Debian libraries Qt needs (offscreen and on X) and OpenCV, the CJK
# font embedded in reports, poppler (pdftoppm/pdffonts for checking reports), and a virtualenv
# in .venv with the app and its test tools. No compiler is needed: dlib comes as dlib-bin wheels.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libgl1 libegl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
              libdbus-1-3 libxcb-cursor0 fonts-wqy-zenhei poppler-utils xvfb
              # what Qt's xcb platform plugin links against (a real X display, and Xvfb in CI);
              # offscreen tests do not load it, so without these the desk only fails on a desktop
              libx11-xcb1 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
              libxcb-shape0 libxcb-xfixes0 libxcb-xkb1)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# constraints.txt pins the libraries the figures depend on (OpenCV, numpy, dlib, onnxruntime, ...)
.venv/bin/python -m pip install -q -c constraints.txt -e ".[dev,gui]"
echo "set-up complete: activate with 'source .venv/bin/activate' or call .venv/bin/forensics-app"
