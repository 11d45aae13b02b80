"""The catalogue: complete, compiled from its .po, and in step with the sources."""

import re
import sys

from helpers import ROOT

from forensics_app.i18n import LANGUAGES, DEFAULT_LANGUAGE, translator
from forensics_app.i18n.messages import MESSAGES, TERMS
import forensics_app.i18n.render as render_mod
from forensics_app.i18n.render import render, value_text

sys.path.insert(0, str(ROOT / "tools"))
import i18n as tool   # noqa: E402


def test_languages_declared_once_with_chinese_default():
    assert list(LANGUAGES) == ["zh", "en"] and DEFAULT_LANGUAGE == "zh"


def test_every_source_message_is_translated():
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in tool.extract() if m.id}
    po = tool.read(tool.po_path("zh"), "zh")
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id}
    assert extracted <= have, sorted(extracted - have)[:10]
    assert tool.missing("zh") == []


def test_compiled_catalogue_matches_the_po(tmp_path):
    import io
    from babel.messages.mofile import write_mo
    buf = io.BytesIO()
    write_mo(buf, tool.read(tool.po_path("zh"), "zh"), use_fuzzy=False)
    assert buf.getvalue() == tool.po_path("zh").with_suffix(".mo").read_bytes(), \
        "run: python tools/i18n.py compile"


def test_placeholders_survive_translation():
    zh = translator("zh")
    for code, template in MESSAGES.items():
        text = template if isinstance(template, str) else template[0]
        words = re.sub(r"\{[^}]*\}|case\.json", "", text)
        assert zh.gettext(text) != text or not any(c.isalpha() for c in words), code
    for vocab in TERMS.values():
        for word in vocab.values():
            assert zh.gettext(word) != word, word


def test_both_languages_use_the_same_parameters():
    """A translation that drops or adds a parameter says something else than the English."""
    zh = translator("zh")
    for code, template in MESSAGES.items():
        for text in ([template] if isinstance(template, str) else template):
            fields = set(re.findall(r"\{(\w+)[^}]*\}", text))
            assert set(re.findall(r"\{(\w+)[^}]*\}", zh.gettext(text))) == fields, code


def test_render_and_no_guessing():
    """Codes are rendered; text without a code is never translated by guessing a template: quoted
    data is marked and shown as given, uncoded text stays as written (so English stays visible)."""
    zh, en = translator("zh"), translator("en")
    assert render("ref.row", {"file": "logs/t.csv", "row": 3}, zh) == "logs/t.csv 第3行"
    assert render("ref.row", {"file": "logs/t.csv", "row": 3}, en) == "logs/t.csv row 3"
    assert render("LVC.gamut.threshold", {"stops": 2.5}, zh) == "人脸亮度范围小于2.5档"
    assert value_text({"quote": "Lab A, Shenzhen volunteers"}, zh) == "「Lab A, Shenzhen volunteers」"
    assert value_text({"quote": "深圳志愿者"}, zh) == "深圳志愿者"
    # once translated by template; now as written
    english = "LFW subset (x/y), after cleaning: 3 people, 4 photos. Pairs: photo against photo."
    assert value_text({"text": english}, zh) == english
    # a catalogue text (a progress step marked N_) is looked up exactly
    assert value_text({"text": "reading the case"}, zh) == zh.gettext("reading the case") != "reading the case"
    assert not hasattr(render_mod, "free_text") and not hasattr(render_mod, "text_template")
