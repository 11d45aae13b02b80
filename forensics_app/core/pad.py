"""Learned presentation-attack detection (PAD) through ONNX Runtime, as a plug-in.

A bank can plug in its vendor's model by writing a small descriptor (JSON)::

    {"name": "MiniFASNet pair (Minivision, Apache-2.0)",
     "models": [{"path": "minifasnet_v2_2.7_80x80.onnx", "scale": 2.7},
                {"path": "minifasnet_v1se_4.0_80x80.onnx", "scale": 4.0}],
     "input_size": [80, 80], "colour_order": "BGR", "value_range": [0, 255],
     "crop": "scaled_box_shift", "input_name": "input", "output_name": "probs",
     "live_index": 1, "fusion": "mean"}

Paths are relative to the descriptor; a model entry may carry its ``sha256``, checked at load.
The MiniFASNet pair itself ships in the package (``forensics_app/data/pad``, Apache-2.0, with its
licence, notice and hashes) and is the default (``builtin``); ``none`` switches learned PAD off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ..errors import InputError, quoted
from ..i18n.render import english, msg
from .hashing import sha256_file
from ..i18n import N_

BUILTIN = "builtin"
NONE = "none"
BUILTIN_DESCRIPTOR = Path(__file__).resolve().parents[1] / "data" / "pad" / "minifasnet.json"


def descriptor_path(spec: str | Path | None) -> Path | None:
    """``builtin`` (or nothing) = the shipped MiniFASNet pair; ``none`` = no learned PAD; else a descriptor."""
    if spec is None or str(spec) in ("", BUILTIN):
        return BUILTIN_DESCRIPTOR
    if str(spec).lower() == NONE:
        return None
    return Path(spec)


def load(spec: str | Path | None) -> "PadModel | None":
    p = descriptor_path(spec)
    return PadModel.load(p) if p is not None else None


def scaled_crop_box(W: int, H: int, box_xywh, s: float) -> tuple[int, int, int, int]:
    """The 'scale' crop: enlarge the face box around its centre, shift (not shrink) inside."""
    x, y, w, h = box_xywh
    s = min(s, (H - 1) / h, (W - 1) / w)
    cw, ch = w * s, h * s
    cx, cy = x + w / 2, y + h / 2
    x1, x2, y1, y2 = cx - cw / 2, cx + cw / 2, cy - ch / 2, cy + ch / 2
    if x1 < 0:
        x2 -= x1
        x1 = 0
    if y1 < 0:
        y2 -= y1
        y1 = 0
    if x2 > W - 1:
        x1 -= x2 - (W - 1)
        x2 = W - 1
    if y2 > H - 1:
        y1 -= y2 - (H - 1)
        y2 = H - 1
    return int(x1), int(y1), int(x2), int(y2)


def dlib_to_full_face(box) -> tuple[int, int, int, int]:
    """dlib's HOG box (brows to lower lip) to a forehead-to-chin box (x, y, w, h), as PAD models expect.
    An approximation: scores shift somewhat against the vendor's own detector."""
    l, t, r, b = box
    w, h = r - l, b - t
    return int(l - 0.10 * w), int(t - 0.15 * h), int(1.2 * w), int(1.2 * h)


@dataclass
class PadModel:
    name: str
    descriptor: dict
    sessions: list
    info: list[dict]

    @classmethod
    def load(cls, descriptor_path: str | Path) -> "PadModel":
        p = Path(descriptor_path)
        try:
            d = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(p, N_("PAD descriptor unreadable ({reason})"), reason=quoted(exc)) from None
        try:
            import onnxruntime as ort
        except ImportError:
            raise InputError(p, N_("onnxruntime is not installed")) from None
        sessions, info = [], []
        for m in d.get("models", []):
            mp = (p.parent / m["path"]).resolve()
            if not mp.is_file():
                raise InputError(mp, N_("PAD model file named in the descriptor is missing"))
            digest = sha256_file(mp)
            if m.get("sha256") and m["sha256"].lower() != digest:
                raise InputError(mp, N_("PAD model file does not match the descriptor's SHA-256 ({sha256}…)"),
                                     sha256=m['sha256'][:12])
            so = ort.SessionOptions()
            so.intra_op_num_threads = 1
            try:
                sess = ort.InferenceSession(str(mp), so, providers=["CPUExecutionProvider"])
            except Exception as exc:    # onnxruntime raises its own types for non-ONNX files
                raise InputError(mp, N_("not a readable ONNX model ({error})"), error=quoted(type(exc).__name__)) from None
            sessions.append((sess, m))
            shipped = p.resolve() == BUILTIN_DESCRIPTOR
            # the shipped pair's licence is a catalogue message; a plug-in's is quoted from its descriptor
            licence = msg("LIC.minifasnet") if shipped else {"quote": str(d.get("licence", "see descriptor"))}
            info.append({"name": mp.name, "sha256": digest, "licence": english(licence), "licence_msg": licence,
                         "purpose": msg("MODEL.pad_shipped" if shipped else "MODEL.pad_plugin")})
        if not sessions:
            raise InputError(p, N_("PAD descriptor lists no models"))
        return cls(d.get("name", p.stem), d, sessions, info)

    def classify(self, bgr: np.ndarray, box_xywh) -> dict:
        """The descriptor's decision rule: fused (mean) class probabilities, argmax, its confidence."""
        fused = self.probabilities(bgr, box_xywh)
        k = int(np.argmax(fused))
        live = self.descriptor.get("live_index", 1)
        return {"live_probability": float(fused[live]), "label": "live" if k == live else "attack",
                "confidence": float(fused[k])}

    def score(self, bgr: np.ndarray, box_xywh) -> float:
        """Live probability for one frame (fused over the descriptor's models)."""
        return float(self.probabilities(bgr, box_xywh)[self.descriptor.get("live_index", 1)])

    def probabilities(self, bgr: np.ndarray, box_xywh) -> np.ndarray:
        d = self.descriptor
        W, H = bgr.shape[1], bgr.shape[0]
        iw, ih = d.get("input_size", [80, 80])
        probs = []
        for sess, m in self.sessions:
            x1, y1, x2, y2 = scaled_crop_box(W, H, box_xywh, float(m.get("scale", 1.0)))
            patch = bgr[y1:y2 + 1, x1:x2 + 1]
            if d.get("colour_order", "BGR").upper() == "RGB":
                patch = patch[..., ::-1]
            patch = cv2.resize(patch, (iw, ih), interpolation=cv2.INTER_LINEAR).astype(np.float32)
            lo, hi = d.get("value_range", [0, 255])
            if (lo, hi) != (0, 255):
                patch = lo + patch * (hi - lo) / 255.0
            x = np.ascontiguousarray(patch.transpose(2, 0, 1)[None])
            out = sess.run([d.get("output_name", "probs")], {d.get("input_name", "input"): x})[0][0]
            probs.append(np.asarray(out, float))
        return np.mean(probs, axis=0)
