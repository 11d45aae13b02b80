"""One progress protocol: the liveness stage reports its clips frame by frame (pipeline/clips.py
takes progress(fraction, message) beside cancel(), as every long task does), within its share of
the bar, and the bar never goes back."""

import shutil

from helpers import ROOT


def test_liveness_reports_each_clip_frame_by_frame(tmp_path):
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import Options, run
    from forensics_app.store.workspace import Workspace
    shutil.copytree(ROOT / "sample_cases" / "print-attack-video", tmp_path / "case")   # one video
    case = load_case(tmp_path / "case")
    seen = []
    run(case, Workspace.open(case, tmp_path / "ws"), Options(use_cache=False),
        progress=lambda f, m="": seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    clip = [f for f, m in seen if isinstance(m, dict) and m.get("code") == "progress.liveness"]
    assert len(set(clip)) >= 20, len(set(clip))          # a step per frame, not one per clip
    assert all(m["params"]["path"] for f, m in seen if isinstance(m, dict) and m.get("code") == "progress.liveness")
