"""One figure, one place (issue 15): for one pair of photos the reportable LR is the same in
results.json, in both editions of the report and from `compare`."""

import json
import shutil

import pytest
from pypdf import PdfReader

from helpers import DEMO, run_cli

from forensics_app.core.lr import format_lr


@pytest.fixture(scope="module")
def one_pair(tmp_path_factory):
    base = tmp_path_factory.mktemp("pair")
    case = base / "GZ"                      # the demo holds exactly one ID photo and one still
    shutil.copytree(DEMO, case)
    assert run_cli("analyze", case, "--out", base / "o", "-q").returncode == 0
    results = json.loads((base / "o" / "results.json").read_text("utf-8"))
    return case, base, results


def test_report_prints_the_results_lr(one_pair):
    case, base, results = one_pair
    lr = format_lr(results["face_comparison"]["likelihood_ratio"])
    assert run_cli("report", case, "--out", base / "en.pdf", "--lang", "en").returncode == 0
    for pdf, label in ((base / "o" / "report.pdf", "可报告的似然比："), (base / "en.pdf", "Reportable likelihood ratio: ")):
        text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
        assert label + lr in text


def test_compare_gives_the_same_reportable_lr(one_pair):
    case, _base, results = one_pair
    r = run_cli("compare", case / "id/id_photo.jpg", case / "stm/frames/0001.jpg", "--population",
                results["face_comparison"]["population"]["key"], "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["likelihood_ratio"] == pytest.approx(results["face_comparison"]["likelihood_ratio"])
