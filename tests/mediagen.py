"""Generated media for the delivery tests: stills in many encodings and small videos (PyAV), made
from the demo cases' own publishable material, never from third-party data."""

from __future__ import annotations

import io
import struct
from fractions import Fraction
from pathlib import Path

import numpy as np
from PIL import Image

from helpers import ROOT

FRAME = ROOT / "sample_cases" / "guangzhou-2019" / "stm" / "frames" / "0001.jpg"
CLIP = ROOT / "sample_cases" / "print-attack-video" / "stm" / "capture.mp4"
HEIC_HEAD = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def frame() -> Image.Image:
    im = Image.open(FRAME)
    im.load()
    return im.copy()


def encode(im: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def clip_frames(n: int = 20) -> list[np.ndarray]:
    import av
    out = []
    with av.open(str(CLIP)) as c:
        for f in c.decode(video=0):
            out.append(f.to_ndarray(format="rgb24"))
            if len(out) == n:
                break
    return out


def write_video(path: Path, frames: list[np.ndarray], fmt: str = "mp4", codec: str = "libx264",
                pix: str = "yuv420p", pts: list[int] | None = None, rate: int = 15, audio_only: bool = False) -> Path:
    """A video (or, with ``audio_only``, a sound file with no video stream) written by PyAV."""
    import av
    tb = Fraction(1, 90000)
    with av.open(str(path), "w", format=fmt) as c:
        if audio_only:
            a = c.add_stream("aac", rate=16000)
            for k in range(10):
                af = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
                af.sample_rate, af.pts = 16000, k * 1024
                for pk in a.encode(af):
                    c.mux(pk)
            for pk in a.encode():
                c.mux(pk)
            return path
        s = c.add_stream(codec, rate=rate)
        s.width, s.height, s.pix_fmt = frames[0].shape[1], frames[0].shape[0], pix
        if pts is not None:
            s.time_base = tb
        for i, x in enumerate(frames):
            f = av.VideoFrame.from_ndarray(x, format="rgb24")
            if pts is not None:
                f.pts, f.time_base = pts[i], tb
            for pk in s.encode(f):
                c.mux(pk)
        for pk in s.encode():
            c.mux(pk)
    return path


def set_display_rotation(data: bytes, degrees: int) -> bytes:
    """The first track header's matrix set to a display rotation, as a phone held upright writes it
    (the pixels stay stored sideways)."""
    i = data.find(b"tkhd")
    version = data[i + 4]
    off = i + 8 + (32 if version == 1 else 20) + 16      # times, track id, duration; layer, volume
    one, neg = 0x10000, (-0x10000) & 0xFFFFFFFF
    a, b, c, d = {90: (0, one, neg, 0), 180: (neg, 0, 0, neg), 270: (0, neg, one, 0)}[degrees]
    return data[:off] + struct.pack(">9I", a, b, 0, c, d, 0, 0, 0, 0x40000000) + data[off + 36:]


def portrait_clip(path: Path, n: int = 20, degrees: int = 90) -> Path:
    """The demo clip stored sideways with a display rotation that turns it upright again."""
    k = {90: 1, 180: 2, 270: 3}[degrees]
    frames = [np.ascontiguousarray(np.rot90(x, k)) for x in clip_frames(n)]
    write_video(path, frames)
    path.write_bytes(set_display_rotation(path.read_bytes(), degrees))
    return path
