"""The examiner named in the settings is the actor of every audit entry a command makes."""

import json
import os
import shutil
import subprocess
import sys

from helpers import ROOT


def _cli(env, *args):
    return subprocess.run([sys.executable, "-m", "forensics_app", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=600)


def test_intake_analysis_note_and_export_carry_the_examiner(tmp_path):
    env = dict(os.environ, FORENSICS_SETTINGS_DIR=str(tmp_path / "settings"))
    assert _cli(env, "settings", "examiner_name", "Dr. Li Wei").returncode == 0
    case = tmp_path / "case"
    shutil.copytree(ROOT / "sample_cases/guangzhou-2019", case)
    r = _cli(env, "analyze", case, "--out", tmp_path / "out", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    assert _cli(env, "note", case, "Checked the receipt").returncode == 0
    assert _cli(env, "report", case, "--out", tmp_path / "r.pdf").returncode == 0
    from forensics_app.store.workspace import Workspace
    ws = Workspace(tmp_path / "case.forensics")
    try:
        entries = {e["action"]: json.loads(e["details"]) for e in ws.audit_entries()}
        assert entries["intake"]["actor"] == "Dr. Li Wei"
        assert entries["analysis"]["actor"] == "Dr. Li Wei"
        assert entries["export"]["actor"] == "Dr. Li Wei"
        assert ws.notes("case")[-1]["author"] == "Dr. Li Wei"
    finally:
        ws.close()
