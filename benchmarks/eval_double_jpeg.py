"""Double-JPEG detector (core.authenticity.double_jpeg): false alarms on stills compressed once and
detection on stills compressed twice, written to docs/liveness.md.

Material: face photos from ../shared/data/faces (at least 450 px on the short side), each scaled to
2/5 with area averaging so that its own earlier JPEG grid is gone, then compressed once at IJG
quality 50-100 (single) or twice (double: first at q1, then at q2). Nothing is kept on disk.

    .venv/bin/python benchmarks/eval_double_jpeg.py [--n 60]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FACES = ROOT.parent / "shared/data/faces"

from forensics_app.core.authenticity import DEFAULT_THRESHOLDS as T  # noqa: E402
from forensics_app.core.authenticity import double_jpeg  # noqa: E402


def jpeg(rgb: np.ndarray, q: int) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=q)
    return buf.getvalue()


def sources(n: int) -> list[np.ndarray]:
    out = []
    for p in sorted(FACES.rglob("*.jpg")):
        im = np.asarray(Image.open(p).convert("RGB"))
        if min(im.shape[:2]) >= 450:
            out.append(cv2.resize(im, (im.shape[1] * 2 // 5, im.shape[0] * 2 // 5), interpolation=cv2.INTER_AREA))
        if len(out) >= n:
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=60)
    n = ap.parse_args().n
    if not FACES.is_dir():
        sys.exit(f"{FACES}: absent, nothing to evaluate")
    src = sources(n)
    single, finer, coarser = [], [], []
    for rgb in src:
        for q in range(50, 101, 10):
            single.append(double_jpeg(jpeg(rgb, q)))
        for q1 in (50, 60, 70, 80, 90):
            first = np.asarray(Image.open(io.BytesIO(jpeg(rgb, q1))).convert("RGB"))
            for q2 in (q1 + 5, q1 + 10, 95):
                finer.append(double_jpeg(jpeg(first, min(q2, 100))))
            for q2 in (q1 - 10, q1 - 20):
                coarser.append(double_jpeg(jpeg(first, q2)))

    def row(name, rs, what):
        m = [r for r in rs if r and r["measurable"]]
        flagged = sum(r["double"] for r in m)
        shares = [r["share"] for r in m]
        return (f"| {name} | {len(rs)} | {len(m)} | {flagged} ({100 * flagged / max(1, len(m)):.1f}% {what}) | "
                f"{min(shares):.1f} / {np.median(shares):.1f} / {max(shares):.1f} |")

    lines = [f"{len(src)} face photos of ../shared/data/faces (≥ 450 px, scaled to 2/5), threshold "
             f"{T.dq_share}% irregular bins.", "",
             "| material | stills | measurable | flagged as compressed twice | irregular bins % (min / median / max) |",
             "|---|---|---|---|---|",
             row("compressed once, q50-100", single, "false alarms"),
             row("twice, re-saved at finer quality (q1 < q2)", finer, "detected"),
             row("twice, re-saved at coarser quality (q1 > q2)", coarser, "detected")]
    body = "\n".join(lines)
    print(body)
    doc = ROOT / "docs/liveness.md"
    text = doc.read_text("utf-8")
    start, end = "<!-- double_jpeg:start -->", "<!-- double_jpeg:end -->"
    text = text.split(start)[0] + start + "\n" + body + "\n" + end + text.split(end)[1]
    doc.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
