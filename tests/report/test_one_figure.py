"""One figure, one place (issue 15): for one pair of photos the reportable LR is the same in
results.json, in both editions of the report and from `compare`."""

import json
import shutil

import pytest
from pypdf import PdfReader

from helpers import DEMO, run_cli


@pytest.fixture(scope="module")
def one_pair(tmp_path_factory):
    base = tmp_path_factory.mktemp("pair")
    case = base / "GZ"                      # the demo holds exactly one ID photo and one still
    shutil.copytree(DEMO, case)
    assert run_cli("analyze", case, "--out", base / "o", "-q").returncode == 0
    results = json.loads((base / "o" / "results.json").read_text("utf-8"))
    return case, base, results


def test_report_prints_the_results_lr(one_pair):
    """The demo's still is made from the ID photo itself: results withhold the LR (possible
    reproduction of the ID photo), and neither edition prints one as reportable."""
    case, base, results = one_pair
    fc = results["face_comparison"]
    assert fc["status"] == "reproduction_suspected" and fc["likelihood_ratio"] is None
    assert fc["reference_reproduction"]["suspected"]
    assert run_cli("report", case, "--out", base / "en.pdf", "--lang", "en").returncode == 0
    for pdf, label, withheld in (
            (base / "o" / "report.pdf", "可报告的似然比", "不给出似然比：采集的人脸可能是证件照的复制。"),
            (base / "en.pdf", "Reportable likelihood ratio", "No likelihood ratio is given: the captured face may be a "
                                                            "reproduction of the ID photo.")):
        text = "".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", "")
        assert label not in text and withheld in text


def test_compare_gives_the_same_reportable_lr(one_pair):
    case, _base, results = one_pair
    r = run_cli("compare", case / "id/id_photo.jpg", case / "stm/frames/0001.jpg", "--population",
                results["face_comparison"]["population"]["key"], "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["likelihood_ratio"] == results["face_comparison"]["likelihood_ratio"]
    assert out["status"] == results["face_comparison"]["status"]
