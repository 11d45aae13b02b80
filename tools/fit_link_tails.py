"""Fit the false-match tables behind face links (forensics_app/data/link_tails.json) from
different-person pairs of ../shared/data faces, and check each on people it was not fitted on.

Run tools/embed_faces.py first for lfw_subset and asian_celeb (the .npz files stay OUTSIDE the
project), then:

    nice -n 10 .venv/bin/python tools/fit_link_tails.py --cache /work/cache-faces \
        --east-asian-ids ../shared/data/faces/lfw_subset_EAST_ASIAN_IDS.txt

The photo sets are cleaned exactly as for the face calibrations (tools/fit_face_calibrations.py:
same exclusions, at most 8 photos per person). Writes numbers only: counts, the fitted tail, the
upper-bound curve on a score grid, and the held-out check (never a photo or a per-photo value).
"""

import argparse
import hashlib
import json
import math
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import fit_face_calibrations as F  # noqa: E402

from forensics_app.core import linktail  # noqa: E402
from forensics_app.core.facedesc import pairwise  # noqa: E402

OUT = ROOT / "forensics_app/data/link_tails.json"


def protocol_data(z: dict, protocol: str):
    _, people = np.unique(z["labels"], return_inverse=True)
    ref = z["o_sface"] if protocol == "photo" else z["c_sface"]
    return pairwise("sface", z["o_sface"], ref), people, people, protocol == "photo"


def held_out(z: dict, protocol: str) -> list[dict]:
    """Fit on half the people (by a hash of the name), count on the other half: at the score where
    the fitted upper bound says FMR = 1e-3, 1e-4, 1e-5, how many held-out pairs fall below."""
    half = np.array([int(hashlib.sha256(str(x).encode()).hexdigest(), 16) % 2 for x in z["labels"]])
    rows = []
    for fit_on in (0, 1):
        a = {k: v[half == fit_on] for k, v in z.items()}
        b = {k: v[half != fit_on] for k, v in z.items()}
        table = linktail.fit(*protocol_data(a, protocol), seed=fit_on, bootstrap=200)
        d, pp, pr, unordered = protocol_data(b, protocol)
        for fmr in (1e-3, 1e-4, 1e-5):
            s = linktail.score_threshold(table, fmr)
            if s is None:
                continue
            k, n = linktail.empirical_fmr(d, pp, pr, unordered, s)
            rows.append({"fitted_on_half": fit_on, "people_fitted": table["n_people"],
                         "people_held_out": int(len(set(b["labels"].tolist()))), "fmr_upper_bound": fmr,
                         "score": s, "held_out_pairs": n, "held_out_below": k,
                         "expected_at_most": round(fmr * n, 2)})
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True, type=Path)
    ap.add_argument("--east-asian-ids", required=True, type=Path)
    a = ap.parse_args()
    excl: list = []
    raw = {"lfw": F.load(a.cache, "lfw"), "asian_celeb": F.load(a.cache, "asian_celeb")}
    sets = {k: F.cap_per_person(v, excl) for k, v in F.clean(raw, excl).items()}
    ea_ids = set(a.east_asian_ids.read_text().split())
    lfw = sets["lfw"]
    ea = np.array([x in ea_ids for x in lfw["labels"]])
    pops = {"east_asian": (F.merge([{k: v[ea] for k, v in lfw.items()}, sets["asian_celeb"]]),
                           "LFW East Asian people and asian_celeb (shared/data/faces), cleaned as for the calibrations"),
            "general": (lfw, "LFW subset (shared/data/faces/lfw_subset), cleaned as for the calibrations")}
    tables = {}
    for pop, (z, src) in pops.items():
        for protocol in ("photo", "chip"):
            t = linktail.fit(*protocol_data(z, protocol))
            t |= {"algorithm": "sface", "protocol": protocol, "population": pop, "source": src,
                  "n_photos": int(len(z["labels"])),
                  "pairs": ("photo against photo, each unordered pair once" if protocol == "photo" else
                            "photo (probe) against another person's simulated chip photo (reference)"),
                  "held_out": held_out(z, protocol)}
            name = f"sface_{protocol}_{pop}"
            tables[name] = t
            print(name, {k: t[k] for k in ("n_people", "n_pairs", "anchor_score", "tail_scale", "tail_scale_upper",
                                          "gpd_shape_pwm", "log10_fmr_floor")}, flush=True)
            for r in t["held_out"]:
                print("   held out:", r, flush=True)
    doc = {"format": "forensics-link-tails/1", "made": date.today().isoformat(),
           "made_by": "tools/fit_link_tails.py", "score": "1 - cosine similarity of SFace embeddings",
           "method": linktail.__doc__.strip(), "upper_quantile": linktail.UPPER_QUANTILE,
           "bootstrap": linktail.BOOTSTRAP, "extrapolate_decades": linktail.EXTRAPOLATE_DECADES,
           "median_factor": linktail.MEDIAN_FACTOR, "tables": tables}
    OUT.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n")
    print("->", OUT.relative_to(ROOT), f"({OUT.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
