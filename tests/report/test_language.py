"""One language mechanism: the Chinese edition is Chinese, both editions keep to forensic wording.

Both demo cases, both languages. The detectors are tested on planted text first, so that a test
that passes is a test that could have failed.
"""

import copy
import re
import json
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent))
from english import ALLOWED, english_words            # noqa: E402
from helpers import ROOT, run_cli                      # noqa: E402
from wording import forbidden_phrases                  # noqa: E402

from forensics_app.report import build_report          # noqa: E402
from forensics_app.i18n import translator              # noqa: E402
from forensics_app.i18n.render import value_text       # noqa: E402

CASES = ["guangzhou-2019", "print-attack-video"]


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    out = {}
    for name in CASES:
        base = tmp_path_factory.mktemp(name)
        case = base / name
        shutil.copytree(ROOT / "sample_cases" / name, case)
        r = run_cli("analyze", case, "--out", base / "out", "-q", "--no-report")
        assert r.returncode == 0, r.stderr
        out[name] = (case, json.loads((base / "out" / "results.json").read_text("utf-8")))
    return out


def _pdf_text(results, case, tmp_path, lang, name="r.pdf"):
    pdf = build_report(results, tmp_path / name, lang=lang, case_root=case)
    return "\n".join(p.extract_text() for p in PdfReader(pdf).pages)


def test_the_allow_list_is_short():
    assert len(ALLOWED) <= 25


def test_every_chinese_catalogue_entry_passes_the_english_check():
    """Whatever the catalogue can print in Chinese (not just what the demo cases show) holds no
    English beyond the allow-list: an entry left in English, or a name the list does not give, fails."""
    import re as _re
    sys.path.insert(0, str(ROOT / "tools"))
    import i18n as tool
    bad = []
    placeholders = r"\{[^}]*\}|%\(\w+\)[sr]|%[sr]"      # str.format's and argparse's %-format's
    for m in tool.read(tool.po_path("zh"), "zh"):
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            if m.id and english_words(_re.sub(placeholders, " ", text)):
                bad.append((text[:80], english_words(_re.sub(placeholders, " ", text))))
    assert bad == []


def test_english_detector_catches_planted_english():
    assert english_words("身份证于2019-10-18报失。The card was not under her control.") == [
        "The", "card", "was", "not", "under", "her", "control"]
    assert english_words("一致 stm/frames/0001.jpg 「encoder=Lavf62」 SHA-256 ab12cd34ef56ab12 STM-TH-0032 LR") == []
    assert english_words("forensics-app analyze CASE_FOLDER --out OUT --lang zh\n“forensics-app verify”会核对") == []
    assert english_words("forensics-app analyze the card was used\nbash was run") == [
        "the", "card", "was", "used", "bash", "was", "run"]


@pytest.mark.parametrize("name", CASES)
def test_chinese_edition_has_no_english(analysed, tmp_path, name):
    case, results = analysed[name]
    text = _pdf_text(results, case, tmp_path, "zh")
    assert "司法鉴定" in text
    assert english_words(text, {results["case_id"]}) == []


def test_english_left_in_a_chinese_report_is_caught(analysed, tmp_path):
    case, results = analysed["print-attack-video"]
    planted = copy.deepcopy(results)
    planted["liveness"]["cues"][0]["meaning"] = "the subject blinked twice, which a print cannot do"
    planted["liveness"]["cues"][0].pop("meaning_msg", None)    # else the report renders the message
    text = _pdf_text(planted, case, tmp_path, "zh")
    assert {"subject", "blinked", "twice"} <= set(english_words(text, {results["case_id"]}))


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_severity_or_ultimate_issue_wording(analysed, tmp_path, name, lang):
    case, results = analysed[name]
    text = _pdf_text(results, case, tmp_path, lang)
    assert forbidden_phrases(text, lang) == []


@pytest.mark.parametrize("lang,phrase", [
    ("en", "The chain does not establish that the claimant was the person at the terminal."),
    ("en", "The card was not under the claimant's control when it was used."),
    ("en", "[critical] ID_LOST_BEFORE_USE"),
    ("en", "No gap was found in the checks that could be evaluated."),
    ("zh", "现有证据链不能证明当事人即为终端前办理业务之人。"),
    ("zh", "使用时证件不在权利人控制之下。"),
    ("zh", "严重程度"),
    ("zh", "整个流程中没有由当事人本人控制的独立因素。"),
    ("en", "Verbal equivalent: no support for either proposition for Hp (the card holder)."),
    ("zh", "言辞等级：不支持任一命题，支持Hp（持卡人）。"),
    ("zh", "采集到的人很可能是持卡人本人。"),
])
def test_planted_wording_is_caught_in_both_languages(analysed, tmp_path, lang, phrase):
    case, results = analysed["guangzhou-2019"]
    planted = copy.deepcopy(results)
    planted["summary"]["statements"].append({"text": phrase})
    text = _pdf_text(planted, case, tmp_path, lang)
    assert forbidden_phrases(text, lang), phrase


