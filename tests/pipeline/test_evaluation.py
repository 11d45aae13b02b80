"""eval-liveness's items and measurements are typed; a cached measurement that does not read as
one (damaged, another format) is measured again. No models or shared data needed: the measuring
is replaced by a counter."""

import json

import pytest

from forensics_app.pipeline import clips, evaluation
from forensics_app.pipeline.evaluation import EvalItem, Measured, measure_item, read_items


@pytest.fixture
def one_clip(tmp_path, monkeypatch):
    root = tmp_path / "set"
    (root / "live").mkdir(parents=True)
    (root / "live" / "a.mp4").write_bytes(b"not decoded here")
    calls = []

    def fake_clip(models, path, pad=None, label=None, keep_measurements=False, cancel=None):
        calls.append(label)
        return {"clip": {"path": label, "kind": "video", "frames": 2, "fps": 25.0, "duration_s": 0.08},
                "measurements": {"frames": [{"frame": f"{label}#0", "repeat": False}]}, "verdict": "live"}
    monkeypatch.setattr(clips, "analyse_clip", fake_clip)
    return root, calls


def test_items_are_typed(one_clip):
    root, _ = one_clip
    assert read_items(root) == [EvalItem(path="live/a.mp4", subject="live/a.mp4", truth="live", group="folder")]


def test_a_cached_measurement_is_reused_and_a_damaged_one_measured_again(one_clip, tmp_path):
    root, calls = one_clip
    item, cache = read_items(root)[0], tmp_path / "cache"
    first = measure_item(root, item, None, None, cache)
    assert isinstance(first, Measured) and first.pad_name is None and not first.palette and calls == ["live/a.mp4"]
    (cf,) = cache.iterdir()
    assert json.loads(cf.read_text()) == {"clip": first.clip, "measurements": first.measurements,
                                          "palette": False, "pad_name": None}
    assert measure_item(root, item, None, None, cache) == first and len(calls) == 1      # from the cache
    for damaged in ("{not json", json.dumps({"clip": first.clip, "measurements": first.measurements}),
                    json.dumps(first.to_json() | {"palette": "no"})):
        cf.write_text(damaged)
        assert measure_item(root, item, None, None, cache) == first
        assert Measured.from_json(json.loads(cf.read_text())) == first                  # rewritten
    assert len(calls) == 4


def test_judge_gives_a_typed_verdict():
    from forensics_app.core.model import Liveness
    m = Measured(clip={"path": "x.mp4", "kind": "video", "frames": 0, "fps": 25.0, "duration_s": 0.0},
                 measurements={"frames": []}, palette=False, pad_name=None)
    r = evaluation.judge(m, None)
    assert isinstance(r, Liveness) and r.verdict.value == "inconclusive"
