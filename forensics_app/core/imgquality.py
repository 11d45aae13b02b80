"""Quality of a face found by YuNet: size, pose, blur, exposure and JPEG blockiness.

The same measures are taken on every calibration photo, so the range a calibration was validated
on (``validated_range`` in its JSON) is stated in these units and a case's ID photo and captured
faces can be checked against it (``outside_range``).
"""

from __future__ import annotations

import math

import cv2
import numpy as np

# frontal proportions for YuNet's points (nose tip, mouth corners), average adult, approximate
NOSE_DEPTH_RATIO = 0.6     # nose-tip depth in front of the eye plane / inter-eye distance
NOSE_DROP_FRACTION = 0.55  # nose tip between eye line (0) and mouth line (1), frontal


def pose_yu(l5: np.ndarray) -> tuple[float, float, float]:
    """Approximate (yaw, pitch, roll) in degrees from YuNet's 5 points (a few degrees' accuracy)."""
    re, le, nose, rm, lm = (np.asarray(p, float) for p in l5)
    v = le - re
    ied = float(np.linalg.norm(v)) or 1e-6
    roll = math.degrees(math.atan2(v[1], v[0]))
    u = v / ied
    n = np.array([-u[1], u[0]])
    eye_mid, mouth_mid = (re + le) / 2, (rm + lm) / 2
    face_h = float((mouth_mid - eye_mid) @ n) or 1e-6
    centre = (eye_mid + mouth_mid) / 2
    yaw = math.degrees(math.atan(float((nose - centre) @ u) / ied / NOSE_DEPTH_RATIO))
    drop = float((nose - eye_mid) @ n) / face_h
    pitch = math.degrees(math.atan((drop - NOSE_DROP_FRACTION) * face_h / ied / NOSE_DEPTH_RATIO))
    return yaw, pitch, roll


def blockiness(gray: np.ndarray) -> float:
    """JPEG 8x8 blocking: mean step across block borders / mean step inside blocks (1 = none)."""
    g = gray.astype(float)
    if min(g.shape) < 17:
        return 1.0
    dx = np.abs(np.diff(g, axis=1))
    cols = np.arange(dx.shape[1])
    border = dx[:, cols % 8 == 7].mean()
    inner = dx[:, cols % 8 != 7].mean()
    dy = np.abs(np.diff(g, axis=0))
    rows = np.arange(dy.shape[0])
    border = (border + dy[rows % 8 == 7].mean()) / 2
    inner = (inner + dy[rows % 8 != 7].mean()) / 2
    return float(border / max(inner, 1e-6))


def measure_yu(rgb: np.ndarray, face) -> dict:
    """Quality measures of one YuNet face (``face.box``, ``face.landmarks5``, ``face.score``)."""
    h, w = rgb.shape[:2]
    l, t, r, b = face.box
    crop = rgb[max(0, t):min(h, b), max(0, l):min(w, r)]
    yaw, pitch, roll = pose_yu(face.landmarks5)
    q = {"inter_eye_px": round(face.inter_eye_px, 2), "yaw_deg": round(yaw, 1), "pitch_deg": round(pitch, 1),
         "roll_deg": round(roll, 1), "detector_score": round(float(face.score), 3),
         "box_in_frame": bool(l >= 0 and t >= 0 and r <= w and b <= h)}
    if crop.size == 0:
        return q | {"sharpness": 0.0, "exposure_mean": 0.0, "clipped_fraction": 1.0, "blockiness": 1.0}
    gray = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
    small = cv2.resize(gray, (128, 128), interpolation=cv2.INTER_AREA)
    q["sharpness"] = round(float(cv2.Laplacian(small, cv2.CV_64F).var()), 2)
    q["exposure_mean"] = round(float(gray.mean()), 2)
    q["clipped_fraction"] = round(float(np.mean((gray <= 5) | (gray >= 250))), 4)
    # blockiness on the image's own pixel grid (the face crop starts at an arbitrary offset)
    full = cv2.cvtColor(np.ascontiguousarray(rgb[max(0, t) // 8 * 8:min(h, b), max(0, l) // 8 * 8:min(w, r)]),
                        cv2.COLOR_RGB2GRAY)
    q["blockiness"] = round(blockiness(full), 3)
    return q


RANGE_KEYS = {"inter_eye_px": "min", "sharpness": "min", "blockiness": "max", "yaw_deg": "abs",
              "pitch_deg": "abs", "roll_deg": "abs"}


def validated_range(qs: list[dict], lo_pct: float = 1.0) -> dict:
    """The quality range a set of calibration faces covers: 1st percentile of size and sharpness,
    99th of blockiness and of absolute pose angles (extreme 1% left out as strays)."""
    out = {}
    for k, kind in RANGE_KEYS.items():
        v = np.array([q[k] for q in qs if q.get(k) is not None], float)
        if kind == "min":
            out[f"{k}_min"] = round(float(np.percentile(v, lo_pct)), 3)
        elif kind == "max":
            out[f"{k}_max"] = round(float(np.percentile(v, 100 - lo_pct)), 3)
        else:
            out[f"abs_{k}_max"] = round(float(np.percentile(np.abs(v), 100 - lo_pct)), 3)
    return out


def outside_range(q: dict, rng: dict) -> list[str]:
    """Which measures of a face fall outside a validated range (empty list: inside)."""
    out = []
    for k, kind in RANGE_KEYS.items():
        if q.get(k) is None:
            continue
        if kind == "min" and q[k] < rng.get(f"{k}_min", -math.inf):
            out.append(f"{k} {q[k]:g} < {rng[f'{k}_min']:g}")
        elif kind == "max" and q[k] > rng.get(f"{k}_max", math.inf):
            out.append(f"{k} {q[k]:g} > {rng[f'{k}_max']:g}")
        elif kind == "abs" and abs(q[k]) > rng.get(f"abs_{k}_max", math.inf):
            out.append(f"|{k}| {abs(q[k]):g} > {rng[f'abs_{k}_max']:g}")
    return out
