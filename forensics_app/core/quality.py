"""Face image quality per detected face (factors named in ISO/IEC 29794-5).

Pose is estimated from the five dlib landmarks (eye corners and nose base), so it is approximate
(a few degrees); the thresholds are deliberately generous and are stated with every decision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from ..i18n.render import msg
from .faces import Face

@dataclass(frozen=True)
class QualityThresholds:
    """Thresholds for a face to be fit for comparison. General values, not tuned to any case: the
    face stage's quality parameters (so in its cache key and in results' stage_parameters);
    :func:`decide` reads the instance it is given."""
    inter_eye_px_min: float = 24.0      # below this dlib's 150x150 aligned chip is mostly upsampled
    inter_eye_px_icao: float = 60.0     # ICAO/ISO enrolment recommendation (reported, not a gate)
    yaw_deg_max: float = 35.0
    pitch_deg_max: float = 30.0
    roll_deg_max: float = 40.0
    sharpness_min: float = 15.0         # variance of the Laplacian on the face resized to 128x128
    exposure_mean_min: float = 35.0
    exposure_mean_max: float = 220.0
    clipped_fraction_max: float = 0.30
    detector_score_min: float = 0.0     # HOG score below 0: partial, occluded or atypical face


DEFAULT_THRESHOLDS = QualityThresholds()
NOSE_DEPTH_RATIO = 0.5              # nose-base depth / inter-eye distance for an average adult
NOSE_DROP_RATIO = 0.62              # frontal nose-base drop below the eye line / inter-eye distance


def pose_from_5(l5: np.ndarray) -> tuple[float, float, float]:
    """Approximate (yaw, pitch, roll) in degrees from dlib's 5 landmarks."""
    e1, e2, nose = l5[0:2].mean(0), l5[2:4].mean(0), l5[4]
    left, right = (e1, e2) if e1[0] < e2[0] else (e2, e1)
    v = right - left
    ied = float(np.linalg.norm(v)) or 1e-6
    roll = math.degrees(math.atan2(v[1], v[0]))
    u = v / ied
    n = np.array([-u[1], u[0]])           # unit normal pointing down the face
    rel = nose - (left + right) / 2
    r_h = float(rel @ u) / ied
    r_v = float(rel @ n) / ied
    yaw = math.degrees(math.atan(r_h / NOSE_DEPTH_RATIO))
    pitch = math.degrees(math.atan((r_v - NOSE_DROP_RATIO) / NOSE_DEPTH_RATIO))
    return yaw, pitch, roll


def face_crop(rgb: np.ndarray, box) -> np.ndarray:
    l, t, r, b = box
    h, w = rgb.shape[:2]
    l, t, r, b = max(0, l), max(0, t), min(w, r), min(h, b)
    return rgb[t:b, l:r]


def measure(rgb: np.ndarray, face: Face) -> dict:
    crop = face_crop(rgb, face.box)
    q: dict = {"inter_eye_px": round(face.inter_eye_px, 2)}
    yaw, pitch, roll = pose_from_5(face.landmarks5)
    q.update(yaw_deg=round(yaw, 1), pitch_deg=round(pitch, 1), roll_deg=round(roll, 1))
    if crop.size == 0:
        q.update(sharpness=0.0, exposure_mean=0.0, clipped_fraction=1.0)
    else:
        gray = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
        small = cv2.resize(gray, (128, 128), interpolation=cv2.INTER_AREA)
        q["sharpness"] = round(float(cv2.Laplacian(small, cv2.CV_64F).var()), 2)
        q["exposure_mean"] = round(float(gray.mean()), 2)
        q["clipped_fraction"] = round(float(np.mean((gray <= 5) | (gray >= 250))), 4)
    q["detector_score"] = None if math.isnan(face.score) else round(face.score, 3)
    q["box_in_frame"] = bool(face.box[0] >= 0 and face.box[1] >= 0 and face.box[2] <= rgb.shape[1]
                             and face.box[3] <= rgb.shape[0])
    return q


def decide(q: dict, t: QualityThresholds = DEFAULT_THRESHOLDS) -> list[dict]:
    """Reasons a face is unfit for comparison, as catalogue messages (QR.*); empty when fit."""
    r = []
    if q["inter_eye_px"] < t.inter_eye_px_min:
        r.append(msg("QR.too_small", px=f"{q['inter_eye_px']:.0f}", min=f"{t.inter_eye_px_min:.0f}"))
    if abs(q["yaw_deg"]) > t.yaw_deg_max:
        r.append(msg("QR.turned", deg=f"{q['yaw_deg']:.0f}", max=f"{t.yaw_deg_max:.0f}"))
    if abs(q["pitch_deg"]) > t.pitch_deg_max:
        r.append(msg("QR.tilted", deg=f"{q['pitch_deg']:.0f}", max=f"{t.pitch_deg_max:.0f}"))
    if abs(q["roll_deg"]) > t.roll_deg_max:
        r.append(msg("QR.rolled", deg=f"{q['roll_deg']:.0f}", max=f"{t.roll_deg_max:.0f}"))
    if q["sharpness"] < t.sharpness_min:
        r.append(msg("QR.blurred", value=f"{q['sharpness']:.1f}", min=f"{t.sharpness_min:.0f}"))
    if not (t.exposure_mean_min <= q["exposure_mean"] <= t.exposure_mean_max):
        r.append(msg("QR.exposure", value=f"{q['exposure_mean']:.0f}", low=f"{t.exposure_mean_min:.0f}",
                     high=f"{t.exposure_mean_max:.0f}"))
    if q["clipped_fraction"] > t.clipped_fraction_max:
        r.append(msg("QR.clipped", percent=f"{100 * q['clipped_fraction']:.0f}"))
    if q["detector_score"] is not None and q["detector_score"] < t.detector_score_min:
        r.append(msg("QR.occlusion", score=f"{q['detector_score']:.2f}", min=f"{t.detector_score_min:g}"))
    if not q["box_in_frame"]:
        r.append(msg("QR.cut_off"))
    return r
