import json

from helpers import run_cli, tree_hashes

CONTRACT_KEYS = {"format", "case_id", "inputs", "software", "face_comparison", "liveness", "findings"}


def test_analyze_writes_contract_results_and_report(demo_case, tmp_path):
    before = tree_hashes(demo_case)
    out = tmp_path / "out"
    r = run_cli("analyze", demo_case, "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    res = json.loads((out / "results.json").read_text("utf-8"))
    assert CONTRACT_KEYS <= set(res)
    assert res["format"] == "forensics-results/2"
    assert {"name", "version"} <= set(res["software"]) and res["software"]["models"]
    for m in res["software"]["models"]:
        assert len(m["sha256"]) in (64,) or "builtin" in m["sha256"]
        assert m["licence"]
    fc = res["face_comparison"]
    for k in ("frames_total", "frames_used", "best_distance", "median_distance", "likelihood_ratio",
              "verbal_scale", "decision_threshold", "per_frame"):
        assert k in fc
    assert {i["path"] for i in res["inputs"]} >= {"case.json", "id/id_photo.jpg", "stm/frames/0001.jpg"}
    assert all(len(i["sha256"]) == 64 for i in res["inputs"])
    assert res["liveness"]["verdict"] in ("live", "attack_suspected", "inconclusive")
    assert (out / "report.pdf").stat().st_size > 10_000
    assert tree_hashes(demo_case) == before, "analyze altered the evidence folder"
    assert (demo_case.parent / "GZ-DEMO.forensics" / "workspace.sqlite").is_file()


def test_two_runs_are_byte_identical_and_second_uses_cache(demo_case, tmp_path):
    r1 = run_cli("analyze", demo_case, "--out", tmp_path / "a", "-q")
    r2 = run_cli("analyze", demo_case, "--out", tmp_path / "b", "-q")
    assert r1.returncode == r2.returncode == 0
    assert (tmp_path / "a/results.json").read_bytes() == (tmp_path / "b/results.json").read_bytes()
    assert (tmp_path / "a/report.pdf").read_bytes() == (tmp_path / "b/report.pdf").read_bytes()
    from forensics_app.store.workspace import Workspace
    ws = Workspace(demo_case.parent / "GZ-DEMO.forensics")
    runs = [json.loads(a["run"]) for a in ws.db.query("select run from analyses order by id")]
    assert "faces" in runs[0]["computed"]
    assert "faces" in runs[1]["cache_hits"] and "faces" not in runs[1]["computed"]


def test_sections_are_analysed_and_stills_only_liveness_is_inconclusive(demo_case, tmp_path):
    r = run_cli("analyze", demo_case, "--out", tmp_path / "o", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    res = json.loads((tmp_path / "o/results.json").read_text("utf-8"))
    assert res["liveness"]["status"] == res["authenticity"]["status"] == "analysed"
    # one still and no video: liveness cannot be judged, and says why in its first cue
    assert res["liveness"]["verdict"] == "inconclusive" and res["liveness"]["cues"][0]["name"] == "material"
    assert res["liveness"]["cues"][0]["points_to"] == "cannot_tell"
    assert {c["file"] for c in res["authenticity"]["checks"]} >= {"stm/frames/0001.jpg"}


def test_every_command_documents_an_example():
    from forensics_app.cli import EXAMPLES, build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(EXAMPLES)
    for name, sp in sub.choices.items():
        assert "example:" in sp.format_help(), name


def test_new_case_writes_loadable_manifest(tmp_path, demo_case):
    dest = tmp_path / "NEW"
    before = tree_hashes(demo_case)
    r = run_cli("new-case", dest, "--case-id", "C-1", "--id-photo", demo_case / "id/id_photo.jpg",
                "--frames", demo_case / "stm/frames", "--log", demo_case / "logs/transactions.csv")
    assert r.returncode == 0, r.stderr
    from forensics_app.io.case import load_case
    case = load_case(dest)
    assert case.case_id == "C-1"
    assert [i.role for i in case.items] == ["id_photo", "stm_frames", "transaction_log"]
    assert tree_hashes(demo_case) == before
    r = run_cli("new-case", dest, "--case-id", "C-1", "--id-photo", demo_case / "id/id_photo.jpg")
    assert r.returncode == 2 and ("never overwritten" in r.stderr or "not empty" in r.stderr), r.stderr


def test_every_command_leaves_the_evidence_untouched(demo_case, tmp_path):
    before = tree_hashes(demo_case)
    steps = [("analyze", demo_case, "--out", tmp_path / "o", "-q"),
             ("verify", demo_case),
             ("report", demo_case, "--out", tmp_path / "r.pdf", "--lang", "en"),
             ("note", demo_case, "checked the receipt", "--target", "ID_LOST_BEFORE_USE"),
             ("verify", demo_case)]
    for args in steps:
        r = run_cli(*args)
        assert r.returncode == 0, (args[0], r.stderr)
        assert tree_hashes(demo_case) == before, f"{args[0]} altered the evidence folder"
    from forensics_app.store.workspace import Workspace
    ws = Workspace(demo_case.parent / "GZ-DEMO.forensics")
    actions = [e["action"] for e in ws.audit_entries() if e["action"] not in ("cache", "calibration")]
    assert actions == ["intake", "analysis", "export", "verify", "export", "note", "verify"]
    assert ws.check_audit() == []
