"""The face stage: the ID photo against every analysed frame, by each algorithm, with the
calibrated likelihood ratio for the case's population (or the examiner's, with a reason)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core import caldesc
from ...core.facecompare import FaceParams, compare
from ...core.model import FaceComparison, Media
from ...core.quality import QualityThresholds
from ...i18n.render import msg
from ...io import calibrations
from ...io.images import read_image
from ..registry import Output, Stage, register
from .common import default_thresholds, frames_and_videos, model_infos, shared_engines, video_frames

FaceSettings = FaceParams


@dataclass(frozen=True)
class FaceStageParams:
    face: FaceSettings = field(default_factory=FaceSettings)
    quality: QualityThresholds = field(default_factory=QualityThresholds)


def _frame_source(ctx, media: Media):
    """Iterator over the analysed frames (stills first, then each video's) and their count."""
    stills = frames_and_videos(ctx.case)[0]
    n = len(stills) + sum(v["analysed"]["frames"] for v in media.videos)

    def gen():
        for rel, path in stills:
            rgb, _ = read_image(path, ctx.opts.limits)
            yield rel, 0, 0.0, rgb
        for v in media.videos:
            for i, t, rgb in video_frames(ctx, v):
                yield f"{v['path']}#{i}", i, t, rgb
    return gen(), n


def _calibrations(ctx):
    """The population (the case's default unless the examiner chose another, with a reason) and
    one calibration per algorithm for it, primary first."""
    pop = calibrations.choose_population(ctx.opts.population, getattr(ctx.opts, "population_reason", None),
                                         ctx.case.manifest, ctx.case.is_chinese)
    return pop, calibrations.for_population(pop["key"], getattr(ctx.opts, "protocol", "chip"))


def face_params(opts) -> FaceStageParams:
    return FaceStageParams(face=opts.face)


def face_deps(ctx):
    media: Media = ctx.outputs["media"]
    pop, cals = _calibrations(ctx)
    used = {s["path"] for s in media.stills} | {v["path"] for v in media.videos} | {media.id_photo["path"]}
    others = calibrations.other_populations(pop, getattr(ctx.opts, "protocol", "chip"))
    return {"media": {k: v for k, v in ctx.hashes.items() if k in used},
            "calibrations": {a: c.as_dict() for a, c in cals.items()}, "population": pop,
            "other_populations": {a: [(r, k, c.sha256) for r, k, c in v] for a, v in others.items()}}


def face_compute(ctx, progress, cancel) -> Output:
    quality = default_thresholds("faces", ctx.params.quality, QualityThresholds)
    media: Media = ctx.outputs["media"]
    pop, cals = _calibrations(ctx)
    face = ctx.params.face
    progress(0.0, msg("progress.face_models"))
    engines = shared_engines(ctx)
    id_rgb, _ = read_image(ctx.case.role("id_photo")[0].path, ctx.opts.limits)
    frames, n = _frame_source(ctx, media)
    others = calibrations.other_populations(pop, getattr(ctx.opts, "protocol", "chip"))
    res = compare(engines, id_rgb, frames, n, cals, face, progress=progress, cancel=cancel, quality=quality,
                  others=others)
    fc = FaceComparison.from_json(res, "face_comparison")
    fc.population = {k: pop.get(k) for k in ("key", "base", "vendor_fmr", "reason", "basis", "default", "warnings")} \
        | {"name": cals["sface"].population,
           "name_msg": caldesc.describe(cals["sface"], "population")}
    fc.calibration["chosen_by"] = pop["reason"]
    fc.id_photo["path"] = media.id_photo["path"]
    return Output(fc, model_infos(engines.info()))


FACES = register(Stage("faces", face_compute, FaceComparison, inputs=("media",), params=FaceStageParams,
                       deps=face_deps, result_key="face_comparison", params_for=face_params, weight=6.0))
