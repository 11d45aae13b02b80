"""The portfolio PDF: masked by default, observations taken only from results whose hash matches."""

import json
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import DEMO

from forensics_app.core.hashing import analysis_digest
from forensics_app.report.portfolio import build_portfolio_report, observations


@pytest.fixture(scope="module")
def demo_results(tmp_path_factory):
    """The demo case analysed once by the one orchestrator (a real, schema-valid results.json)."""
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import run
    from forensics_app.store.workspace import Workspace

    base = tmp_path_factory.mktemp("pf")
    shutil.copytree(DEMO, base / "case")
    case = load_case(base / "case")
    return run(case, Workspace.open(case, base / "ws"))


@pytest.fixture
def make_out(tmp_path, demo_results):
    from forensics_app.pipeline import write_results

    out = tmp_path / "out"
    text = write_results(demo_results, out / "cases" / "A").read_bytes()
    sha = analysis_digest(text)         # the portfolio's results_sha256: without the audit_head line
    portfolio = {"format": "forensics-portfolio/1",
                 "cases": [{"case_id": "A", "path": "a", "status": "analysed", "results_sha256": sha, "message": ""},
                           {"case_id": "B", "path": "b", "status": "analysed", "results_sha256": "0" * 64,
                            "message": ""},
                           {"case_id": None, "path": "c", "status": "refused", "results_sha256": None,
                            "message": "c/case.json: not valid JSON"}],
                 "links": [{"kind": "phone", "case_ids": ["A", "B"], "value": "13900001111",
                            "evidence": [{"case_id": "A", "path": "a", "source": "logs/tx.csv row 3",
                                          "raw": "+86 139 0000 1111"}], "strength": None}],
                 "method": {"terminal_window_minutes": 10, "values": "as the batch says", "terminal_rule": "idem",
                            "strength": "idem", "results_sha256": "idem",
                            "face": {"reachable": False, "comparisons": 15_000_000, "fmr_per_comparison": 3.333e-10,
                                     "expected_false_links_at_most": 0.01, "calibration": "sface_photo_east_asian",
                                     "fmr_table": {"log10_fmr_floor": -8.0, "n_people": 87, "n_pairs": 104869,
                                                   "name": "sface_photo_east_asian", "population": "east_asian",
                                                   "protocol": "photo", "source": "test", "anchor_fmr": 0.001,
                                                   "anchor_score": 0.6, "tail_scale": 0.03, "made_by": "test"},
                                     "note": "15000000 comparisons need a false-match rate of 3.3e-10 per comparison"}}}
    (out / "portfolio.json").write_text(json.dumps(portfolio))
    return out, observations(demo_results)


def text_of(pdf):
    return "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)


def test_masked_by_default_and_full_on_request(make_out):
    out, _ = make_out
    masked = text_of(build_portfolio_report(out / "portfolio.json", out / "p.pdf", lang="en"))
    assert "13900001111" not in masked and "139****1111" in masked
    full = text_of(build_portfolio_report(out / "portfolio.json", out / "full.pdf", mask=False, lang="en"))
    assert "13900001111" in full and "UNMASKED" in full


def test_observations_only_from_matching_results_and_unreachable_face_links_stated(make_out):
    out, obs = make_out
    import re
    # the reportable LR with its verbal band, or (the demo: a reproduction of its ID photo) why there is none
    m = re.search(r"face LR [\d,./]+ \([a-z]|face: compared, no likelihood ratio \(", obs)
    lost = "ID loss report and the later identity events"         # the raised rule ID_LOST_BEFORE_USE, by its title
    assert lost in obs and m, obs
    text = text_of(build_portfolio_report(out / "portfolio.json", out / "p.pdf", lang="en")).replace("\n", " ")
    assert lost in text and m.group(0)[:-3] in text
    assert text.count(lost) == 1                                   # case B's hash matches no results file
    assert "FACE LINKS NOT DECIDED" in text and "not valid JSON" in text
    assert "15000000 comparisons" in text and "about 577 cases" in text


def test_chinese_edition_says_the_same_masked_by_default(make_out):
    """Chinese is the default: no English beyond the allowed names, the same numbers as the English."""
    import re
    sys.path.insert(0, str(Path(__file__).parent))
    from english import english_words
    out, _ = make_out
    zh = text_of(build_portfolio_report(out / "portfolio.json", out / "zh.pdf"))
    en = text_of(build_portfolio_report(out / "portfolio.json", out / "en.pdf", lang="en"))
    assert "人脸关联未判定" in zh and "案件汇总" in zh
    assert "13900001111" not in zh and "139****1111" in zh
    assert english_words(zh, {"portfolio"}) == []     # "portfolio" of portfolio.anchors.json (a file name)
    nums = lambda t: sorted(re.findall(r"\d+(?:\.\d+)?", re.sub(r"[0-9a-f]{64}", "", t.replace("\n", ""))))
    assert nums(zh) == nums(en)
    assert PdfReader(str(out / "zh.pdf")).metadata["/Keywords"].startswith("portfolio_sha256=")
