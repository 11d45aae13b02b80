"""What verify found, in Chinese: every problem is a code rendered through the catalogue, so the
Chinese listing, JSON and 'verification failed' stamp say what the English says, with no English
beyond file names, hashes and numbers."""

import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parents[1] / "report"))
from english import english_words            # noqa: E402

from forensics_app.store.problems import ACTIONS, META_KEYS, TABLES, TEMPLATES, Problem  # noqa: E402

SAMPLE = {"path": "docs/police_report.txt", "file": "out/results.json", "results": "out/results.json",
          "report": "out/report.pdf", "seq": 7, "next": 9, "head": "3fa9c0d2e4b1a7f6", "digest": "9b2e61aa0c3d4e5f",
          "action": "analysis", "table": "analyses", "key": "1", "n": 2, "newest": 3, "lr": "54",
          "population": "east_asian", "others": "1,000, 12", "recorded": "DEMO-PRINT-2020", "case": "GZIC-2019-DEMO"}


def sample(code: str) -> Problem:
    names = set(re.findall(r"\{(\w+)\}", TEMPLATES[code]))
    return Problem(code, **{k: SAMPLE[k] for k in names})


def test_the_detector_finds_english_in_a_planted_line():
    assert english_words("审计日志第 7 条 was altered: docs/x.txt 3fa9c0d2e4b1a7f6") == ["was", "altered"]


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_problem_code_has_chinese_with_the_same_parameters(code):
    p = sample(code)
    en, zh = p.text("en"), p.text("zh")
    assert en == str(p) and zh != en, code
    assert english_words(zh) == [], (code, zh)
    for k, v in p.params.items():          # the same file names, numbers and hashes in both
        if k not in ("action", "table"):
            assert str(v) in en and str(v) in zh, (code, k)


def test_workspace_words_are_chinese():
    shown = [Problem("record.altered", table=t, key="1", seq=3) for t in TABLES]
    shown += [Problem("record.altered", table="meta", key=k, seq=3) for k in META_KEYS]
    shown += [Problem("chain.altered", seq=3, action=a) for a in ACTIONS]
    for p in shown:
        assert english_words(p.text("zh")) == [], p.text("zh")


def test_an_unknown_action_is_quoted_as_found():
    p = Problem("chain.altered", seq=3, action="forged")
    assert "「forged」" in p.text("zh") and "(forged)" in p.text("en")


def _tamper(w):
    """Evidence changed and added, rows of four tables edited, results.json edited after export."""
    (w.case / "docs/police_report.txt").write_text("a forged receipt", "utf-8")
    (w.case / "docs/extra.txt").write_text("planted later", "utf-8")
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update analyses set run = run || ' '")
    con.execute("update cache set value = value || ' '")
    con.execute("update meta set value = '/elsewhere' where key = 'case_root'")
    con.execute("update calibrations set content = content || ' '")
    con.execute("insert into notes (target, text, created_at, author) values ('case', 'x', '2020', '')")
    con.close()
    res = w.tmp / "out/results.json"
    res.write_text(res.read_text("utf-8").replace("ID_LOST_BEFORE_USE", "NOTHING"), "utf-8")


def test_chinese_verify_listing_of_a_tampered_workspace_has_no_english(analysed):
    w = analysed
    _tamper(w)
    args = ["verify", w.case, "--results", w.tmp / "out/results.json", "--report", w.tmp / "out/report.pdf"]
    rc_en, out_en, _ = w.cli(*args)
    rc, out, err = w.cli(*args, "--lang", "zh")
    assert rc == rc_en == 1, err
    assert "发现问题" in out and "PROBLEMS FOUND" in out_en
    assert english_words(out) == [], out
    # the same problems, line for line, naming the same files
    assert len(out.splitlines()) == len(out_en.splitlines())
    for path in ("docs/police_report.txt", "docs/extra.txt", "results.json"):
        assert path in out and path in out_en
    rc, js, _ = w.cli(*args, "--lang", "zh", "--json")
    data = json.loads(js)
    codes = {p["code"] for p in data["problems"]}
    assert {"files.added", "files.modified", "record.altered", "record.unrecorded",
            "export.results_unknown"} <= codes, codes
    for p in data["problems"]:
        assert english_words(p["text"]) == [], p


def test_chinese_listing_of_a_broken_chain_has_no_english(analysed):
    w = analysed
    con = sqlite3.connect(w.ws / "workspace.sqlite", isolation_level=None)
    con.execute("update audit set ts = '2000-01-01' where seq = 2")
    con.execute("delete from audit where seq = 4")
    con.close()
    (w.ws / "AUDIT_HEAD").unlink()
    rc, out, _ = w.cli("verify", w.case, "--lang", "zh", "--results", w.tmp / "out/results.json")
    assert rc == 1
    assert "第 2 条" in out and "AUDIT_HEAD" in out and "审计链已断裂" in out
    assert english_words(out) == [], out


def _stamp(pdf: Path) -> list[str]:
    text = PdfReader(pdf).pages[0].extract_text()
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith(("核验未通过", "VERIFICATION FAILED")))
    return [x for x in lines[start:start + 6] if x.lstrip().startswith(("核验未通过", "VERIFICATION FAILED", "·"))]


def test_chinese_stamp_says_what_the_english_says(analysed):
    w = analysed
    _tamper(w)
    stamps = {}
    for lang in ("en", "zh"):
        rc, _, err = w.cli("report", w.case, "--out", w.tmp / f"r-{lang}.pdf", "--lang", lang, "--unverified-report")
        assert rc == 0, err
        stamps[lang] = _stamp(w.tmp / f"r-{lang}.pdf")
    assert len(stamps["zh"]) == len(stamps["en"]) == 5        # head, three reasons, "and N more"
    assert english_words("\n".join(stamps["zh"])) == [], stamps["zh"]
    assert "docs/extra.txt" in stamps["zh"][1] and "docs/extra.txt" in stamps["en"][1]
    assert re.search(r"\d+", stamps["zh"][-1]).group() == re.search(r"\d+", stamps["en"][-1]).group()


def test_a_problem_crosses_a_process_boundary_as_code_and_parameters():
    import pickle
    p = sample("record.altered")
    q = pickle.loads(pickle.dumps(p))
    assert (q, q.code, q.params, q.text("zh")) == (p, p.code, p.params, p.text("zh"))


def test_the_signature_check_speaks_chinese_too():
    from forensics_app.report.signing import SUMMARY, summary_text
    for code in SUMMARY:
        sig = {"summary_codes": [code], "summary_params": {"error": "ValueError"}}
        zh = summary_text(sig, "zh")
        assert zh != summary_text(sig, "en")
        assert english_words(zh, {"ValueError"}) == [], zh     # the error's class name stays
