"""Errors the user can act on: each names the file and the problem, in the user's language.

Every error the app raises on purpose derives from :class:`ForensicsError`, so a caller (the CLI,
the GUI worker) can tell "expected, explain it in one line" from "a bug, show the traceback":

- :class:`InputError`   bad evidence, manifest, settings or argument; the CLI prints ``path: problem``
  and exits 2.
- :class:`Cancelled`    the user cancelled a long task (progress protocol's ``cancel()`` said so).
- :class:`ModelError`   a model file (PAD ONNX, calibration, face model) is missing, unreadable or
  does not match its recorded hash.
- :class:`CacheError`   a cached stage result cannot be used (corrupt or of another format).

The problem is a catalogue template (its English text is the message id, marked ``N_`` where it
is raised so ``tools/i18n.py`` extracts it) plus parameters, rendered when it is shown::

    raise InputError(path, N_("cannot read the image ({reason})"), reason=quoted(exc.strerror))
    exc.text("zh")        # "photo.jpg: 无法读取图像（「Permission denied」）"
    exc.message, str(exc) # English, for logs and existing callers

Parameter values are rendered by :func:`forensics_app.i18n.render.value_text`: numbers, paths and
names stay as they are (a format spec such as ``{size:.1f}`` works on a number), ``quoted(x)``
marks quoted evidence (an OS or library error text, a value as the file carries it: 「」 in
Chinese), ``literal(x)`` a value as typed (``'x'`` in English, 「x」 in Chinese),
``phrase(N_("..."), **params)`` a nested catalogue text, ``per_language(fn)`` a text another
catalogue renders (``fn(lang)``), ``term``/``msg`` of i18n.render a term
or a nested code. A template without parameters is shown as it is (no braces to escape).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .i18n import N_


def quoted(value) -> dict:
    """A parameter shown as delivered (an OS error text, a field's value): 「」 in Chinese."""
    return {"quote": "" if value is None else str(value)}


def literal(value) -> dict:
    """A value as the user typed or the file holds it: ``repr`` in English ('x'), 「x」 in Chinese."""
    return {"repr": value}


def phrase(message: str, /, **params) -> dict:
    """A parameter that is itself a catalogue text, with its own parameters (mark it ``N_``)."""
    return {"tmpl": message, "params": params}


def per_language(text_in) -> dict:
    """A parameter already rendered by its own catalogue (a verification problem): ``text_in(lang)``
    for every language the app speaks, the shown one picked at display time."""
    from .i18n import LANGUAGES
    return {"lang": {lang: text_in(lang) for lang in LANGUAGES}}


def _plain(v):
    """A parameter as JSON (a refused case stores its error for the portfolio's language)."""
    if isinstance(v, Path):
        return str(v)
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _show(v, tr):
    from .i18n.render import value_text
    if isinstance(v, dict) and "tmpl" in v:
        return render_template(v["tmpl"], v.get("params"), tr)
    if isinstance(v, dict) and "lang" in v:
        texts = v["lang"]
        return texts.get(tr.lang) or texts.get("en") or ""
    if isinstance(v, dict) and "repr" in v:
        x = v["repr"]
        if tr.lang == "en" or x is None or isinstance(x, (bool, int, float)):
            return repr(x)
        return f"「{x}」"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v                      # keeps format specs ({size:.1f}); digits read the same in zh
    return value_text(v, tr)


def render_template(template: str, params: dict | None, tr) -> str:
    """``template`` (an English message id) in ``tr``'s language with ``params`` filled in."""
    text = tr.gettext(template) if template else ""
    if not params:
        return text
    return text.format(**{k: _show(v, tr) for k, v in params.items()})


def message_part(template: str, /, path=None, **params) -> dict:
    """A message as data (template, params, path), to render later in the reader's language."""
    return {"template": template, "params": {k: _plain(v) for k, v in params.items()}} | (
        {"path": str(path)} if path is not None else {})


def render_message(part: dict, tr) -> str:
    """A :func:`message_part` (or an error's :meth:`ForensicsError.to_dict`) in ``tr``'s language."""
    text = render_template(part.get("template") or "", part.get("params"), tr)
    return f"{part['path']}: {text}" if part.get("path") else text


class ForensicsError(Exception):
    """Base of every error the app raises on purpose. ``message`` is one line for the user (English);
    :meth:`text` / :meth:`render` give it in another language."""

    def __init__(self, message: str = "", /, **params: Any):
        self.template = message
        self.params = {k: _plain(v) for k, v in params.items()}
        super().__init__(self.message)

    def problem_text(self, tr) -> str:
        return render_template(self.template, self.params, tr)

    def render(self, tr) -> str:
        """The whole line in ``tr``'s language (a :class:`forensics_app.i18n.Translator`)."""
        return self.problem_text(tr)

    def text(self, lang: str | None = "en") -> str:
        from .i18n import translator
        return self.render(translator(lang))

    @property
    def message(self) -> str:
        return self.text("en")

    def to_dict(self) -> dict:
        """The error as data (kind, template, params, path), to render later in another language."""
        return {"kind": type(self).__name__, "path": getattr(self, "path", None),
                "template": self.template, "params": dict(self.params)}

    @staticmethod
    def from_dict(d: dict) -> "ForensicsError":
        cls = {c.__name__: c for c in (ForensicsError, InputError, ModelError, Cancelled, CacheError)}.get(
            d.get("kind"), InputError)
        params = d.get("params") or {}
        if issubclass(cls, InputError):
            return cls(d.get("path"), d.get("template") or "", **params)
        return cls(d.get("template") or "", **params)

    def part(self) -> dict:
        """The error as a :func:`message_part` (what a batch records for a refused case)."""
        return message_part(self.template, getattr(self, "path", None), **self.params)

    def __reduce__(self):        # crosses process boundaries (the desk's analysis child, batch workers)
        return (_rebuild, (type(self), dict(self.__dict__)))


def _rebuild(cls, state: dict) -> ForensicsError:
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    Exception.__init__(exc, exc.message)
    return exc


class InputError(ForensicsError):
    """Bad evidence or bad manifest. The CLI prints ``path: problem`` and exits 2."""

    def __init__(self, path: str | Path | None, problem: str, /, **params: Any):
        self.path = str(path) if path is not None else None
        super().__init__(problem, **params)

    @property
    def problem(self) -> str:
        """The problem in English (without the path)."""
        from .i18n import translator
        return self.problem_text(translator("en"))

    def render(self, tr) -> str:
        problem = self.problem_text(tr)
        return f"{self.path}: {problem}" if self.path else problem


class ModelError(InputError):
    """A model (or its descriptor/calibration) is missing, unreadable or not the recorded one.

    An InputError, so it reaches the user as ``path: problem`` with exit 2."""


class Cancelled(ForensicsError):
    """Raised inside a long task when the user cancelled it."""

    def __init__(self, message: str = N_("cancelled"), /, **params: Any):
        super().__init__(message, **params)


class CacheError(ForensicsError):
    """A cached stage result cannot be used; the runner recomputes the stage."""
