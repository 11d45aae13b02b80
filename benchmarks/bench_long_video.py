"""A 10,000-frame video (issue 13: "did not finish in 15 minutes"): the whole case with the default
frames-per-video limit, timed.

The clip (640x480, 25 fps, 400 s) is generated from the demo case's public-domain still, moved
frame by frame, and put in a copy of the demo case as its STM video.

    nice -n 10 .venv/bin/python benchmarks/bench_long_video.py     # prints, updates docs/performance.md
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
sys.path.insert(0, str(ROOT / "benchmarks"))
N, FPS = 10_000, 25


def main() -> None:
    from bench_faces import DEMO, make_case
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        clip = td / "long.mp4"
        src = cv2.imread(str(DEMO / "stm/frames/0001.jpg"))
        h, w = src.shape[:2]
        vw = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (w, h))
        for i in range(N):
            m = np.float32([[1, 0, 20 * np.sin(i / 40)], [0, 1, 10 * np.cos(i / 55)]])
            vw.write(cv2.warpAffine(src, m, (w, h), borderMode=cv2.BORDER_REFLECT))
        vw.release()
        case = make_case(td, clip)
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "forensics_app", "analyze", str(case), "--out", str(td / "out"),
                            "-q", "--no-cache", "--lang", "en"], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode:
            raise SystemExit(p.stderr[-2000:])
        r = json.loads((td / "out/results.json").read_text("utf-8"))
        a = r["media"]["videos"][0]["analysed"]
        size_mb = clip.stat().st_size / 1e6
    line = (f"| {N:,}-frame 640×480 video ({size_mb:.0f} MB, {N / FPS:.0f} s at {FPS} fps), default limit | "
            f"{a['frames']} of {a['of']} ({a['rule']}, every {a['stride']:.1f}th) | {wall:.0f} s | "
            f"{ru.ru_utime + ru.ru_stime:.0f} s | {ru.ru_maxrss / 1024:.0f} | {load0:.1f} → {os.getloadavg()[0]:.1f} | "
            f"{r['liveness']['verdict']} |")
    table = "\n".join(["| case | frames analysed | wall | CPU | peak RSS MB | load before → after | liveness |",
                       "|---|---|---|---|---|---|---|", line])
    print(table)
    doc = ROOT / "docs/performance.md"
    text = doc.read_text("utf-8")
    start, end = "<!-- bench_long_video:start -->", "<!-- bench_long_video:end -->"
    if start not in text:
        text = text.rstrip("\n") + (f"\n\n## A 10,000-frame video (benchmarks/bench_long_video.py)\n\n"
                                    f"The whole case with the default frames-per-video limit (issue 13: such a "
                                    f"video did not finish in 15 minutes before the limit).\n\n{start}\n{end}\n")
    text = text.split(start)[0] + f"{start}\n{table}\n{end}" + text.split(end)[1]
    doc.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
