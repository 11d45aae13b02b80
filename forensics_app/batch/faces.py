"""The captured faces of an analysed case as embeddings of the primary face algorithm.

This is the one place the batch takes embeddings from, applied to exactly the frames the face
stage judged usable (their labels in results.json), so the portfolio compares the faces the case
analysis compared. Up to ``MAX_PER_CASE`` frames per case, spread evenly over the usable ones
(frames of one capture are near-duplicates; more would only grow the index).

Primary algorithm: SFace, through the face stage's own entry point for other packages
(:func:`forensics_app.core.facedesc.embeddings_for_batch`: YuNet detection, 5-point alignment,
SFace; score 1 - cosine similarity). Captured-vs-captured pairs are photo-vs-photo comparisons
(calibration ``sface_photo_<population>``); captured-vs-ID-photo pairs use the chip-photo
calibration (``sface_chip_<population>``), both for the case's base population (a vendor-check
population conditions on passing the bank's check against the claimant's own ID photo, which says
nothing about two other cases). Until SFace is installed in the face stage, dlib's ResNet is the
primary algorithm (Euclidean distance, the case's calibration for both kinds of pair).
"""

from __future__ import annotations

from importlib.util import find_spec

import numpy as np

MAX_PER_CASE = 8
SFACE = find_spec("forensics_app.core.facedesc") is not None
METRIC = "cosine" if SFACE else "euclidean"     # the calibration's score between two embeddings
ALGORITHM = ("SFace (opencv_zoo 2021dec int8bq; YuNet detection, 5-point alignment to the 112x112 template)"
             if SFACE else "dlib ResNet v1 (5-point alignment, no jitter)")


def pick(rows: list[dict], k: int = MAX_PER_CASE) -> list[dict]:
    """k usable rows spread evenly (first and last included), in frame order."""
    usable = [r for r in rows if r.get("usable")]
    if len(usable) <= k:
        return usable
    idx = np.linspace(0, len(usable) - 1, k).round().astype(int)
    return [usable[i] for i in sorted(set(idx.tolist()))]


def _frames(case, rows: list[dict], limits):
    """(row, RGB) for each row, stills read once, each video decoded once up to the last frame wanted."""
    from ..io.images import read_image
    from ..io.video import iter_frames

    by_video: dict[str, dict[int, dict]] = {}
    for r in rows:
        if "#" in r["frame"]:
            src, i = r["frame"].rsplit("#", 1)
            by_video.setdefault(src, {})[int(i)] = r
        else:
            yield r, read_image(case.root / r["frame"], limits)[0]
    for src, wanted in by_video.items():
        for i, _t, rgb in iter_frames(case.root / src, limits):
            if i in wanted:
                yield wanted[i], rgb
            if i >= max(wanted):
                break


def captured_embeddings(case, results: dict, limits) -> dict:
    """{"algorithm", "metric", "calibration", "calibration_id_photo", "captured": [{"frame",
    "embedding"}], "id_photo": [..] | None, "id_photo_path"}."""
    from ..io.images import read_image

    fc = results.get("face_comparison") or {}
    rows = pick(fc.get("per_frame") or [])
    out = {"algorithm": ALGORITHM, "metric": METRIC, "captured": [], "id_photo": None,
           "id_photo_path": case.role("id_photo")[0].rel}
    id_rgb = read_image(case.role("id_photo")[0].path, limits)[0]
    if SFACE:
        pop = fc.get("population") or {}
        base = pop.get("base") or (pop.get("key") or "east_asian").split("_vendor_fmr_")[0]
        out |= {"calibration": f"sface_photo_{base}", "calibration_id_photo": f"sface_chip_{base}"}
        out["id_photo"] = embed_photo(id_rgb)
        for row, rgb in _frames(case, rows, limits):
            v = embed_photo(rgb)           # the face stage's own description: same detector and subject rule
            if v is not None:
                out["captured"].append({"frame": row["frame"], "embedding": v})
    else:
        from ..core.facecompare import FaceParams, reference_face
        from ..core.faces import embed_at

        name = (fc.get("calibration") or {}).get("name")
        out |= {"calibration": name, "calibration_id_photo": name}
        params = FaceParams(**{k: v for k, v in (fc.get("parameters") or {}).items()
                               if k in FaceParams.__dataclass_fields__})
        models = _dlib(params.detector == "cnn")
        ref, _ = reference_face(models, id_rgb, params)
        if ref is not None:
            out["id_photo"] = _vec(ref.embedding)
        for row, rgb in _frames(case, [r for r in rows if r.get("box")], limits):
            out["captured"].append({"frame": row["frame"],
                                    "embedding": _vec(embed_at(models, rgb, tuple(row["box"])).embedding)})
    out["captured"].sort(key=lambda e: e["frame"])
    return out


def embed_photo(rgb) -> list[float] | None:
    """The primary algorithm's embedding of the subject face of a photo (None: no face). Tests
    and tools that pick photos use it too; cases go through :func:`captured_embeddings`."""
    if SFACE:
        from ..core.facedesc import embeddings_for_batch

        v = embeddings_for_batch(_models("sface"), rgb)
        return None if v is None else _vec(v)
    from ..core.faces import analyse_faces

    faces = analyse_faces(_dlib(False), rgb, max_faces=1)
    return _vec(faces[0].embedding) if faces else None


_MODELS: dict = {}


def _models(key: str):
    """YuNet + SFace loaded once per worker process (a worker analyses many cases)."""
    from ..core.facedesc import Engines

    if key not in _MODELS:
        _MODELS[key] = Engines.load(with_dlib=False)
    return _MODELS[key]


def _dlib(with_cnn: bool):
    from ..core.faces import FaceModels

    if ("dlib", with_cnn) not in _MODELS:
        _MODELS[("dlib", with_cnn)] = FaceModels.load(with_68=False, with_cnn=with_cnn)
    return _MODELS[("dlib", with_cnn)]


def _vec(v) -> list[float]:
    return [round(float(x), 7) for x in np.asarray(v).ravel()]
