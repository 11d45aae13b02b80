"""Keep the gettext catalogue in step with the sources (Babel's extractor and compiler).

    python tools/i18n.py update     # merge the sources' messages into every language's .po (new ids untranslated)
    python tools/i18n.py compile    # .po -> .mo (committed, so the app needs no build step)
    python tools/i18n.py missing    # list untranslated or fuzzy ids; exit 1 if any

Message ids are the English texts; ``N_`` marks a text for the catalogue where it is defined and
``_``/``gettext``/``ngettext`` (the desk: ``tr``) where it is shown.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "forensics_app"
LOCALES = PKG / "i18n" / "locale"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "Nn_": (1, 2), "tr": None, "ntr": (1, 2)}   # tr, ntr: the desk
METHOD_MAP = [("**.py", "python")]


def languages() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from forensics_app.i18n import LANGUAGES, SOURCE_LANGUAGE
    return [x for x in LANGUAGES if x != SOURCE_LANGUAGE]


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "forensics.po"


def extract() -> Catalog:
    cat = Catalog(project="forensics-app", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PKG), method_map=METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        cat.add(message, None, [(f"forensics_app/{filename}", lineno)], auto_comments=comments, context=context)
    return cat


def write(cat: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        # no line numbers, no dates: the file changes only when a message or a translation does
        write_po(f, cat, width=100, omit_header=False, sort_output=False, include_previous=False,
                 include_lineno=False)


def read(path: Path, lang: str | None = None) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f, locale=lang)


def update() -> None:
    template = extract()
    for lang in languages():
        p = po_path(lang)
        cat = read(p, lang) if p.exists() else Catalog(locale=lang, project="forensics-app", charset="utf-8")
        cat.update(template, no_fuzzy_matching=True)
        cat.obsolete.clear()
        cat.creation_date = cat.revision_date = FIXED_DATE
        cat.last_translator = cat.language_team = "forensics-app developers (see docs/glossary.md)"
        write(cat, p)


def compile_all() -> None:
    for lang in languages():
        cat = read(po_path(lang), lang)
        with open(po_path(lang).with_suffix(".mo"), "wb") as f:
            write_mo(f, cat, use_fuzzy=False)


def missing(lang: str) -> list[str]:
    cat = read(po_path(lang), lang)
    return [m.id if isinstance(m.id, str) else m.id[0] for m in cat
            if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)]


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "missing"
    if cmd == "update":
        update()
    elif cmd == "compile":
        compile_all()
    elif cmd == "missing":
        bad = {lang: missing(lang) for lang in languages()}
        for lang, ids in bad.items():
            for i in ids:
                print(f"{lang}: {i}")
        return 1 if any(bad.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
