"""The liveness stage: was a live person in front of the camera? Each video, and the captured
stills as one frame sequence when there are enough, judged on cues and the learned PAD score."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...core.liveness import LivenessThresholds
from ...core.model import ClipVerdict, FaceComparison, Liveness, LivenessVerdict, Media
from ...core.progress import scaled
from ...i18n.render import msg
from ..clips import PAD_EVERY
from ..registry import Output, Stage, register
from .common import default_thresholds, model_infos, or_none, shared_dlib, video_frames


@dataclass(frozen=True)
class LivenessParams:
    thresholds: LivenessThresholds = field(default_factory=LivenessThresholds)
    pad_every: int = PAD_EVERY          # the learned PAD score is taken on every Nth distinct frame with a face


def _pad(ctx):
    from ...core import pad as padmod
    return padmod.load(ctx.opts.pad_model)


def _sequence(media: Media) -> list[str]:
    """The captured stills, judged as one frame sequence when there are enough to follow over time."""
    from ...core.liveness_verdict import MIN_FRAMES
    stills = [s["path"] for s in media.stills]
    return stills if len(stills) >= MIN_FRAMES else []


def liveness_deps(ctx):
    from ...core.liveness_verdict import validation_summary
    media: Media = ctx.outputs["media"]
    faces: FaceComparison = ctx.outputs["faces"]
    seq = _sequence(media)
    pad = _pad(ctx) if media.videos or seq else None
    return {"videos": {v["path"]: ctx.hashes[v["path"]] for v in media.videos},
            "stills": {p: ctx.hashes[p] for p in seq},
            "pad": {"name": pad.name, "models": pad.info} if pad else None,
            "validation": validation_summary().get("file_sha256"),
            "reproduction": or_none(faces.reference_reproduction)}


def liveness_compute(ctx, progress, cancel) -> Output:
    """Liveness of every video, and of the captured stills as one frame sequence when there are at
    least 10 (a terminal's captured frames); fewer stills and no video: inconclusive."""
    from ...core.liveness_verdict import assess_stills_only, validation_summary
    thresholds = default_thresholds("liveness", ctx.params.thresholds, LivenessThresholds)
    media: Media = ctx.outputs["media"]
    faces: FaceComparison = ctx.outputs["faces"]
    repro = or_none(faces.reference_reproduction)
    seq = _sequence(media)
    if not media.videos and not seq:
        out = assess_stills_only(len(media.stills), [s["path"] for s in media.stills], repro)
        return Output(replace(Liveness.from_json(out, "liveness"), validation=validation_summary()))
    from ..clips import CaseFrames, analyse_clip, analyse_sequence
    models = shared_dlib(ctx).ensure_68()
    pad = _pad(ctx)
    rows = {r["frame"]: r for r in faces.per_frame}     # the face stage's detections, not made twice
    clips = []
    parts = len(media.videos) + (1 if seq else 0)

    def part(k: int, message: dict):
        """The k-th clip's share of the stage's progress, each step shown with its clip's message."""
        sub = scaled(progress, k / parts, (k + 1) / parts)
        return lambda fraction, _m="": sub(fraction, message)
    if seq:
        clips.append(analyse_sequence(models, [ctx.case.root / p for p in seq], ctx.opts.limits, pad=pad,
                                      reproduction=repro, label="stm_frames", labels=seq, cancel=cancel,
                                      pad_every=ctx.params.pad_every, rows=rows, thresholds=thresholds,
                                      progress=part(0, msg("progress.liveness_sequence"))))
    for k, v in enumerate(media.videos, start=len(clips)):
        # measured on the distinct frames only, so a padding recorder changes nothing
        clips.append(analyse_clip(models, ctx.case.root / v["path"], ctx.opts.limits, pad=pad,
                                  reproduction=repro, label=v["path"], cancel=cancel,
                                  pad_every=ctx.params.pad_every, thresholds=thresholds,
                                  case_frames=CaseFrames(video=v, rows=rows, frames=lambda v=v: video_frames(ctx, v)),
                                  progress=part(k, msg("progress.liveness", path=v["path"]))))
    out = combine_clips([Liveness.from_json(c, f"liveness.clips[{i}]") for i, c in enumerate(clips)])
    return Output(replace(out, validation=validation_summary()),
                  model_infos(list(pad.info if pad else []) + [
                      i.as_dict() for i in models.info if i.name.startswith("shape_predictor_68")]))


def combine_clips(clips: list[Liveness]) -> Liveness:
    """One verdict over several clips: any attack is an attack; live only if every clip is live."""
    verdicts = [c.verdict for c in clips]
    if LivenessVerdict.attack_suspected in verdicts:
        main = next(c for c in clips if c.verdict == LivenessVerdict.attack_suspected)
    elif all(v == LivenessVerdict.live for v in verdicts):
        main = clips[0]
    else:
        main = next(c for c in clips if c.verdict == LivenessVerdict.inconclusive)
    return replace(main, clips=[ClipVerdict(clip=or_none(c.clip), verdict=c.verdict, species=c.species,
                                            basis=or_none(c.basis), reasons=c.reasons) for c in clips])


LIVENESS = register(Stage("liveness", liveness_compute, Liveness, inputs=("media", "faces"), params=LivenessParams,
                          deps=liveness_deps, result_key="liveness", weight=4.0))
