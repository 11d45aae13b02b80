"""Normal forms of the identifiers that link cases: phone, ID number, device fingerprint, IP, terminal.

Two records name the same phone only if their normal forms are equal. A value that is masked
(``*`` or another mask character anywhere) has no normal form: it never matches anything, because
``139****5678`` is compatible with ten thousand numbers. Masked values can still show that two
people are *different* (:func:`contradicts`): ``440106********1234`` and ``440106********5678``
cannot be one ID number.

Formats handled (the same list as the masking rules): Chinese mobile numbers with ``+86``,
``0086`` or ``86`` in front, spaces, hyphens, dots or brackets between digit groups; 18-digit ID
numbers (final ``x`` upper-cased) and first-generation 15-digit ones, which are converted to the
18-digit form (century ``19`` inserted, check digit computed by GB 11643-1999).
"""

from __future__ import annotations

import ipaddress
import re

MASK_CHARS = "*＊×xX•●#?"      # characters banks and courts use to hide digits
_SEPARATORS = re.compile(r"[\s\-\.\(\)（）/_:]+")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_masked(value: str) -> bool:
    """True when part of the value is hidden (``*`` and similar, or ``x`` between digits)."""
    s = str(value).strip()
    if "*" in s or "＊" in s or "×" in s or "•" in s or "●" in s or "?" in s or "#" in s:
        return True
    # an x/X inside a run of digits hides a digit (13912xx5678); a final X of an ID number does not
    return bool(re.search(r"\d[xX]+\d", s))


def id_check_digit(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def normalise_phone(value) -> str | None:
    """Chinese mobile or landline digits in one form (``13800138000``); None when masked/unusable."""
    if value is None:
        return None
    s = str(value).strip()
    if not s or is_masked(s):
        return None
    s = _SEPARATORS.sub("", s)
    if s.startswith("+"):
        s = s[1:]
    if not s.isdigit():
        return None
    for prefix in ("0086", "86"):
        if s.startswith(prefix) and len(s) - len(prefix) == 11 and s[len(prefix)] == "1":
            s = s[len(prefix):]
            break
    if len(s) < 7:
        return None        # too short to be a subscriber number: an extension, a code, a typo
    return s


def normalise_id_number(value) -> str | None:
    """18-digit resident ID (final X upper-case); 15-digit IDs converted; None when masked/unusable."""
    if value is None:
        return None
    s = str(value).strip()
    if not s or is_masked(s[:-1] if s[-1:] in "xX" else s):
        return None
    s = _SEPARATORS.sub("", s).upper()
    if len(s) == 15 and s.isdigit():
        body = s[:6] + "19" + s[6:]
        return body + id_check_digit(body)
    if len(s) == 18 and s[:17].isdigit() and (s[17].isdigit() or s[17] == "X"):
        return s
    return None


def id_number_valid(value: str) -> bool:
    """Does an 18-digit ID number's check digit agree with its first 17 digits?"""
    return len(value) == 18 and value[:17].isdigit() and id_check_digit(value[:17]) == value[17]


def normalise_device(value) -> str | None:
    """Device fingerprint: case and separators ignored (``A1F3-77C2`` = ``a1f377c2``)."""
    if value is None:
        return None
    s = str(value).strip()
    if not s or "*" in s or "＊" in s:
        return None
    s = _SEPARATORS.sub("", s).lower()
    if len(s) < 6 or len(set(s)) < 3:
        return None        # '000000', 'unknown'-like placeholders are not fingerprints
    if s in {"unknown", "null", "none", "undefined"}:
        return None
    return s


def normalise_ip(value) -> tuple[str | None, str]:
    """(normal form or None, why not). Only public addresses link cases: private, loopback and
    carrier-grade NAT addresses are shared by unrelated people."""
    if value is None or not str(value).strip():
        return None, "empty"
    s = str(value).strip()
    if is_masked(s):
        return None, "masked"
    try:
        ip = ipaddress.ip_address(s.strip("[]"))
    except ValueError:
        return None, "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global:
        return None, "not a public address (private, loopback, reserved or carrier-grade NAT)"
    return ip.compressed, ""


def normalise_terminal(value) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    if not s or "*" in s:
        return None
    return _SEPARATORS.sub("", s).upper()


def contradicts(a, b) -> bool:
    """True when two (possibly masked) values of the same length cannot be the same value:
    some position is visible in both and differs. Different lengths of unmasked digit strings
    also contradict. Used to establish *different* claimants, never the same one."""
    if not a or not b:
        return False
    sa, sb = _SEPARATORS.sub("", str(a)).upper(), _SEPARATORS.sub("", str(b)).upper()
    hidden = set(MASK_CHARS.upper())
    if len(sa) != len(sb):
        return not is_masked(sa) and not is_masked(sb)
    return any(x != y and x not in hidden and y not in hidden for x, y in zip(sa, sb))
