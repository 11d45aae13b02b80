"""Reading images the bank delivered, defensively.

Every reader refuses, with the file named: zero-byte files, files that are not images, truncated
images, absurd dimensions (decompression bombs) and files over the size limit.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile

from ..errors import InputError, quoted
from ..i18n import N_

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif"}
DEFAULT_MAX_PIXELS = 50_000_000          # 50 MP: far above any STM camera or ID chip photo (--max-megapixels)
DEFAULT_MAX_BYTES = 2 * 1024**3          # 2 GiB per evidence file, configurable
DEFAULT_MAX_VIDEO_FRAMES = 900           # frames analysed per video (60 s at 15 fps); beyond it, evenly spaced


@dataclass(frozen=True)
class Limits:
    """Bounded work (docs/integrity.md). Each has a CLI option; beyond it a clear refusal."""
    max_pixels: int = DEFAULT_MAX_PIXELS          # per image or video frame (--max-megapixels)
    max_bytes: int = DEFAULT_MAX_BYTES            # per evidence file (--max-file-mb)
    max_log_rows: int = 200_000                   # per transaction log (--max-log-rows)
    max_xlsx_bytes: int = 200 * 1024**2           # decompressed size of an XLSX log (--max-xlsx-mb)
    max_video_frames: int = DEFAULT_MAX_VIDEO_FRAMES  # frames analysed per video (--max-video-frames):
    #   a longer video is not refused: that many frames, evenly spaced over the whole clip, are analysed


def check_size(path: Path, limits: Limits) -> int:
    size = path.stat().st_size
    if size == 0:
        raise InputError(path, N_("file is empty (0 bytes)"))
    if size > limits.max_bytes:
        raise InputError(path, N_("file is {size} bytes, over the size limit of {max_bytes} bytes"), size=size,
                               max_bytes=limits.max_bytes)
    return size


def read_image(path: str | Path, limits: Limits = Limits()) -> tuple[np.ndarray, Image.Image]:
    """Return (RGB uint8 array, PIL image with its metadata) or raise InputError."""
    path = Path(path)
    try:
        check_size(path, limits)
    except FileNotFoundError:
        raise InputError(path, N_("does not exist")) from None
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(path)
            w, h = im.size
            if w <= 0 or h <= 0 or w * h > limits.max_pixels:
                raise InputError(path, N_("image dimensions {w}x{h} exceed the limit of {max_pixels} pixels (possible "
                                          "decompression bomb)"), w=w,
                                       h=h, max_pixels=limits.max_pixels)
            im.load()
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(path, N_("image dimensions are absurd (decompression bomb): {reason}"),
                               reason=quoted(exc)) from None
    except OSError as exc:
        msg = str(exc)
        if "truncated" in msg.lower() or "image file is truncated" in msg:
            raise InputError(path, N_("image is truncated (file ends before the image data)")) from None
        _say_what_it_is(path)
        raise InputError(path, N_("not a readable image ({msg})"), msg=quoted(msg)) from None
    except Exception as exc:  # PIL raises assorted errors on corrupt input
        raise InputError(path, N_("not a readable image ({error}: {reason})"), error=quoted(type(exc).__name__),
                               reason=quoted(exc)) from None
    frames = getattr(im, "n_frames", 1) or 1
    if frames > 1 and im.format in ("GIF", "TIFF", "WEBP", "PNG"):      # not MPO: a phone's JPEG with a preview
        raise InputError(path, N_("holds {n} images ({kind} with several frames or pages); a still is one image: "
                                  "deliver an animation as stm_video, pages as separate files"), n=frames, kind=im.format)
    return to_rgb(im, path), im


def _say_what_it_is(path: Path) -> None:
    """Refuse a file Pillow cannot identify by naming what it is, when its first bytes tell."""
    from .filekind import VIDEO_KINDS, sniff_file, unsupported_image_kinds
    kind = sniff_file(path)
    if kind in unsupported_image_kinds():
        raise InputError(path, N_("is a {kind} image, which this version cannot decode; ask the supplier for it as "
                                  "JPEG or PNG (a converted copy is a new exhibit and must be documented as such)"),
                         kind=kind) from None
    if kind in VIDEO_KINDS:
        raise InputError(path, N_("is a {kind} video, not a still image"), kind=kind) from None
    if kind in ("PDF", "ZIP"):
        raise InputError(path, N_("is a {kind} file, not an image"), kind=kind) from None


def to_rgb(im: Image.Image, path: Path | None = None) -> np.ndarray:
    """8-bit RGB as the camera saw it: EXIF orientation applied (the original value stays in the
    image's EXIF, which the media stage records), 16- and 32-bit channels scaled, not clipped."""
    try:
        from PIL import ImageOps
        shown = ImageOps.exif_transpose(im)
    except Exception:          # a damaged EXIF block: the pixels as stored
        shown = im
    if shown.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        a = np.asarray(shown).astype(np.float64)
        top = 65535.0 if shown.mode.startswith("I;16") or a.max() <= 65535 else float(a.max())
        g = np.clip(np.round(a / top * 255.0), 0, 255).astype(np.uint8)
        return np.dstack([g, g, g])
    return np.asarray(shown.convert("RGB"))
