"""One description of a face image shared by casework and calibration: YuNet detection, quality
measures, the SFace embedding and (when asked) the dlib embedding of the same face.

The calibration tools and the face stage call the same :func:`describe`, so a calibration is
fitted on exactly the scores casework produces. ``embeddings_for_batch`` is the entry point other
packages (portfolio linking) use to get the primary algorithm's embedding of a captured face.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy as np

from . import sface
from .imgquality import measure_yu

ALGORITHMS = ("sface", "dlib")
PRIMARY = "sface"            # see docs/face-comparison.md: lower held-out Cllr on chip photos


@dataclass
class Engines:
    """Both algorithms' models, loaded once."""

    yu: sface.SFaceModels
    dlib: object | None = None            # core.faces.FaceModels (5-point + ResNet), optional

    @classmethod
    def load(cls, with_dlib: bool = True) -> "Engines":
        dl = None
        if with_dlib:
            from .faces import FaceModels
            dl = FaceModels.load(with_68=False)
        return cls(yu=sface.SFaceModels.load(), dlib=dl)

    def info(self) -> list[dict]:
        out = list(self.yu.info)
        if self.dlib is not None:
            out += [m.as_dict() | {"training_data": _DLIB_TRAINING.get(m.name, "see dlib's documentation")}
                    for m in self.dlib.info]
        return out


_DLIB_TRAINING = {
    "dlib_face_recognition_resnet_model_v1.dat": (
        "about 3 million faces of about 7,500 people (FaceScrub, VGG and web images), stated by "
        "dlib's author; mostly Western adults"),
    "shape_predictor_5_face_landmarks.dat": "7,198 faces labelled by dlib's author (stated by dlib)",
    "dlib.get_frontal_face_detector": "not used for comparison (YuNet detects)",
}


@dataclass
class Described:
    """The subject face of one image (the most confident detection) and the others."""

    face: sface.YuFace
    quality: dict
    sface: np.ndarray | None = None
    dlib: np.ndarray | None = None
    others: list = field(default_factory=list)     # further detections (YuFace)


def dlib_embedding(engines: Engines, rgb: np.ndarray, face: sface.YuFace) -> np.ndarray:
    """dlib's 128-d embedding of the face YuNet found (dlib's 5-point alignment inside its box)."""
    from .faces import embed_at

    return embed_at(engines.dlib, rgb, dlib_box(face, rgb.shape)).embedding


def dlib_box(face: sface.YuFace, shape) -> tuple[int, int, int, int]:
    """A HOG-like square box from YuNet's eyes and mouth (dlib's 5-point model expects its own
    detector's framing: a square centred a third of the way from the eyes to the mouth, about 2.1
    inter-eye distances wide; matched on frames where both detectors find the face)."""
    lm = face.landmarks5
    eyes, mouth = lm[0:2].mean(0), lm[3:5].mean(0)
    c = eyes * 0.65 + mouth * 0.35
    half = max(1.05 * max(face.inter_eye_px, float(np.linalg.norm(mouth - eyes))), 4.0)
    return (int(round(c[0] - half)), int(round(c[1] - half)), int(round(c[0] + half)), int(round(c[1] + half)))


def describe(engines: Engines, rgb: np.ndarray, *, with_sface: bool = True, with_dlib: bool = False,
             max_faces: int = 5) -> Described | None:
    """Detect, measure and embed the subject face of an RGB image; None when there is no face."""
    rgb = np.ascontiguousarray(rgb)
    faces = sface.detect(engines.yu, rgb, max_faces=max_faces)
    if not faces:
        # a fine periodic texture (a screen's pixel grid, print halftone) can hide a face from the
        # detector: try once on a slightly smoothed copy; the face is then measured and embedded
        # in the original image, at the points found on the copy
        import cv2
        faces = sface.detect(engines.yu, cv2.GaussianBlur(rgb, (0, 0), 1.5), max_faces=max_faces)
    if not faces:
        return None
    f = faces[0]
    d = Described(face=f, quality=measure_yu(rgb, f), others=faces[1:])
    if with_sface:
        d.sface = sface.embed_face(engines.yu, rgb, f)
    if with_dlib and engines.dlib is not None:
        d.dlib = dlib_embedding(engines, rgb, f)
    return d


DETECT_THREADS = 2      # detection runs this many frames at once (OpenCV and numpy release the GIL)
DETECT_AHEAD = 8        # frames detected ahead of the caller, at most (memory stays bounded)


def described(engines: Engines, frames: Iterable, *, max_faces: int = 5, threads: int | None = None,
              ahead: int = DETECT_AHEAD) -> Iterator[tuple]:
    """``(*frame, Described | None)`` for each frame of ``frames`` (tuples whose last item is the
    RGB image), in order: :func:`describe` without embeddings, run on ``threads`` threads ahead of
    the caller, each thread with a detector of its own. The detections do not depend on the thread
    that made them, so the results are those of one thread, frame for frame (test)."""
    threads = DETECT_THREADS if threads is None else threads
    if threads <= 1:
        for f in frames:
            yield (*f, describe(engines, f[-1], with_sface=False, max_faces=max_faces))
        return
    import threading
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    local = threading.local()

    def work(rgb):
        if getattr(local, "engines", None) is None:
            local.engines = Engines(yu=engines.yu.with_own_detector(), dlib=engines.dlib)
        return describe(local.engines, rgb, with_sface=False, max_faces=max_faces)

    with ThreadPoolExecutor(threads, thread_name_prefix="detect") as pool:
        queue: deque = deque()
        for f in frames:
            queue.append((f, pool.submit(work, f[-1])))
            if len(queue) >= ahead:
                f0, fut = queue.popleft()
                yield (*f0, fut.result())
        while queue:
            f0, fut = queue.popleft()
            yield (*f0, fut.result())


def distance(algorithm: str, a: np.ndarray, b: np.ndarray) -> float:
    """The score each calibration is fitted on: SFace cosine distance, dlib Euclidean distance."""
    if algorithm == "sface":
        return sface.cosine_distance(a, b)
    return float(np.linalg.norm(np.asarray(a, float) - np.asarray(b, float)))


def pairwise(algorithm: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """All distances between rows of ``a`` and rows of ``b`` (same score as :func:`distance`)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    if algorithm == "sface":
        an = a / np.linalg.norm(a, axis=1, keepdims=True)
        bn = b / np.linalg.norm(b, axis=1, keepdims=True)
        return 1.0 - an @ bn.T
    sq = (a ** 2).sum(1)[:, None] + (b ** 2).sum(1)[None, :] - 2 * a @ b.T
    return np.sqrt(np.maximum(sq, 0))


def embeddings_for_batch(engines: Engines, rgb: np.ndarray) -> np.ndarray | None:
    """The primary algorithm's (SFace) unit-length embedding of the subject face of one image, or
    None when no face is found. Compare two with :func:`distance` ("sface", a, b)."""
    d = describe(engines, rgb, with_sface=True, with_dlib=False)
    return None if d is None else d.sface


def finite(x) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else float(x)
