"""Clean the photo sets, fit and validate every shipped face calibration (format 2).

Run tools/embed_faces.py first for lfw_subset and asian_celeb (the .npz files stay OUTSIDE the
project), then:

    nice -n 10 .venv/bin/python tools/fit_face_calibrations.py --cache /work/cache-faces \
        --east-asian-ids ../shared/data/faces/lfw_subset_EAST_ASIAN_IDS.txt

Writes forensics_app/data/calibrations/<algorithm>_<protocol>_<population>.json (fitted numbers,
figures with intervals, curves; never a photo or a per-photo value), the exclusion list
forensics_app/data/calibrations/exclusions.json, the figures in docs/face-comparison.md and the
Tippett/ECE plots in docs/img/.
"""

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forensics_app.core import caldesc  # noqa: E402
from forensics_app.core.calbuild import calibrate  # noqa: E402
from forensics_app.core.facedesc import pairwise  # noqa: E402

OUT = ROOT / "forensics_app/data/calibrations"
VENDOR_FMRS = (1e-2, 1e-3, 1e-4)


def load(cache: Path, name: str) -> dict:
    z = np.load(cache / f"{name}.npz")
    return {k: z[k] for k in z.files}


def clean(sets: dict, report: list) -> dict:
    """Drop photos with no face (as given or as chip), exact duplicates and label faults.

    Label faults are found with SFace (photo vs photo): a photo closer to another label's photos than
    to its own (and within the distance only 1 in 1,000 different-person pairs reach), or whose median
    distance to its own label's photos is further than 99% of different-person pairs are apart. A
    genuinely hard photo of the right person (pose, age) sits between the two and is kept.
    """
    out = {}
    for key, z in sets.items():
        lab, files = z["labels"], z["files"]
        keep = z["o_found"] & z["c_found"]
        for i in np.where(~keep)[0]:
            report.append({"file": str(files[i]), "reason": "no face found (as given or as chip photo)"})
        e = z["o_sface"]
        idx = np.where(keep)[0]
        d = pairwise("sface", e[idx], e[idx])
        same = lab[idx][:, None] == lab[idx][None, :]
        iu = np.triu_indices(len(idx), 1)
        thr = float(np.quantile(d[iu][~same[iu]], 1e-3))
        dropped = set()
        for a, b in zip(*np.where(np.triu(d < 0.02, 1))):       # near-identical images
            i, j = idx[a], idx[b]
            if j not in dropped and i not in dropped:
                dropped.add(j)
                why = "duplicate of " + str(files[i]) + (" (same label)" if lab[i] == lab[j] else " (other label)")
                report.append({"file": str(files[j]), "reason": why})
        far = float(np.quantile(d[iu][~same[iu]], 1e-2))
        labs = lab[idx]
        for a, i in enumerate(idx):
            if i in dropped:
                continue
            own = [d[a, b] for b in range(len(idx)) if b != a and same[a, b] and idx[b] not in dropped]
            if len(own) < 2:
                continue
            med = float(np.median(own))
            others = {x: float(np.median(d[a, labs == x])) for x in set(labs.tolist()) if x != labs[a]}
            near, near_d = min(others.items(), key=lambda kv: kv[1])
            if near_d < thr and near_d < med:
                why = (f"label fault suspected: closer to the photos of {near} (median SFace distance {near_d:.3f}) "
                       f"than to the other {len(own)} photos of its own label ({med:.3f})")
            elif med > far:
                why = (f"subject does not match its label: median SFace distance {med:.3f} to the other {len(own)} "
                       f"photos of its label, further than 99% of different-person pairs ({far:.3f}); a wrong "
                       "label or another person's face detected as the subject")
            else:
                continue
            dropped.add(i)
            report.append({"file": str(files[i]), "reason": why})
        keep[list(dropped)] = False
        out[key] = {k: v[keep] for k, v in z.items()}
    return out


MAX_PHOTOS_PER_PERSON = 8


