"""The one orchestrator: every analysis, from the CLI or the GUI, runs through :func:`run`.

Stages run in order, each with progress and cancel, each cached in the workspace under a key
made of everything it depends on (input hashes, parameters, software and model versions), so
a re-run recomputes only what changed. ``results.json`` is assembled from the stage outputs
deterministically: no clocks, sorted keys, rounded floats.
"""

from __future__ import annotations

import json
import logging
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import SOFTWARE_NAME, __version__
from ..core.facecompare import FaceParams
from ..core.hashing import results_text
from ..core.model import RESULTS_FORMAT, Results
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
    workers: int = 0                       # no effect since the face stage runs in one process (sampled
    #                                        embeddings left it little work: docs/performance.md); kept for callers
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

    ``stages`` defaults to the registry (pipeline/stages.py); tests pass their own. ``actor``: the
    examiner, recorded in the audit entry (not in the results: they do not depend on who ran them)."""
    from .registry import REGISTRY
    from . import stages as _stages  # noqa: F401  (registers the stages)

    opts = opts or Options()
    with ws.write():         # one writer; a failed or cancelled run leaves no cache or audit entry
        return _run(case, ws, opts, progress, cancel, list(REGISTRY.values()) if stages is None else stages, actor)


def _run(case, ws, opts, progress, cancel, stages, actor="") -> dict:
    from .frames import FrameStore
    from .runner import Context, Runner
    inputs = [{"path": f["path"], "role": f["role"], "sha256": f["sha256"], "size": f["size"]}
              for f in hash_case_files(case)]
    ctx = Context(case=case, ws=ws, opts=opts, hashes={i["path"]: i["sha256"] for i in inputs}, inputs=inputs,
                  frames=FrameStore(opts.limits))
    r = Runner(stages, ctx, progress, cancel, opts.use_cache)
    outputs = r.run()
    progress(1.0, msg("progress.assembling"))
    head = audit_head(ws, inputs, r.keys.values(), outputs)
    text = results_text(assemble(case, opts, inputs, outputs, r.stages, head, r.params).to_json())
    results = json.loads(text)            # the canonical form, exactly as written to results.json
    validate_results(results)
    ws.save_analysis(text, {"cache_hits": r.cache_hits, "computed": r.computed, "timings_s": r.timings,
                            "python": platform.python_version()},
                     {"options": opts.as_dict(), "computed": r.computed, "cached": r.cache_hits, "actor": actor})
    log.info("analysis of %s: computed %s, cached %s, %.2f s in stages", case.case_id, r.computed,
             r.cache_hits, sum(r.timings.values()))
    progress(1.0, msg("progress.done"))
    return results


def audit_head(ws: Workspace, inputs: list[dict], cache_keys, outputs: dict) -> str:
    """Hash of the newest audit entry covering a record this analysis used: the intake record of
    every input, every stage-cache entry, the calibration. The same inputs give the same head (so
    results stay byte-identical), and an earlier export's head must stay in the chain."""
    from ..io import calibrations
    seqs = [ws.record_seq("files", i["path"]) for i in inputs]
    seqs += [ws.record_seq("cache", k) for k in cache_keys]
    fc = outputs.get("faces") or {}
    names = [(fc.get("calibration") or {}).get("name")] + [a["calibration"]["name"] for a in fc.get("algorithms", [])]
    for name in dict.fromkeys(n for n in names if n):          # every algorithm's calibration, once
        c = calibrations.load(name)
        seqs.append(ws.record_calibration(c.name, c.sha256, c.origin, calibrations.file_text(c)))
    seqs = [s for s in seqs if s]
    return ws.hash_of(max(seqs)) if seqs else ws.head()


def software_block(models: list[dict]) -> dict:
    import av
    import cv2
    import dlib
    import numpy

    return {"name": SOFTWARE_NAME, "version": __version__,
            "libraries": {"dlib": dlib.__version__, "opencv": cv2.__version__,
                          "numpy": numpy.__version__, "av": av.__version__},
            "models": models}


def rendered_cue(cue: dict, tr) -> dict:
    """A cue as ../shared/case-format.md lists it: ``meaning`` (and a worded ``threshold``) as text in
    the case's language, as a finding's title and explanation are; the message itself goes beside
    it (``meaning_msg``, ``threshold_msg``) so that a reader in another language renders it anew."""
    out = dict(cue)
    if isinstance(cue.get("meaning"), dict):
        out["meaning"], out["meaning_msg"] = value_text(cue["meaning"], tr), cue["meaning"]
    if isinstance(cue.get("threshold"), dict):
        out["threshold"], out["threshold_msg"] = value_text(cue["threshold"], tr), cue["threshold"]
    return out


def assemble(case, opts, inputs, outputs: dict, stages: list, audit_head: str = "",
             params: dict | None = None) -> Results:
    """results.json from the stage outputs: each stage's ``result_key`` (or, without one, its
    output's own keys), models gathered from every stage, every stage's parameters, provenance
    and case data."""
    by_name = {s.name: s for s in stages}
    models: list[dict] = []
    staged: dict = {}
    for name, out in outputs.items():
        stage = by_name.get(name)
        models += [m for m in out.get("models", []) if m not in models]
        body = {k: v for k, v in out.items() if k != "models"}
        if stage is not None and stage.result_key:
            staged[stage.result_key] = body
        else:
            staged.update(body)
    from ..core.model import FaceComparison, Liveness
    from ..core.propositions import presentation_caveat
    fc = staged["face_comparison"]
    lv = staged.get("liveness")
    if lv and lv.get("cues"):
        lv["cues"] = [rendered_cue(q, translator(case.language)) for q in lv["cues"]]
    face = FaceComparison.from_json(fc, "face_comparison")
    cav = presentation_caveat(face, Liveness.from_json(lv, "liveness") if lv else None)
    if cav["applies"]:          # the report prints it as a message; absent when it does not apply
        fc["presentation_caveat"] = cav
    population = (face.population or {}).get("name") or face.calibration.get("population", "see calibration")
    return Results.from_json({
        "format": RESULTS_FORMAT,
        "case_id": case.case_id,
        "title": case.manifest.get("title", ""),
        "language": case.language,
        "timezone": case.timezone,
        "inputs": inputs,
        "software": software_block(models),
        "models": models,
        "options": opts.as_dict(),
        "stage_parameters": params or {},
        "propositions": {
            "Hp": msg("proposition.Hp"),
            "Hd": msg("proposition.Hd", population={"text": population})},
        **staged,
        "records": case.records,
        "claimant": case.manifest.get("claimant", {}),
        "bank": case.manifest.get("bank", {}),
        "court": case.manifest.get("court", ""),
        "examiner": case.manifest.get("examiner", ""),
        "audit_head": audit_head,
        **{k: case.manifest[k] for k in ("circumstances", "received") if case.manifest.get(k)},
    })


def write_results(results: dict, out_dir: Path) -> Path:
    """Write results.json atomically (temp file + rename; nothing is left if it fails)."""
    from ..io.outputs import write_atomic
    validate_results(results)
    return write_atomic(Path(out_dir) / "results.json", results_text(results).encode("utf-8"))
