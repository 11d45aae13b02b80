"""Is one picture a copy of another? (The ID photo among the STM frames, re-encoded, resized or cropped.)

This is an IMAGE-identity test, not a face comparison: it asks whether two files carry the same
pixels up to re-encoding, resizing and a slight crop, never whether they show the same person. A
live capture of the person on the ID photo is a different picture (pose, light, expression,
background, sensor noise all differ) and must not be taken for a copy.

Method, on grey levels (colour dropped, so a grey-scaled copy is caught too):
1. Both pictures are reduced to a working width. The central 70 % of picture A is searched in
   picture B by normalised cross-correlation (``cv2.matchTemplate``, TM_CCOEFF_NORMED) over a range
   of scales, coarse then fine; then the roles swap (B's centre in A). So a copy cropped by up to
   15 % on each side, at any size, is found; the centre of the larger picture is in the smaller.
2. At the best match, both are band-pass filtered (difference of Gaussians, sigma 1 and 3 px at the
   fine working width) and correlated again. Re-encoding and resizing keep the mid-frequency
   structure of a picture (edges of hair, clothes, background), which two photographs of one
   person do not share even when they look alike.
A copy needs BOTH correlations above their thresholds. The thresholds were set on the material
recorded in ``docs/integrity.md`` (same-person LFW and East Asian web photos against their own
re-encoded, resized and cropped copies), with a wide margin on both sides.
Not detected: rotated or mirrored copies, copies cropped by more than 15 % on a side, a copy
pasted into a larger picture, and heavy filtering (blur, strong noise, colour grading that is not
a linear change of brightness and contrast).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CENTRE = 0.70            # share of each side of the template (so up to 15 % cropped per side)
COARSE_W = 64            # working width of the scale search
FINE_W = 160             # working width of the fine match and the band-pass check
MAX_SCALE = 1 / CENTRE   # the larger picture's content is at most 1/0.7 times the smaller's
COARSE_STEPS = 24
MIN_COARSE = 0.80        # below this at the coarse width: not a copy (saves the fine step)
NCC_MIN = 0.95           # grey-level correlation at the fine width
BAND_MIN = 0.86          # band-pass correlation at the fine width (the deciding one)


@dataclass(frozen=True)
class Identity:
    same: bool
    ncc: float           # grey-level correlation at the best match (-1: not comparable)
    band: float          # band-pass correlation there
    scale: float         # size of the template's picture relative to the other (content scale)


def _grey(rgb: np.ndarray) -> np.ndarray:
    import cv2
    g = rgb if rgb.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(rgb[..., :3]), cv2.COLOR_RGB2GRAY)
    w = g.shape[1]
    if w > 2 * FINE_W * MAX_SCALE:            # reduce once; all later resizes start from here
        h = max(8, round(g.shape[0] * 2 * FINE_W * MAX_SCALE / w))
        g = cv2.resize(g, (int(2 * FINE_W * MAX_SCALE), h), interpolation=cv2.INTER_AREA)
    return g.astype(np.float32)


def _width(g: np.ndarray, w: float) -> np.ndarray:
    import cv2
    w = max(8, int(round(w)))
    h = max(8, int(round(g.shape[0] * w / g.shape[1])))
    interp = cv2.INTER_AREA if w < g.shape[1] else cv2.INTER_LINEAR
    return cv2.resize(g, (w, h), interpolation=interp)


def _centre(x: np.ndarray) -> tuple[np.ndarray, int, int]:
    h, w = x.shape
    th, tw = int(h * CENTRE), int(w * CENTRE)
    oy, ox = (h - th) // 2, (w - tw) // 2
    return x[oy:oy + th, ox:ox + tw], oy, ox


def _search(a, b, width: int, scales) -> tuple[float, float, tuple[int, int]]:
    """Best correlation of a's centre inside b (b at ``width``, a at width*f for f in scales)."""
    import cv2
    bb = _width(b, width)
    best = (-1.0, 0.0, (0, 0))
    for f in scales:
        t, _, _ = _centre(_width(a, width * f))
        if t.shape[0] > bb.shape[0] or t.shape[1] > bb.shape[1] or t.shape[0] < 8 or t.std() < 1.0:
            continue
        r = cv2.matchTemplate(bb, t, cv2.TM_CCOEFF_NORMED)
        _, m, _, loc = cv2.minMaxLoc(r)
        if m > best[0]:
            best = (float(m), float(f), loc)
    return best


def _band(x: np.ndarray) -> np.ndarray:
    import cv2
    return cv2.GaussianBlur(x, (0, 0), 1.0) - cv2.GaussianBlur(x, (0, 0), 3.0)


def _corr(x: np.ndarray, y: np.ndarray) -> float:
    x = x.ravel() - x.mean()
    y = y.ravel() - y.mean()
    d = float(np.sqrt((x * x).sum() * (y * y).sum()))
    return float((x * y).sum() / d) if d > 0 else -1.0


def _one_way(a: np.ndarray, b: np.ndarray) -> Identity:
    coarse = np.geomspace(1.0 / 1.05, MAX_SCALE, COARSE_STEPS)
    m, f, _ = _search(a, b, COARSE_W, coarse)
    if m < MIN_COARSE:
        return Identity(False, m, -1.0, f)
    step = coarse[1] / coarse[0]
    m, f, loc = _search(a, b, FINE_W, f * np.geomspace(1 / step, step, 9))
    if m < 0:
        return Identity(False, m, -1.0, f)
    bb = _width(b, FINE_W)
    aa = _width(a, FINE_W * f)
    t, oy, ox = _centre(aa)
    th, tw = t.shape
    band_a = _band(aa)[oy:oy + th, ox:ox + tw]
    band_b = _band(bb)[loc[1]:loc[1] + th, loc[0]:loc[0] + tw]
    band = _corr(band_a, band_b)
    return Identity(m >= NCC_MIN and band >= BAND_MIN, m, band, f)


def same_image(a_rgb: np.ndarray, b_rgb: np.ndarray) -> Identity:
    """Whether b is a copy of a (or a of b): re-encoded, resized, grey-scaled or cropped <= 15 %/side."""
    a, b = _grey(a_rgb), _grey(b_rgb)
    ab = _one_way(a, b)
    if ab.same:
        return ab
    ba = _one_way(b, a)
    if ba.same:
        return ba
    return max(ab, ba, key=lambda i: (i.ncc, i.band))
