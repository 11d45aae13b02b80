"""Reading a video (or animated GIF) frame by frame, with each frame's timestamp.

A truncated or unreadable file is refused with the file named; a video whose header promises
more frames than can be decoded is reported as truncated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from ..errors import InputError, quoted
from .images import Limits, check_size
from ..i18n import N_

VIDEO_EXTS = {".mp4", ".avi", ".mov", ".mkv", ".gif", ".webm", ".m4v", ".3gp",
              ".ts", ".mts", ".m2ts", ".flv", ".mpg", ".mpeg", ".wmv", ".asf"}    # CCTV and DVR exports too


@dataclass
class VideoInfo:
    path: str
    frames: int
    fps: float
    width: int
    height: int
    duration_s: float
    codec: str
    timestamps_ms: list[float] = field(default_factory=list)
    declared_frames: int = 0
    thumbs: list = field(default_factory=list, repr=False)   # 32x32 grey per frame, for repeat checks
    rotation: int = 0          # display rotation the container declares (a phone held upright); applied when decoding

    def as_dict(self) -> dict:
        return {"frames": self.frames, "fps": round(self.fps, 4), "width": self.width,
                "height": self.height, "duration_s": round(self.duration_s, 4), "codec": self.codec,
                "declared_frames": self.declared_frames} | ({"rotation": self.rotation} if self.rotation else {})


def _is_gif(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(6) in (b"GIF87a", b"GIF89a")


def iter_frames(path: str | Path, limits: Limits = Limits(), step: int = 1,
                indices: Iterable[int] | None = None) -> Iterator[tuple[int, float, np.ndarray]]:
    """Yield (index, timestamp_ms, RGB array) for every ``step``-th frame, or only for the frame
    indices in ``indices`` (the others are demuxed but not converted)."""
    path = Path(path)
    check_size(path, limits)
    wanted = None if indices is None else set(indices)
    if wanted is not None:
        yield from ((i, t, rgb) for i, t, rgb in iter_frames(path, limits) if i in wanted) if _is_gif(path) \
            else _iter_cv(path, limits, 1, wanted)
        return
    if _is_gif(path):
        yield from _iter_gif(path, limits, step)
        return
    yield from _iter_cv(path, limits, step, None)


def _iter_cv(path: Path, limits: Limits, step: int, wanted: set | None):
    import cv2

    cap = cv2.VideoCapture(str(path))
    if not cap.isOpened():
        raise InputError(path, N_("not a readable video (container damaged, truncated or unknown codec)"))
    try:
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        last = max(wanted) if wanted else (-1 if wanted is not None else None)
        i = 0
        while last is None or i <= last:
            ok = cap.grab()
            if not ok:
                break
            if (i in wanted) if wanted is not None else (i % step == 0):
                ok, bgr = cap.retrieve()
                if not ok or bgr is None:
                    break
                h, w = bgr.shape[:2]
                if w * h > limits.max_pixels:
                    raise InputError(path, N_("frame size {w}x{h} exceeds the pixel limit"), w=w, h=h)
                ts = cap.get(cv2.CAP_PROP_POS_MSEC)
                if (ts is None or ts <= 0) and fps > 0:
                    ts = i * 1000.0 / fps
                yield i, float(ts), cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
            i += 1
    finally:
        cap.release()


def _iter_gif(path: Path, limits: Limits, step: int):
    from PIL import Image

    try:
        im = Image.open(path)
        w, h = im.size
        if w * h > limits.max_pixels:
            raise InputError(path, N_("frame size {w}x{h} exceeds the pixel limit"), w=w, h=h)
        t = 0.0
        i = 0
        while True:
            try:
                im.seek(i)
            except EOFError:
                break
            frame = im.convert("RGB")
            if i % step == 0:
                yield i, t, np.asarray(frame)
            t += float(im.info.get("duration", 100) or 100)
            i += 1
    except InputError:
        raise
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(path, N_("animated GIF is truncated or damaged ({reason})"), reason=quoted(exc)) from None


def probe_video(path: str | Path, limits: Limits = Limits(),
                on_frame: Callable[[int, float, np.ndarray], None] | None = None) -> VideoInfo:
    """Decode the whole file once: frame count, timing, and a truncation check. ``on_frame`` sees
    every decoded frame (the analysis keeps them, within a memory budget, so that it decodes once)."""
    path = Path(path)
    check_size(path, limits)
    import cv2

    declared, fps, codec, rotation = 0, 0.0, "", 0
    if _is_gif(path):
        codec = "gif"
    else:
        refuse_non_video(path)
        cap = cv2.VideoCapture(str(path))
        if not cap.isOpened():
            raise InputError(path, N_("not a readable video (container damaged, truncated or unknown codec)"))
        declared = max(int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0), 0)     # -2**63 when the container has none
        rotation = int(cap.get(cv2.CAP_PROP_ORIENTATION_META) or 0) % 360
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        fourcc = int(cap.get(cv2.CAP_PROP_FOURCC) or 0)
        codec = "".join(chr((fourcc >> 8 * k) & 0xFF) for k in range(4)).strip("\x00 ") or "unknown"
        cap.release()
    ts, thumbs, w, h = [], [], 0, 0
    for i, t, rgb in iter_frames(path, limits):
        if on_frame is not None:
            on_frame(i, t, rgb)
        ts.append(t)
        h, w = rgb.shape[:2]
        thumbs.append(cv2.resize(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), (32, 32), interpolation=cv2.INTER_AREA))
    if not ts:
        raise InputError(path, N_("video holds no decodable frame (truncated or damaged)"))
    if declared and len(ts) < 0.9 * declared:
        raise InputError(path, N_("video is truncated: the header declares {declared} frames, only {n} can be decoded"),
                               declared=declared, n=len(ts))
    if codec == "gif" and len(ts) > 1:
        fps = 1000.0 * (len(ts) - 1) / max(ts[-1] - ts[0], 1e-6)
    duration = (ts[-1] - ts[0]) / 1000.0 + (1.0 / fps if fps else 0.0)
    return VideoInfo(str(path), len(ts), fps, w, h, duration, codec, ts, declared, thumbs, rotation)


def refuse_non_video(path: Path) -> None:
    """A still, a document or a sound file under a video's name is refused saying what it is (OpenCV
    would open a JPEG as a one-frame "video", and call an audio-only file damaged)."""
    from .filekind import VIDEO_KINDS, sniff_file, still_kinds, unsupported_image_kinds
    kind = sniff_file(path)
    if kind in (still_kinds() | unsupported_image_kinds()) - {"GIF"}:
        raise InputError(path, N_("is a {kind} image, not a video"), kind=kind)
    if kind in ("PDF", "ZIP"):
        raise InputError(path, N_("is a {kind} file, not a video"), kind=kind)
    if kind not in VIDEO_KINDS:
        return
    try:
        import av
        with av.open(str(path), metadata_errors="replace") as c:
            kinds = {s.type for s in c.streams}
    except Exception:            # noqa: BLE001 - the decoder's own check names a damaged file
        return
    if "video" not in kinds and "audio" in kinds:
        raise InputError(path, N_("holds no video stream, only sound"))
    if "video" not in kinds:
        raise InputError(path, N_("holds no video stream"))


def frame_at(path: str | Path, index: int, limits: Limits = Limits()) -> np.ndarray:
    """One frame by index (for viewers): seek where the container allows, else decode forward."""
    path = Path(path)
    if not _is_gif(path):
        import cv2

        cap = cv2.VideoCapture(str(path))
        try:
            cap.set(cv2.CAP_PROP_POS_FRAMES, index)
            ok, bgr = cap.read()
            if ok and int(cap.get(cv2.CAP_PROP_POS_FRAMES)) == index + 1:
                return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        finally:
            cap.release()
    for i, _t, rgb in iter_frames(path, limits):
        if i == index:
            return rgb
    raise InputError(path, N_("has no frame {index}"), index=index)
