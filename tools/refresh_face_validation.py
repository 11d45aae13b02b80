"""Recompute the validation figures (metrics) of every shipped face calibration from the same
material and the same code as tools/fit_face_calibrations.py, and write them into the files
without touching anything else (the fitted numbers, the descriptions, the curves).

It refuses to write when a refitted calibration's coefficients or bounds differ from the file's:
the figures must describe the calibration that is shipped. Used when the validation statistics
change (pooled held-out counts in people and pairs of people, the fitted score range) without a
change of the fit. Same arguments as the fitting tool:

    nice -n 10 .venv/bin/python tools/refresh_face_validation.py --cache /work/cache-faces/v2 \\
        --east-asian-ids ../shared/data/faces/lfw_subset_EAST_ASIAN_IDS.txt
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from fit_face_calibrations import OUT, arguments, cleaned_sets  # noqa: E402

from forensics_app.core.calbuild import photoset  # noqa: E402
from forensics_app.core.facedesc import pairwise  # noqa: E402
from forensics_app.core.validation import cross_validate, fit_all  # noqa: E402


def refresh(z: dict, cal: dict) -> dict:
    alg, protocol, fmr = cal["algorithm"], cal["protocol"], cal.get("vendor_fmr")
    ps, vendor = photoset(z, alg), (photoset(z, "sface") if fmr else None)
    dist = lambda a, b: pairwise(alg, a, b)            # noqa: E731
    vdist = lambda a, b: pairwise("sface", a, b)       # noqa: E731
    cv, _ = cross_validate(ps, protocol, dist, fmr=fmr, vendor=vendor, vendor_dist=vdist)
    f, info = fit_all(ps, protocol, dist, fmr=fmr, vendor=vendor, vendor_dist=vdist)
    for k, v in (("a", f.a), ("b", f.b), ("log10_lower", f.lo), ("log10_upper", f.hi)):
        if abs(cal[k] - v) > 1e-9:
            raise SystemExit(f"{cal['name']}: refitted {k} {v} differs from the file's {cal[k]}: not written")
    return cal | {"metrics": {"cross_validation": cv, "in_sample": info}}


def main():
    a = arguments(__doc__)
    east, lfw = cleaned_sets(a.cache, a.east_asian_ids, [])
    sets = {"east_asian": east, "general": lfw}
    for p in sorted(OUT.glob("*_*_*.json")):
        cal = json.loads(p.read_text())
        base = cal["population_key"].split("_vendor_fmr_")[0]
        new = refresh(sets[base], cal)
        p.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n")
        pl = new["metrics"]["cross_validation"]["pooled"]
        print(cal["name"], {k: f"{v['k']}/{v['n']}" for k, v in pl.items() if isinstance(v, dict)}, flush=True)


if __name__ == "__main__":
    main()
