"""Liveness: was a live person in front of the camera, or a print, a screen or an injected image?

Per-frame features are measured by :func:`frame_features` (on distinct frames only); :func:`assess`
turns their time series into cues, each with its value, threshold and meaning, and
:mod:`.liveness_verdict` weighs them into a verdict with reasons. "Inconclusive"
is a legitimate answer and is given whenever the material cannot carry a conclusion.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import cv2
import numpy as np

from ..i18n.render import msg

@dataclass(frozen=True)
class LivenessThresholds:
    """Liveness cue thresholds, each with its reason. They are general (physics of the attack), not
    fitted to a case. The liveness stage's parameters (so in its cache key and in results'
    stage_parameters); every function below reads the instance it is given."""
    ear_blink_ratio: float = 0.75      # eye openness below 75% of the clip's open-eye level = closing
    blink_min_eye_px: float = 20.0     # eye contours from smaller faces are too coarse to see a blink
    blink_max_frames: int = 10
    planar_ratio: float = 0.5          # homography residual / similarity residual of feature tracks in the face:
                                       # a flat object leaves only tracking noise (~0.3 measured on simulated prints),
                                       # a turning head keeps most of it as parallax (0.8-1.2 on the live clips)
    planar_min_motion_px: float = 0.5  # median motion beyond a similarity transform needed before planarity is judged
    planar_noise_factor: float = 6.0   # ... and at least 6x the forward-backward tracking error
    planar_min_pairs: int = 3
    pose_range_deg: float = 8.0        # yaw/pitch range a live head shows; a moved photo shows almost none
    texture_peak: float = 40.0         # periodic high-frequency peak / median spectrum: screen grid, halftone
                                       # (JPEG 8x8 blocking alone reaches ~20 on clean captures)
    rppg_min_seconds: float = 5.0
    rppg_min_fps: float = 15.0
    rppg_snr_db: float = 3.0
    min_frames: int = 10
    pose_jitter_factor: float = 5.0    # pose range must exceed 5x the frame-to-frame pose jitter
    glare_share: float = 0.03          # clipped, colourless (mirror-like) pixels over 3% of the face: a glossy print or a
                                       # screen reflecting a light; skin highlights on nose and forehead stay well below
    glare_level: int = 250             # every channel at or above this = clipped
    glare_max_saturation: int = 40     # HSV saturation (0-255) below this = colourless, i.e. the light source, not skin
    gamut_stops: float = 3.0           # face luminance range (1st to 99th percentile, linear light) under 3 stops (8:1):
                                       # ink black and a screen's black in a lit room reflect several per cent of the light,
                                       # a live face has pupils, nostrils and hair far darker than lit skin

    @classmethod
    def of_run(cls, stage_parameters: dict | None) -> "LivenessThresholds":
        """The thresholds a recorded analysis ran with (results' stage_parameters.liveness), so a
        chart drawn later shows that run's lines even if the defaults have changed since."""
        saved = ((stage_parameters or {}).get("liveness") or {}).get("thresholds") or {}
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in saved.items() if k in names})


DEFAULT_THRESHOLDS = LivenessThresholds()
RIGHT_EYE, LEFT_EYE = list(range(36, 42)), list(range(42, 48))
SUPPORTING = ("specular_glare", "colour_gamut")   # weak alone: they can stop a "live" verdict, never make an attack


def ear(pts: np.ndarray, idx: list[int]) -> float:
    p = pts[idx]
    v = np.linalg.norm(p[1] - p[5]) + np.linalg.norm(p[2] - p[4])
    h = np.linalg.norm(p[0] - p[3])
    return float(v / (2 * h)) if h > 0 else 0.0


def texture_peak(gray: np.ndarray) -> float:
    """Strength of a periodic high-frequency pattern (screen pixel grid, moiré, print halftone).

    Log-magnitude spectrum of the face (windowed, 128x128); the ratio of the strongest peak in the
    upper frequency band to the band's median. Natural skin texture has a smooth falling spectrum.
    """
    g = cv2.resize(gray, (128, 128), interpolation=cv2.INTER_AREA).astype(float)
    g -= g.mean()
    win = np.outer(np.hanning(128), np.hanning(128))
    mag = np.abs(np.fft.fftshift(np.fft.fft2(g * win)))
    yy, xx = np.mgrid[-64:64, -64:64]
    r = np.hypot(xx, yy)
    band = (r > 20) & (r < 62)
    vals = mag[band]
    med = np.median(vals) + 1e-9
    return float(np.max(vals) / med)


