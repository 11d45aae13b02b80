"""Tippett and ECE plots of the shipped calibrations' held-out LRs (PNG, Pillow only), from the
curves stored in each calibration JSON:

    .venv/bin/python tools/plot_calibrations.py     # writes docs/img/<calibration>_tippett.png, _ece.png
"""

import json
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
W, H, M = 520, 340, 52
COL = {"same": (31, 95, 168), "diff": (200, 60, 40), "lr": (31, 95, 168), "pav": (40, 150, 60), "neutral": (120, 120, 120)}


def _axes(draw, xr, yr, xlabel, ylabel, title):
    x0, y0, x1, y1 = M, 30, W - 15, H - M + 10
    draw.rectangle([x0, y0, x1, y1], outline=(0, 0, 0))
    draw.text((x0, 8), title, fill=(0, 0, 0))
    draw.text(((x0 + x1) // 2 - 60, H - 22), xlabel, fill=(0, 0, 0))
    draw.text((4, y0 - 2), ylabel, fill=(0, 0, 0))
    for k in range(5):
        xv = xr[0] + (xr[1] - xr[0]) * k / 4
        yv = yr[0] + (yr[1] - yr[0]) * k / 4
        px = x0 + (x1 - x0) * k / 4
        py = y1 - (y1 - y0) * k / 4
        draw.line([px, y1, px, y1 + 4], fill=(0, 0, 0))
        draw.text((px - 10, y1 + 6), f"{xv:g}", fill=(0, 0, 0))
        draw.line([x0 - 4, py, x0, py], fill=(0, 0, 0))
        draw.text((6, py - 6), f"{yv:.2g}", fill=(0, 0, 0))

    def to_px(x, y):
        return (x0 + (x - xr[0]) / (xr[1] - xr[0]) * (x1 - x0), y1 - (y - yr[0]) / (yr[1] - yr[0]) * (y1 - y0))
    return to_px


def _line(draw, to_px, xs, ys, col, label, k):
    pts = [to_px(x, y) for x, y in zip(xs, ys)]
    draw.line(pts, fill=col, width=2)
    draw.line([W - 190, 40 + 14 * k, W - 170, 40 + 14 * k], fill=col, width=2)
    draw.text((W - 165, 34 + 14 * k), label, fill=(0, 0, 0))


def plot(cal: dict, out: Path) -> None:
    c = cal["curves"]
    t = c["tippett"]
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    to_px = _axes(d, (min(t["log10_lr"]), max(t["log10_lr"])), (0, 1), "log10 LR (x)", "share",
                  f"Tippett, held out: {cal['name']}")
    _line(d, to_px, t["log10_lr"], t["same"], COL["same"], "same person: LR >= x", 0)
    _line(d, to_px, t["log10_lr"], t["diff"], COL["diff"], "different: LR >= x", 1)
    im.save(out / f"{cal['name']}_tippett.png")
    e = c["ece"]
    im = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(im)
    top = max(max(e["neutral"]), max(e["lr"])) * 1.05
    to_px = _axes(d, (min(e["log10_prior_odds"]), max(e["log10_prior_odds"])), (0, top), "log10 prior odds",
                  "ECE (bits)", f"ECE, held out: {cal['name']}")
    for k, key in enumerate(("lr", "pav", "neutral")):
        _line(d, to_px, e["log10_prior_odds"], e[key], COL[key],
              {"lr": "calibrated LRs", "pav": "after PAV (best possible)", "neutral": "LR = 1 always"}[key], k)
    im.save(out / f"{cal['name']}_ece.png")


def main(names=None):
    out = ROOT / "docs/img"
    out.mkdir(parents=True, exist_ok=True)
    for p in sorted((ROOT / "forensics_app/data/calibrations").glob("*.json")):
        if p.stem in ("exclusions", "summary") or (names and p.stem not in names):
            continue
        plot(json.loads(p.read_text()), out)


if __name__ == "__main__":
    main(sys.argv[1:] or None)
