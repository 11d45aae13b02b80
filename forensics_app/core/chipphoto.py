"""Simulated ID-card chip photos, the reference material casework actually has.

A Chinese resident ID card's chip holds a 102x126 px JPEG, heavily compressed, with the face
frontal and level. :func:`make_chip` turns an ordinary photo into one: scaled so the eyes are a
given distance apart, levelled, placed as on the card, mildly blurred and JPEG-compressed. The
calibration pairs such a chip with *another* photo of the person (never the one it was made from).
"""

from __future__ import annotations

import hashlib

import cv2
import numpy as np

CHIP_W, CHIP_H = 102, 126
EYE_Y = 0.44            # eye line as a fraction of the chip's height (card photo framing)
# ranges the chips are drawn from (per photo, seeded by its name: reproducible)
IED_RANGE = (24.0, 32.0)
BLUR_RANGE = (0.4, 0.9)       # Gaussian sigma in chip pixels
QUALITY_RANGE = (35, 45)      # JPEG quality


def chip_params(key: str) -> dict:
    """Reproducible per-photo degradation parameters from a stable key (the photo's name)."""
    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little"))
    return {"ied": float(rng.uniform(*IED_RANGE)), "blur": float(rng.uniform(*BLUR_RANGE)),
            "quality": int(rng.integers(QUALITY_RANGE[0], QUALITY_RANGE[1] + 1))}


def make_chip(rgb: np.ndarray, landmarks5: np.ndarray, ied: float, blur: float, quality: int) -> np.ndarray:
    """A 102x126 chip-photo version of the face whose YuNet landmarks are given."""
    lm = np.asarray(landmarks5, float)
    re, le = lm[0], lm[1]
    v = le - re
    scale = ied / max(float(np.linalg.norm(v)), 1e-6)
    # reduce first (area averaging, no aliasing), then rotate/shift at the small scale
    small = cv2.resize(np.ascontiguousarray(rgb), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) \
        if scale < 1 else np.ascontiguousarray(rgb)
    s_eff = scale if scale < 1 else 1.0
    eyes = (re + le) / 2 * s_eff
    angle = np.degrees(np.arctan2(v[1], v[0]))
    m = cv2.getRotationMatrix2D((float(eyes[0]), float(eyes[1])), float(angle), scale / s_eff)
    m[:, 2] += np.array([CHIP_W / 2, EYE_Y * CHIP_H]) - eyes
    chip = cv2.warpAffine(small, m, (CHIP_W, CHIP_H), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    chip = cv2.GaussianBlur(chip, (0, 0), blur)
    ok, buf = cv2.imencode(".jpg", chip[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1].copy()
