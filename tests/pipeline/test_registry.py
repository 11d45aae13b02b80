"""The stage registry: cache keys follow every parameter field of every stage and every run
option; thresholds are the stages' parameters; a real run caches, recomputes what changed and
reads an older cache format anew; assembly follows the registry. (The runner itself, with fake
stages: test_runner.py.)"""

import dataclasses

import pytest

from forensics_app.core.model import Media
from forensics_app.core.record import Record
from forensics_app.pipeline import Options
from forensics_app.pipeline import stages as real_stages  # noqa: F401  (registers)
from forensics_app.pipeline.registry import REGISTRY, stage_key
from forensics_app.pipeline.runner import Context, from_json, params_of


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 1.5 + 1.0
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return "x"
    raise TypeError(f"no change rule for {value!r}")


def leaf_variants(params, prefix=""):
    """(field path, params with that one leaf changed) for every leaf field, nested included."""
    for f in dataclasses.fields(params):
        v = getattr(params, f.name)
        if dataclasses.is_dataclass(v):
            for path, sub in leaf_variants(v, f"{prefix}{f.name}."):
                yield path, dataclasses.replace(params, **{f.name: sub})
        else:
            yield f"{prefix}{f.name}", dataclasses.replace(params, **{f.name: _changed(v)})


def test_registry_has_the_stages_in_order():
    assert list(REGISTRY)[:5] == ["media", "faces", "liveness", "authenticity", "chain"]
    for s in REGISTRY.values():
        assert dataclasses.is_dataclass(s.params) and s.params.__dataclass_params__.frozen
        assert all(list(REGISTRY).index(i) < list(REGISTRY).index(s.name) for i in s.inputs)


def test_every_parameter_field_of_every_stage_changes_its_cache_key():
    checked = 0
    for stage in REGISTRY.values():
        base = params_of(stage, Options())
        key = stage_key(stage, "v", base, {"deps": 1}, {"up": "d"})
        seen = {key}
        for path, variant in leaf_variants(base):
            k2 = stage_key(stage, "v", variant, {"deps": 1}, {"up": "d"})
            assert k2 not in seen, f"{stage.name}.{path} does not change the cache key"
            seen.add(k2)
            checked += 1
    # the stages' threshold tables are all in: liveness, authenticity, quality gates, face settings
    assert checked >= 40, checked


def test_threshold_dataclasses_in_core_are_the_stage_parameters():
    from forensics_app.core import authenticity, facecompare, liveness, quality
    p = {s: params_of(REGISTRY[s], Options()) for s in REGISTRY}
    assert p["liveness"].thresholds == liveness.LivenessThresholds()
    assert p["authenticity"].thresholds == authenticity.AuthenticityThresholds()
    assert p["faces"].quality == quality.QualityThresholds()
    assert p["faces"].face == facecompare.FaceParams()
    for mod in (liveness, authenticity, quality):       # one source: no module table beside the dataclass
        assert not hasattr(mod, "T") and not hasattr(mod, "THRESHOLDS")
    p = {s: dataclasses.asdict(v) for s, v in p.items()}
    assert p["chain"]["capture_tolerance_s"] == Options().capture_tolerance_s
    assert params_of(REGISTRY["faces"], Options(face=dataclasses.replace(Options().face, dlib_every=2))) \
        .face.dlib_every == 2


