"""The one orchestrator: every analysis, from the CLI or the GUI, runs through :func:`run`.

Stages run in order, each with progress and cancel, each cached in the workspace under a key
made of everything it depends on (input hashes, parameters, software and model versions), so
a re-run recomputes only what changed. Stages hand each other typed records (core/model.py);
:func:`assemble` builds the typed :class:`Results` from them and it is serialised once
(``to_json``), deterministically: no clocks, sorted keys, rounded floats.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import SOFTWARE_NAME, __version__
from ..core.facecompare import FaceParams
from ..core.hashing import results_text
from ..core.model import (RESULTS_FORMAT, AnalysisOptions, Cue, FaceComparison, InputFile, Liveness, ModelInfo,
                          Propositions, Results, Software)
from ..core.progress import never_cancel, no_progress
from ..core.schema import validate_results
from ..i18n import translator
from ..i18n.render import msg, value_text
from ..io.case import Case
from ..io.images import Limits
from ..store.workspace import Workspace, hash_case_files

log = logging.getLogger(__name__)


@dataclass
class Options:
    population: str | None = None          # override the case's default population (needs a reason)
    population_reason: str | None = None
    protocol: str = "chip"                 # calibration protocol: chip photo vs capture, or "photo"
    face: FaceParams = field(default_factory=FaceParams)
    capture_tolerance_s: float = 120.0
    pad_model: str | None = "builtin"      # "builtin" (shipped MiniFASNet pair), "none", or a descriptor JSON
    limits: Limits = field(default_factory=Limits)
    use_cache: bool = True
    params: dict = field(default_factory=dict)  # stage name -> its parameters dataclass (overrides)

    def __post_init__(self) -> None:
        # one spelling per choice, so that the same analysis has the same cache and re-run keys and
        # results whichever caller (CLI, desk, batch) left the PAD model unset
        if self.pad_model is None or str(self.pad_model).strip() == "":
            self.pad_model = "builtin"

    def as_dict(self) -> dict:
        return {"population": self.population, "population_reason": self.population_reason,
                "protocol": self.protocol, "face": self.face.as_dict(),
                "capture_tolerance_s": self.capture_tolerance_s, "pad_model": self.pad_model}


def run(case: Case, ws: Workspace, opts: Options | None = None,
        progress: Callable[[float, str], None] = no_progress, cancel: Callable[[], bool] = never_cancel,
        stages: list | None = None, actor: str = "") -> dict:
    """Analyse a case; returns the results dict (also saved in the workspace).

    ``stages`` defaults to the registry (pipeline/stages/, one module per stage); tests pass their
    own. ``actor``: the examiner, recorded in the audit entry (not in the results: they do not
    depend on who ran them)."""
    from .registry import REGISTRY
    from . import stages as _stages  # noqa: F401  (registers the stages)

    opts = opts or Options()
    with ws.write():         # one writer; a failed or cancelled run leaves no cache or audit entry
        return _run(case, ws, opts, progress, cancel, list(REGISTRY.values()) if stages is None else stages, actor)


def _run(case, ws, opts, progress, cancel, stages, actor="") -> dict:
    from .frames import FrameStore
    from .runner import Context, Runner
    inputs = [InputFile(**{k: f[k] for k in ("path", "role", "sha256", "size")}) for f in hash_case_files(case)]
    ctx = Context(case=case, ws=ws, opts=opts, hashes={i.path: i.sha256 for i in inputs}, inputs=inputs,
                  frames=FrameStore(opts.limits))
    r = Runner(stages, ctx, progress, cancel, opts.use_cache)
    outputs = r.run()
    progress(1.0, msg("progress.assembling"))
    head = audit_head(ws, inputs, r.keys.values(), outputs)
    text = results_text(assemble(case, opts, inputs, outputs, r.stages, head, r.params, r.models).to_json())
    results = json.loads(text)            # the canonical form, exactly as written to results.json
    validate_results(results)
    ws.save_analysis(text, {"cache_hits": r.cache_hits, "computed": r.computed, "timings_s": r.timings,
                            "python": platform.python_version()},
                     {"options": opts.as_dict(), "computed": r.computed, "cached": r.cache_hits, "actor": actor})
    log.info("analysis of %s: computed %s, cached %s, %.2f s in stages", case.case_id, r.computed,
             r.cache_hits, sum(r.timings.values()))
    progress(1.0, msg("progress.done"))
    return results


def audit_head(ws: Workspace, inputs: list[InputFile], cache_keys, outputs: dict) -> str:
    """Hash of the newest audit entry covering a record this analysis used: the intake record of
    every input, every stage-cache entry, the calibration. The same inputs give the same head (so
    results stay byte-identical), and an earlier export's head must stay in the chain."""
    from ..io import calibrations
    seqs = [ws.record_seq("files", i.path) for i in inputs]
    seqs += [ws.record_seq("cache", k) for k in cache_keys]
    fc: FaceComparison | None = outputs.get("faces")
    names = [(fc.calibration or {}).get("name")] + [a["calibration"]["name"] for a in fc.algorithms or []] if fc else []
    for name in dict.fromkeys(n for n in names if n):          # every algorithm's calibration, once
        c = calibrations.load(name)
        seqs.append(ws.record_calibration(c.name, c.sha256, c.origin, calibrations.file_text(c)))
    seqs = [s for s in seqs if s]
    return ws.hash_of(max(seqs)) if seqs else ws.head()


