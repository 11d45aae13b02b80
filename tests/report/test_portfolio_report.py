"""The portfolio PDF: masked by default, observations taken only from results whose hash matches."""

import hashlib
import json
import shutil

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
                 "method": {"face": {"reachable": False, "note": "the threshold 10^6.1 is above the highest LR"}}}
    (out / "portfolio.json").write_text(json.dumps(portfolio))
    return out, observations(demo_results)


def text_of(pdf):
    return "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)


def test_masked_by_default_and_full_on_request(make_out):
    out, _ = make_out
    masked = text_of(build_portfolio_report(out / "portfolio.json", out / "p.pdf"))
    assert "13900001111" not in masked and "139****1111" in masked
    full = text_of(build_portfolio_report(out / "portfolio.json", out / "full.pdf", mask=False))
    assert "13900001111" in full and "UNMASKED" in full


def test_observations_only_from_matching_results_and_unreachable_face_links_stated(make_out):
    out, obs = make_out
    import re
    m = re.search(r"face LR [\d,./]+ \([a-z]", obs)          # the reportable LR with its verbal band
    assert "ID_LOST_BEFORE_USE" in obs and m, obs
    text = text_of(build_portfolio_report(out / "portfolio.json", out / "p.pdf")).replace("\n", " ")
    assert "ID_LOST_BEFORE_USE" in text and m.group(0)[:-3] in text
    assert text.count("ID_LOST_BEFORE_USE") == 1                   # case B's hash matches no results file
    assert "FACE LINKS NOT DECIDED" in text and "not valid JSON" in text
