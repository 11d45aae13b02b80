"""Face-stage throughput: our pipeline against the naive one, on a 300-frame 640x480 clip.

The naive pipeline is what the face_recognition CLI does: HOG detection at upsample 1 on every
frame and an embedding of every detected face, in one process. Ours detects at the frame's own
scale every 5th frame and tracks the face in between (re-detecting whenever tracking degrades),
and embeds only faces that pass the quality gate. Both must reach the same decisions.

    .venv/bin/python benchmarks/bench_faces.py            # prints figures, updates docs/performance.md

The clip is generated from the demo case's public-domain STM still (moved, rotated, re-lit and
noised frame by frame), so the benchmark needs nothing outside the project.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLIP_FRAMES, W, H, FPS = 300, 640, 480, 15


def make_clip(path: Path) -> None:
    src = cv2.imread(str(ROOT / "sample_cases/guangzhou-2019/stm/frames/0001.jpg"))
    rng = np.random.default_rng(7)
    vw = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (W, H))
    for i in range(CLIP_FRAMES):
        t = i / FPS
        m = cv2.getRotationMatrix2D((W / 2, H / 2), 4 * np.sin(t * 1.3), 1.0 + 0.04 * np.sin(t * 0.7))
        m[:, 2] += (25 * np.sin(t * 0.9), 12 * np.sin(t * 1.7))
        f = cv2.warpAffine(src, m, (W, H), borderMode=cv2.BORDER_REFLECT).astype(float)
        f = f * (1 + 0.08 * np.sin(t * 2.1)) + rng.normal(0, 3, f.shape)
        vw.write(np.clip(f, 0, 255).astype(np.uint8))
    vw.release()


def run_ours(clip: Path) -> dict:
    from forensics_app.core.facecompare import FaceParams, compare
    from forensics_app.core.faces import FaceModels
    from forensics_app.io import calibrations
    from forensics_app.io.images import read_image
    from forensics_app.io.video import iter_frames
    models = FaceModels.load(with_68=False)
    cal = calibrations.load("east_asian")
    id_rgb, _ = read_image(ROOT / "sample_cases/guangzhou-2019/id/id_photo.jpg")
    t0 = time.perf_counter()
    frames = ((f"clip#{i}", i, t, rgb) for i, t, rgb in iter_frames(clip))
    res = compare(models, id_rgb, frames, CLIP_FRAMES, cal, FaceParams(detect_every=5),
                  workers=os.cpu_count() or 1)
    dt_s = time.perf_counter() - t0
    d = [r["distance"] for r in res["per_frame"] if r["distance"] is not None]
    return {"seconds": dt_s, "frames": res["frames_total"], "faces_found": sum(r["faces_detected"] > 0 for r in res["per_frame"]),
            "encoded": len(d), "median_distance": float(np.median(d)), "log10_lr": res["log10_lr"],
            "band": res["verbal_scale"]["band"], "matches_at_lr1": sum(x < res["decision_threshold"] for x in d)}


def run_naive(clip: Path) -> dict:
    import dlib
    import face_recognition_models as frm
    from forensics_app.io import calibrations
    from forensics_app.io.images import read_image
    from forensics_app.io.video import iter_frames
    det = dlib.get_frontal_face_detector()
    sp = dlib.shape_predictor(frm.pose_predictor_five_point_model_location())
    rec = dlib.face_recognition_model_v1(frm.face_recognition_model_location())
    cal = calibrations.load("east_asian")
    id_rgb, _ = read_image(ROOT / "sample_cases/guangzhou-2019/id/id_photo.jpg")
    ref = np.array(rec.compute_face_descriptor(id_rgb, sp(id_rgb, det(id_rgb, 2)[0]), 1))
    t0 = time.perf_counter()
    dists, found, n = [], 0, 0
    for _i, _t, rgb in iter_frames(clip):
        n += 1
        rects = det(rgb, 1)
        found += bool(len(rects))
        encs = [np.array(rec.compute_face_descriptor(rgb, sp(rgb, r), 1)) for r in rects]
        if encs:
            dists.append(min(float(np.linalg.norm(e - ref)) for e in encs))
    dt_s = time.perf_counter() - t0
    med = float(np.median(dists))
    from forensics_app.core.lr import verbal_band
    return {"seconds": dt_s, "frames": n, "faces_found": found, "encoded": len(dists),
            "median_distance": med, "log10_lr": cal.log10_lr(med), "band": verbal_band(cal.lr(med))["band"],
            "matches_at_lr1": sum(x < cal.threshold_lr1 for x in dists)}


def child(mode: str, clip: str) -> None:
    out = (run_ours if mode == "ours" else run_naive)(Path(clip))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["peak_rss_mb"] = own + workers * (os.cpu_count() or 1 if mode == "ours" else 0)
    print(json.dumps(out))


def main() -> None:
    with tempfile.TemporaryDirectory() as td:
        clip = Path(td) / "clip.mp4"
        make_clip(clip)
        res = {}
        for mode in ("naive", "ours"):
            p = subprocess.run([sys.executable, __file__, "--child", mode, str(clip)], capture_output=True,
                               text=True, check=True, env=os.environ | {"OMP_NUM_THREADS": "2"})
            res[mode] = json.loads(p.stdout.strip().splitlines()[-1])
    for m in res.values():
        m["fps"] = m["frames"] / m["seconds"]
    speedup = res["ours"]["fps"] / res["naive"]["fps"]
    same = res["ours"]["band"] == res["naive"]["band"]
    lines = [
        "| pipeline | frames | faces found | embeddings | seconds | frames/s | peak RSS (MB, all processes) | median distance | frames with LR > 1 | log10 LR | band |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for mode in ("naive", "ours"):
        m = res[mode]
        lines.append(f"| {mode} | {m['frames']} | {m['faces_found']} | {m['encoded']} | {m['seconds']:.1f} | "
                     f"{m['fps']:.1f} | {m['peak_rss_mb']:.0f} | {m['median_distance']:.4f} | {m['matches_at_lr1']} | {m['log10_lr']:.2f} | {m['band']} |")
    lines.append("")
    lines.append(f"Speed-up: **{speedup:.1f}×**; same verbal band: **{'yes' if same else 'NO'}**; "
                 f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}.")
    table = "\n".join(lines)
    print(table)
    doc = ROOT / "docs/performance.md"
    text = doc.read_text("utf-8") if doc.exists() else "# Performance\n"
    start, end = "<!-- bench_faces:start -->", "<!-- bench_faces:end -->"
    block = f"{start}\n{table}\n{end}"
    if start in text:
        text = text.split(start)[0] + block + text.split(end)[1]
    else:
        text += f"\n## Face stage (benchmarks/bench_faces.py)\n\n300-frame 640×480 synthetic clip (15 fps).\n\n{block}\n"
    doc.write_text(text, "utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
