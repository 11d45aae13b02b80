"""Liveness figures for docs/liveness.md: real clips (../shared/data/liveness, with and without the
PAD plug-in) and simulated attacks made by forensics_app/simulate.py. Real and simulated figures
are kept apart.

    .venv/bin/python benchmarks/bench_liveness.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared/data"

from forensics_app import simulate  # noqa: E402
from forensics_app.core.faces import FaceModels  # noqa: E402
from forensics_app.io.images import read_image  # noqa: E402
from forensics_app.pipeline.clips import evaluate_folder  # noqa: E402


def table(rep: dict) -> str:
    lines = ["| clip | truth | verdict | species | frames with a face | cues (value → points to) |", "|---|---|---|---|---|---|"]
    for r in rep["clips"]:
        cues = "; ".join(f"{k} {v[0]}→{v[1]}" for k, v in r["cues"].items() if v[1] != "cannot_tell")
        lines.append(f"| {r['clip']} | {r['truth']} | {r['verdict']} | {r['species'] or ''} | "
                     f"{r['frames_with_face']}/{r['frames']} | {cues} |")
    lines += ["", "| measure | value |", "|---|---|"]
    if rep["n_live"]:
        lines.append(f"| BPCER (live clips flagged as attack) | {rep['bpcer']:.2f} of {rep['n_live']} |")
        lines.append(f"| live clips left inconclusive | {rep['live_inconclusive']:.2f} |")
    for sp, v in rep["apcer"].items():
        lines.append(f"| APCER {sp} (not flagged; inconclusive counts as not flagged) | {v['apcer']:.2f} of {v['n']} "
                     f"(inconclusive {v['inconclusive']:.2f}, accepted as live {v['accepted_as_live']:.2f}) |")
    return "\n".join(lines)


def main():
    models = FaceModels.load(with_68=True)
    out = {}
    if (SHARED / "liveness").is_dir():
        out["real_no_pad"] = evaluate_folder(SHARED / "liveness", models=models)
        if (SHARED / "pad").is_dir():
            from forensics_app.core.pad import PadModel
            with tempfile.TemporaryDirectory() as td:
                d = Path(td) / "pad.json"
                d.write_text(json.dumps({"name": "MiniFASNet pair (Minivision, Apache-2.0)", "live_index": 1, "models": [
                    {"path": str(SHARED / "pad/minifasnet_v2_2.7_80x80.onnx"), "scale": 2.7},
                    {"path": str(SHARED / "pad/minifasnet_v1se_4.0_80x80.onnx"), "scale": 4.0}]}))
                out["real_pad"] = evaluate_folder(SHARED / "liveness", pad=PadModel.load(d), models=models)
    still, _ = read_image(ROOT / "sample_cases/guangzhou-2019/stm/frames/0001.jpg")
    crops = [still[40:440, 140:500], still[20:460, 120:520], still[60:420, 160:480]]
    with tempfile.TemporaryDirectory() as td:
        root = Path(td)
        for kind in ("print", "replay", "injection"):
            (root / kind).mkdir()
            for k, crop in enumerate(crops):
                for seed in (1, 2):
                    fn = getattr(simulate, f"{kind}_attack")
                    frames = fn(crop, n=60) if kind == "injection" else fn(crop, n=60, seed=seed + 10 * k)
                    simulate.write_video(frames, root / kind / f"{kind}_{k}_{seed}.avi")
        out["simulated"] = evaluate_folder(root, models=models)
    doc = ROOT / "docs/liveness.md"
    text = doc.read_text("utf-8")
    for key in ("real_no_pad", "real_pad", "simulated"):
        start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
        body = table(out[key]) if key in out else "_not run: ../shared/data absent_"
        text = text.split(start)[0] + start + "\n" + body + "\n" + end + text.split(end)[1]
    doc.write_text(text, "utf-8")
    for key, rep in out.items():
        print(f"== {key}\n{table(rep)}\n")


if __name__ == "__main__":
    main()
