"""`reproduce`: the other side re-runs an export without the examiner's workspace (expert finding 8).

They hold the case folder and the report (or results.json), not the workspace: `verify` cannot
help them, `reproduce` re-analyses in a temporary workspace and compares the analysis digest
(results.json without its audit_head anchor)."""

import json
import shutil

from helpers import run_cli, tree_hashes


def _analyse(case, out, *extra):
    r = run_cli("analyze", case, "--out", out, "-q", *extra)
    assert r.returncode == 0, r.stderr
    return out


def _reproduce(case, export, *extra):
    r = run_cli("reproduce", case, export, "--json", *extra)
    rep = json.loads(r.stdout) if r.stdout.strip().startswith("{") else None
    return r.returncode, rep, r.stderr


def test_an_export_reproduces_on_a_copy_without_the_workspace_and_a_changed_figure_is_named(demo_case, tmp_path):
    out = _analyse(demo_case, tmp_path / "out", "--no-mask")
    # the other side's copy of the case: no workspace beside it
    theirs = tmp_path / "theirs" / demo_case.name
    shutil.copytree(demo_case, theirs)
    assert not (theirs.parent / f"{theirs.name}.forensics").exists()
    before = tree_hashes(theirs)

    code, rep, err = _reproduce(theirs, out / "results.json")
    assert code == 0 and rep["reproduced"], (err, rep)
    code, rep, err = _reproduce(theirs, out / "report.pdf")          # the results attached to the report
    assert code == 0 and rep["reproduced"] and rep["attachment"] == "results.json", (err, rep)
    assert tree_hashes(theirs) == before                              # evidence only read
    assert not (theirs.parent / f"{theirs.name}.forensics").exists()  # no workspace left behind

    # a party edits a figure of the face comparison in results.json (written as the app writes it):
    # the re-run names it
    from forensics_app.core.hashing import results_text
    res = json.loads((out / "results.json").read_text("utf-8"))
    assert isinstance(res["face_comparison"]["median_distance"], float)
    res["face_comparison"]["median_distance"] *= 1.5
    edited = tmp_path / "edited.json"
    edited.write_text(results_text(res), "utf-8")
    code, rep, err = _reproduce(theirs, edited)
    assert code == 1 and not rep["reproduced"], (err, rep)
    assert [d["path"] for d in rep["differences"]] == ["face_comparison.median_distance"], rep["differences"]


def test_a_masked_report_reproduces_through_its_masked_attachment(demo_case, tmp_path):
    out = _analyse(demo_case, tmp_path / "out")                       # masked by default
    code, rep, err = _reproduce(demo_case, out / "report.pdf", "--workspace", tmp_path / "unused")
    assert code == 0 and rep["reproduced"] and rep["attachment"] == "results.masked.json", (err, rep)


def test_reproduce_refuses_what_is_not_an_export_in_one_line(demo_case, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("not json", "utf-8")
    r = run_cli("reproduce", demo_case, bad)
    assert r.returncode == 2 and "Traceback" not in r.stderr and str(bad) in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_verify_lists_the_other_analyses_and_notes_a_superseded_export(demo_case, tmp_path):
    """The examiner re-analyses with another population after issuing a report: the earlier report
    still verifies (re-analysing is legitimate), but verify lists both analyses and notes that the
    report is not the newest and that the other analysis gives another LR."""
    first = _analyse(demo_case, tmp_path / "first", "--no-mask")
    second = _analyse(demo_case, tmp_path / "second", "--no-mask", "--population", "east_asian",
                      "--population-reason", "the bank declares no face-check threshold (test)")
    lr1 = json.loads((first / "results.json").read_text("utf-8"))["face_comparison"]["likelihood_ratio"]
    lr2 = json.loads((second / "results.json").read_text("utf-8"))["face_comparison"]["likelihood_ratio"]
    r = run_cli("verify", demo_case, "--json", "--results", first / "results.json", "--report", first / "report.pdf")
    rep = json.loads(r.stdout)
    assert r.returncode == 0 and rep["ok"], r.stdout
    assert len(rep["analyses"]) == 2
    codes = [n["code"] for n in rep["notices"]]
    assert "notice.superseded" in codes, rep["notices"]
    if lr1 != lr2:
        assert "notice.other_lrs" in codes, rep["notices"]
    r = run_cli("verify", demo_case, "--json", "--results", second / "results.json")
    assert not any(n["code"] == "notice.superseded" for n in json.loads(r.stdout)["notices"])
    r = run_cli("verify", demo_case, "--results", first / "results.json", "--lang", "zh")
    assert "不是本案最新的分析" in r.stdout and "工作区中有本案的2次分析" in r.stdout, r.stdout


def test_verify_names_an_export_of_another_case_instead_of_calling_it_tampering(demo_case, tmp_path):
    out = _analyse(demo_case, tmp_path / "out", "--no-mask")
    res = json.loads((out / "results.json").read_text("utf-8"))
    other = tmp_path / "other.json"
    from forensics_app.core.hashing import results_text
    other.write_text(results_text(res | {"case_id": "ANOTHER-CASE"}), "utf-8")
    r = run_cli("verify", demo_case, "--json", "--results", other)
    rep = json.loads(r.stdout)
    assert r.returncode == 1, r.stdout
    codes = [p["code"] for p in rep["problems"]]
    assert codes == ["export.other_case"], codes
    assert all(a["population"] for a in rep["analyses"]), rep["analyses"]   # the population the analysis used