def test_core_reads_the_thresholds_it_is_given_not_a_module_table():
    import numpy as np

    from forensics_app.core import authenticity, liveness, quality
    lv = liveness.DEFAULT_THRESHOLDS
    shares = [0.05] * 12
    assert liveness.glare_cue(shares, lv)["points_to"] == "attack"
    assert liveness.glare_cue(shares, dataclasses.replace(lv, glare_share=0.1))["points_to"] == "none"
    assert liveness.assess({"frames": []}, 25.0, 1.0, t=lv)["verdict"]
    q = {"inter_eye_px": 30.0, "yaw_deg": 0.0, "pitch_deg": 0.0, "roll_deg": 0.0, "sharpness": 50.0,
         "exposure_mean": 120.0, "clipped_fraction": 0.0, "detector_score": None, "box_in_frame": True}
    assert quality.decide(q) == []
    assert quality.decide(q, dataclasses.replace(quality.DEFAULT_THRESHOLDS, inter_eye_px_min=40.0))
    rng = np.random.default_rng(0)
    thumbs = [rng.uniform(0, 255, (32, 32)) for _ in range(3)]
    thumbs.insert(1, thumbs[0] + 0.5)              # differs by 0.5 grey levels: a repeat only under a looser test
    assert authenticity.repeated_frames(thumbs)["consecutive_duplicates"] == 0
    loose = dataclasses.replace(authenticity.DEFAULT_THRESHOLDS, repeat_mad=1.0)
    assert authenticity.repeated_frames(thumbs, loose)["consecutive_duplicates"] == 1


def test_a_chart_drawn_later_uses_the_thresholds_the_run_recorded():
    from forensics_app.core.liveness import LivenessThresholds
    assert LivenessThresholds.of_run(None) == LivenessThresholds()
    saved = {"liveness": {"thresholds": {"ear_blink_ratio": 0.6, "retired_field": 1}, "pad_every": 3}}
    t = LivenessThresholds.of_run(saved)
    assert t.ear_blink_ratio == 0.6 and t.min_frames == LivenessThresholds().min_frames


@pytest.mark.parametrize("stage,params", [
    ("liveness", lambda: real_stages.LivenessParams(
        thresholds=dataclasses.replace(real_stages.LivenessThresholds(), min_frames=11))),
    ("authenticity", lambda: real_stages.AuthenticityParams(
        thresholds=dataclasses.replace(real_stages.AuthenticityThresholds(), dq_share=12.0))),
    ("faces", lambda: real_stages.FaceStageParams(
        quality=dataclasses.replace(real_stages.QualityThresholds(), sharpness_min=10.0))),
])
def test_a_run_cannot_override_thresholds(stage, params):
    """The validation figures the report prints were measured at the default thresholds."""
    from types import SimpleNamespace
    ctx = SimpleNamespace(params=params())
    with pytest.raises(ValueError, match="overrides are not supported"):
        REGISTRY[stage].compute(ctx, lambda *a: None, lambda: False)


def test_media_key_follows_the_repeat_thresholds_it_finds_repeated_frames_with(demo_case):
    """The media stage finds repeated video frames with the authenticity thresholds: they are in
    its key, so a changed threshold cannot be answered from a stale cache."""
    from forensics_app.io.case import load_case
    case = load_case(demo_case)
    hashes = {p: "0" * 64 for p, _ in case.frame_paths()} | {i.rel: "0" * 64 for i in case.items}
    media = REGISTRY["media"]

    def key(opts):
        ctx = Context(case=case, ws=None, opts=opts, hashes=hashes, inputs=[])
        return stage_key(media, "v", params_of(media, opts), media.deps(ctx), {})
    base = real_stages.AuthenticityThresholds()
    keys = {key(Options())}
    for field_name in ("repeat_mad", "loop_min_frames"):
        changed = dataclasses.replace(base, **{field_name: _changed(getattr(base, field_name))})
        keys.add(key(Options(params={"authenticity": real_stages.AuthenticityParams(thresholds=changed)})))
    assert len(keys) == 3


def test_every_registered_stage_declares_a_record_type_that_fills_results():
    from forensics_app.core.model import Results
    fields = {f.name for f in dataclasses.fields(Results)}
    for s in REGISTRY.values():
        assert issubclass(s.output, Record), s.name
        own = [s.result_key] if s.result_key else [f.name for f in dataclasses.fields(s.output)]
        assert set(own) <= fields, (s.name, own)


