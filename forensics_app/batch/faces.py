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
nothing about two other cases).
"""

from __future__ import annotations

import numpy as np

from ..core.portfolio_model import CapturedFace, CaseFaces

MAX_PER_CASE = 8
METRIC = "cosine"               # the calibration's score between two SFace embeddings: 1 - cosine similarity
ALGORITHM = "SFace (opencv_zoo 2021dec int8bq; YuNet detection, 5-point alignment to the 112x112 template)"


def pick(rows: list[dict], k: int = MAX_PER_CASE) -> list[dict]:
    """k usable rows spread evenly (first and last included), in frame order."""
    usable = [r for r in rows if r.get("usable")]
    if len(usable) <= k:
        return usable
    idx = np.linspace(0, len(usable) - 1, k).round().astype(int)
    return [usable[i] for i in sorted(set(idx.tolist()))]


def _frames(case, rows: list[dict], limits):
    """(row, RGB) for each row, stills read once, each video demuxed once up to the last frame wanted
    (only the wanted frames converted)."""
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
        for i, _t, rgb in iter_frames(case.root / src, limits, indices=wanted):   # only these converted
            if i in wanted:
                yield wanted[i], rgb
            if i >= max(wanted):
                break


def captured_embeddings(case, results: dict, limits) -> CaseFaces:
    """The case's usable captured frames (up to MAX_PER_CASE) and its ID photo as SFace embeddings."""
    from ..core.model import Results
    from ..io.images import read_image

    fc = (results if isinstance(results, Results) else Results.from_json(results)).face_comparison
    pop = fc.population or {}                 # open JSON owned by the face stage: {key, base, ...}
    base = pop.get("base") or (pop.get("key") or "east_asian").split("_vendor_fmr_")[0]
    out = CaseFaces(algorithm=ALGORITHM, metric=METRIC, captured=[], id_photo=None,
                    id_photo_path=case.role("id_photo")[0].rel,
                    calibration=f"sface_photo_{base}", calibration_id_photo=f"sface_chip_{base}")
    out.id_photo = embed_photo(read_image(case.role("id_photo")[0].path, limits)[0])
    for row, rgb in _frames(case, pick(fc.per_frame or []), limits):
        v = embed_photo(rgb)           # the face stage's own description: same detector and subject rule
        if v is not None:
            out.captured.append(CapturedFace(frame=row["frame"], embedding=v))
    out.captured.sort(key=lambda e: e.frame)
    return out


def embed_photo(rgb) -> list[float] | None:
    """SFace's embedding of the subject face of a photo (None: no face). Tests and tools that pick
    photos use it too; cases go through :func:`captured_embeddings`."""
    from ..core.facedesc import embeddings_for_batch

    v = embeddings_for_batch(_models("sface"), rgb)
    return None if v is None else _vec(v)


_MODELS: dict = {}


def _models(key: str):
    """YuNet + SFace loaded once per worker process (a worker analyses many cases)."""
    from ..core.facedesc import Engines

    if key not in _MODELS:
        _MODELS[key] = Engines.load(with_dlib=False)
    return _MODELS[key]


def _vec(v) -> list[float]:
    return [round(float(x), 7) for x in np.asarray(v).ravel()]
