"""The language the command line speaks, and argparse speaking it.

The CLI speaks the user's language: a command's ``--lang`` when it has one, else
``$FORENSICS_LANG`` (scripts and the test suite pin a language with it), else the ``language``
setting (default Chinese). Errors, progress, summaries and ``--help`` all follow it.

argparse builds its own words (``usage:``, ``options``, ``positional arguments``, its error
messages) through the module-level ``argparse._`` and ``argparse.ngettext`` at run time;
:func:`argparse_speaking` points them at our catalogue while the parser is built and used. The
message ids argparse uses are listed below so that ``tools/i18n.py`` keeps them in the catalogue.
"""

from __future__ import annotations

import argparse
import os
from contextlib import contextmanager

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Nn_, Translator, translator

ENV_LANG = "FORENSICS_LANG"

# argparse's own message ids (Python 3.11-3.13), translated in the catalogue.
ARGPARSE_MESSAGES = [
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"), N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"), N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
]
ARGPARSE_PLURALS = [Nn_("expected %s argument", "expected %s arguments")]

# Placeholders argparse prints for a value (``--out OUT``): the dest in capitals, or in Chinese a word.
METAVARS = {
    "CASE": N_("CASE"), "OUT": N_("OUT"), "DIR": N_("DIR"), "A": N_("A"), "B": N_("B"), "TEXT": N_("TEXT"),
    "KEY": N_("KEY"), "VALUE": N_("VALUE"), "FILE": N_("FILE"), "VAR": N_("VAR"),
    "WORKSPACE": N_("WORKSPACE"), "MAX_FILE_MB": N_("MAX_FILE_MB"), "MAX_MEGAPIXELS": N_("MAX_MEGAPIXELS"),
    "MAX_LOG_ROWS": N_("MAX_LOG_ROWS"), "MAX_XLSX_MB": N_("MAX_XLSX_MB"),
    "MAX_VIDEO_FRAMES": N_("MAX_VIDEO_FRAMES"), "POPULATION": N_("POPULATION"),
    "POPULATION_REASON": N_("POPULATION_REASON"), "PROTOCOL": N_("PROTOCOL"), "PAD_MODEL": N_("PAD_MODEL"),
    "SFACE_EVERY": N_("SFACE_EVERY"), "PDF": N_("PDF"), "TRUST": N_("TRUST"), "RESULTS": N_("RESULTS"),
    "REPORT": N_("REPORT"), "CASE_ID": N_("CASE_ID"), "ID_PHOTO": N_("ID_PHOTO"), "FRAMES": N_("FRAMES"),
    "VIDEO": N_("VIDEO"), "LOG": N_("LOG"), "DOCUMENT": N_("DOCUMENT"), "LANGUAGE": N_("LANGUAGE"),
    "TITLE": N_("TITLE"), "SIGN": N_("SIGN"), "NAME": N_("NAME"), "LIMITS": N_("LIMITS"),
    "TARGET": N_("TARGET"), "AUTHOR": N_("AUTHOR"), "CACHE": N_("CACHE"), "CASES_DIR": N_("CASES_DIR"),
    "WORKERS": N_("WORKERS"), "SCHEDULER": N_("SCHEDULER"), "TLS_CA": N_("TLS_CA"), "TLS_CERT": N_("TLS_CERT"),
    "TLS_KEY": N_("TLS_KEY"), "PORTFOLIO": N_("PORTFOLIO"), "EXPORT": N_("EXPORT"),
}


def _lang_in_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        else:
            continue
        if value in LANGUAGES:
            return value
    return None


def choose_language(argv: list[str]) -> str:
    """The command's ``--lang``, else ``$FORENSICS_LANG``, else the ``language`` setting (else zh).
    A settings file that cannot be read is reported by the command that reads it; the default
    language speaks meanwhile."""
    lang = _lang_in_argv(argv)
    if lang:
        return lang
    env = os.environ.get(ENV_LANG)
    if env in LANGUAGES:
        return env
    from .errors import ForensicsError
    from .settings import load as load_settings
    try:
        lang = load_settings().get("language")
    except (ForensicsError, OSError):
        return DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@contextmanager
def argparse_speaking(tr: Translator):
    """argparse's own words in ``tr``'s language while the block runs (restored after)."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = tr.gettext, tr.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def help_formatter(tr: Translator):
    """A help formatter (keeping our line breaks) whose value placeholders are in ``tr``'s language."""

    class Formatter(argparse.RawDescriptionHelpFormatter):
        def _get_default_metavar_for_optional(self, action):
            name = action.dest.upper()
            return tr.gettext(METAVARS[name]) if name in METAVARS else name

        def _get_default_metavar_for_positional(self, action):
            name = action.dest.upper()
            return tr.gettext(METAVARS[name]) if name in METAVARS else action.dest

    return Formatter


def cli_translator(argv: list[str]) -> Translator:
    return translator(choose_language(argv))
