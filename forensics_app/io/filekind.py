"""What a delivered file is, from its first bytes, whatever its name says.

Used to name the problem when a file cannot be read ("is a HEIC image", "is a video, not a
still", "is a JPEG named .mp4") and to find the stills in a frames folder by content, so that a
still whose name lacks an image extension is analysed and an image this version cannot decode
is refused instead of silently left out. Only signatures are read (at most 64 bytes).
"""

from __future__ import annotations

from pathlib import Path

# kinds Pillow decodes (the stills the app analyses)
STILL_KINDS = {"JPEG", "PNG", "BMP", "TIFF", "WebP", "GIF"}
# images this version cannot decode: refused, never left out silently
UNSUPPORTED_IMAGE_KINDS = {"HEIC/HEIF", "AVIF", "JPEG 2000", "JPEG XL", "PSD"}
VIDEO_KINDS = {"MP4/MOV", "AVI", "Matroska/WebM", "MPEG-TS", "FLV",
               "MPEG-PS", "ASF/WMV"}
JUNK_NAMES = {"thumbs.db", ".ds_store", "desktop.ini"}      # written by file managers, never evidence

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}


def sniff(head: bytes) -> str | None:
    """The kind of file these first bytes begin, or None when unknown."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"BM") and len(head) >= 26:
        return "BMP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "AVI"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        compat = {head[i:i + 4] for i in range(16, min(len(head), 64) - 3, 4)}
        if brand in _AVIF_BRANDS:
            return "AVIF"
        if brand in _HEIF_BRANDS or (brand not in (b"isom", b"mp41", b"mp42", b"qt  ") and compat & _HEIF_BRANDS):
            return "HEIC/HEIF"
        return "MP4/MOV"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip"):
        return "MP4/MOV"
    if head.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n") or head.startswith(b"\xff\x4f\xff\x51"):
        return "JPEG 2000"
    if head.startswith(b"\xff\x0a") or head.startswith(b"\x00\x00\x00\x0cJXL \r\n\x87\n"):
        return "JPEG XL"
    if head.startswith(b"8BPS"):
        return "PSD"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "Matroska/WebM"
    if head[:1] == b"G" and len(head) > 188 and head[188:189] == b"G":
        return "MPEG-TS"
    if head.startswith(b"FLV"):
        return "FLV"
    if head.startswith(b"\x00\x00\x01\xba"):
        return "MPEG-PS"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "ASF/WMV"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP"
    return None


def still_kinds() -> set[str]:
    """The kinds read as stills: AVIF too when this Pillow build decodes it."""
    from PIL import features
    return STILL_KINDS | ({"AVIF"} if features.check("avif") else set())


def unsupported_image_kinds() -> set[str]:
    return UNSUPPORTED_IMAGE_KINDS - still_kinds()


def sniff_file(path: str | Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(200))
    except OSError:
        return None


def is_still(path: Path, suffixes: set[str]) -> bool:
    """Whether a file in a frames folder is one of its stills: by its image extension, as the
    contract names them (a file under another name stays an unreferenced file, hashed and listed).
    An image this version cannot decode, and a video, are refused whatever their name: left out,
    they would vanish from the analysis without a word."""
    from ..errors import InputError
    from ..i18n import N_
    if path.name.lower() in JUNK_NAMES:
        return False
    if path.suffix.lower() in suffixes:
        return True
    kind = sniff_file(path)
    if kind is None and path.suffix.lower() in (".heic", ".heif", ".hif"):
        kind = "HEIC/HEIF"
    if kind in unsupported_image_kinds():
        raise InputError(path, N_("is a {kind} image, which this version cannot decode; ask the supplier for it as "
                                  "JPEG or PNG (a converted copy is a new exhibit and must be documented as such)"),
                         kind=kind)
    if kind in VIDEO_KINDS:     # left out, the case would read as "no video delivered" (NO_FULL_VIDEO)
        raise InputError(path, N_("is a {kind} video inside a frames folder, which holds stills only: name it in "
                                  "case.json as stm_video"), kind=kind)
    return False
