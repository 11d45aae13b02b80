"""Masking of PIPL-sensitive identifiers (ID card and phone numbers) in report text."""

import re

ID_RE = re.compile(r"(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)")
PHONE_RE = re.compile(r"(?<!\d)(1\d{2})(\d{4})(\d{4})(?!\d)")


def mask_text(s: str) -> str:
    s = ID_RE.sub(lambda m: m.group(1) + "*" * 8 + m.group(3)[-4:] if len(m.group(3)) == 4 else m.group(0), s)
    return PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(3), s)
