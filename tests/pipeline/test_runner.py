"""The runner with fake stages: typed records between stages, caching, invalidation when a
parameter, the evidence or a library version changes, a cache entry of another format
recomputed, declared inputs only, progress weights, cancel and logging."""

import dataclasses
import logging
from dataclasses import dataclass

import pytest

from forensics_app.core.progress import check
from forensics_app.core.record import ABSENT, Record
from forensics_app.errors import CacheError, Cancelled
from forensics_app.pipeline import Options
from forensics_app.pipeline.registry import NoParams, Output, Stage, register
from forensics_app.pipeline.runner import Context, Runner, from_json


class FakeWorkspace:
    def __init__(self):
        self.cache = {}

    def cache_get(self, key):
        return self.cache.get(key)

    def cache_put(self, key, stage, value):
        self.cache[key] = value


@dataclass(kw_only=True)
class Value(Record):
    value: float
    label: str = ABSENT


@dataclass(kw_only=True)
class Text(Record):
    text: str


@dataclass(frozen=True)
class ScaleParams:
    factor: float = 2.0
    label: str = "x"


def fake_stages(calls, seen=None):
    def source(ctx, progress, cancel):
        calls.append("source")
        progress(0.5, "half")
        return Value(value=ctx.case["value"])

    def scale(ctx, progress, cancel):
        calls.append("scale")
        check(cancel)
        if seen is not None:
            seen.append(ctx.outputs["source"])
        return Value(value=ctx.outputs["source"].value * ctx.params.factor, label=ctx.params.label)

    def report(ctx, progress, cancel):
        calls.append("report")
        s = ctx.outputs["scale"]
        return Text(text=f"{s.label}={s.value}")

    return [Stage("source", source, Value, deps=lambda ctx: ctx.case["value"], weight=1.0),
            Stage("scale", scale, Value, inputs=("source",), params=ScaleParams, weight=3.0),
            Stage("report", report, Text, inputs=("scale",), params=NoParams, cache=False)]


def run_fake(ws, calls, value=3, params=None, progress=lambda f, m="": None, cancel=lambda: False, seen=None):
    opts = Options(params=params or {})
    ctx = Context(case={"value": value}, ws=ws, opts=opts, hashes={}, inputs=[])
    r = Runner(fake_stages(calls, seen), ctx, progress, cancel)
    return r.run(), r


def test_fake_runner_caches_and_invalidates():
    ws, calls = FakeWorkspace(), []
    out, r = run_fake(ws, calls)
    assert out["report"].text == "x=6.0" and calls == ["source", "scale", "report"]
    assert r.computed == ["source", "scale", "report"] and r.cache_hits == []

    calls.clear()
    out, r = run_fake(ws, calls)                                  # same inputs: served from cache
    assert calls == ["report"] and r.cache_hits == ["source", "scale"]

    for field_name, value in (("factor", 5.0), ("label", "y")):  # any parameter: recomputed
        calls.clear()
        out, r = run_fake(ws, calls, params={"scale": dataclasses.replace(ScaleParams(), **{field_name: value})})
        assert calls == ["scale", "report"], field_name
        assert r.cache_hits == ["source"]
    assert out["report"].text == "y=6.0"

    calls.clear()
    out, r = run_fake(ws, calls, value=4)                         # evidence changed: all downstream again
    assert calls == ["source", "scale", "report"] and out["report"].text == "x=8.0"


def test_stages_receive_records_the_same_whether_computed_or_cached():
    ws, seen = FakeWorkspace(), []
    run_fake(ws, [], seen=seen)                                   # source computed
    run_fake(ws, [], params={"scale": ScaleParams(factor=3.0)}, seen=seen)   # source from the cache
    assert [type(x) for x in seen] == [Value, Value] and seen[0] == seen[1] == Value(value=3)
    assert all(set(v) == {"result", "models"} for v in ws.cache.values())   # the cache holds JSON


@pytest.mark.parametrize("entry", [
    {"value": 3},                                                 # the format before typed records
    {"result": {"value": "three"}, "models": []},                 # a field of the wrong type
    {"result": {"value": 3, "extra": 1}, "models": []},           # a key the type does not have
    {"result": {"value": 3}, "models": [{"name": "m"}]},          # a model without hash or licence
    [1, 2],
])
def test_a_cache_entry_that_does_not_read_into_its_type_is_recomputed(entry, caplog):
    stage = fake_stages([])[0]
    with pytest.raises(CacheError):
        from_json(stage, entry)
    ws, calls = FakeWorkspace(), []
    run_fake(ws, calls)
    for k in ws.cache:
        ws.cache[k] = entry
    calls.clear()
    with caplog.at_level(logging.WARNING, logger="forensics_app.pipeline"):
        out, r = run_fake(ws, calls)
    assert calls == ["source", "scale", "report"] and r.cache_hits == [] and out["report"].text == "x=6.0"
    assert "does not read" in caplog.text or "not a stage output" in caplog.text
    assert all(from_json(stage, v) for v in ws.cache.values())    # rewritten in the current format