def software_record(models: list[ModelInfo]) -> Software:
    """The software block: the versions stated are those the stage cache keys cover (runner.key_versions)."""
    from .runner import library_versions
    return Software(name=SOFTWARE_NAME, version=__version__, libraries=dict(library_versions()), models=list(models))


def software_block(models: list[dict]) -> dict:
    """The ``software`` block of results.json as JSON data (batch keys its tasks on it)."""
    return software_record([ModelInfo.from_json(m, "models") for m in models]).to_json()


def rendered_cue(cue: Cue, tr) -> Cue:
    """A cue as ../shared/case-format.md lists it: ``meaning`` (and a worded ``threshold``) as text in
    the case's language, as a finding's title and explanation are; the message itself goes beside
    it (``meaning_msg``, ``threshold_msg``) so that a reader in another language renders it anew."""
    if isinstance(cue.meaning, dict):
        cue = dataclasses.replace(cue, meaning=value_text(cue.meaning, tr), meaning_msg=cue.meaning)
    if isinstance(cue.threshold, dict):
        cue = dataclasses.replace(cue, threshold=value_text(cue.threshold, tr), threshold_msg=cue.threshold)
    return cue


def rendered_model(model: ModelInfo, tr) -> ModelInfo:
    """A model as ../shared/case-format.md lists it: ``licence`` as text in the case's language, the
    message it was rendered from beside it (``licence_msg``), as a cue's meaning is."""
    if not isinstance(model.licence_msg, dict):
        return model
    return dataclasses.replace(model, licence=value_text(model.licence_msg, tr))


def assemble(case, opts, inputs: list[InputFile], outputs: dict, stages: list, audit_head: str = "",
             params: dict | None = None, models: dict | None = None) -> Results:
    """The typed results from the stage records: each stage's record fills its ``result_key`` (or,
    without one, the Results fields it has), models gathered from every stage in stage order,
    every stage's parameters, provenance and case data."""
    by_name = {s.name: s for s in stages}
    gathered: list[ModelInfo] = []
    for name in outputs:
        gathered += [m for m in (rendered_model(x, translator(case.language)) for x in (models or {}).get(name, ()))
                     if m not in gathered]
    staged: dict = {}
    for name, record in outputs.items():
        stage = by_name.get(name)
        if stage is not None and stage.result_key:
            staged[stage.result_key] = record
        else:
            staged.update({f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
    from ..core.propositions import presentation_caveat
    face: FaceComparison = staged["face_comparison"]
    lv: Liveness | None = staged.get("liveness")
    if lv is not None and lv.cues:
        tr = translator(case.language)
        staged["liveness"] = lv = dataclasses.replace(lv, cues=[rendered_cue(q, tr) for q in lv.cues])
    cav = presentation_caveat(face, lv)
    if cav["applies"]:          # the report prints it as a message; absent when it does not apply
        staged["face_comparison"] = dataclasses.replace(face, presentation_caveat=cav)
    # Hd names the population: the calibration's own message (a lab's words quoted as given)
    pop = face.population or {}
    population = pop.get("name_msg") or (face.calibration or {}).get("population_msg") or {
        "quote": pop.get("name") or (face.calibration or {}).get("population", "")}
    man = case.manifest
    return Results(
        format=RESULTS_FORMAT, case_id=case.case_id, title=man.get("title", ""), language=case.language,
        timezone=case.timezone, inputs=list(inputs), software=software_record(gathered), models=gathered,
        options=AnalysisOptions.from_json(opts.as_dict(), "options"), stage_parameters=params or {},
        propositions=Propositions(Hp=msg("proposition.Hp"),
                                  Hd=msg("proposition.Hd", population=population)),
        **staged,
        records=case.records, claimant=man.get("claimant", {}), bank=man.get("bank", {}),
        court=man.get("court", ""), examiner=man.get("examiner", ""), audit_head=audit_head,
        **{k: man[k] for k in ("circumstances", "received") if man.get(k)})


def write_results(results: dict, out_dir: Path) -> Path:
    """Write results.json atomically (temp file + rename; nothing is left if it fails)."""
    from ..io.outputs import write_atomic
    validate_results(results)
    return write_atomic(Path(out_dir) / "results.json", results_text(results).encode("utf-8"))
