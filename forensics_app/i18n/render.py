"""Render a code with its parameters in one language.

A parameter value is shown as it is (numbers, file names, hashes, quoted evidence), except:
- a term ``{"term": VOCAB, "value": KEY}`` becomes the catalogue's word for KEY (an event type,
  an attack species, a verbal band ...);
- a nested message ``{"code": CODE, "params": {...}}`` is rendered first (optional clauses);
- a list is rendered item by item and joined the way the language joins lists.
"""

from __future__ import annotations

import re

from . import Translator
from .messages import MESSAGES, TERMS


def term(vocab: str, value) -> dict:
    return {"term": vocab, "value": value}


def msg(code: str, **params) -> dict:
    return {"code": code, "params": params}


def term_text(vocab: str, value, tr: Translator) -> str:
    words = TERMS.get(vocab, {})
    if value in words:
        return tr.gettext(words[value])
    return "" if value is None else str(value)


# The variable parts of free text: a quoted name, a file path, a number (not one inside an
# identifier such as SN2019 or x264).
_NUMBER = re.compile(r"(?<!\w)'[^']*'(?!\w)|\b[\w.-]+/[\w./#-]+|(?<![\w.])\d+(?:\.\d+)*")
# Quoted evidence: metadata tags as the file carries them ("encoder=Lavf62; handler_name=...").
_TAGS = re.compile(r"^[\w.: -]+=[^;]*(?:; [\w.: -]+=[^;]*)*$")


UNTRANSLATED: set[str] = set()   # free-text templates met without a catalogue entry (for a translator to add)


def text_template(text: str) -> tuple[str, list[str]]:
    """Free text as a catalogue template: quoted names, paths and numbers become {0}, {1} ...
    (braces escaped)."""
    nums: list[str] = []

    def sub(m):
        nums.append(m.group(0))
        return "{%d}" % (len(nums) - 1)
    return _NUMBER.sub(sub, text.replace("{", "{{").replace("}", "}}")), nums


def free_text(text, tr: Translator) -> str:
    """English text written by a stage that does not yet give codes (cue meanings, check results).

    Translated through the catalogue with its numbers as parameters, so "12.3 ms" and "45.6 ms"
    share one entry; text with no entry stays as it is (and the English-in-Chinese test fails).
    """
    if text is None:
        return "—"
    text = str(text)
    if tr.lang == "en" or not text:
        return text
    if _TAGS.match(text):
        return f"「{text}」"
    template, nums = text_template(text)
    out = tr.gettext(template)
    if out == template:
        if re.search(r"[A-Za-z]{2}", re.sub(r"\{\d+\}", "", template)):
            UNTRANSLATED.add(template)
        return text
    return out.format(*nums)


def quote(v, tr: Translator) -> str:
    """Case data quoted as delivered (a vendor's name, a log header): marked 「」 in Chinese."""
    v = "" if v is None else str(v)
    return f"「{v}」" if tr.lang == "zh" and re.search(r"[A-Za-z]", v) else v


def value_text(v, tr: Translator) -> str:
    if isinstance(v, dict) and "quote" in v:
        return quote(v["quote"], tr)
    if isinstance(v, dict) and "text" in v:
        return free_text(v["text"], tr)
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
    return text.format(**shown)
