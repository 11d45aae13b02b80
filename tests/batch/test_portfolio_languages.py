"""The Chinese portfolio report says everything in Chinese (names, hashes, case ids and quoted
evidence aside), and the same as the English one. Built from a real batch output with every kind
of link and of case message: a refused case (two kinds of InputError), a case whose worker died,
two folders with one case_id."""

import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from portfolio_backlog import analysed_portfolio

from forensics_app.core.portfolio_model import Portfolio
from forensics_app.i18n import translator
from forensics_app.report.portfolio import build_portfolio_report
from forensics_app.report.portfolio_text import case_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from english import english_words  # noqa: E402

# What the portfolio may show in Latin letters beyond english.py's rules (names, paths, hashes,
# identifiers, acronyms, quoted evidence), each with its reason:
ALLOWED = {
    "KilledWorker",      # the name of Dask's exception, cited in a failed case's message
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return analysed_portfolio(tmp_path_factory.mktemp("langs"))


def text_of(pdf):
    return "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)


def test_the_backlog_has_every_kind_of_link_and_message(out):
    p = Portfolio.from_text((out / "portfolio.json").read_bytes())
    assert {l.kind.value for l in p.links} == {"face", "phone", "terminal"}
    assert any(l.is_id_photo_link for l in p.links) and any(not l.is_id_photo_link for l in p.links if l.kind == "face")
    with_parts = {c.path for c in p.cases if c.message_parts}
    assert {"refused", "corrupt", "killed", "c0", "sub/c0-again"} <= with_parts
    # the English message is the templates rendered in English, part by part
    en = translator("en")
    for c in p.cases:
        if c.message_parts:
            assert case_message(c, en) == c.message


def test_every_case_message_has_chinese(out):
    """A template without a catalogue entry would be shown as quoted English: none may be."""
    zh = translator("zh")
    p = Portfolio.from_text((out / "portfolio.json").read_bytes())
    missing = sorted({m.template for c in p.cases for m in c.message_parts or [] if zh.gettext(m.template) == m.template})
    assert missing == []


def test_the_chinese_report_has_no_english_and_says_what_the_english_says(out):
    zh = text_of(build_portfolio_report(out / "portfolio.json", out / "zh.pdf"))
    en = text_of(build_portfolio_report(out / "portfolio.json", out / "en.pdf", lang="en"))
    assert "案件汇总" in zh and "拒收" in zh and "工作进程" in zh
    assert english_words(zh, ALLOWED) == []
    assert english_words("案件 the worker died", ALLOWED) == ["the", "worker", "died"]   # the check can fail
    assert "the worker process analysing this case died" in en


def test_each_text_states_the_same_figures_in_both_languages(out):
    """Item by item (each rule, link value, evidence line, observation, case message): the same
    numbers in the Chinese and the English text."""
    from forensics_app.report.portfolio import results_by_sha
    from forensics_app.report.portfolio_text import (case_message, evidence_text, face_rule, link_value,
                                                     observations, other_rules)

    p = Portfolio.from_text((out / "portfolio.json").read_bytes())
    results = results_by_sha(out)

    def texts(tr):
        items = face_rule(p.method.face, tr) + other_rules(p.method, tr)
        items += [f(link, tr) for link in p.links for f in (link_value, evidence_text)]
        items += [observations(results.get(c.results_sha256 or ""), tr) for c in p.cases]
        return items + [case_message(c, tr) for c in p.cases]
    zh, en = texts(translator("zh")), texts(translator("en"))
    assert len(zh) == len(en) > 60
    for a, b in zip(zh, en):
        assert numbers(a) == numbers(b), (a, b)


def numbers(text: str) -> list[str]:
    return sorted(re.findall(r"\d+(?:[.,]\d+)*", text))
