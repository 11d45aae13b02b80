"""The 'ID photo among the frames' test (core.sameimage): copies caught and live captures of the same
person left alone, written to docs/same-image.md.

Material: ../shared/data/faces (LFW subset: one folder per person, and the East Asian web photos).
- Same person, different photographs: every pair of photos within a person's folder (up to 8 per
  person). None may be taken for a copy. Pairs that are in fact the same photograph twice (a
  known fault of LFW) are listed by name and counted apart.
- Copies: the first photo of each person re-encoded (JPEG q 60, 75, 90), resized (x0.5, x0.75,
  x1.5, x3 then JPEG q85), cropped (3, 8, 12 % on some sides, then JPEG q80), cropped + resized x2.2
  + JPEG q60, and grey-scaled. Every one must be caught.
Nothing is written to disk except the doc; the figures are the correlations the rule thresholds.

    nice -n 10 .venv/bin/python benchmarks/eval_sameimage.py [--people 400]
"""

from __future__ import annotations

import argparse
import io
import itertools
import random
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FACES = ROOT.parent / "shared/data/faces"

from forensics_app.core import sameimage  # noqa: E402
from forensics_app.core.sameimage import same_image  # noqa: E402

# Pairs in the data that are one photograph twice (checked by eye; not live captures of a person;
# the KR pair is the exact duplicate the data's README names).
SAME_PHOTOGRAPH = {("Prince_Willem-Alexander_0002.jpg", "Prince_Willem-Alexander_0003.jpg"),
                   ("20000_17 (2).jpg", "20000_17.jpg")}


def load(p: Path) -> np.ndarray:
    return np.asarray(Image.open(p).convert("RGB"))


def jpeg(rgb: np.ndarray, q: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=q)
    return np.asarray(Image.open(buf).convert("RGB"))


def copies(rgb: np.ndarray, rnd: random.Random) -> dict[str, np.ndarray]:
    h, w = rgb.shape[:2]
    out = {f"JPEG q{q}": jpeg(rgb, q) for q in (60, 75, 90)}
    for s in (0.5, 0.75, 1.5, 3.0):
        interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
        out[f"resized x{s}"] = jpeg(cv2.resize(rgb, (int(w * s), int(h * s)), interpolation=interp), 85)
    for c in (0.03, 0.08, 0.12):
        left, top = int(w * c * rnd.uniform(0.3, 1)), int(h * c * rnd.uniform(0.3, 1))
        out[f"cropped {c:.0%}"] = jpeg(rgb[top:h - int(h * c), left:w - int(w * c)], 80)
    crop = rgb[int(h * .1):h - int(h * .05), int(w * .07):w - int(w * .1)]
    big = cv2.resize(crop, (int(crop.shape[1] * 2.2), int(crop.shape[0] * 2.2)), interpolation=cv2.INTER_CUBIC)
    out["cropped 10%, x2.2, q60"] = jpeg(big, 60)
    out["grey"] = np.asarray(Image.fromarray(rgb).convert("L").convert("RGB"))
    return out


def folders() -> list[Path]:
    out = []
    for sub in ("lfw_subset", "asian_celeb"):
        d = FACES / sub
        if d.is_dir():
            out += sorted(p for p in d.iterdir() if p.is_dir())
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=400)
    ap.add_argument("--doc", type=Path, default=ROOT / "docs/same-image.md")
    a = ap.parse_args()
    if not FACES.is_dir():
        print(f"no data at {FACES}")
        return 1
    rnd = random.Random(13)
    people = folders()
    rnd.shuffle(people)
    people = people[:a.people]
    genuine, dup_pairs, caught = [], [], []
    t0, n = time.perf_counter(), 0
    for person in people:
        photos = sorted(p for p in person.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[:8]
        imgs = [load(p) for p in photos]
        for i, j in itertools.combinations(range(len(imgs)), 2):
            r = same_image(imgs[i], imgs[j])
            n += 1
            (dup_pairs if (photos[i].name, photos[j].name) in SAME_PHOTOGRAPH else genuine).append(
                (r, f"{person.parent.name}/{person.name}: {photos[i].name} / {photos[j].name}"))
        for kind, img in copies(imgs[0], rnd).items():
            caught.append((same_image(imgs[0], img), kind, person.name))
            n += 1
    ms = (time.perf_counter() - t0) / n * 1000
    refused = [g for g in genuine if g[0].same]
    missed = [c for c in caught if not c[0].same]
    top_ncc = max(genuine, key=lambda g: g[0].ncc)
    top_band = max(genuine, key=lambda g: g[0].band)
    low_ncc = min(caught, key=lambda c: c[0].ncc)
    low_band = min(caught, key=lambda c: c[0].band)
    kinds = sorted({c[1] for c in caught})
    lines = [
        "# Is a frame a copy of the ID photo? (figures)",
        "",
        "Written by `benchmarks/eval_sameimage.py` (do not edit by hand). The rule and its limits are in",
        "`forensics_app/core/sameimage.py` and `docs/integrity.md`: a frame is refused as a copy of the ID",
        f"photo when the grey-level correlation at the best match is >= {sameimage.NCC_MIN} AND the band-pass",
        f"correlation there is >= {sameimage.BAND_MIN}.",
        "",
        f"Material: ../shared/data/faces (LFW subset and East Asian web photos; third-party, not shipped), "
        f"{len(people)} people, up to 8 photos each.",
        "",
        "| | pairs | taken for a copy | highest grey correlation | highest band-pass correlation |",
        "|---|---|---|---|---|",
        f"| same person, different photographs | {len(genuine)} | {len(refused)} | "
        f"{top_ncc[0].ncc:.3f} ({top_ncc[1]}) | {top_band[0].band:.3f} ({top_band[1]}) |",
        "",
        "| | copies | caught | lowest grey correlation | lowest band-pass correlation |",
        "|---|---|---|---|---|",
        f"| copies of a photo ({', '.join(kinds)}) | {len(caught)} | {len(caught) - len(missed)} | "
        f"{low_ncc[0].ncc:.3f} ({low_ncc[1]}, {low_ncc[2]}) | {low_band[0].band:.3f} ({low_band[1]}, {low_band[2]}) |",
        "",
        f"One photograph twice in the data (not a live capture; caught as a copy, rightly): "
        f"{len([d for d in dup_pairs if d[0].same])} of {len(dup_pairs)} "
        f"({'; '.join(d[1] for d in dup_pairs) or 'none met'}).",
        "",
        f"Time: {ms:.0f} ms per pair on this machine (one ID photo against one frame).",
        "",
    ]
    if refused:
        lines += ["Same-person pairs taken for a copy: " + "; ".join(g[1] for g in refused), ""]
    if missed:
        lines += ["Copies missed: " + "; ".join(f"{c[2]} {c[1]}" for c in missed), ""]
    a.doc.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if not refused and not missed else 1


if __name__ == "__main__":
    raise SystemExit(main())
