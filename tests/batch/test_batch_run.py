"""Whole batches on real Dask clusters (slow: each run starts worker processes)."""

import json
import os
from pathlib import Path

import pytest

from helpers import run_cli, tree_hashes

from forensics_app.batch import run_batch
from forensics_app.pipeline import Options

pytestmark = pytest.mark.slow


def statuses(portfolio):
    return {c["path"]: c["status"] for c in portfolio["cases"]}


@pytest.fixture(scope="module")
def first_run(backlog, tmp_path_factory):
    before = tree_hashes(backlog)
    out = tmp_path_factory.mktemp("run1") / "out"
    r = run_cli("batch", backlog, "--out", out, "--workers", "1", "--no-reports")
    assert r.returncode == 0, r.stderr
    assert tree_hashes(backlog) == before            # evidence never written to
    return out, r


def test_refused_and_corrupt_cases_are_reported_and_the_rest_completes(first_run):
    out, r = first_run
    p = json.loads((out / "portfolio.json").read_text())
    assert p["format"] == "forensics-portfolio/1"
    st = statuses(p)
    assert {k: v for k, v in st.items() if k not in ("refused", "corrupt")} == dict.fromkeys(
        ["c0", "c1", "c2", "c3", "sub/c0-again"], "analysed")
    assert st["refused"] == "refused" and st["corrupt"] in ("refused", "failed")
    msgs = {c["path"]: c["message"] for c in p["cases"]}
    assert "../c0/id/id_photo.jpg" in msgs["refused"]
    assert "0001.jpg" in msgs["corrupt"]
    from forensics_app.i18n import translator
    from forensics_app.core.portfolio_model import PortfolioCase
    from forensics_app.report.portfolio_text import case_message
    for c in p["cases"]:      # a message (refusal, failure, note) also as catalogue templates, for the reader's language
        assert {"case_id", "path", "status", "results_sha256", "message"} <= set(c) <= {
            "case_id", "path", "status", "results_sha256", "message", "message_parts"}
        if c["status"] == "refused" or "never merged" in c["message"]:
            assert "message_parts" in c, c
        if "message_parts" in c:
            assert case_message(PortfolioCase.from_json(c), translator("en")) == c["message"]
        if c["status"] == "analysed":
            assert len(c["results_sha256"]) == 64
    # both folders with case_id C000 are reported, each with its own outputs
    dup = [c for c in p["cases"] if c["case_id"] == "C000"]
    assert len(dup) == 2 and all("never merged" in c["message"] for c in dup)
    assert len({c["path"] for c in dup}) == 2
    assert "refused" in r.stdout and "analysed 5" in r.stdout
    assert "dashboard http://127.0.0.1:" in r.stderr             # Dask's dashboard (bokeh), on the loopback


def test_links_of_the_small_backlog(first_run):
    out, _ = first_run
    p = json.loads((out / "portfolio.json").read_text())
    phone = [l for l in p["links"] if l["kind"] == "phone"]
    assert [l["case_ids"] for l in phone] == [["C000", "C001"]]
    assert all(set(l) == {"kind", "case_ids", "value", "evidence", "strength"} for l in p["links"])
    # one public-domain face in every case: one face group of all four case_ids
    groups = [l for l in p["links"] if l["kind"] == "face" and "id_photo_case" not in l["evidence"][0]]
    assert [g["case_ids"] for g in groups] == [["C000", "C001", "C002", "C003"]]
    face = p["method"]["face"]
    assert groups[0]["strength"] > 1 and face["fmr_table"]["name"] == "sface_photo_east_asian"
    assert all(ev["median_score"] <= face["score_threshold"] for ev in groups[0]["evidence"])


def test_rerun_skips_unchanged_cases_and_gives_the_same_portfolio(first_run, backlog):
    out, _ = first_run
    before = (out / "portfolio.json").read_bytes()
    pids = {d.name: json.loads((d / "batch.json").read_text()).get("pid") for d in (out / "cases").iterdir()}
    p = run_batch(backlog, out, Options(), workers=1, reports=False)
    assert (out / "portfolio.json").read_bytes() == before == p.text().encode()
    after = {d.name: json.loads((d / "batch.json").read_text()).get("pid") for d in (out / "cases").iterdir()}
    assert after == pids                              # nothing analysed again
    assert statuses(p.to_json())["c0"] == "analysed"


def test_same_portfolio_with_two_workers_and_with_a_scheduler_address(first_run, backlog, tmp_path):
    from distributed import LocalCluster

    out1, _ = first_run
    ref = (out1 / "portfolio.json").read_bytes()
    run_batch(backlog, tmp_path / "w2", Options(), workers=2, reports=False)
    assert (tmp_path / "w2" / "portfolio.json").read_bytes() == ref          # byte for byte
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        r = run_cli("batch", backlog, "--out", tmp_path / "sch", "--scheduler", cluster.scheduler_address)
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "sch" / "portfolio.json").read_bytes() == ref
    # ...while each run's results.json files carry their own workspace's anchor, recorded apart
    a1 = json.loads((out1 / "portfolio.anchors.json").read_text())
    a2 = json.loads((tmp_path / "w2" / "portfolio.anchors.json").read_text())
    assert [c["path"] for c in a1["cases"]] == [c["path"] for c in a2["cases"]]
    assert all(x["audit_head"] != y["audit_head"] for x, y in zip(a1["cases"], a2["cases"]))
    # with reports: each analysed case's masked report and the masked portfolio report
    assert (tmp_path / "sch" / "portfolio.pdf").is_file() and "(masked)" in r.stdout
    reports = sorted((tmp_path / "sch" / "cases").glob("*/report.pdf"))
    assert len(reports) == 5
    v = run_cli("verify-portfolio", tmp_path / "sch", "--pdf", tmp_path / "sch" / "portfolio.pdf")
    assert v.returncode == 0, v.stdout + v.stderr
    assert "checked 5 analysed cases" in v.stdout and "OK" in v.stdout
    # the other run's portfolio report is not this folder's: same portfolio.json, so it matches too
    # (the PDF anchors the portfolio); a workspace swapped in from another run does not
    import shutil
    shutil.rmtree(tmp_path / "sch" / "cases" / "C001" / "workspace")
    shutil.copytree(tmp_path / "w2" / "cases" / "C001" / "workspace", tmp_path / "sch" / "cases" / "C001" / "workspace")
    v = run_cli("verify-portfolio", tmp_path / "sch")
    assert v.returncode == 1 and "case c1 results.json: its audit_head" in v.stdout, v.stdout


