"""Exhaustion by a long video (issue 13: "a 10,000-frame video did not finish in 15 minutes").

A video longer than the frames-per-video limit is not refused: that many frames, evenly spaced
over the whole clip (its end included, so an attack at the end is not skipped), are analysed, and
the results and report say how many of how many and by what rule. The test uses a low limit on a
small generated clip, not a real long video.
"""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest

from helpers import DEMO, tree_hashes
from .conftest import snapshot

N_FRAMES, LIMIT = 41, 6


def _video_case(world) -> None:
    """The demo case with its stills replaced by a 41-frame clip of the demo still, moving."""
    src = cv2.imread(str(DEMO / "stm/frames/0001.jpg"))
    h, w = src.shape[:2]
    path = world.case / "stm/capture.mp4"
    vw = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 15, (w, h))
    for i in range(N_FRAMES):
        m = np.float32([[1, 0, 6 * np.sin(i / 5)], [0, 1, 3 * np.cos(i / 7)]])
        vw.write(cv2.warpAffine(src, m, (w, h), borderMode=cv2.BORDER_REFLECT))
    vw.release()
    for p in (world.case / "stm/frames").iterdir():
        p.unlink()
    (world.case / "stm/frames").rmdir()
    m = world.manifest()
    m["evidence"] = [e for e in m["evidence"] if e["role"] != "stm_frames"] + [
        {"role": "stm_video", "path": "stm/capture.mp4", "terminal_id": m["bank"]["terminal_id"]}]
    m["records"]["bank_claims"].pop("declared_hashes", None)
    world.write_manifest(m)


def test_a_video_over_the_frame_limit_is_analysed_on_evenly_spaced_frames(world):
    _video_case(world)
    before_case = tree_hashes(world.case)
    before = snapshot(world.tmp)
    out = world.analyse("--max-video-frames", str(LIMIT), "--lang", "en")
    assert tree_hashes(world.case) == before_case, "the evidence folder changed"
    after = snapshot(world.tmp)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    # the outputs and the case's workspace, nothing else (no temporary file, nothing in the evidence)
    assert {k for k in changed if not k.startswith("CASE.forensics/")} == {"out/results.json", "out/report.pdf"}, changed
    assert not [k for k in after if k.endswith((".tmp", ".part")) or "/tmp" in k], after
    r = json.loads((out / "results.json").read_text("utf-8"))
    v = r["media"]["videos"][0]
    assert v["frames"] == N_FRAMES
    assert v["analysed"] == {"frames": LIMIT, "of": N_FRAMES, "limit": LIMIT, "rule": "evenly_spaced", "stride": 8.0}
    idx = [row["index"] for row in r["face_comparison"]["per_frame"]]
    assert idx == [0, 8, 16, 24, 32, 40]               # the whole clip, its last frame included
    assert r["face_comparison"]["frames_total"] == LIMIT
    assert r["liveness"]["clip"]["analysed"]["frames"] == LIMIT
    assert r["options"] and r["stage_parameters"]
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages)
    assert f"{LIMIT} of its {N_FRAMES} frames analysed, evenly spaced over the whole clip" in " ".join(text.split())


def test_under_the_limit_every_frame_is_analysed(world):
    _video_case(world)
    out = world.analyse("--lang", "en", "--no-report")
    r = json.loads((out / "results.json").read_text("utf-8"))
    assert r["media"]["videos"][0]["analysed"]["rule"] == "all"
    assert [row["index"] for row in r["face_comparison"]["per_frame"]] == list(range(N_FRAMES))


@pytest.mark.parametrize("value", ["0", "-3", "2.5", "many"])
def test_max_video_frames_must_be_a_positive_whole_number(world, value):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "--max-video-frames", value,
                 message="--max-video-frames")
