"""Simulated attack material, made by our own code from one public-domain still.

- ``print_attack``: the photo printed (halftone dots, paper white point) and moved by hand as a
  plane in front of the camera (perspective tilts and shifts), re-captured with sensor noise.
- ``replay_attack``: the photo shown on a screen (RGB sub-pixel grid, resampling moiré, screen
  gamma) and the screen moved as a plane, re-captured with sensor noise.
- ``injection_attack``: the still injected as every frame of the feed (no sensor noise between
  frames, optionally one JPEG re-encode).

Each returns a list of RGB frames; :func:`write_video` writes them losslessly enough (MJPG at
high quality would add its own blocking, so PNG-in-AVI via FFV1 is used where available).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def _plane_motion(i: int, n: int, w: int, h: int, amp: float = 0.08) -> np.ndarray:
    t = i / max(n - 1, 1) * 2 * np.pi
    dx, dy = amp * w * 0.5 * np.sin(t), amp * h * 0.3 * np.sin(1.7 * t)
    tilt = amp * 0.9 * np.sin(1.3 * t)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    k = tilt * w
    dst = np.float32([[0 + k + dx, 0 + dy + k * 0.3], [w - k + dx, 0 + dy - k * 0.3],
                      [w + k + dx, h + dy + k * 0.3], [0 - k + dx, h + dy - k * 0.3]])
    return cv2.getPerspectiveTransform(src, dst)


def halftone(rgb: np.ndarray, period: int = 4) -> np.ndarray:
    """Printer-like halftone: each channel thresholded against a rotated periodic dot screen."""
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    out = np.empty_like(rgb, dtype=float)
    for c, ang in enumerate((15, 75, 0)):
        a = np.deg2rad(ang)
        u = xx * np.cos(a) + yy * np.sin(a)
        v = -xx * np.sin(a) + yy * np.cos(a)
        screen = (np.cos(2 * np.pi * u / period) * np.cos(2 * np.pi * v / period) + 1) / 2
        out[..., c] = np.where(rgb[..., c] / 255.0 > screen, 245, 25)
    return cv2.GaussianBlur(out, (0, 0), 0.6).astype(np.uint8)


def screen_grid(rgb: np.ndarray, pitch: int = 3) -> np.ndarray:
    """An LCD: each source pixel becomes an RGB stripe triplet with dark gaps (pixel grid)."""
    h, w = rgb.shape[:2]
    big = cv2.resize(rgb, (w * pitch, h * pitch), interpolation=cv2.INTER_NEAREST).astype(float)
    mask = np.zeros((pitch, pitch, 3))
    for c in range(3):
        mask[: pitch - 1, c % pitch, c] = 1.0
    tile = np.tile(mask, (h, w, 1))
    shown = big * (0.35 + 0.65 * tile)
    shown = 255 * (shown / 255) ** 0.85 * np.array([0.95, 1.0, 1.08])
    return np.clip(shown, 0, 255).astype(np.uint8)


def _capture(img: np.ndarray, H: np.ndarray, size: tuple[int, int], rng, background=(70, 74, 80)) -> np.ndarray:
    w, h = size
    bg = np.full((h, w, 3), background, np.uint8)
    warped = cv2.warpPerspective(img, H, (w, h), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT, dst=bg)
    noisy = warped.astype(float) + rng.normal(0, 2.5, warped.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def print_attack(photo: np.ndarray, n: int = 90, size=(640, 480), seed: int = 1) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    w, h = size
    scale = 0.8 * h / photo.shape[0]
    small = cv2.resize(photo, (int(photo.shape[1] * scale * 2), int(photo.shape[0] * scale * 2)))
    printed = cv2.resize(halftone(small), (int(photo.shape[1] * scale), int(photo.shape[0] * scale)),
                         interpolation=cv2.INTER_AREA)
    ph, pw = printed.shape[:2]
    off = np.float32([[1, 0, (w - pw) / 2], [0, 1, (h - ph) / 2], [0, 0, 1]])
    return [_capture(printed, _plane_motion(i, n, w, h, 0.16) @ off, size, rng) for i in range(n)]


def replay_attack(photo: np.ndarray, n: int = 90, size=(640, 480), seed: int = 2) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    w, h = size
    src = cv2.resize(photo, (int(photo.shape[1] * 0.8 * h / photo.shape[0] / 3) or 1,
                             int(0.8 * h / 3)), interpolation=cv2.INTER_AREA)
    shown = screen_grid(src, 3)
    sh, sw = shown.shape[:2]
    off = np.float32([[1, 0, (w - sw) / 2], [0, 1, (h - sh) / 2], [0, 0, 1]])
    return [_capture(shown, _plane_motion(i, n, w, h, 0.05) @ off, size, rng, (20, 20, 22)) for i in range(n)]


def injection_attack(photo: np.ndarray, n: int = 90, size=(640, 480)) -> list[np.ndarray]:
    w, h = size
    frame = np.full((h, w, 3), (80, 84, 90), np.uint8)
    s = 0.8 * h / photo.shape[0]
    p = cv2.resize(photo, (int(photo.shape[1] * s), int(photo.shape[0] * s)), interpolation=cv2.INTER_AREA)
    y0, x0 = (h - p.shape[0]) // 2, (w - p.shape[1]) // 2
    frame[y0:y0 + p.shape[0], x0:x0 + p.shape[1]] = p
    return [frame.copy() for _ in range(n)]


def write_video(frames: list[np.ndarray], path: Path, fps: float = 15.0) -> Path:
    path = Path(path)
    h, w = frames[0].shape[:2]
    for fourcc in ("FFV1", "MJPG"):
        vw = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (w, h))
        if vw.isOpened():
            break
    for f in frames:
        vw.write(cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
    vw.release()
    return path
