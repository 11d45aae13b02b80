"""The runner: runs the registered stages in order with one progress bar (weights from the
registry), cancel, the stage cache (keys from the registry: name, version, parameters, evidence
deps, digests of the input stages' outputs) and logging of each stage's time and cache use.

Stages hand each other typed records (core/model.py). The one conversion is here: a computed
record is written to the cache as canonical JSON and read back into its type, so what the next
stages see is the same whether it was computed now or served from the cache. A cache entry that
does not read into the stage's type (another format, a damaged row) is a :class:`CacheError`:
logged, and the stage is recomputed."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import __version__
from ..core.hashing import canonical
from ..core.model import ModelInfo
from ..core.progress import check, clamp
from ..errors import CacheError
from ..i18n.render import term
from .registry import Output, Stage, params_to_json, stage_key

log = logging.getLogger("forensics_app.pipeline")


@dataclass
class SharedModels:
    """Models loaded once per analysis and shared by the stages that use them."""
    engines: Any = None          # core.facedesc.Engines: YuNet/SFace and dlib (the face stage's)
    dlib: Any = None             # core.faces.FaceModels: dlib alone, when no face stage loaded it


@dataclass
class Context:
    """What a stage's compute sees: the case, workspace, options, input hashes, the records of the
    stages it declares as inputs (only those: what it reads is in its cache key) and its own
    parameters."""
    case: Any
    ws: Any
    opts: Any
    hashes: dict
    inputs: list
    outputs: dict = field(default_factory=dict)      # input stage name -> its result record
    params: Any = None
    frames: Any = None           # pipeline.frames.FrameStore: video frames decoded once, shared by stages
    models: SharedModels = field(default_factory=SharedModels)   # loaded once per analysis


@functools.lru_cache(maxsize=1)
def library_versions() -> dict:
    """The libraries whose versions results.json states (``software.libraries``)."""
    import av
    import cv2
    import dlib
    import numpy
    return {"dlib": dlib.__version__, "opencv": cv2.__version__, "numpy": numpy.__version__, "av": av.__version__}


@functools.lru_cache(maxsize=1)
def key_versions() -> str:
    """The software part of every stage's cache key: the app's version, the libraries results state
    and the others that compute figures (onnxruntime runs SFace and the PAD models; the dlib model
    files come from face_recognition_models). A cached figure is never served under the versions of
    an environment that did not compute it (results would state the new versions beside it)."""
    import face_recognition_models
    import onnxruntime
    return canonical({"app": __version__, "libraries": library_versions(), "onnxruntime": onnxruntime.__version__,
                      "face_recognition_models": face_recognition_models.__version__})


def digest(value) -> str:
    return hashlib.sha256(canonical(value).encode()).hexdigest()


def as_json(out: Output) -> dict:
    """A stage's output as the cache stores it (canonical JSON data)."""
    return json.loads(canonical({"result": out.result.to_json(), "models": [m.to_json() for m in out.models]}))


def from_json(stage: Stage, data) -> Output:
    """A cached (or just computed) output read into the stage's type; :class:`CacheError` when it
    does not read (unknown or missing keys, wrong types: another format, or a damaged entry)."""
    if not isinstance(data, dict) or set(data) != {"result", "models"} or not isinstance(data["models"], list):
        raise CacheError(f"stage {stage.name}: cached entry is not a stage output")
    try:
        return Output(stage.output.from_json(data["result"], stage.name),
                      tuple(ModelInfo.from_json(m, f"{stage.name}.models[{i}]") for i, m in enumerate(data["models"])))
    except (ValueError, TypeError, AttributeError) as exc:
        raise CacheError(f"stage {stage.name}: cached entry does not read as {stage.output.__name__}: {exc}") from exc


