"""Liveness figures on real material, for docs/liveness.md and the shipped validation record.

    nice -n 10 .venv/bin/python benchmarks/bench_liveness.py [--cache DIR]

1. ../shared/data/liveness_real (MANIFEST.tsv: NUAA sequences, recordings and their replays,
   talking heads, DeepFaceLive swaps and originals), split by subject: the learned score's operating
   point is fitted on one split's live items and every item is judged with the point fitted on the
   other split. Writes forensics_app/data/liveness_validation.json (derived figures and provenance,
   no material) and the tables of docs/liveness.md.
2. ../shared/data/liveness (six short GIFs, no subject information): judged with the shipped
   operating point, as a check on material the point was not fitted on.

Each item's measurements are cached (default ~/.cache/forensics-app/liveness), so a re-run after a
change to the judging only takes seconds; delete the cache after a change to the measuring.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared/data"

from forensics_app.core import pad as padmod  # noqa: E402
from forensics_app.core.faces import FaceModels  # noqa: E402
from forensics_app.core.liveness_verdict import VALIDATION_FILE  # noqa: E402
from forensics_app.pipeline.evaluation import evaluate, validation_record, write_figures  # noqa: E402

DOC = ROOT / "docs/liveness.md"


def fmt(x: dict) -> str:
    if not x["n"]:
        return "n = 0"
    return f"{x['k']}/{x['n']} = {x['rate']:.2f} [{x['ci95'][0]:.2f}, {x['ci95'][1]:.2f}]"


def rates_table(h: dict, note: str) -> str:
    lines = [f"{note}", "", "| measure | k/n = rate [95% Clopper-Pearson] | of which accepted as live / inconclusive |",
             "|---|---|---|",
             f"| BPCER (live items judged attack_suspected) | {fmt(h['bpcer'])} | |",
             f"| live items judged live | {fmt(h['live_judged_live'])} | |",
             f"| live items of >= 3 s or >= 20 frames judged live | {fmt(h['long_live_judged_live'])} | |",
             f"| live items left inconclusive | {fmt(h['live_inconclusive'])} | |"]
    for sp, v in h["apcer"].items():
        lines.append(f"| APCER {sp} (not judged attack_suspected) | {fmt(v)} | "
                     f"{v['accepted_as_live']} / {v['inconclusive']} |")
    return "\n".join(lines)


def items_table(rep: dict) -> str:
    no_pad = {r["path"]: r["verdict"] for r in rep["items_without_learned_score"]}
    lines = ["| item | split | truth | distinct / frames | verdict (basis) | species | PAD median | without PAD |",
             "|---|---|---|---|---|---|---|---|"]
    for r in sorted(rep["items"], key=lambda r: (r["truth"], r["path"])):
        pad = r["cues"].get("vendor_pad_model", [None])[0]
        lines.append(f"| {r['path']} | {r['split']} | {r['truth']} | {r['distinct_frames']}/{r['frames']} | "
                     f"{r['verdict']}{' (' + r['basis'] + ')' if r['basis'] else ''} | {r['species'] or ''} | "
                     f"{pad if pad is not None else '—'} | {no_pad[r['path']]} |")
    return "\n".join(lines)


def separation_table(sep: dict) -> str:
    lines = ["| cue | pairs | swap above its original | AUC (0.5 = none) | originals (min–max) | swaps (min–max) |",
             "|---|---|---|---|---|---|"]
    for cue, s in sep.items():
        if not s.get("n_pairs"):
            lines.append(f"| {cue} | 0 | | | | |")
            continue
        lines.append(f"| {cue} | {s['n_pairs']} | {s['swap_above_original']} | {s['auc']} | "
                     f"{s['original_range'][0]}–{s['original_range'][1]} | {s['swap_range'][0]}–{s['swap_range'][1]} |")
    return "\n".join(lines)


def put(text: str, key: str, body: str) -> str:
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    if start not in text:
        return text
    return text.split(start)[0] + start + "\n" + body + "\n" + end + text.split(end)[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache/forensics-app/liveness")
    a = ap.parse_args()
    models, pad = FaceModels.load(with_68=True), padmod.load("builtin")
    text = DOC.read_text("utf-8")
    t0 = time.time()
    if (SHARED / "liveness_real/MANIFEST.tsv").is_file():
        rep = evaluate(SHARED / "liveness_real", pad=pad, models=models, cache=a.cache,
                       progress=lambda f, m="": print(f"\r{m[-70:]:<70}", end="", file=sys.stderr))
        print(file=sys.stderr)
        write_figures(validation_record(rep), VALIDATION_FILE)
        fits = rep["pad"]["fits"]
        note = (f"{rep['n_items']} items of `../shared/data/liveness_real` (manifest sha256 "
                f"`{rep['data']['manifest_sha256'][:16]}…`), software {rep['software_version']}, learned score: "
                f"{rep['pad']['name']}. Operating points: split A → {fits['A']['threshold']} (lowest live "
                f"{fits['A'].get('lowest_live_score')}, n = {fits['A'].get('n_live')}), split B → "
                f"{fits['B']['threshold']} (lowest live {fits['B'].get('lowest_live_score')}, n = "
                f"{fits['B'].get('n_live')}); every item is judged with the point fitted on the *other* split. "
                f"Data source: real. MiniFASNet's training data is not published (it may include NUAA): "
                f"its figures on NUAA may be optimistic.")
        text = put(text, "real_held_out", rates_table(rep["held_out"], note))
        text = put(text, "real_split_b", rates_table(
            rep["split_B_held_out"], f"Split B only, judged with the shipped operating point (fitted on split A: "
                                     f"{fits['A']['threshold']})."))
        text = put(text, "real_no_pad", rates_table(rep["without_learned_score"],
                                                    "The same measurements judged without the learned score "
                                                    "(physical cues only)."))
        text = put(text, "real_items", items_table(rep))
        text = put(text, "injection", separation_table(rep["injection_separation"]))
        print(json.dumps({k: rep[k] for k in ("held_out", "without_learned_score")}, indent=1))
    if (SHARED / "liveness/live").is_dir():
        rep2 = evaluate(SHARED / "liveness", pad=pad, models=models, cache=a.cache)
        text = put(text, "gif_check", rates_table(rep2["held_out"], rep2["held_out"]["source"] + ".") + "\n\n"
                   + items_table(rep2))
    DOC.write_text(text, "utf-8")
    print(f"done in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
