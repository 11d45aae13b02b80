"""Video frames decoded once per analysis (pipeline/frames.py) and the frames-per-video rule."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from helpers import DEMO
from forensics_app.io import video as video_mod
from forensics_app.io.images import Limits
from forensics_app.pipeline.frames import FrameStore, selected_indices, selection_record


def test_evenly_spaced_selection_covers_the_whole_clip():
    assert selected_indices(41, 6) == [0, 8, 16, 24, 32, 40]
    assert selected_indices(10, 900) == list(range(10))
    assert selected_indices(10_000, 900)[-1] == 9_999 and len(selected_indices(10_000, 900)) == 900
    assert selected_indices(5, 1) == [0]
    assert selection_record(41, 6)["rule"] == "evenly_spaced" and selection_record(6, 6)["rule"] == "all"


def _clip(path, n=12):
    src = cv2.imread(str(DEMO / "stm/frames/0001.jpg"))
    h, w = src.shape[:2]
    vw = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 15, (w, h))
    for i in range(n):
        vw.write(np.roll(src, 2 * i, axis=1))
    vw.release()
    return path


def test_kept_and_streamed_frames_are_the_same(tmp_path):
    clip = _clip(tmp_path / "c.mp4")
    kept = FrameStore(Limits(max_video_frames=5))
    keep, finish = kept.collector(clip)
    info = video_mod.probe_video(clip, on_frame=keep)
    finish(info.frames)
    streamed = FrameStore(Limits(max_video_frames=5), budget_bytes=1)      # nothing fits: decoded again
    a, b = list(kept.frames(clip, info.frames)), list(streamed.frames(clip, info.frames))
    assert [f[0] for f in a] == [f[0] for f in b] == selected_indices(12, 5)
    assert all(x[1] == y[1] and np.array_equal(x[2], y[2]) for x, y in zip(a, b))
    assert kept.decodes == {str(clip.resolve()): 1} and streamed.decodes[str(clip.resolve())] == 1
    assert streamed.used_bytes() == 0


def test_an_analysis_decodes_its_video_once(tmp_path, monkeypatch):
    """media, faces and liveness all read the clip; the analysis decodes it in one pass (the media
    stage's). Loading the case decodes it once before, to refuse bad media before anything is written."""
    import shutil
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import Options, run
    from forensics_app.store.workspace import Workspace
    case = tmp_path / "C"
    shutil.copytree(DEMO, case)
    shutil.rmtree(case / "stm/frames")
    _clip(case / "stm/capture.mp4", 20)
    m = json.loads((case / "case.json").read_text("utf-8"))
    m["evidence"] = [e for e in m["evidence"] if e["role"] != "stm_frames"] + [
        {"role": "stm_video", "path": "stm/capture.mp4", "terminal_id": m["bank"]["terminal_id"]}]
    m["records"]["bank_claims"].pop("declared_hashes", None)
    (case / "case.json").write_text(json.dumps(m, ensure_ascii=False), "utf-8")
    passes = []
    real = video_mod._iter_cv

    def counting(path, limits, step, wanted):
        passes.append((str(path), None if wanted is None else len(wanted)))
        return real(path, limits, step, wanted)
    c = load_case(case)
    monkeypatch.setattr(video_mod, "_iter_cv", counting)
    res = run(c, Workspace.open(c, tmp_path / "ws"), Options(use_cache=False))
    assert passes == [(str(case / "stm/capture.mp4"), None)], passes
    assert res["media"]["videos"][0]["analysed"]["rule"] == "all"
    assert res["face_comparison"]["frames_total"] == 20 and res["liveness"]["verdict"]


def test_only_the_selected_frames_are_held_and_none_when_they_would_not_fit(tmp_path):
    clip = _clip(tmp_path / "c.mp4")
    one = 480 * 640 * 3

    def collect(budget):
        st = FrameStore(Limits(max_video_frames=5), budget_bytes=budget)
        keep, finish = st.collector(clip)
        finish(video_mod.probe_video(clip, on_frame=keep).frames)
        return st
    assert collect(5 * one).used_bytes() == 5 * one          # the 5 selected frames, not all 12
    assert collect(4 * one).used_bytes() == 0                # 5 would not fit: none held, stages stream


def test_threads_change_nothing_but_time(tmp_path, monkeypatch):
    """Detection (core/facedesc.described) and each frame's liveness measures (pipeline/clips.measure)
    run on two threads ahead of the in-order work; one thread gives the same results, frame for frame."""
    from forensics_app.core import facedesc
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import Options, clips, run
    from forensics_app.store.workspace import Workspace
    demo = DEMO.parent / "print-attack-video"
    c = load_case(demo)
    out = {}
    for n in (1, 2):
        monkeypatch.setattr(facedesc, "DETECT_THREADS", n)
        monkeypatch.setattr(clips, "MEASURE_THREADS", n)
        res = run(c, Workspace.open(c, tmp_path / f"ws{n}"), Options(use_cache=False))
        out[n] = {k: res[k] for k in ("face_comparison", "liveness", "findings")}
    assert out[1]["face_comparison"]["per_frame"] and out[1]["liveness"]["cues"]
    assert json.dumps(out[1], sort_keys=True) == json.dumps(out[2], sort_keys=True)