def glare_share(crop: np.ndarray, t: LivenessThresholds = DEFAULT_THRESHOLDS) -> float:
    """Share of the face covered by specular glare: clipped, colourless blobs of at least 4 pixels."""
    hsv = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2HSV)
    mask = ((crop.min(axis=2) >= t.glare_level) & (hsv[..., 1] < t.glare_max_saturation)).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    area = int(sum(stats[i, cv2.CC_STAT_AREA] for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= 4))
    return area / float(mask.size)


def luminance_stops(crop: np.ndarray) -> float:
    """Luminance range of the face in photographic stops (log2 of 99th / 1st percentile, linear light)."""
    x = crop.astype(float) / 255.0
    lin = np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)
    y = lin @ np.array([0.2126, 0.7152, 0.0722])
    lo, hi = np.percentile(y, [1, 99])
    return float(math.log2((hi + 1e-4) / (lo + 1e-4)))


def frame_features(rgb: np.ndarray, box, pts68: np.ndarray | None,
                   t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    h, w = rgb.shape[:2]
    l, top, r, b = [int(v) for v in box]
    l, top, r, b = max(0, l), max(0, top), min(w, r), min(h, b)
    crop = rgb[top:b, l:r]
    if crop.size == 0:
        return {}
    gray = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
    f = {"texture_peak": texture_peak(gray),
         "gray_small": cv2.resize(gray, (64, 64), interpolation=cv2.INTER_AREA),
         "glare": glare_share(crop, t), "stops": luminance_stops(crop)}
    if pts68 is not None:
        f["ear"] = (ear(pts68, RIGHT_EYE) + ear(pts68, LEFT_EYE)) / 2
        # skin patch for the pulse: cheeks/nose below the eyes, above the mouth
        y0, y1 = int(pts68[29, 1]), int(pts68[33, 1])
        x0, x1 = int(pts68[3, 0]), int(pts68[13, 0])
        roi = rgb[max(0, y0):max(0, y1), max(0, x0):max(0, x1)]
        f["green"] = float(roi[..., 1].mean()) if roi.size else None
    return f


def _cue(name, value, threshold, meaning, points_to, evaluable=True):
    return {"name": name, "value": value, "threshold": threshold, "meaning": meaning,
            "points_to": points_to if evaluable else "cannot_tell"}


def blink_levels(ears, t: LivenessThresholds = DEFAULT_THRESHOLDS) -> tuple[float, float]:
    """The clip's open-eye level and the eye openness below which the eye counts as closing
    (what :func:`blink_cue` uses; the review desk draws both on the eye-openness chart)."""
    e = np.array([x for x in ears if x is not None], float)
    open_level = float(np.percentile(e, 80))
    noise = float(np.median(np.abs(e - np.median(e)))) * 1.4826
    return open_level, min(t.ear_blink_ratio * open_level, open_level - 4 * noise)


def blink_cue(ears: list[float], eye_px: float | None = None, t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    e = np.array([x for x in ears if x is not None], float)
    if len(e) < t.min_frames:
        return _cue("eye_blinks", None, None, msg("LVC.blink.too_few"), None, False)
    if eye_px is not None and eye_px < t.blink_min_eye_px:
        return _cue("eye_blinks", None, msg("LVC.blink.min_eye", px=t.blink_min_eye_px),
                    msg("LVC.blink.eyes_small", px=round(eye_px)), None, False)
    open_level, cut = blink_levels(e, t)
    closed = e < cut
    # a blink closes the eye for a few frames and opens it again; long closures are not blinks
    runs, k = [], 0
    for c in list(closed) + [False]:
        if c:
            k += 1
        elif k:
            runs.append(k)
            k = 0
    blinks = sum(1 for r in runs if r <= t.blink_max_frames) if not closed.all() else 0
    return _cue("eye_blinks", blinks, msg("LVC.blink.threshold", ratio=round(100 * t.ear_blink_ratio),
                                          level=f"{open_level:.3f}"),
                msg("LVC.eye_blinks"), "live" if blinks >= 1 else "none")


class PlaneTracker:
    """Feature tracks inside the face box, for the planar-motion cue.

    Corners inside the face are followed from frame to frame (pyramidal Lucas-Kanade with a
    forward-backward check); tracks restart every 45 frames, when too few survive, or when a frame
    has no face. Far more points, and far more precise ones, than 68 landmarks: planarity can be
    judged on small faces and small motions.
    """

    SEGMENT, MIN_POINTS, FB_MAX = 45, 15, 0.5

    def __init__(self):
        self.segments: list[list[np.ndarray]] = []
        self.fb: list[float] = []
        self._cur: list[np.ndarray] | None = None
        self._prev: np.ndarray | None = None

    def _close(self):
        if self._cur and len(self._cur) > 1:
            self.segments.append(self._cur)
        self._cur = None

    def update(self, gray: np.ndarray | None, box) -> None:
        if gray is None or not box:
            self._close()
            self._prev = None
            return
        if self._cur is not None and self._prev is not None:
            last = self._cur[-1]
            alive = ~np.isnan(last[:, 0])
            p0 = np.where(alive[:, None], last, 0).astype(np.float32).reshape(-1, 1, 2)
            lk = dict(winSize=(15, 15), maxLevel=3)
            p1, st, _ = cv2.calcOpticalFlowPyrLK(self._prev, gray, p0, None, **lk)
            pb, st2, _ = cv2.calcOpticalFlowPyrLK(gray, self._prev, p1, None, **lk)
            fb = np.linalg.norm((pb - p0).reshape(-1, 2), axis=1)
            ok = alive & (st.ravel() == 1) & (st2.ravel() == 1) & (fb < self.FB_MAX)
            self.fb += fb[ok].tolist()
            pos = p1.reshape(-1, 2).astype(float)
            pos[~ok] = np.nan
            self._cur.append(pos)
            if ok.sum() < self.MIN_POINTS or len(self._cur) >= self.SEGMENT:
                self._close()
        if self._cur is None:
            l, t, r, b = [int(v) for v in box]
            w, h = r - l, b - t
            mask = np.zeros_like(gray)
            mask[max(0, t + h // 20):max(0, b), max(0, l + w // 8):max(0, r - w // 8)] = 255
            pts = cv2.goodFeaturesToTrack(gray, 200, 0.01, max(2, w // 30), mask=mask)
            if pts is not None and len(pts) >= self.MIN_POINTS:
                self._cur = [pts.reshape(-1, 2).astype(float)]
        self._prev = gray

    def pairs(self, max_span: int = 30) -> list[tuple[float, float]]:
        """(median residual after a similarity fit, after a homography fit), in pixels, per frame pair."""
        self._close()
        out = []
        for seg in self.segments:
            for i in range(0, len(seg), 5):
                for j in range(i + 1, min(len(seg), i + 1 + max_span)):
                    ok = ~np.isnan(seg[i][:, 0]) & ~np.isnan(seg[j][:, 0])
                    if ok.sum() < 12:
                        continue
                    a, b = seg[i][ok].astype(np.float32), seg[j][ok].astype(np.float32)
                    sim, _ = cv2.estimateAffinePartial2D(a, b, method=cv2.LMEDS)
                    H, _ = cv2.findHomography(a, b, 0)
                    if sim is None or H is None:
                        continue
                    e_sim = np.linalg.norm(a @ sim[:, :2].T + sim[:, 2] - b, axis=1)
                    e_h = np.linalg.norm(cv2.perspectiveTransform(a[None], H)[0] - b, axis=1)
                    out.append((float(np.median(e_sim)), float(np.median(e_h))))
        return out

    def noise(self) -> float:
        return float(np.median(self.fb)) if self.fb else 0.0


def planar_cue(pairs: list[tuple[float, float]], noise: float, t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    """Do the face's feature tracks move as one plane (photo, screen) or as a 3D head?

    For each frame pair: how much motion a similarity transform leaves unexplained, and how much of
    that a homography (the motion of any plane) still leaves. A flat object leaves tracking noise
    only; a real head rotating keeps most of it (parallax between nose, cheeks and brows).
    """
    if not pairs:
        return _cue("planar_motion", None, None, msg("LVC.planar.too_few"), None, False)
    need = max(t.planar_min_motion_px, t.planar_noise_factor * noise)
    moving = [h / s for s, h in pairs if s >= need]
    if len(moving) < t.planar_min_pairs:
        return _cue("planar_motion", round(max(s for s, _ in pairs), 3),
                    msg("LVC.planar.need", px=f"{need:.2f}", pairs=t.planar_min_pairs),
                    msg("LVC.planar.still"), None, False)
    v = float(np.median(moving))
    return _cue("planar_motion", round(v, 3),
                msg("LVC.planar.threshold", ratio=t.planar_ratio, pairs=len(moving), noise=f"{noise:.3f}"),
                msg("LVC.planar_motion"),
                "attack" if v < t.planar_ratio else "live")


def glare_cue(shares: list[float], t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    v = [x for x in shares if x is not None]
    if not v:
        return _cue("specular_glare", None, None, msg("LVC.no_crops"), None, False)
    m = float(np.median(v))
    return _cue("specular_glare", round(m, 4), msg("LVC.glare.threshold", share=t.glare_share),
                msg("LVC.specular_glare"), "attack" if m > t.glare_share else "none")


def gamut_cue(stops: list[float], palette: bool = False, t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    v = [x for x in stops if x is not None]
    if not v:
        return _cue("colour_gamut", None, None, msg("LVC.no_crops"), None, False)
    m = float(np.median(v))
    if palette:
        return _cue("colour_gamut", round(m, 2), None,
                    msg("LVC.gamut.palette"), None, False)
    return _cue("colour_gamut", round(m, 2), msg("LVC.gamut.threshold", stops=t.gamut_stops),
                msg("LVC.colour_gamut"), "attack" if m < t.gamut_stops else "none")


def pose_cue(yaws: list[float], pitches: list[float], t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    y = [v for v in yaws if v is not None]
    p = [v for v in pitches if v is not None]
    if len(y) < t.min_frames:
        return _cue("head_pose_variation", None, None, msg("LVC.pose.too_few"), None, False)
    rng = max(float(np.percentile(y, 95) - np.percentile(y, 5)), float(np.percentile(p, 95) - np.percentile(p, 5)))
    jitter = max(float(np.median(np.abs(np.diff(y)))), float(np.median(np.abs(np.diff(p)))))
    need = max(t.pose_range_deg, t.pose_jitter_factor * jitter)
    if rng >= t.pose_range_deg and rng < need:
        return _cue("head_pose_variation", round(rng, 1),
                    msg("LVC.pose.jitter_threshold", need=f"{need:.1f}", factor=f"{t.pose_jitter_factor:g}",
                        jitter=f"{jitter:.1f}"), msg("LVC.pose.jitter"), None, False)
    return _cue("head_pose_variation", round(rng, 1), msg("LVC.pose.threshold", need=f"{need:.1f}"),
                msg("LVC.head_pose_variation"), "live" if rng >= t.pose_range_deg else "none")


def texture_cue(peaks: list[float], palette: bool = False, t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    v = [x for x in peaks if x is not None]
    if not v:
        return _cue("recapture_texture", None, None, msg("LVC.no_crops"), None, False)
    if palette:
        return _cue("recapture_texture", round(float(np.median(v)), 2), None,
                    msg("LVC.texture.palette"), None, False)
    m = float(np.median(v))
    return _cue("recapture_texture", round(m, 2), msg("LVC.texture.threshold", peak=t.texture_peak),
                msg("LVC.recapture_texture"), "attack" if m > t.texture_peak else "none")


def repeat_cue(n_frames: int, n_distinct: int) -> dict:
    """Repeated frames are reported, never judged: a recorder padding a slow camera repeats frames,
    and every other cue is measured on the distinct frames only."""
    share = 1.0 - n_distinct / n_frames if n_frames else 0.0
    return _cue("frame_repeats", round(share, 3), None,
                msg("LVC.frame_repeats", repeats=n_frames - n_distinct, n_frames=n_frames), "none")


def pulse_cue(greens: list[float], fps: float, duration: float,
              t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    g = np.array([x for x in greens if x is not None], float)
    if duration < t.rppg_min_seconds or fps < t.rppg_min_fps or len(g) < t.rppg_min_seconds * t.rppg_min_fps:
        return _cue("pulse_rppg", None, msg("LVC.pulse.min", seconds=f"{t.rppg_min_seconds:.0f}",
                                            fps=f"{t.rppg_min_fps:.0f}"),
                    msg("LVC.pulse.short", seconds=f"{duration:.1f}", fps=f"{fps:.1f}"), None, False)
    g = g - np.convolve(g, np.ones(int(fps)) / int(fps), mode="same")
    spec = np.abs(np.fft.rfft(g * np.hanning(len(g)))) ** 2
    freqs = np.fft.rfftfreq(len(g), 1 / fps)
    band = (freqs >= 0.7) & (freqs <= 4.0)
    k = np.argmax(np.where(band, spec, 0))
    peak = (np.abs(freqs - freqs[k]) <= 0.1) & band
    snr = 10 * math.log10(spec[peak].sum() / max(spec[band & ~peak].sum(), 1e-12))
    return _cue("pulse_rppg", round(snr, 2), msg("LVC.pulse.threshold", db=t.rppg_snr_db),
                msg("LVC.pulse_rppg", bpm=f"{freqs[k] * 60:.0f}"), "live" if snr > t.rppg_snr_db else "none")


def pad_cue(scores: list[float], name: str, op: dict) -> dict:
    """The learned PAD score: median live probability over the scored distinct frames, against the
    operating point. ``op['validated']`` says whether that point was fixed on one split of real
    material and reported on another; only a validated score can make an attack verdict."""
    if not scores:
        return _cue("vendor_pad_model", None, None, msg("LVC.pad.none", model={"quote": name}), None, False)
    m = float(np.median(scores))
    thr = op["threshold"]
    c = _cue("vendor_pad_model", round(m, 4), msg("LVC.pad.threshold", threshold=thr, n=len(scores)),
             msg("LVC.pad.validated" if op.get("validated") else "LVC.pad.not_validated", model={"quote": name}),
             "live" if m >= thr else "attack")
    c["validated"] = bool(op.get("validated"))
    c["training_data"] = op.get("training_data")
    return c


def measured_cues(meas: dict, fps: float, duration: float, reproduction: dict | None = None,
                  pad_name: str | None = None, palette: bool = False, pad_op: dict | None = None,
                  t: LivenessThresholds = DEFAULT_THRESHOLDS) -> list[dict]:
    """Every cue from the per-frame measurements of the distinct frames (see pipeline.clips.measure)."""
    from . import injection

    frames = meas["frames"]
    distinct = [f for f in frames if not f.get("repeat")]
    face = [f for f in distinct if f.get("face")]
    eye_px = [f["eye_px"] for f in face if f.get("eye_px") is not None]
    eff_fps = fps * len(distinct) / len(frames) if frames else fps
    cues = [
        blink_cue([f.get("ear") for f in face], float(np.median(eye_px)) if eye_px else None, t),
        planar_cue(meas.get("tracker_pairs", []), meas.get("tracker_noise", 0.0), t),
        pose_cue([f.get("yaw") for f in face], [f.get("pitch") for f in face], t),
        texture_cue([f.get("texture_peak") for f in face], palette, t),
        glare_cue([f.get("glare") for f in face], t),
        gamut_cue([f.get("stops") for f in face], palette, t),
        repeat_cue(len(frames), len(distinct)),
        pulse_cue([f.get("green") for f in face], eff_fps, duration, t),
    ]
    planar, pose = cues[1], cues[2]
    if planar["points_to"] == "attack" and pose["points_to"] == "live":
        pose["points_to"] = "none"
        pose["meaning"] = msg("LVC.joined", first=pose["meaning"], second=msg("LVC.pose.planar"))
    if reproduction:
        from .liveness_verdict import reproduction_cue
        cues.append(reproduction_cue(reproduction))
    if pad_name:
        from .liveness_verdict import pad_operating_point
        cues.append(pad_cue([f["pad"] for f in face if f.get("pad") is not None], pad_name,
                            pad_op or pad_operating_point()))
    cues += injection.cues([f.get("inj") or {} for f in face])
    return cues


def assess(meas: dict, fps: float, duration: float, reproduction: dict | None = None, pad_name: str | None = None,
           sources=(), palette: bool = False, pad_op: dict | None = None,
           t: LivenessThresholds = DEFAULT_THRESHOLDS) -> dict:
    """Cues and the weighed verdict for one clip or frame sequence."""
    from .liveness_verdict import verdict
    cues = measured_cues(meas, fps, duration, reproduction, pad_name, palette, pad_op, t)
    frames = meas["frames"]
    distinct = [f for f in frames if not f.get("repeat")]
    return verdict(cues, sum(1 for f in distinct if f.get("face")), len(frames), len(distinct), sources)
