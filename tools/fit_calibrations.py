"""Fit the shipped calibrations (`general`, `east_asian`) from ../shared/data/faces.

Run tools/embed_dataset.py first for each photo set (embeddings stay outside the project), then:

    python tools/fit_calibrations.py --lfw /tmp/emb/lfw.npz --asian /tmp/emb/asian_celeb.npz \
        --east-asian-ids ../shared/data/faces/lfw_subset_EAST_ASIAN_IDS.txt

Only the fitted numbers and summary figures are written (forensics_app/data/calibrations/*.json),
never a photo or a per-photo value.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forensics_app.core.calibrate import fit_calibration  # noqa: E402


def load(p):
    z = np.load(p)
    return z["embeddings"], [str(x) for x in z["labels"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lfw", required=True)
    ap.add_argument("--asian", required=True)
    ap.add_argument("--east-asian-ids", required=True)
    a = ap.parse_args()
    e_lfw, l_lfw = load(a.lfw)
    e_as, l_as = load(a.asian)
    ea_ids = set(Path(a.east_asian_ids).read_text().split())
    out = ROOT / "forensics_app/data/calibrations"
    out.mkdir(parents=True, exist_ok=True)

    general = fit_calibration(
        e_lfw, l_lfw, "general", population="mixed, mostly Western adults (LFW)",
        source=(f"LFW deep-funneled subset in shared/data/faces/lfw_subset: {len(set(l_lfw))} people, "
                f"{len(l_lfw)} photos with a detected face; dlib ResNet v1, 5-point alignment, no jitter"),
        limits=("Celebrity web photos, not STM captures. Overstates the evidence for East Asian faces "
                "by orders of magnitude: do not use for a Chinese case."))
    keep = [i for i, x in enumerate(l_lfw) if x in ea_ids]
    e_ea = np.concatenate([e_lfw[keep], e_as])
    l_ea = [l_lfw[i] for i in keep] + l_as
    east = fit_calibration(
        e_ea, l_ea, "east_asian", population="East Asian adults (Chinese, Japanese, Korean)",
        source=(f"LFW East Asian people ({len(set(l_lfw[i] for i in keep))}) in shared/data/faces/lfw_subset "
                f"and shared/data/faces/asian_celeb ({len(set(l_as))} people): {len(set(l_ea))} people, "
                f"{len(l_ea)} photos with a detected face; dlib ResNet v1, 5-point alignment, no jitter"),
        limits=("Public figures' web photos (some JP/KR labels uncleaned), not STM captures; few people, "
                "so the LR is bounded (ELUB) and extreme values are not reachable. Look-alikes and "
                "relatives are not represented."))
    for cal in (general, east):
        (out / f"{cal.name}.json").write_text(json.dumps(cal.as_dict(), indent=2, sort_keys=True) + "\n")
        print(cal.name, json.dumps(cal.metrics, indent=1))
    # the East Asian faces under the general calibration: how badly a Western calibration overstates
    from forensics_app.core.calibrate import pair_distances
    s_ea, d_ea = pair_distances(e_ea, l_ea)
    cross = {"strong_or_above_general": float(np.mean([general.log10_lr(x) >= 3 for x in d_ea])),
             "strong_or_above_east_asian": float(np.mean([east.log10_lr(x) >= 3 for x in d_ea])),
             "lr_above_1_general": float(np.mean([general.log10_lr(x) > 0 for x in d_ea])),
             "lr_above_1_east_asian": float(np.mean([east.log10_lr(x) > 0 for x in d_ea])),
             "n_diff": int(len(d_ea))}
    write_doc([general, east], cross)


def _f(x, pct=False):
    if x is None:
        return "n/a (too few pairs)"
    return f"{100 * x:.2f}%" if pct else f"{x:.3f}"


def write_doc(cals, cross):
    lines = ["| calibration | people | same / different pairs | held-out TAR @ FMR 1e-2 | TAR @ FMR 1e-3 | EER | Cllr "
             "| misleading: LR>1, different people | LR<1, same person | different pairs at 'strong' or above | LR bounds (log10) | LR = 1 at distance |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for c in cals:
        m = c.metrics["held_out"]
        lines.append(f"| `{c.name}` | {c.n_people} | {c.n_same} / {c.n_diff} | {_f(m['tar_at_fmr_1e-2'], 1)} | "
                     f"{_f(m['tar_at_fmr_1e-3'], 1)} | {_f(m['eer'], 1)} | {_f(m['cllr'])} | "
                     f"{_f(m['misleading_diff_lr_above_1'], 1)} | {_f(m['misleading_same_lr_below_1'], 1)} | "
                     f"{_f(m['diff_pairs_strong_or_above'], 1)} | {c.log10_lower:.2f} … {c.log10_upper:.2f} | {c.threshold_lr1:.3f} |")
    lines += ["", f"Different East Asian people ({cross['n_diff']} pairs) scored with each calibration: "
              f"LR > 1 for {_f(cross['lr_above_1_general'], 1)} under `general` against "
              f"{_f(cross['lr_above_1_east_asian'], 1)} under `east_asian`; 'strong' or above for "
              f"{_f(cross['strong_or_above_general'], 1)} under `general` against {_f(cross['strong_or_above_east_asian'], 1)} "
              "under `east_asian`."]
    doc = ROOT / "docs/face-comparison.md"
    text = doc.read_text("utf-8")
    start, end = "<!-- calibration-figures:start -->", "<!-- calibration-figures:end -->"
    text = text.split(start)[0] + start + "\n" + "\n".join(lines) + "\n" + end + text.split(end)[1]
    doc.write_text(text, "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