def test_real_run_uses_the_cache_and_a_parameter_change_recomputes(demo_case, tmp_path):
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import run
    from forensics_app.store.workspace import Workspace
    from helpers import tree_hashes
    before = tree_hashes(demo_case)
    case = load_case(demo_case)
    ws = Workspace.open(case, tmp_path / "ws")
    first = run(case, ws, Options())
    assert ws.latest_analysis()["results_sha256"]
    again = run(case, ws, Options())
    assert again == first
    changed = run(case, ws, Options(capture_tolerance_s=30.0))
    assert changed["options"]["capture_tolerance_s"] == 30.0
    from forensics_app.core import liveness
    assert first["stage_parameters"]["liveness"]["thresholds"] == dataclasses.asdict(liveness.DEFAULT_THRESHOLDS)
    assert set(first["stage_parameters"]) == set(REGISTRY)
    assert changed["stage_parameters"]["chain"]["capture_tolerance_s"] == 30.0
    from forensics_app.pipeline.stages import FaceStageParams, FaceSettings
    over = run(case, ws, Options(params={"faces": FaceStageParams(face=FaceSettings(dlib_every=2))}))
    assert over["stage_parameters"]["faces"]["face"]["dlib_every"] == 2
    import json
    runs = [json.loads(r["run"]) for r in ws.db.query("select run from analyses order by id")]
    assert runs[1]["computed"] == ["chain"] and set(runs[1]["cache_hits"]) == {"media", "faces", "liveness",
                                                                              "authenticity"}
    assert "faces" in runs[3]["computed"] and "media" in runs[3]["cache_hits"]
    assert set(runs[0]["timings_s"]) == set(REGISTRY)
    assert tree_hashes(demo_case) == before
    assert not hasattr(Options(), "workers")           # it did nothing (the face stage runs in one process)


def test_a_cached_stage_of_another_format_is_recomputed_in_a_real_workspace(demo_case, tmp_path):
    """A cache entry written by an older version (plain dicts, models inside the result) under
    the same key does not read into the stage's record: the stage runs again and the results are
    those of a fresh analysis."""
    import json

    from forensics_app.core.hashing import analysis_digest, results_text
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import run
    from forensics_app.store.workspace import Workspace
    case = load_case(demo_case)
    ws = Workspace.open(case, tmp_path / "ws")
    first = run(case, ws, Options())
    keys = {r["stage"]: r["key"] for r in ws.db.query("select key, stage from cache")}
    assert set(keys) == {s.name for s in REGISTRY.values() if s.cache}
    for name, key in keys.items():                 # what is cached reads into each stage's type
        assert isinstance(from_json(REGISTRY[name], ws.cache_get(key)).result, REGISTRY[name].output)
    old = ws.cache_get(keys["faces"])
    ws.cache_put(keys["faces"], "faces", old["result"] | {"models": old["models"]})   # the old format
    again = run(case, ws, Options())
    runs = [json.loads(r["run"]) for r in ws.db.query("select run from analyses order by id")]
    assert runs[-1]["computed"] == ["faces", "chain"]             # liveness's input digest is unchanged
    assert analysis_digest(results_text(again).encode()) == analysis_digest(results_text(first).encode())


def test_assembly_follows_the_registry(demo_case, tmp_path):
    """assemble() fills each stage's result_key (or its record's own fields) from the records: the
    records taken apart from a real results.json assemble back into the same results."""
    import dataclasses as dc

    from forensics_app.core.model import Results
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import Options as Opts, assemble, run
    from forensics_app.store.workspace import Workspace
    case = load_case(demo_case)
    ws = Workspace.open(case, tmp_path / "ws")
    res = Results.from_json(run(case, ws, Opts()))
    outputs = {}
    for s in REGISTRY.values():
        if s.result_key:
            outputs[s.name] = getattr(res, s.result_key)
        else:
            outputs[s.name] = s.output(**{f.name: getattr(res, f.name) for f in dc.fields(s.output)})
    back = assemble(case, Opts(), res.inputs, outputs, list(REGISTRY.values()), res.audit_head,
                    res.stage_parameters, {"faces": tuple(res.models)})
    assert back.text() == res.text()
    assert isinstance(outputs["media"], Media)


