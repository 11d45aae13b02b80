"""Metadata of delivered stills: EXIF capture time, device, software, JPEG quantisation tables."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PIL import Image

EXIF_TAGS = {0x010F: "make", 0x0110: "model", 0x0131: "software", 0x0132: "datetime",
             0x0112: "orientation"}     # applied when the image is read (io/images.to_rgb)
EXIF_SUB = {0x9003: "datetime_original", 0x9004: "datetime_digitized", 0x9011: "offset_time_original"}


def exif_summary(im: Image.Image) -> dict:
    out: dict = {}
    try:
        ex = im.getexif()
    except Exception:
        return out
    for tag, name in EXIF_TAGS.items():
        if tag in ex:
            out[name] = str(ex[tag]).strip("\x00 ")
    try:
        sub = ex.get_ifd(0x8769)
    except Exception:
        sub = {}
    for tag, name in EXIF_SUB.items():
        if tag in sub:
            out[name] = str(sub[tag]).strip("\x00 ")
    return out


def capture_time(exif: dict, tz: str) -> str | None:
    """ISO time of capture from EXIF (DateTimeOriginal, else DateTime) in the case's timezone."""
    raw = exif.get("datetime_original") or exif.get("datetime")
    if not raw:
        return None
    try:
        t = dt.datetime.strptime(raw[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    off = exif.get("offset_time_original")
    if off:
        try:
            return dt.datetime.fromisoformat(t.isoformat() + off).isoformat()
        except ValueError:
            pass
    return t.replace(tzinfo=ZoneInfo(tz)).isoformat()


def jpeg_info(im: Image.Image) -> dict:
    if im.format != "JPEG":
        return {"format": im.format}
    q = getattr(im, "quantization", None) or {}
    return {"format": "JPEG", "quant_tables": {str(k): list(v) for k, v in sorted(q.items())},
            "progressive": bool(im.info.get("progressive") or im.info.get("progression")),
            "subsampling": _subsampling(im)}


def _subsampling(im: Image.Image):
    try:
        from PIL import JpegImagePlugin
        return JpegImagePlugin.get_sampling(im)
    except Exception:
        return None
