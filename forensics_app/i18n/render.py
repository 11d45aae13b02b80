"""Render a code with its parameters in one language.

A parameter value is shown as it is (numbers, file names, hashes, quoted evidence), except:
- a term ``{"term": VOCAB, "value": KEY}`` becomes the catalogue's word for KEY (an event type,
  an attack species, a verbal band ...);
- a nested message ``{"code": CODE, "params": {...}}`` is rendered first (optional clauses);
- a list is rendered item by item and joined the way the language joins lists;
- quoted case data ``{"quote": ...}`` (a vendor's name, a lab's own description of its calibration)
  is shown as given, marked 「」 in Chinese;
- text without parameters ``{"text": ...}`` (a progress step marked ``N_``, a log reader's reason) is
  looked up in the catalogue as it is, exactly; a text the catalogue does not hold is shown as
  written, unmarked, so that English left in a Chinese edition stays visible to its tests.
Nothing is translated by guessing at a template.
"""

from __future__ import annotations

import re

from . import N_, Translator, translator
from .messages import MESSAGES, TERMS


def term(vocab: str, value) -> dict:
    return {"term": vocab, "value": value}


def msg(code: str, **params) -> dict:
    return {"code": code, "params": params}


def figure(x, spec: str = ".4f"):
    """A message parameter for a figure: the number formatted, or "not measured" in the reader's
    language where there is none (an unknown threshold printed as 0.0000 would read as measured)."""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return format(x, spec)
    return {"text": N_("not measured")}


def term_text(vocab: str, value, tr: Translator) -> str:
    words = TERMS.get(vocab, {})
    if value in words:
        return tr.gettext(words[value])
    return "" if value is None else str(value)


def quote(v, tr: Translator) -> str:
    """Case data quoted as delivered (a vendor's name, a log header): marked 「」 in Chinese."""
    v = "" if v is None else str(v)
    return f"「{v}」" if tr.lang == "zh" and re.search(r"[A-Za-z]", v) else v


def value_text(v, tr: Translator) -> str:
    if isinstance(v, dict) and "quote" in v:
        return quote(v["quote"], tr)
    if isinstance(v, dict) and "text" in v:
        return tr.gettext(str(v["text"]))   # a catalogue text (N_) looked up exactly; any other text as written
    if isinstance(v, dict) and "term" in v:
        return term_text(v["term"], v.get("value"), tr)
    if isinstance(v, dict) and "code" in v:
        return render(v["code"], v.get("params") or {}, tr)
    if isinstance(v, (list, tuple)):
        sep = "；" if tr.lang == "zh" and any(isinstance(x, dict) and "code" in x for x in v) else (
            "; " if any(isinstance(x, dict) and "code" in x for x in v) else tr.list_sep)
        return sep.join(value_text(x, tr) for x in v)
    if v is None:
        return "—"
    return str(v)


# a verbal band joined to the proposition it favours, in either order ("{band} for {favours}",
# "对{favours}的{band}"): the join is dropped when the band is no support for either proposition
_BAND_FOR = re.compile(r"\{band\}[^{}]*?\{favours\}|[^{}\s（(，,：:;；]*\{favours\}[^{}]*?\{band\}")


def verbal_text(text: str, band) -> str:
    """A template that names a verbal band and the proposition it favours, for a band: an LR between
    1/2 and 2 is no support for either proposition, so no proposition is named as favoured (it would
    read 'no support for either proposition for Hp')."""
    return _BAND_FOR.sub("{band}", text) if band == "no_support" else text


def progress_text(message, tr: Translator) -> str:
    """A progress message (``progress(fraction, message)``) in ``tr``'s language: a catalogue
    message or term rendered, plain text (a name) as it is."""
    if not message:
        return ""
    return message if isinstance(message, str) else value_text(message, tr)


def render(code: str, params: dict | None, tr: Translator) -> str:
    """The text of ``code`` in ``tr``'s language. Unknown codes raise KeyError (a defect)."""
    template = MESSAGES[code]
    params = params or {}
    shown = {k: value_text(v, tr) for k, v in params.items()}
    if isinstance(template, tuple):
        n = params.get("n", 0)
        text = tr.ngettext(template[0], template[1], n if isinstance(n, int) else 0)
    else:
        text = tr.gettext(template)
    band = params.get("band")
    if isinstance(band, dict) and band.get("term") == "band":
        text = verbal_text(text, band.get("value"))
    return text.format(**shown)


def english(v) -> str:
    """A value's English text (the catalogue's message ids are English): what a record keeps beside
    its message for readers without the catalogue."""
    return value_text(v, translator("en"))
