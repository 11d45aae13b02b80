"""One language mechanism for the whole app: gettext catalogues.

Results carry codes and parameters; the report, the CLI and the GUI render them at display time
in the chosen language through :func:`translator`. The message ids are the English texts (so
English needs no catalogue); ``locale/zh/LC_MESSAGES/forensics.po`` holds the Chinese, compiled
to ``forensics.mo`` (``python tools/i18n.py compile``; ``extract`` refreshes the template from
the sources). The languages are declared here and nowhere else.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

DOMAIN = "forensics"
LOCALEDIR = Path(__file__).parent / "locale"
# The languages the app speaks, in menu order; the first is the default (our users read Chinese).
LANGUAGES: dict[str, str] = {"zh": "中文", "en": "English"}
DEFAULT_LANGUAGE = "zh"
SOURCE_LANGUAGE = "en"   # the language of the message ids


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it here (translated where shown)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for the catalogue."""
    return singular, plural


@dataclass(frozen=True)
class Translator:
    lang: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]

    def _(self, message: str) -> str:
        return self.gettext(message)

    @property
    def list_sep(self) -> str:
        return "、" if self.lang == "zh" else ", "

    @property
    def colon(self) -> str:
        return "：" if self.lang == "zh" else ": "

    def join(self, items) -> str:
        return self.list_sep.join(str(x) for x in items)


def check_language(lang: str | None) -> str:
    lang = lang or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; the app speaks {', '.join(LANGUAGES)}")
    return lang


@lru_cache(maxsize=None)
def translator(lang: str | None = None) -> Translator:
    """The catalogue for ``lang``: ``tr.gettext`` (alias ``tr._``) and ``tr.ngettext``."""
    lang = check_language(lang)
    if lang == SOURCE_LANGUAGE:
        t: gettext.NullTranslations = gettext.NullTranslations()
    else:
        # fallback=False: a missing catalogue is a packaging defect, never a silent English report
        t = gettext.translation(DOMAIN, LOCALEDIR, languages=[lang], fallback=False)
    return Translator(lang, t.gettext, t.ngettext)
