"""A refused case keeps why as catalogue templates (message_parts), so the Chinese portfolio report
and view say it in Chinese; the English ``message`` stays as recorded."""

import json
import re
import shutil
import sys
from pathlib import Path

from helpers import DEMO, ROOT

from forensics_app.batch.portfolio import build
from forensics_app.batch.records import CaseSpec, TaskRecord
from forensics_app.batch.task import process_case
from forensics_app.core.portfolio_model import Portfolio, PortfolioCase
from forensics_app.i18n import translator
from forensics_app.pipeline import Options
from forensics_app.report.portfolio_text import case_message

sys.path.insert(0, str(ROOT / "tests" / "report"))
from english import english_words  # noqa: E402


def _refused(tmp_path: Path, name: str, breaker) -> tuple[CaseSpec, TaskRecord]:
    case = tmp_path / "cases" / name
    shutil.copytree(DEMO, case)
    breaker(case)
    spec = CaseSpec(key=name, path=str(case), case_id=None, out_dir=str(tmp_path / "out" / "cases" / name))
    return spec, process_case(spec, Options(), reports=False)


def test_a_refused_case_reads_in_the_portfolio_language(tmp_path):
    def bad_json(case):
        (case / "case.json").write_text('{"case_id": ', "utf-8")

    def outside(case):
        m = json.loads((case / "case.json").read_text("utf-8"))
        next(e for e in m["evidence"] if e["role"] == "id_photo")["path"] = "../elsewhere/id.jpg"
        (case / "case.json").write_text(json.dumps(m, ensure_ascii=False), "utf-8")

    specs, records = [], {}
    for name, breaker in (("badjson", bad_json), ("outside", outside)):
        spec, rec = _refused(tmp_path, name, breaker)
        assert rec.status == "refused" and rec.parts, rec
        specs.append(spec)
        records[spec.key] = rec
    portfolio = Portfolio.from_json(json.loads(build(specs, records).text()))      # through the file's JSON
    for c in portfolio.cases:
        en, zh = case_message(c, translator("en")), case_message(c, translator("zh"))
        assert en == c.message                                      # the English is the recorded message
        assert re.search(r"[\u4e00-\u9fff]", zh) and english_words(zh) == [], zh
        assert english_words(en), en                                # the check can fail
    # a message recorded without templates (an older portfolio) is quoted as recorded
    old = PortfolioCase(case_id=None, path="c", status="refused", results_sha256=None,
                        message="c/case.json: not valid JSON")
    assert case_message(old, translator("zh")) == "「c/case.json: not valid JSON」"
