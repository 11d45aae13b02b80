"""Cues a real-time face swap (DeepFaceLive-style virtual-camera injection) may leave.

A face swap renders a new face into each camera frame and blends it in. Four traces are measured:

- ``swap_sharpness``: the rendered face is drawn at the model's resolution (often 224-320 px) and
  scaled into the frame, so it is smoother than the rest of the image at the same depth
  (Laplacian energy inside the face over that of the ring around it).
- ``swap_colour_seam``: the blend mask ends at the jaw; skin above and below the seam can differ in
  chroma (cheeks vs neck, Cb/Cr distance).
- ``swap_flicker``: frame-to-frame brightness changes of the face that the background does not share
  (the renderer re-estimates colour each frame).
- ``landmark_jitter``: the face's landmarks jump relative to each other more than a real face's do
  (second difference of the 68 points, after removing the head's own motion, per inter-eye distance).

None of them is validated as a verdict: each is reported with its value and the separation
measured on the shared face-swap clips against their originals (docs/liveness.md), and points to
``cannot_tell`` unless a validated operating point is given.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..i18n.render import msg

INJECTION_CUES = ("swap_sharpness", "swap_colour_seam", "swap_flicker", "landmark_jitter")


def frame_features(rgb: np.ndarray, box, pts68: np.ndarray | None) -> dict:
    """Per-frame measurements for the injection cues (cheap: a few means and a Laplacian)."""
    h, w = rgb.shape[:2]
    l, t, r, b = [int(v) for v in box]
    bw, bh = r - l, b - t
    if bw < 8 or bh < 8:
        return {}
    gray = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
    lap = np.abs(cv2.Laplacian(gray, cv2.CV_32F, ksize=3))
    il, it, ir, ib = l + bw // 5, t + bh // 5, r - bw // 5, b - bh // 5
    inner = lap[max(0, it):max(0, ib), max(0, il):max(0, ir)]
    ol, ot, orr, ob = max(0, l - bw // 2), max(0, t - bh // 2), min(w, r + bw // 2), min(h, b + bh // 2)
    ring = lap[ot:ob, ol:orr].copy()
    ring[max(0, t - ot):max(0, b - ot), max(0, l - ol):max(0, r - ol)] = np.nan
    f: dict = {}
    ring_e = float(np.nanmean(ring)) if np.isfinite(ring).any() else 0.0
    if inner.size and ring_e > 0:
        f["sharp_ratio"] = float(inner.mean()) / ring_e
    face_lum = gray[max(0, it):max(0, ib), max(0, il):max(0, ir)]
    bg = np.ones(gray.shape, bool)
    bg[ot:ob, ol:orr] = False
    if face_lum.size and bg.any():
        f["lum_face"] = float(face_lum.mean())
        f["lum_bg"] = float(gray[bg].mean())
    if pts68 is not None:
        f["pts"] = np.round(np.asarray(pts68, float), 2).tolist()
        ycc = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2YCrCb).astype(float)
        y0, y1 = int(pts68[29, 1]), int(pts68[33, 1])
        x0, x1 = int(pts68[3, 0]), int(pts68[13, 0])
        cheek = ycc[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
        chin_y = int(pts68[8, 1])
        n0, n1 = chin_y + bh // 20, chin_y + bh // 4
        neck = ycc[max(0, n0):min(h, n1), max(0, int(pts68[6, 0])):max(0, int(pts68[10, 0]))]
        if cheek.size and neck.size and n1 <= h:
            f["seam_chroma"] = float(np.linalg.norm(cheek[..., 1:].reshape(-1, 2).mean(0)
                                                    - neck[..., 1:].reshape(-1, 2).mean(0)))
    return f


def _median(values) -> float | None:
    v = [x for x in values if x is not None]
    return float(np.median(v)) if v else None


def flicker(face: list[float | None], bg: list[float | None]) -> float | None:
    """Robust spread of the face's frame-to-frame brightness change not shared by the background."""
    pairs = [(a, b) for a, b in zip(face, bg) if a is not None and b is not None]
    if len(pairs) < 10:
        return None
    f, g = np.array(pairs).T
    df, dg = np.diff(f), np.diff(g)
    k = float(np.dot(df, dg) / max(np.dot(dg, dg), 1e-9)) if np.dot(dg, dg) > 0 else 0.0
    res = df - max(0.0, min(k, 2.0)) * dg
    return float(np.median(np.abs(res - np.median(res))) * 1.4826)


def jitter(pts_series: list[list | None]) -> float | None:
    """Median second difference of the 68 landmarks after removing each frame's similarity motion,
    in inter-eye distances (consecutive triples of frames with landmarks only)."""
    out = []
    for a, b, c in zip(pts_series, pts_series[1:], pts_series[2:]):
        if a is None or b is None or c is None:
            continue
        A, B, C = (np.asarray(x, np.float32) for x in (a, b, c))
        iod = float(np.linalg.norm(B[36:42].mean(0) - B[42:48].mean(0)))
        if iod < 5:
            continue
        ma, _ = cv2.estimateAffinePartial2D(A, B)
        mc, _ = cv2.estimateAffinePartial2D(C, B)
        if ma is None or mc is None:
            continue
        Aw, Cw = A @ ma[:, :2].T + ma[:, 2], C @ mc[:, :2].T + mc[:, 2]
        out.append(float(np.median(np.linalg.norm(Aw + Cw - 2 * B, axis=1))) / iod)
    return float(np.median(out)) if len(out) >= 5 else None


def cues(per_frame: list[dict], operating_points: dict | None = None) -> list[dict]:
    """The four injection cues; each points to ``cannot_tell`` unless a validated operating point
    (``{"cue": {"threshold": x, "direction": "above"|"below"}}``) is supplied."""
    ops = operating_points or {}
    values = {
        "swap_sharpness": _median(f.get("sharp_ratio") for f in per_frame),
        "swap_colour_seam": _median(f.get("seam_chroma") for f in per_frame),
        "swap_flicker": flicker([f.get("lum_face") for f in per_frame], [f.get("lum_bg") for f in per_frame]),
        "landmark_jitter": jitter([f.get("pts") for f in per_frame]),
    }
    meaning = {name: msg(f"LVC.{name}") for name in INJECTION_CUES}     # catalogue codes (i18n/cue_messages.py)
    out = []
    for name in INJECTION_CUES:
        v = values[name]
        op = ops.get(name)
        if v is None:
            out.append({"name": name, "value": None, "threshold": None, "meaning": meaning[name],
                        "points_to": "cannot_tell"})
            continue
        if op:
            hit = v > op["threshold"] if op["direction"] == "above" else v < op["threshold"]
            out.append({"name": name, "value": round(v, 4), "threshold": op["threshold"],
                        "meaning": meaning[name], "points_to": "attack" if hit else "none"})
        else:
            out.append({"name": name, "value": round(v, 4), "threshold": None,
                        "meaning": msg("LVC.joined", first=meaning[name], second=msg("LVC.swap_not_validated")),
                        "points_to": "cannot_tell"})
    return out
