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
        print("a,b", cal.a, cal.b, "bounds", cal.log10_lower, cal.log10_upper, "thr", cal.threshold_lr1)


if __name__ == "__main__":
    main()