@pytest.mark.parametrize("name", CASES)
def test_reportable_lr_is_one_figure(analysed, tmp_path, name):
    """The LR printed as reportable is results face_comparison.likelihood_ratio, in both editions."""
    from forensics_app.core.lr import format_lr
    case, results = analysed[name]
    value = results["face_comparison"]["likelihood_ratio"]
    for lang, label in (("en", "Reportable likelihood ratio: "), ("zh", "可报告的似然比：")):
        text = _pdf_text(results, case, tmp_path, lang).replace("\n", "")
        if value is None:           # withheld (the Guangzhou demo: a reproduction of the ID photo)
            assert label not in text
        else:
            assert label + format_lr(value) in text


def test_cli_progress_speaks_the_report_language(tmp_path):
    """The progress line of `analyze` is rendered from the pipeline's message codes in the run's
    language: Chinese for --lang zh (no English word), English for --lang en (so the check can fail)."""
    case = tmp_path / "case"
    shutil.copytree(ROOT / "sample_cases" / "guangzhou-2019", case)
    lines, out = {}, {}
    for lang in ("zh", "en"):
        r = run_cli("analyze", case, "--out", tmp_path / f"out-{lang}", "--no-report", "--lang", lang)
        assert r.returncode == 0, r.stderr
        lines[lang] = [x.split("]", 1)[-1].strip() for x in re.split(r"[\r\n]", r.stderr) if x.strip()]
        out[lang] = r.stdout
    assert "结果：" in out["zh"] and english_words(out["zh"]) == [], out["zh"]   # the summary too
    assert english_words(out["en"])
    assert len(lines["zh"]) >= 3 and "分析完成" in lines["zh"]
    assert [(x, english_words(x)) for x in lines["zh"] if english_words(x)] == []
    assert "analysis done" in lines["en"] and any(english_words(x) for x in lines["en"])


