"""Compute dlib embeddings for an identity-per-folder photo set (for calibration work).

Writes an .npz with labels, file names and embeddings to --out (keep it outside the project:
the photos and anything derived per photo stay with their owners). Usage:

    python tools/embed_dataset.py ../shared/data/faces/asian_celeb --out /tmp/emb_asian.npz
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forensics_app.io.photosets import embed_folder  # noqa: E402
from forensics_app.core.faces import FaceModels  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", help="file listing folder names to keep")
    a = ap.parse_args()
    keep = set(Path(a.only).read_text().split()) if a.only else None
    models = FaceModels.load(with_68=False)
    import numpy as np
    labels, files, embs = [], [], []
    for folder in a.folders:
        lab, fil, emb, _skipped = embed_folder(models, Path(folder), keep=keep,
                                               progress=lambda f, msg="": print(f"\r{folder} {msg}", end=""))
        labels += lab; files += fil; embs += emb
        print()
    np.savez(a.out, labels=np.array(labels), files=np.array(files), embeddings=np.array(embs))
    print(f"{len(labels)} embeddings -> {a.out}")


if __name__ == "__main__":
    main()
