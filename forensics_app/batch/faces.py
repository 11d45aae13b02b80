"""The captured faces of an analysed case as embeddings of the primary face algorithm.

This is the one place the batch takes embeddings from. It re-embeds, with the analysis's own
models and parameters, exactly the frames the face stage judged usable (the boxes recorded in
results.json), so the portfolio compares the faces the case analysis compared. Up to
``MAX_PER_CASE`` frames per case, spread evenly over the usable ones (frames of one capture are
near-duplicates; more would only grow the index).
"""

from __future__ import annotations

import numpy as np

MAX_PER_CASE = 8
ALGORITHM = "dlib ResNet v1 (5-point alignment, no jitter)"
METRIC = "euclidean"          # the calibration's score: Euclidean distance between embeddings


def pick(rows: list[dict], k: int = MAX_PER_CASE) -> list[dict]:
    """k usable rows spread evenly (first and last included), in frame order."""
    usable = [r for r in rows if r.get("usable") and r.get("box")]
    if len(usable) <= k:
        return usable
    idx = np.linspace(0, len(usable) - 1, k).round().astype(int)
    return [usable[i] for i in sorted(set(idx.tolist()))]


def captured_embeddings(case, results: dict, limits) -> dict:
    """{"algorithm", "calibration", "captured": [{"frame", "embedding"}], "id_photo": [..] | None}."""
    from ..core.faces import embed_at
    from ..core.facecompare import FaceParams, reference_face
    from ..io.images import read_image
    from ..io.video import iter_frames

    fc = results.get("face_comparison") or {}
    rows = pick(fc.get("per_frame") or [])
    out = {"algorithm": ALGORITHM, "metric": METRIC, "calibration": (fc.get("calibration") or {}).get("name"),
           "captured": [], "id_photo": None, "id_photo_path": case.role("id_photo")[0].rel}
    params = FaceParams(**{k: v for k, v in (fc.get("parameters") or {}).items()
                           if k in FaceParams.__dataclass_fields__})
    models = _models(params.detector == "cnn")
    ref, _ = reference_face(models, read_image(case.role("id_photo")[0].path, limits)[0], params)
    if ref is not None:
        out["id_photo"] = [round(float(x), 7) for x in ref.embedding]
    by_video: dict[str, dict[int, dict]] = {}
    for r in rows:
        if "#" in r["frame"]:
            src, i = r["frame"].rsplit("#", 1)
            by_video.setdefault(src, {})[int(i)] = r
        else:
            rgb, _ = read_image(case.root / r["frame"], limits)
            out["captured"].append(_entry(r, embed_at(models, rgb, tuple(r["box"])).embedding))
    for src, wanted in by_video.items():
        for i, _t, rgb in iter_frames(case.root / src, limits):
            if i in wanted:
                out["captured"].append(_entry(wanted[i], embed_at(models, rgb, tuple(wanted[i]["box"])).embedding))
            if i >= max(wanted):
                break
    out["captured"].sort(key=lambda e: e["frame"])
    return out


_MODELS: dict = {}


def _models(with_cnn: bool):
    """Face models loaded once per worker process (a worker analyses many cases)."""
    from ..core.faces import FaceModels

    if with_cnn not in _MODELS:
        _MODELS[with_cnn] = FaceModels.load(with_68=False, with_cnn=with_cnn)
    return _MODELS[with_cnn]


def _entry(row: dict, emb) -> dict:
    return {"frame": row["frame"], "embedding": [round(float(x), 7) for x in emb]}


def embed_photo(rgb) -> list[float] | None:
    """The primary algorithm's embedding of the most face-like face in a photo (None: no face).
    For tests and tools that pick photos; cases go through :func:`captured_embeddings`."""
    from ..core.faces import analyse_faces

    faces = analyse_faces(_models(False), rgb, max_faces=1)
    return [float(x) for x in faces[0].embedding] if faces else None