def _sentences(node, where=""):
    """English prose in a results subtree: strings of three or more words, outside quoted data and a
    model's own statement of its training data (copied from its descriptor, as its licence is)."""
    out = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in ("quote", "training_data"):
                out += _sentences(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _sentences(v, f"{where}[{i}]")
    elif isinstance(node, str) and re.search(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}", node):
        out.append((where, node[:60]))
    return out


@pytest.mark.parametrize("name", CASES)
def test_results_carry_codes_not_sentences(analysed, name):
    """What the stages conclude is in results as codes and values, rendered in the reader's
    language: the liveness verdict's reasons and cues, the authenticity checks and traces, why a
    frame was not compared."""
    _case, r = analysed[name]
    tr = translator(r["language"])
    cues = []
    for q in r["liveness"].get("cues", []):     # meaning/threshold: the message's text in the case's language
        for k in ("meaning", "threshold"):
            if f"{k}_msg" in q:
                assert q[k] == value_text(q[f"{k}_msg"], tr), (q["name"], k)
        cues.append({k: v for k, v in q.items() if f"{k}_msg" not in q})
    assert any("meaning_msg" in q for q in r["liveness"].get("cues", []))
    parts = {"liveness.reasons": r["liveness"].get("reasons"), "liveness.cues": cues,
             "authenticity.checks": r["authenticity"].get("checks"),
             "authenticity.suspicious": r["authenticity"].get("suspicious"),
             "authenticity.not_done": [{"code": c} for c in r["authenticity"].get("not_done", [])],
             "face_comparison.per_frame.reasons": [f.get("reasons") for f in r["face_comparison"]["per_frame"]]}
    assert [s for k, v in parts.items() for s in _sentences(v, k)] == []
    assert _sentences({"cues": [{"meaning": "the subject blinked twice"}]}) != []      # the check can fail


def _with_calibrations(results, cals: dict) -> dict:
    """The results as if the face comparison had used these calibrations (one per algorithm): what
    the report's population line, validation summary, limitations and calibration annex print."""
    from forensics_app.core import caldesc
    from forensics_app.core.facesummary import calibration_block, validation_block
    r = copy.deepcopy(results)
    fc = r["face_comparison"]
    for a in fc["algorithms"]:
        a["calibration"], a["validation"] = calibration_block(cals[a["algorithm"]]), validation_block(cals[a["algorithm"]])
    prim = cals[fc["primary"]]
    fc["calibration"] = calibration_block(prim) | {
        "chosen_by": fc["calibration"].get("chosen_by"),
        "metrics_held_out": {k: v for k, v in validation_block(prim).items() if k != "curves"}}
    fc["population"] |= {"name": prim.population, "name_msg": caldesc.describe(prim, "population")}
    r["propositions"]["Hd"]["params"]["population"] = caldesc.describe(prim, "population")
    return r


@pytest.mark.parametrize("population", ["general", "general_vendor_fmr_1e-4", "east_asian"])
def test_every_shipped_calibrations_annex_is_chinese(analysed, tmp_path, population):
    """The validation summary, limitations and calibration annex for shipped calibrations the demo
    cases do not use (the Western one with its warning, another vendor level, no vendor check)."""
    from forensics_app.io import calibrations
    case, results = analysed["guangzhou-2019"]
    r = _with_calibrations(results, calibrations.for_population(population))
    text = _pdf_text(r, case, tmp_path, "zh")
    assert "验证摘要" in text and "所用校准的验证图" in text
    assert english_words(text, {results["case_id"]}) == []
    if population.startswith("general"):
        assert "以西方成年人为主" in text.replace("\n", "")     # the population is named in Chinese


def _lab_calibrations(tmp_path, monkeypatch) -> dict:
    from importlib.resources import files
    from forensics_app.core import caldesc
    from forensics_app.io import calibrations
    monkeypatch.setenv("FORENSICS_CALIBRATIONS", str(tmp_path / "cals"))
    (tmp_path / "cals").mkdir()
    for alg in ("sface", "dlib"):
        raw = json.loads((files("forensics_app") / f"data/calibrations/{alg}_chip_east_asian.json").read_text("utf-8"))
        raw |= {"name": f"{alg}_chip_lab7", "population_key": "lab7"} | caldesc.lab(
            alg, "chip", "Shenzhen branch volunteers", "daylight only", "/lab/photos", 9, 30, 0)
        (tmp_path / "cals" / f"{alg}_chip_lab7.json").write_text(json.dumps(raw), encoding="utf-8")
    return calibrations.for_population("lab7")


def test_a_lab_calibration_is_quoted_and_not_described_as_ours(analysed, tmp_path, monkeypatch):
    """A lab's own calibration: its population and limits printed in the lab's words inside 「」
    (in Hd, the validation summary and the limitations), never as the shipped calibrations' public
    figures' web photos; everything around them Chinese."""
    case, results = analysed["guangzhou-2019"]
    r = _with_calibrations(results, _lab_calibrations(tmp_path, monkeypatch))
    raw = _pdf_text(r, case, tmp_path, "zh")
    text = raw.replace("\n", "")
    assert text.count("「Shenzhen branch volunteers」") >= 2      # Hd and the validation summary
    assert "「daylight only」" in text and "公众人物的网络照片" not in text
    assert english_words(raw, {results["case_id"]}) == []
    en = _pdf_text(r, case, tmp_path, "en", "en.pdf").replace("\n", " ")
    assert "Shenzhen branch volunteers" in en and "public figures' web photos" not in en


def test_english_planted_in_the_calibration_annex_is_caught(analysed, tmp_path):
    """English left in a calibration's description (a message replaced by uncoded text) shows in the
    Chinese validation summary and the check catches it."""
    case, results = analysed["guangzhou-2019"]
    planted = copy.deepcopy(results)
    planted["face_comparison"]["calibration"]["limits_msg"] = {"text": "faces of volunteers in daylight"}
    text = _pdf_text(planted, case, tmp_path, "zh")
    assert {"faces", "volunteers", "daylight"} <= set(english_words(text, {results["case_id"]}))


# the triage vocabulary (results' severity, shown on the desk and by `analyze`, never in the court
# edition): the only catalogue entries allowed to carry a severity word
TRIAGE_LABELS = {"critical", "major"}


def test_no_catalogue_entry_uses_forbidden_wording():
    """Every entry of the catalogue, in both languages, not only what the demo cases print: no
    ultimate-issue or transposed-conditional wording, no 'no support ... for Hp'."""
    sys.path.insert(0, str(ROOT / "tools"))
    import i18n as tool
    bad = []
    for m in tool.read(tool.po_path("zh"), "zh"):
        if not m.id or m.id in TRIAGE_LABELS:
            continue
        for lang, texts in (("en", m.id), ("zh", m.string)):
            for text in (texts if isinstance(texts, tuple) else (texts,)):
                if forbidden_phrases(text, lang):
                    bad.append((lang, text[:80], forbidden_phrases(text, lang)))
    assert bad == []


def test_no_support_names_no_favoured_proposition():
    """An LR between 1/2 and 2 is no support for either proposition: no message then names a
    proposition as favoured (it would read 'no support for either proposition for Hp'). The band and
    the proposition it favours reach every sentence as one phrase, ``{support}`` (core.propositions.support),
    which says no more than "no support for either proposition" in that band."""
    from forensics_app.core.lr import verbal_band
    from forensics_app.core.propositions import support
    from forensics_app.i18n.messages import MESSAGES
    from forensics_app.i18n.render import render
    both = [k for k, v in MESSAGES.items() if isinstance(v, str) and "{band}" in v and "{favours}" in v]
    assert both == ["support.for"], both          # no other template pairs a band with a proposition
    codes = [k for k, v in MESSAGES.items() if isinstance(v, str) and "{support}" in v]
    assert len(codes) >= 4
    for code in codes:
        fields = set(re.findall(r"\{(\w+)", MESSAGES[code]))
        for lang in ("en", "zh"):
            tr = translator(lang)
            for lr in (1.0, 1.9, 1 / 1.9):
                params = {f: "x" for f in fields} | {"support": support(verbal_band(lr))}
                text = render(code, params, tr)
                assert "Hp" not in text and "Hd" not in text and forbidden_phrases(text, lang) == [], (code, text)
            text = render(code, {f: "x" for f in fields} | {"support": support(verbal_band(50))}, tr)
            assert "Hp" in text, (code, text)