def params_of(stage: Stage, opts) -> Any:
    override = getattr(opts, "params", {}).get(stage.name)
    if override is not None:
        if not isinstance(override, stage.params):
            raise TypeError(f"stage {stage.name}: parameters must be a {stage.params.__name__}")
        return override
    return stage.params_for(opts) if stage.params_for else stage.params()


class Runner:
    """Runs the stages of one analysis with shared progress/cancel and the stage cache."""

    def __init__(self, stages: list[Stage], ctx: Context, progress: Callable, cancel: Callable[[], bool],
                 use_cache: bool = True):
        self.stages, self.ctx = stages, ctx
        self._progress, self.cancel, self.use_cache = progress, cancel, use_cache
        total = sum(s.weight for s in stages) or 1.0
        self.start, acc = {}, 0.0
        for s in stages:
            self.start[s.name] = (acc / total, s.weight / total)
            acc += s.weight
        self.cache_hits: list[str] = []
        self.computed: list[str] = []
        self.timings: dict[str, float] = {}
        self.keys: dict[str, str] = {}
        self.params: dict[str, dict] = {}            # stage -> the parameters it ran with (JSON)
        self.models: dict[str, tuple[ModelInfo, ...]] = {}   # stage -> the models its figures depend on
        self.outputs: dict[str, Any] = {}                    # stage -> its result record

    def stage_progress(self, stage: Stage) -> Callable:
        a, w = self.start[stage.name]

        def progress(fraction: float, message: str = "") -> None:
            self._progress(a + w * clamp(fraction), message or term("stage", stage.name))
        return progress

    def key(self, stage: Stage, params) -> str:
        deps = stage.deps(self.ctx)
        inputs = {name: digest(self.ctx.outputs[name].to_json()) for name in stage.inputs}
        return stage_key(stage, key_versions(), params, deps, inputs)

    def run_stage(self, stage: Stage) -> Output:
        check(self.cancel)
        # the stage (and its deps) see its declared inputs only: an undeclared read would escape the key
        self.ctx.outputs = {name: self.outputs[name] for name in stage.inputs}
        params = params_of(stage, self.ctx.opts)
        self.ctx.params = params
        self.params[stage.name] = params_to_json(params)
        t0 = time.perf_counter()
        key = self.key(stage, params) if stage.cache else None
        if key:
            self.keys[stage.name] = key
        if key and self.use_cache:
            hit = self.cached(stage, key)
            if hit is not None:
                self.cache_hits.append(stage.name)
                self.timings[stage.name] = round(time.perf_counter() - t0, 3)
                log.info("stage %s: cache hit (key %s…)", stage.name, key[:12])
                return hit
        out = stage.compute(self.ctx, self.stage_progress(stage), self.cancel)
        if not isinstance(out, Output):
            out = Output(out)
        if not isinstance(out.result, stage.output):
            raise TypeError(f"stage {stage.name}: compute returned {type(out.result).__name__}, "
                            f"not {stage.output.__name__}")
        value = as_json(out)
        out = from_json(stage, value)        # as a cache hit would give it (JSON numbers, lists)
        if key:
            self.ctx.ws.cache_put(key, stage.name, value)
        self.computed.append(stage.name)
        self.timings[stage.name] = round(time.perf_counter() - t0, 3)
        log.info("stage %s: computed in %.2f s%s", stage.name, self.timings[stage.name],
                 f" (key {key[:12]}…)" if key else " (not cached)")
        return out

    def cached(self, stage: Stage, key: str) -> Output | None:
        """The stage's cached output, or None (absent, or not readable into its type)."""
        hit = self.ctx.ws.cache_get(key)
        if hit is None:
            return None
        try:
            return from_json(stage, hit)
        except CacheError as exc:
            log.warning("%s: recomputed", exc)
            return None

    def run(self) -> dict:
        """Run every stage; returns stage name -> its result record (models in ``self.models``)."""
        for stage in self.stages:
            out = self.run_stage(stage)
            self.outputs[stage.name] = out.result
            self.models[stage.name] = out.models
        return self.outputs
