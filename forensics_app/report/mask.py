"""Masking of PIPL-sensitive identifiers (Chinese ID card and mobile phone numbers).

Applied to EVERYTHING a masked copy carries: page text, tables, the stamp, the document metadata
(title, author, subject, keywords) and the attached results (every string in it, recursively).

Forms recognised (the same list as core/identifiers.py):
- mobile numbers ``1[3-9]x xxxx xxxx`` with or without ``+86``, ``0086``, ``86`` or ``(+86)`` in
  front, with spaces, hyphens or dots between the digit groups; kept: first 3 and last 4 digits;
- 18-digit ID numbers (last character a digit or X) and first-generation 15-digit ones, digits
  written together or in groups separated by spaces or hyphens; kept: first 6 and last 4 (18) or
  last 3 (15) characters.

A run of digits glued to letters (a SHA-256 digest, a file name such as ``frame0001``) is not an
identifier and is left alone; a bare 15- or 18-digit number is masked even when it is a serial
number (a masked copy errs on the side of privacy; the unmasked copy keeps it).
"""

from __future__ import annotations

import re
import unicodedata

_SEP = r"[ \t\u00a0\u3000\-‐‑–—.]"
# +86 / 0086 / 86 / (+86) / （+86）, then 1[3-9]X, then 4 and 4 digits, optionally separated
# not glued to a letter, a digit or a mask character (CJK text around is fine): the visible tail of a
# masked ID ("440106********1234") is never the start of another identifier
_NB = r"(?<![A-Za-z0-9_+*])"
_NA = r"(?![A-Za-z0-9_*])"
_PREFIX = rf"(?:[(（]?(?:\+|00)?86[)）]?{_SEP}*)"
_MOBILE = rf"(1[3-9]\d){_SEP}?(\d{{4}}){_SEP}?(\d{{4}})"
PREFIXED_PHONE_RE = re.compile(rf"{_NB}({_PREFIX}){_MOBILE}{_NA}")
PHONE_RE = re.compile(rf"{_NB}(){_MOBILE}{_NA}")
ID18_RE = re.compile(rf"{_NB}(\d(?:{_SEP}?\d){{16}}{_SEP}?[\dXx]){_NA}")
ID15_RE = re.compile(rf"{_NB}(\d(?:{_SEP}?\d){{14}}){_NA}")


def _digits(s: str) -> str:
    return re.sub(r"[^\dXx]", "", s)


def _mask_id(m: re.Match) -> str:
    d = _digits(m.group(1))
    if len(d) == 18:
        return d[:6] + "*" * 8 + d[-4:]
    if len(d) == 15:
        return d[:6] + "*" * 6 + d[-3:]
    return m.group(0)


def _mask_phone(m: re.Match) -> str:
    prefix = m.group(1)
    return (prefix if prefix else "") + m.group(2) + "****" + m.group(4)


def mask_text(s: str) -> str:
    if not s:
        return s
    s = unicodedata.normalize("NFKC", s) if any(0xFF10 <= ord(c) <= 0xFF19 for c in s) else s
    s = PREFIXED_PHONE_RE.sub(_mask_phone, s)     # +86 138…: before 15-digit IDs could take it
    s = ID18_RE.sub(_mask_id, s)
    # mobiles before 15-digit IDs: "…1234 13800138000" (an ID's last digits, a space, a phone) is
    # 15 digits with a separator and would otherwise be masked as one ID, running the two together
    s = PHONE_RE.sub(_mask_phone, s)
    return ID15_RE.sub(_mask_id, s)


def mask_obj(obj):
    """Every string (keys too) in a JSON-like structure, masked."""
    if isinstance(obj, str):
        return mask_text(obj)
    if isinstance(obj, dict):
        return {mask_text(str(k)): mask_obj(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [mask_obj(v) for v in obj]
    if isinstance(obj, (int, float)) and not isinstance(obj, bool) and len(str(obj)) >= 11:
        return mask_text(str(obj)) if mask_text(str(obj)) != str(obj) else obj
    return obj
