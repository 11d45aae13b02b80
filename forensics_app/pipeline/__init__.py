"""The one orchestrator: every analysis, from the CLI or the GUI, runs through :func:`run`.

Stages run in order, each with progress and cancel, each cached in the workspace under a key
made of everything it depends on (input hashes, parameters, software and model versions), so
a re-run recomputes only what changed. ``results.json`` is assembled from the stage outputs
deterministically: no clocks, sorted keys, rounded floats.
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import SOFTWARE_NAME, __version__
from ..core.facecompare import FaceParams
from ..errors import Cancelled
from ..io.case import Case
from ..io.images import Limits
from ..core.hashing import canonical, results_text
from ..store.workspace import Workspace, hash_case_files

log = logging.getLogger(__name__)
RESULTS_FORMAT = "forensics-results/1"
NOT_ANALYSED = "not yet analysed"


def _noop(_f: float = 0.0, _t: str = "") -> None:
    pass


def _never() -> bool:
    return False


@dataclass
class Options:
    population: str | None = None          # override the case's reference_population
    face: FaceParams = field(default_factory=FaceParams)
    capture_tolerance_s: float = 120.0
    pad_model: str | None = None           # descriptor JSON of a vendor ONNX PAD model
    limits: Limits = field(default_factory=Limits)
    use_cache: bool = True
    workers: int = 0                       # face-stage processes; 0 = one per core (results do not depend on it)

    def as_dict(self) -> dict:
        return {"population": self.population, "face": self.face.as_dict(),
                "capture_tolerance_s": self.capture_tolerance_s, "pad_model": self.pad_model}


def stage_key(stage: str, deps) -> str:
    return hashlib.sha256(canonical([stage, __version__, deps]).encode()).hexdigest()


class Runner:
    """Runs the stages of one analysis with shared progress/cancel and the stage cache."""

    STAGES = ("media", "faces", "liveness", "authenticity", "chain")

    def __init__(self, case: Case, ws: Workspace, opts: Options, progress, cancel):
        self.case, self.ws, self.opts = case, ws, opts
        self._progress, self.cancel = progress, cancel
        self.cache_hits: list[str] = []
        self.computed: list[str] = []

    def progress(self, stage: str, frac: float, text: str = "") -> None:
        i = self.STAGES.index(stage)
        self._progress((i + max(0.0, min(1.0, frac))) / len(self.STAGES), text or stage)

    def check_cancel(self) -> None:
        if self.cancel():
            raise Cancelled()

    def cached(self, stage: str, deps, compute: Callable[[], dict]) -> dict:
        self.check_cancel()
        key = stage_key(stage, deps)
        if self.opts.use_cache:
            hit = self.ws.cache_get(key)
            if hit is not None:
                self.cache_hits.append(stage)
                return hit
        value = json.loads(canonical(compute()))
        self.ws.cache_put(key, stage, value)
        self.computed.append(stage)
        return value


def run(case: Case, ws: Workspace, opts: Options | None = None,
        progress: Callable[[float, str], None] = _noop, cancel: Callable[[], bool] = _never) -> dict:
    """Analyse a case; returns the results dict (also saved in the workspace)."""
    from .stages import authenticity_stage, chain_stage, face_stage, liveness_stage, media_stage

    opts = opts or Options()
    r = Runner(case, ws, opts, progress, cancel)
    inputs = [{"path": f["path"], "role": f["role"], "sha256": f["sha256"], "size": f["size"]}
              for f in hash_case_files(case)]
    hashes = {i["path"]: i["sha256"] for i in inputs}
    media = media_stage(r, hashes)
    faces = face_stage(r, hashes, media)
    liveness = liveness_stage(r, hashes, media, faces)
    authenticity = authenticity_stage(r, hashes, media)
    chain = chain_stage(r, hashes, inputs, media, faces, liveness, authenticity)
    r.progress("chain", 1.0, "assembling results")
    results = assemble(case, opts, inputs, media, faces, liveness, authenticity, chain)
    text = results_text(results)
    results = json.loads(text)            # the canonical form, exactly as written to results.json
    ws.save_analysis(text, {"cache_hits": r.cache_hits, "computed": r.computed,
                            "python": platform.python_version()})
    ws.append_audit("analysis", {"results_sha256": hashlib.sha256(text.encode()).hexdigest(),
                                 "options": opts.as_dict(), "computed": r.computed,
                                 "cached": r.cache_hits})
    progress(1.0, "done")
    return results


def software_block(models: list[dict]) -> dict:
    import av
    import cv2
    import dlib
    import numpy

    return {"name": SOFTWARE_NAME, "version": __version__,
            "libraries": {"dlib": dlib.__version__, "opencv": cv2.__version__,
                          "numpy": numpy.__version__, "av (FFmpeg demuxers)": av.__version__},
            "models": models}


def assemble(case, opts, inputs, media, faces, liveness, authenticity, chain) -> dict:
    models = faces.get("models", []) + [m for m in liveness.get("models", []) if m not in faces.get("models", [])]
    face_block = {k: v for k, v in faces.items() if k != "models"}
    return {
        "format": RESULTS_FORMAT,
        "case_id": case.case_id,
        "title": case.manifest.get("title", ""),
        "language": case.language,
        "timezone": case.timezone,
        "inputs": inputs,
        "software": software_block(models),
        "models": models,
        "options": opts.as_dict(),
        "propositions": {
            "Hp": "The person captured at the terminal is the card holder (the claimant).",
            "Hd": "The person captured is someone else from the relevant population "
                  f"({face_block.get('calibration', {}).get('population', 'see calibration')}).",
            "Hp_zh": "终端采集到的人是持卡人（当事人）本人。",
            "Hd_zh": "终端采集到的人是相关人群中的其他人。"},
        "media": media,
        "face_comparison": face_block,
        "liveness": {k: v for k, v in liveness.items() if k != "models"},
        "authenticity": authenticity,
        "logs": chain["logs"],
        "timeline": chain["timeline"],
        "findings": chain["findings"],
        "rules_checked": chain["rules_checked"],
        "summary": chain["summary"],
        "records": case.records,
        "claimant": case.manifest.get("claimant", {}),
        "bank": case.manifest.get("bank", {}),
        "court": case.manifest.get("court", ""),
        "examiner": case.manifest.get("examiner", ""),
    }


def write_results(results: dict, out_dir: Path) -> Path:
    """Write results.json atomically (temp file + rename)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    dest = out_dir / "results.json"
    tmp = out_dir / ".results.json.tmp"
    tmp.write_text(results_text(results), encoding="utf-8")
    tmp.replace(dest)
    return dest


