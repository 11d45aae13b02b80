"""How each algorithm's `general` calibration treats East Asian faces, against the `east_asian` one
(chip-photo pairs of the cleaned East Asian set; needs the cache of tools/embed_faces.py, outside
the repo). Writes the table into docs/face-comparison.md:

    nice -n 10 .venv/bin/python tools/cross_population.py --cache /work/cache-faces \
        --east-asian-ids ../shared/data/faces/lfw_subset_EAST_ASIAN_IDS.txt
"""

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from fit_face_calibrations import arguments, cleaned_sets  # noqa: E402
from forensics_app.core.facedesc import pairwise  # noqa: E402
from forensics_app.io import calibrations  # noqa: E402


def main():
    a = arguments(__doc__)
    z, _ = cleaned_sets(a.cache, a.east_asian_ids, [])
    lab = z["labels"]
    diff = lab[:, None] != lab[None, :]
    same = ~diff & (np.arange(len(lab))[:, None] != np.arange(len(lab))[None, :])
    rows = ["| algorithm | calibration applied | different people: LR > 1 | LR ≥ 100 | LR ≥ 1,000 | same person: LR < 1 |",
            "|---|---|---|---|---|---|"]
    for alg in ("sface", "dlib"):
        d = pairwise(alg, z[f"c_{alg}"], z[f"o_{alg}"])
        for pop in ("east_asian", "general"):
            c = calibrations.load(f"{alg}_chip_{pop}")
            ld = np.vectorize(c.log10_lr)(d[diff])
            ls = np.vectorize(c.log10_lr)(d[same])
            rows.append(f"| {alg} | `{c.name}` | {100 * np.mean(ld > 0):.2f}% | {100 * np.mean(ld >= 2):.3f}% | "
                        f"{100 * np.mean(ld >= 3):.4f}% | {100 * np.mean(ls < 0):.2f}% |")
    rows += ["", f"All chip-photo pairs of the cleaned East Asian set ({int(diff.sum())} different-person, "
                 f"{int(same.sum())} same-person; in-sample for `east_asian`, out of population for `general`)."]
    doc = ROOT / "docs/face-comparison.md"
    text = doc.read_text("utf-8")
    start, end = "<!-- cross:start -->", "<!-- cross:end -->"
    text = text.split(start)[0] + start + "\n" + "\n".join(rows) + "\n" + end + text.split(end)[1]
    doc.write_text(text, "utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