def cap_per_person(z: dict, report: list) -> dict:
    """At most 8 photos per person (those whose SHA-256 of the file name sorts first: reproducible,
    unrelated to the content), so a few heavily photographed people (the JP/KR folders hold up to
    42) do not dominate the same-person pairs."""
    import hashlib
    keep = np.ones(len(z["labels"]), bool)
    for person in sorted(set(z["labels"].tolist())):
        idx = np.where(z["labels"] == person)[0]
        if len(idx) > MAX_PHOTOS_PER_PERSON:
            order = sorted(idx, key=lambda i: hashlib.sha256(str(z["files"][i]).encode()).hexdigest())
            for i in order[MAX_PHOTOS_PER_PERSON:]:
                keep[i] = False
            report.append({"file": f"{person}/*", "reason": f"{len(idx) - MAX_PHOTOS_PER_PERSON} of {len(idx)} photos "
                           f"left out: at most {MAX_PHOTOS_PER_PERSON} per person"})
    return {k: v[keep] for k, v in z.items()}


def merge(parts: list[dict]) -> dict:
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def arguments(doc: str) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--cache", required=True, type=Path)
    ap.add_argument("--east-asian-ids", required=True, type=Path)
    return ap.parse_args()


def cleaned_sets(cache: Path, east_asian_ids: Path, excl: list) -> tuple[dict, dict]:
    """(the cleaned East Asian set: LFW's East Asian people and asian_celeb; the cleaned LFW set),
    with every photo left out listed in ``excl``. The one place the shipped calibrations' material
    is assembled (tools/cross_population.py uses it too)."""
    raw = {"lfw": load(cache, "lfw"), "asian_celeb": load(cache, "asian_celeb")}
    sets = {k: cap_per_person(v, excl) for k, v in clean(raw, excl).items()}
    ea_ids = set(east_asian_ids.read_text().split())
    lfw = sets["lfw"]
    ea_mask = np.array([x in ea_ids for x in lfw["labels"]])
    return merge([{k: v[ea_mask] for k, v in lfw.items()}, sets["asian_celeb"]]), lfw


def main():
    a = arguments(__doc__)
    excl: list = []
    east, lfw = cleaned_sets(a.cache, a.east_asian_ids, excl)
    pops = {"east_asian": east, "general": lfw}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "exclusions.json").write_text(json.dumps(sorted(excl, key=lambda x: x["file"]), indent=1,
                                                    ensure_ascii=False) + "\n")
    made = []
    for pop, z in pops.items():
        people, photos = len(set(z["labels"].tolist())), len(z["labels"])
        for alg in ("sface", "dlib"):
            for protocol in ("chip", "photo"):
                for fmr in (None,) + (VENDOR_FMRS if protocol == "chip" else ()):
                    texts = caldesc.shipped(pop, alg, protocol, fmr, people, photos)
                    cal = calibrate(z, alg, protocol, pop, fmr, texts)
                    (OUT / f"{cal['name']}.json").write_text(json.dumps(cal, indent=1, sort_keys=True) + "\n")
                    cv = cal["metrics"]["cross_validation"]
                    print(cal["name"], {k: cv[k]["point"] for k in ("eer", "cllr", "cllr_min", "misleading_same",
                                                                     "misleading_diff", "diff_strong", "same_lr_ge_10")},
                          flush=True)
                    made.append(cal)
    (OUT / "summary.json").write_text(json.dumps(
        {c["name"]: {k: c["metrics"]["cross_validation"][k] for k in ("eer", "cllr", "cllr_min", "misleading_same",
                                                                       "misleading_diff", "diff_strong", "same_lr_ge_10",
                                                                       "n_same", "n_diff")} | {"splits": c["metrics"]["cross_validation"]["splits"]}
         for c in made}, indent=1, sort_keys=True) + "\n")
    print(len(excl), "photos excluded")


if __name__ == "__main__":
    main()
