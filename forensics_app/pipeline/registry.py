"""The stage registry: every analysis stage declares itself here once.

A :class:`Stage` has a name, the earlier stages whose outputs it reads (``inputs``), a frozen
parameters dataclass (``params``; its default instance is what a run uses unless
``Options.params`` overrides it), a ``deps(ctx)`` function naming the evidence it reads (input
hashes, calibration, models), the type of its result (``output``: a core.model Record) and
``compute(ctx, progress, cancel)`` returning that record (or an :class:`Output`: the record and
the models its figures depend on). A stage reads its inputs as records (``ctx.outputs[name]``).
The runner (pipeline/runner.py) derives from the registry the order, the cache keys (name,
software and library versions, parameters, evidence deps, digests of the input stages' outputs), the progress
weights, the typed reading of a cache hit and the assembly of results.json (``result_key``: the
Results field the record fills; without one, the record's fields are Results fields).

Adding a stage = one module in pipeline/stages/ that calls :func:`register` (imported in its
place in the order by pipeline/stages/__init__.py), its record and a field in core/model.py's
Results (and the regenerated schema, and a line in docs/case-format.md), its report section and
its view.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from ..core.hashing import canonical
from ..core.model import ModelInfo
from ..core.record import Record


@dataclass(frozen=True)
class NoParams:
    """A stage without tunable parameters."""


@dataclass(frozen=True)
class Output:
    """A stage's result with the models its figures depend on (gathered into results' ``models``)."""
    result: Record
    models: tuple[ModelInfo, ...] = ()


@dataclass(frozen=True)
class Stage:
    name: str
    compute: Callable[..., Any]                  # compute(ctx, progress, cancel) -> output record or Output
    output: type                                 # the core.model Record type of its result
    inputs: tuple[str, ...] = ()                 # earlier stages whose outputs compute reads
    params: type = NoParams                      # frozen dataclass type; its default instance is used
    deps: Callable[[Any], Any] = lambda ctx: None  # evidence the stage reads (hashes, models...)
    weight: float = 1.0                          # share of the progress bar
    cache: bool = True                           # False: cheap, recomputed every run
    result_key: str | None = None                # key in results.json (None: its output's keys are)
    params_for: Callable[[Any], Any] | None = None  # params from the run's Options (default: params())

    def __post_init__(self):
        if not (dataclasses.is_dataclass(self.params) and self.params.__dataclass_params__.frozen):
            raise TypeError(f"stage {self.name}: params must be a frozen dataclass")
        if not (isinstance(self.output, type) and issubclass(self.output, Record)):
            raise TypeError(f"stage {self.name}: output must be a Record type (core/model.py)")


REGISTRY: dict[str, Stage] = {}


def register(stage: Stage, registry: dict[str, Stage] | None = None) -> Stage:
    """Add a stage; its inputs must already be registered (so the order is a topological one)."""
    reg = REGISTRY if registry is None else registry
    if stage.name in reg:
        raise ValueError(f"stage {stage.name!r} registered twice")
    missing = [i for i in stage.inputs if i not in reg]
    if missing:
        raise ValueError(f"stage {stage.name!r} reads unregistered stage(s) {missing}")
    reg[stage.name] = stage
    return stage


def params_to_json(params) -> dict:
    """A parameters dataclass (nested dataclasses and tuples included) as JSON data."""
    return dataclasses.asdict(params)


def stage_key(stage: Stage, version: str, params, deps, input_digests: dict) -> str:
    """The cache key of one stage run: everything its output depends on."""
    import hashlib
    return hashlib.sha256(canonical([stage.name, version, params_to_json(params), deps, input_digests])
                          .encode()).hexdigest()