# Every run option, by where it reaches the cache: the key of the stage whose output it changes,
# or why it changes no stage's output. A new option fails the test until it is placed here.
OPTION_KEYS = {
    "population": "faces", "population_reason": "faces", "protocol": "faces", "face": "faces",
    "pad_model": "liveness", "limits.max_video_frames": "media", "capture_tolerance_s": "chain",
}
OPTION_NO_OUTPUT = {
    "use_cache": "whether the cache is read, not what a stage computes",
    "params": "each stage's parameters dataclass: test_every_parameter_field_of_every_stage_changes_its_cache_key",
    "limits.max_pixels": "a refusal beyond it, no other effect", "limits.max_bytes": "a refusal beyond it",
    "limits.max_log_rows": "a refusal beyond it", "limits.max_xlsx_bytes": "a refusal beyond it",
}


def _option_leaves(opts):
    for f in dataclasses.fields(opts):
        v = getattr(opts, f.name)
        if f.name == "limits":
            yield from (f"limits.{g.name}" for g in dataclasses.fields(v))
        else:
            yield f.name


def test_every_run_option_changes_the_key_of_the_stage_whose_output_it_changes(tmp_path):
    """Options reach a stage through its parameters or its deps (population, protocol and their
    calibrations; the PAD model; the frames-per-video limit): each changes that stage's key."""
    import shutil
    from types import SimpleNamespace

    from forensics_app.io.case import load_case
    from forensics_app.io.images import Limits
    from helpers import ROOT
    assert set(_option_leaves(Options())) == set(OPTION_KEYS) | set(OPTION_NO_OUTPUT)
    shutil.copytree(ROOT / "sample_cases" / "print-attack-video", tmp_path / "case")   # a video: PAD runs
    case = load_case(tmp_path / "case")
    hashes = {p: "0" * 64 for p, _ in case.frame_paths()} | {i.rel: "0" * 64 for i in case.items}
    media = REGISTRY["media"].compute(Context(case=case, ws=None, opts=Options(), hashes=hashes, inputs=[]),
                                      lambda *a: None, lambda: False)
    assert isinstance(media, Media) and media.videos

    def key(stage_name, opts):
        stage = REGISTRY[stage_name]
        outputs = {"media": media, "faces": SimpleNamespace(reference_reproduction=None)}
        ctx = Context(case=case, ws=None, opts=opts, hashes=hashes, inputs=[],
                      outputs={n: outputs[n] for n in stage.inputs if n in outputs})
        return stage_key(stage, "v", params_of(stage, opts), stage.deps(ctx), {})

    other = "general_vendor_fmr_1e-3"                  # the case's default is east_asian_vendor_fmr_1e-3
    photo = dict(population="east_asian", population_reason="a photo was compared")   # vendor-check: chip only
    pairs = {                                          # option: (a run, the same run with that option changed)
        "population": (Options(), Options(population=other, population_reason="the bank's stated threshold")),
        "population_reason": (Options(population=other, population_reason="the bank's stated threshold"),
                              Options(population=other, population_reason="another reason")),
        "protocol": (Options(**photo), Options(**photo, protocol="photo")),
        "face": (Options(), Options(face=dataclasses.replace(Options().face, dlib_every=Options().face.dlib_every + 1))),
        "pad_model": (Options(), Options(pad_model="none")),
        "limits.max_video_frames": (Options(), Options(limits=Limits(max_video_frames=Limits().max_video_frames - 1))),
        "capture_tolerance_s": (Options(), Options(capture_tolerance_s=30.0)),
    }
    assert set(pairs) == set(OPTION_KEYS)
    for option, stage_name in OPTION_KEYS.items():
        a, b = pairs[option]
        assert key(stage_name, a) != key(stage_name, b), f"option {option} does not change the {stage_name} key"
