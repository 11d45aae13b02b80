"""Calibrations and models describe themselves in catalogue codes, and say the same in both languages.

A shipped calibration's English text (what its file has always said) is exactly its message rendered
in English, so the Chinese the report prints is a translation of that message and not of a guessed
template. An installed (lab) calibration's population and limits are the examiner's own words:
quoted as given, whatever codes the file claims.
"""

import json
import re
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from forensics_app.core import caldesc
from forensics_app.i18n import translator
from forensics_app.i18n.messages import MESSAGES
from forensics_app.i18n.render import value_text
from forensics_app.io import calibrations

sys.path.insert(0, str(Path(__file__).parents[1] / "report"))
from english import english_words            # noqa: E402

ZH, EN = translator("zh"), translator("en")


def _codes(m) -> list[str]:
    if isinstance(m, dict) and "code" in m:
        return [m["code"]] + [c for v in m.get("params", {}).values() for c in _codes(v)]
    return []


@pytest.mark.parametrize("name", calibrations.SHIPPED)
def test_shipped_description_is_its_message(name):
    raw = json.loads((files("forensics_app") / f"data/calibrations/{name}.json").read_text("utf-8"))
    cal = calibrations.load(name)
    for f in caldesc.FIELDS:
        m = raw[f + "_msg"]
        assert all(c in MESSAGES for c in _codes(m)), (name, f)
        assert caldesc.english(m) == raw[f], (name, f)       # the English text is the message's
        assert getattr(cal, f + "_msg") == m                # a shipped file's messages are used as they are
        zh = value_text(m, ZH)
        assert zh != raw[f] and english_words(zh) == [], (name, f, zh)
    assert "SFace" in raw["population"] or not raw["vendor_fmr"]   # the vendor stand-in is named


def test_shipped_descriptions_match_what_the_fitting_tool_writes():
    """tools/fit_face_calibrations.py builds the description with caldesc.shipped: the same messages."""
    for name in calibrations.SHIPPED:
        raw = json.loads((files("forensics_app") / f"data/calibrations/{name}.json").read_text("utf-8"))
        pop = raw["population_key"].split("_vendor_fmr_")[0]
        p = raw["source_msg"]["params"]
        made = caldesc.shipped(pop, raw["algorithm"], raw["protocol"], raw["vendor_fmr"], p["people"], p["photos"])
        assert {k: raw[k] for k in made} == made, name


def test_a_lab_calibration_quotes_the_examiners_words():
    d = caldesc.lab("sface", "chip", "Shenzhen volunteers, 2024", "only adults", "/data/lab photos", 12, 40, 1)
    assert d["population"] == "Shenzhen volunteers, 2024" and d["limits"] == "only adults"
    assert value_text(d["population_msg"], ZH) == "「Shenzhen volunteers, 2024」"
    assert value_text(d["limits_msg"], ZH) == "「only adults」"
    src = value_text(d["source_msg"], ZH)
    assert src.startswith("「/data/lab photos」：12人，40张照片（跳过1张）") and english_words(src) == []
    assert d["source"] == ("/data/lab photos: 12 people, 40 photos (1 skipped). Pairs: a simulated chip photo "
                           "(102x126, JPEG, blur) of one photo against a different photo of the person (or of "
                           "another person).")
    none = caldesc.lab("dlib", "chip", "lab1", "", "d", 4, 8, 0)
    assert none["limits"] == "" and value_text(none["limits_msg"], ZH) == "拟合该校准的实验室未注明"


def test_an_installed_file_cannot_borrow_the_shipped_words(tmp_path, monkeypatch):
    """A lab file that claims the shipped East Asian population code is shown with its own text,
    quoted: an installed file is anyone's, the catalogue's words are the shipped calibrations'."""
    monkeypatch.setenv("FORENSICS_CALIBRATIONS", str(tmp_path))
    raw = json.loads((files("forensics_app") / "data/calibrations/sface_chip_east_asian.json").read_text("utf-8"))
    raw |= {"name": "sface_chip_lab9", "population": "our volunteers", "limits": "",
            "source_msg": {"code": "CAL.source.shipped", "params": {}}}
    (tmp_path / "sface_chip_lab9.json").write_text(json.dumps(raw), encoding="utf-8")
    cal = calibrations.load("sface_chip_lab9")
    assert cal.origin == "installed"
    assert cal.population_msg == {"quote": "our volunteers"}
    assert cal.limits_msg == {"code": "CAL.limits.not_stated", "params": {}}
    assert cal.source_msg == {"quote": raw["source"]}            # not a message calibrate writes
    assert cal.score_msg == {"code": "CAL.score.sface", "params": {}}


def test_a_calibration_without_messages_is_quoted_not_guessed():
    """A file fitted before the messages existed: its text shown as written, quoted in Chinese."""
    old = {"population": "East Asian adults (Chinese, Japanese, Korean public figures)"}
    assert value_text(caldesc.describe(old, "population"), ZH) == f"「{old['population']}」"


@pytest.mark.parametrize("code", [c for c in MESSAGES if c.startswith(("LIC.", "CAL."))])
def test_every_description_code_is_chinese(code):
    zh = ZH.gettext(MESSAGES[code])
    assert zh != MESSAGES[code] and english_words(re.sub(r"\{[^}]*\}", " ", zh)) == [], (code, zh)
