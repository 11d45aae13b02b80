"""The desk's words in the chosen language: ``tr("English")`` gives the text to show.

Every string the desk shows goes through :func:`tr`; the language is set once with
:func:`set_language` and every panel redraws (``retranslate``) when it changes.
"""

from __future__ import annotations

from .strings_zh import ZH

_lang = "en"


def set_language(lang: str) -> None:
    global _lang
    _lang = lang if lang in ("zh", "en") else "en"


def language() -> str:
    return _lang


def tr(en: str) -> str:
    return ZH.get(en, en) if _lang == "zh" else en