def test_a_stage_sees_only_the_inputs_it_declares():
    """Its cache key covers the declared inputs only, so an undeclared read must fail, not be served stale."""
    def sneaky(ctx, progress, cancel):
        return Text(text=str(ctx.outputs["source"].value))
    stages = fake_stages([]) + [Stage("sneaky", sneaky, Text, inputs=("scale",))]
    ctx = Context(case={"value": 3}, ws=FakeWorkspace(), opts=Options(), hashes={}, inputs=[])
    with pytest.raises(KeyError, match="source"):
        Runner(stages, ctx, lambda f, m="": None, lambda: False).run()


def test_a_stage_returning_another_type_is_refused():
    stage = Stage("wrong", lambda c, p, x: Value(value=1.0), Text)
    ctx = Context(case={}, ws=FakeWorkspace(), opts=Options(), hashes={}, inputs=[])
    with pytest.raises(TypeError, match="returned Value, not Text"):
        Runner([stage], ctx, lambda f, m="": None, lambda: False).run()


def test_models_travel_beside_the_record_and_through_the_cache():
    from forensics_app.core.model import ModelInfo
    m = ModelInfo(name="m.onnx", sha256="0" * 64, licence="Apache-2.0")
    stage = Stage("with_model", lambda c, p, x: Output(Text(text="t"), (m,)), Text)
    ws = FakeWorkspace()
    for _ in range(2):
        ctx = Context(case={}, ws=ws, opts=Options(), hashes={}, inputs=[])
        r = Runner([stage], ctx, lambda f, m="": None, lambda: False)
        out = r.run()
        assert out["with_model"] == Text(text="t") and r.models["with_model"] == (m,)
    assert r.cache_hits == ["with_model"]


def test_library_versions_are_in_every_key(monkeypatch):
    """A figure cached under other library versions is recomputed: results state the versions of the
    environment that assembles them, so a cached figure must have been computed under them."""
    from forensics_app.pipeline import runner, software_block
    versions = runner.key_versions()
    assert software_block([])["libraries"] == runner.library_versions()
    for name, v in runner.library_versions().items():
        assert f'"{name}":"{v}"' in versions
    assert '"onnxruntime":' in versions and '"face_recognition_models":' in versions
    ws, calls = FakeWorkspace(), []
    run_fake(ws, calls)
    monkeypatch.setattr(runner, "key_versions", lambda: versions.replace('"numpy":"', '"numpy":"0.'))
    calls.clear()
    run_fake(ws, calls)
    assert calls == ["source", "scale", "report"]


def test_fake_runner_refuses_wrong_params_type():
    with pytest.raises(TypeError):
        run_fake(FakeWorkspace(), [], params={"scale": NoParams()})


def test_progress_follows_the_weights_and_cancel_stops():
    seen = []
    run_fake(FakeWorkspace(), [], progress=lambda f, m="": seen.append((round(f, 3), m)))
    assert (0.1, "half") in seen                                  # source: 0..0.2 of the bar (weight 1 of 5)
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    with pytest.raises(Cancelled):
        run_fake(FakeWorkspace(), [], cancel=lambda: True)


def test_stage_times_and_cache_hits_are_logged(caplog):
    ws = FakeWorkspace()
    with caplog.at_level(logging.INFO, logger="forensics_app.pipeline"):
        run_fake(ws, [])
        run_fake(ws, [])
    text = caplog.text
    assert "stage scale: computed in" in text and "stage scale: cache hit" in text
    assert "stage report: computed in" in text and "(not cached)" in text


def test_register_refuses_duplicates_unknown_inputs_and_mutable_params():
    reg = {}
    register(Stage("a", lambda c, p, x: Text(text=""), Text), reg)
    with pytest.raises(ValueError):
        register(Stage("a", lambda c, p, x: Text(text=""), Text), reg)
    with pytest.raises(ValueError):
        register(Stage("b", lambda c, p, x: Text(text=""), Text, inputs=("nope",)), reg)

    @dataclass
    class Mutable:
        x: int = 1
    with pytest.raises(TypeError):
        Stage("c", lambda c, p, x: Text(text=""), Text, params=Mutable)
    with pytest.raises(TypeError):                 # a stage declares the record type of its result
        Stage("d", lambda c, p, x: {}, dict)
