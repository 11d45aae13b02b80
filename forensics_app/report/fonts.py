"""The embedded font. One CJK TrueType font covers Chinese and Latin text, so a report reads the
same on a machine without Chinese fonts (reportlab embeds a subset of it)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..i18n import N_

CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
]
FONT = "CJK"


def find_font() -> Path:
    env = os.environ.get("FORENSICS_CJK_FONT")
    here = Path(__file__).resolve().parent / "fonts"
    for c in ([env] if env else []) + sorted(str(p) for p in here.glob("*.tt[fc]")) + CANDIDATES:
        if c and Path(c).is_file():
            return Path(c)
    raise InputError(None, N_("no CJK TrueType font found for the report: install fonts-wqy-zenhei (scripts/setup.sh "
                              "does) or set FORENSICS_CJK_FONT to a .ttf/.ttc file"))


def register() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        path = find_font()
        kw = {"subfontIndex": 0} if path.suffix.lower() == ".ttc" else {}
        pdfmetrics.registerFont(TTFont(FONT, str(path), **kw))
    from reportlab.lib.fonts import addMapping
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)
    # Charts start from reportlab's default state (Helvetica, never embedded): use ours instead.
    from reportlab.graphics.renderbase import STATE_DEFAULTS
    STATE_DEFAULTS["fontName"] = FONT
    return FONT
