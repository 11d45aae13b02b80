"""The desk's words in the chosen language, from the app's one gettext catalogue
(:mod:`forensics_app.i18n`): ``tr("English")`` gives the text to show, ``term(vocab, code)`` the
catalogue's word for a code (an event type, an evidence role, a rule status ...).

Every string the desk shows goes through these; the language is set once with
:func:`set_language` and every panel redraws (``retranslate``) when it changes.
"""

from __future__ import annotations

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, translator  # noqa: F401  (N_ re-exported for the panels)
from ..i18n.render import progress_text, term_text, value_text

_lang = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _lang
    _lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    return _lang


def tr(en: str) -> str:
    return translator(_lang).gettext(en)


def ntr(singular: str, plural: str, n: int) -> str:
    """A count in words ("{n} link" / "{n} links"), ``{n}`` filled in."""
    return translator(_lang).ngettext(singular, plural, n).format(n=n)


def message(m) -> str:
    """A progress message (catalogue message, term or plain name) in the desk's language."""
    return progress_text(m, translator(_lang))


def shown(value) -> str:
    """A value from results as the desk shows it: a message or term rendered in the desk's
    language, a number as it is, a plain text as written (never translated by guess)."""
    return value_text(value, translator(_lang)) if not isinstance(value, str) else value


def term(vocab: str, code) -> str:
    return term_text(vocab, code, translator(_lang))
