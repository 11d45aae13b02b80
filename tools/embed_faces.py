"""Describe every photo of an identity-per-folder set with both algorithms, as given and as a
simulated chip photo, for calibration work. Writes one .npz OUTSIDE the project (the photos and
anything derived per photo stay with their owners):

    nice -n 10 .venv/bin/python tools/embed_faces.py ../shared/data/faces/lfw_subset --out /work/cache-faces/lfw.npz
"""

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forensics_app.core.facedesc import Engines  # noqa: E402
from forensics_app.io.photosets import describe_folder  # noqa: E402
from forensics_app.i18n import translator  # noqa: E402
from forensics_app.i18n.render import progress_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    z, skipped = describe_folder(Engines.load(with_dlib=True), a.folder,
                                 progress=lambda f, msg="": print(f"\r{progress_text(msg, translator('en'))}", end="", flush=True))
    print()
    np.savez(a.out, **z)
    for name, why in skipped:
        print(f"skipped {name}: {why}")
    print(f"{len(z['labels'])} photos, {int(z['o_found'].sum())} faces, {int(z['c_found'].sum())} chip faces -> {a.out}")


if __name__ == "__main__":
    main()