def test_verify_portfolio_finds_edited_results_and_portfolio(first_run, tmp_path):
    import shutil
    out = tmp_path / "copy"
    shutil.copytree(first_run[0], out)
    assert run_cli("verify-portfolio", out).returncode == 0
    res = out / "cases" / "C002" / "results.json"
    from forensics_app.core.hashing import results_text
    data = json.loads(res.read_text())
    data["findings"] = []                               # a party drops the findings, keeps the anchor
    res.write_text(results_text(data))
    (out / "portfolio.json").write_text((out / "portfolio.json").read_text().replace('"C003"', '"C009"'))
    v = run_cli("verify-portfolio", out)
    assert v.returncode == 1
    assert "case c2: results.json's analysis digest" in v.stdout
    assert "the portfolio was changed after the batch wrote it" in v.stdout
    (out / ".broken-on-purpose").touch()                # the suite's schema check skips this copy
    p = json.loads((out / "portfolio.json").read_text())
    p["cases"][0]["verified"] = True                    # a key the batch never writes
    (out / "portfolio.json").write_text(json.dumps(p))
    v = run_cli("verify-portfolio", out)
    assert v.returncode == 1 and "portfolio.json: not as the batch writes it" in v.stdout, v.stdout
    assert "unknown key(s) 'verified'" in v.stdout and "Traceback" not in v.stderr
    r = run_cli("verify-portfolio", tmp_path / "nowhere")
    assert r.returncode == 2 and "portfolio.json" in r.stderr and "Traceback" not in r.stderr


class KillOnStart:
    """Worker plugin: the worker process dies when it starts a chosen case's task
    (once, marked by a file, or every time)."""

    def __init__(self, prefixes_once, prefixes_always, marker_dir):
        self.once, self.always, self.marker_dir = prefixes_once, prefixes_always, marker_dir

    def setup(self, worker):
        pass

    def teardown(self, worker):
        pass

    def transition(self, key, start, finish, **kw):
        if finish != "executing" or not isinstance(key, str):
            return
        if any(key.startswith(p) for p in self.always):
            os._exit(1)
        for p in self.once:
            marker = Path(self.marker_dir) / p
            if key.startswith(p) and not marker.exists():
                marker.write_text("killed")
                os._exit(1)


def test_a_killed_worker_leaves_the_rest_complete(backlog, tmp_path):
    import cloudpickle
    import dask
    from distributed import Client, LocalCluster
    from distributed.diagnostics.plugin import WorkerPlugin
    from forensics_app.batch import task_key
    import sys

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    plugin = type("KillPlugin", (KillOnStart, WorkerPlugin), {})(
        [task_key("c1", "")[:-1]], [task_key("c2", "")[:-1]], str(tmp_path))
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            client.register_plugin(plugin)
            p = run_batch(backlog, tmp_path / "out", Options(), scheduler=cluster.scheduler_address,
                          reports=False).to_json()
    st = statuses(p)
    assert (tmp_path / task_key("c1", "")[:-1]).exists()         # c1's worker was killed once...
    assert st["c1"] == "analysed"                                # ...and the case retried to the end
    assert st["c2"] == "failed"                                  # killed every time: reported, not fatal
    msg = next(c["message"] for c in p["cases"] if c["path"] == "c2")
    assert "worker process analysing this case died" in msg
    assert all(st[k] == "analysed" for k in ("c0", "c3", "sub/c0-again"))


def test_a_case_finished_before_its_worker_died_is_read_from_its_outputs(first_run, backlog, tmp_path):
    """A worker can write a case's outputs and die before the scheduler collects the result: the
    client then takes the record from disk (never counting that death against the case), but only
    when batch.json, results.json and the link data agree for these inputs and options."""
    import shutil
    from dataclasses import replace

    from forensics_app.batch.records import CaseSpec
    from forensics_app.batch.task import finished_record

    out, _ = first_run
    folder, done = next((b.parent, json.loads(b.read_text())) for b in sorted((out / "cases").glob("*/batch.json"))
                        if json.loads(b.read_text())["status"] == "analysed")
    case_out = tmp_path / "case"
    shutil.copytree(folder, case_out)
    spec = CaseSpec(key=done["folder"], path=done["case_path"], case_id=None, out_dir=str(case_out))
    rec = finished_record(spec, Options(), reports=False)
    assert rec is not None and rec.status == "analysed" and rec.case_id
    assert finished_record(spec, Options(), reports=True) is None          # other options: not this run's
    (case_out / "results.json").write_bytes((case_out / "results.json").read_bytes() + b" ")
    assert finished_record(spec, Options(), reports=False) is None         # results differ from batch.json
    assert finished_record(replace(spec, out_dir=str(tmp_path / "none")), Options(), reports=False) is None
