"""The stages of an analysis, each registered once in :mod:`.registry` with its inputs, frozen
parameters, evidence deps, result type and ``compute(ctx, progress, cancel)``. Each reads its
inputs as typed records (core/model.py), reads evidence through ``io``, computes through ``core``
(whose functions may give plain data: it is read into the stage's record here, once, at the end of
its compute) and returns its record; the runner caches it under a key of everything it depends on
(parameters included) and assembles results.json from the records."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..core import caldesc
from ..core import rules as rules_mod
from ..core.rules.context import RuleContext
from ..core.authenticity import AuthenticityThresholds, repeated_frames
from ..core.facecompare import FaceParams, compare
from ..core.liveness import LivenessThresholds
from ..core.model import (Authenticity, ChainOfEvidence, ClipVerdict, FaceComparison, Liveness,
                          LivenessVerdict, Media, ModelInfo, StageStatus)
from ..core.quality import QualityThresholds
from ..core.progress import check
from ..core.record import ABSENT
from ..core.timeline import build_timeline, summary_statement
from ..i18n.render import msg
from ..io import calibrations
from ..io.container import read_container
from ..io.images import read_image
from ..io.logs import read_log
from ..io.media import capture_time, exif_summary, jpeg_info
from ..io.video import probe_video
from .clips import PAD_EVERY
from .frames import FrameStore, selection_record
from .registry import REGISTRY, Output, Stage, register

# ---- parameters ------------------------------------------------------------------------------
# The threshold dataclasses live beside the code that reads them (core); each stage passes its
# instance down, so the parameters in the cache key and in results are the ones the code used.
FaceSettings = FaceParams


@dataclass(frozen=True)
class FaceStageParams:
    face: FaceSettings = field(default_factory=FaceSettings)
    quality: QualityThresholds = field(default_factory=QualityThresholds)


@dataclass(frozen=True)
class LivenessParams:
    thresholds: LivenessThresholds = field(default_factory=LivenessThresholds)
    pad_every: int = PAD_EVERY          # the learned PAD score is taken on every Nth distinct frame with a face


@dataclass(frozen=True)
class AuthenticityParams:
    thresholds: AuthenticityThresholds = field(default_factory=AuthenticityThresholds)


@dataclass(frozen=True)
class ChainParams:
    capture_tolerance_s: float = 120.0  # a still's capture time may differ this much from the log


def _default_thresholds(stage: str, given, cls):
    """A run cannot override thresholds: the validation figures the report prints (liveness error
    rates, the double-JPEG measurements) were measured at the defaults, so another value would
    leave them speaking of a different test. Returns ``given`` (the default) for the code to read."""
    if given != cls():
        raise ValueError(f"stage {stage}: per-run threshold overrides are not supported; "
                         "edit the dataclass in core (the cache key follows it)")
    return given


def _or_none(value):
    """An optional record field as the JSON reader saw it: None when it was absent."""
    return None if value is ABSENT else value


def _models(infos) -> tuple[ModelInfo, ...]:
    return tuple(ModelInfo.from_json(m, "models") for m in infos)


def _authenticity_thresholds(ctx) -> AuthenticityThresholds:
    """The authenticity stage's thresholds; the media stage finds repeated video frames with them."""
    from .runner import params_of
    return params_of(REGISTRY["authenticity"], ctx.opts).thresholds


# ---- media -----------------------------------------------------------------------------------

def _frames_and_video(case):
    return case.frame_paths(), case.role("stm_video")


def media_deps(ctx):
    case, hashes = ctx.case, ctx.hashes
    stills, videos = _frames_and_video(case)
    idp = case.role("id_photo")[0].rel
    th = _authenticity_thresholds(ctx)              # repeated video frames are found in this stage
    return {p: hashes[p] for p, _ in stills} | {v.rel: hashes[v.rel] for v in videos} \
        | {idp: hashes[idp], "tz": case.timezone, "duplicates": case.duplicates,
           "max_video_frames": ctx.opts.limits.max_video_frames,
           "repeat_thresholds": [th.repeat_mad, th.loop_min_frames]}


def media_compute(ctx, progress, cancel) -> Media:
    case = ctx.case
    stills, videos = _frames_and_video(case)
    idp = case.role("id_photo")[0]
    rgb, im = read_image(idp.path, ctx.opts.limits)
    out = Media(id_photo={"path": idp.rel, "width": rgb.shape[1], "height": rgb.shape[0],
                          "exif": exif_summary(im), "jpeg": jpeg_info(im)},
                stills=[], videos=[], duplicates=case.duplicates)
    for k, (rel, path) in enumerate(stills):
        progress(k / max(1, len(stills)), msg("progress.reading", path=rel))
        check(cancel)
        rgb, im = read_image(path, ctx.opts.limits)
        ex = exif_summary(im)
        out.stills.append({"path": rel, "width": rgb.shape[1], "height": rgb.shape[0],
                           "exif": ex, "capture_time": capture_time(ex, case.timezone),
                           "jpeg": jpeg_info(im)})
    for v in videos:
        check(cancel)
        keep, finish = _store(ctx).collector(v.path)
        info = probe_video(v.path, ctx.opts.limits, on_frame=keep)
        finish(info.frames)
        out.videos.append({"path": v.rel} | info.as_dict()
                          | {"analysed": selection_record(info.frames, ctx.opts.limits.max_video_frames)}
                          | {"timestamps_ms": [round(t, 3) for t in info.timestamps_ms],
                             "repeats": repeated_frames(info.thumbs, _authenticity_thresholds(ctx)),
                             "container": read_container(v.path)})
    return out


def _store(ctx) -> FrameStore:
    if ctx.frames is None:          # a caller that built its own Context
        ctx.frames = FrameStore(ctx.opts.limits)
    return ctx.frames


def video_frames(ctx, media_video: dict):
    """(index, time_ms, RGB) of a video's analysed frames (see pipeline/frames.py), decoded once."""
    return _store(ctx).frames(ctx.case.root / media_video["path"], media_video["frames"])


# ---- faces -----------------------------------------------------------------------------------

def _frame_source(ctx, media: Media):
    """Iterator over the analysed frames (stills first, then each video's) and their count."""
    stills = _frames_and_video(ctx.case)[0]
    n = len(stills) + sum(v["analysed"]["frames"] for v in media.videos)

    def gen():
        for rel, path in stills:
            rgb, _ = read_image(path, ctx.opts.limits)
            yield rel, 0, 0.0, rgb
        for v in media.videos:
            for i, t, rgb in video_frames(ctx, v):
                yield f"{v['path']}#{i}", i, t, rgb
    return gen(), n


def shared_engines(ctx):
    """YuNet/SFace and dlib (5-point, ResNet), loaded once per analysis."""
    from ..core.facedesc import Engines
    if "engines" not in ctx.models:
        ctx.models["engines"] = Engines.load(with_dlib=True)
    return ctx.models["engines"]


def shared_dlib(ctx):
    """dlib's models: the face stage's when it ran in this analysis, else loaded here."""
    if "engines" in ctx.models:
        return ctx.models["engines"].dlib
    from ..core.faces import FaceModels
    if "dlib" not in ctx.models:
        ctx.models["dlib"] = FaceModels.load(with_68=True)
    return ctx.models["dlib"]


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
    return {"media": {k: v for k, v in ctx.hashes.items() if k in used},
            "calibrations": {a: c.as_dict() for a, c in cals.items()}, "population": pop}


def face_compute(ctx, progress, cancel) -> Output:
    quality = _default_thresholds("faces", ctx.params.quality, QualityThresholds)
    media: Media = ctx.outputs["media"]
    pop, cals = _calibrations(ctx)
    face = ctx.params.face
    progress(0.0, msg("progress.face_models"))
    engines = shared_engines(ctx)
    id_rgb, _ = read_image(ctx.case.role("id_photo")[0].path, ctx.opts.limits)
    frames, n = _frame_source(ctx, media)
    res = compare(engines, id_rgb, frames, n, cals, face, progress=progress, cancel=cancel, quality=quality)
    fc = FaceComparison.from_json(res, "face_comparison")
    fc.population = {k: pop.get(k) for k in ("key", "base", "vendor_fmr", "reason", "basis", "default", "warnings")} \
        | {"name": cals["sface"].population,
           "name_msg": caldesc.describe(cals["sface"], "population")}
    fc.calibration["chosen_by"] = pop["reason"]
    fc.id_photo["path"] = media.id_photo["path"]
    return Output(fc, _models(engines.info()))


# ---- liveness --------------------------------------------------------------------------------

def _pad(ctx):
    from ..core import pad as padmod
    return padmod.load(ctx.opts.pad_model)


def _sequence(media: Media) -> list[str]:
    """The captured stills, judged as one frame sequence when there are enough to follow over time."""
    from ..core.liveness_verdict import MIN_FRAMES
    stills = [s["path"] for s in media.stills]
    return stills if len(stills) >= MIN_FRAMES else []


def liveness_deps(ctx):
    from ..core.liveness_verdict import validation_summary
    media: Media = ctx.outputs["media"]
    faces: FaceComparison = ctx.outputs["faces"]
    seq = _sequence(media)
    pad = _pad(ctx) if media.videos or seq else None
    return {"videos": {v["path"]: ctx.hashes[v["path"]] for v in media.videos},
            "stills": {p: ctx.hashes[p] for p in seq},
            "pad": {"name": pad.name, "models": pad.info} if pad else None,
            "validation": validation_summary().get("file_sha256"),
            "reproduction": _or_none(faces.reference_reproduction)}


def liveness_compute(ctx, progress, cancel) -> Output:
    """Liveness of every video, and of the captured stills as one frame sequence when there are at
    least 10 (a terminal's captured frames); fewer stills and no video: inconclusive."""
    from ..core.liveness_verdict import assess_stills_only, validation_summary
    thresholds = _default_thresholds("liveness", ctx.params.thresholds, LivenessThresholds)
    media: Media = ctx.outputs["media"]
    faces: FaceComparison = ctx.outputs["faces"]
    repro = _or_none(faces.reference_reproduction)
    seq = _sequence(media)
    if not media.videos and not seq:
        out = assess_stills_only(len(media.stills), [s["path"] for s in media.stills], repro)
        return Output(replace(Liveness.from_json(out, "liveness"), validation=validation_summary()))
    from .clips import CaseFrames, analyse_clip, analyse_sequence
    models = shared_dlib(ctx).ensure_68()
    pad = _pad(ctx)
    rows = {r["frame"]: r for r in faces.per_frame}     # the face stage's detections, not made twice
    clips = []
    if seq:
        progress(0.0, msg("progress.liveness_sequence"))
        clips.append(analyse_sequence(models, [ctx.case.root / p for p in seq], ctx.opts.limits, pad=pad,
                                      reproduction=repro, label="stm_frames", labels=seq, cancel=cancel,
                                      pad_every=ctx.params.pad_every, rows=rows, thresholds=thresholds))
    for k, v in enumerate(media.videos):
        progress(k / len(media.videos), msg("progress.liveness", path=v["path"]))
        # measured on the distinct frames only, so a padding recorder changes nothing
        clips.append(analyse_clip(models, ctx.case.root / v["path"], ctx.opts.limits, pad=pad,
                                  reproduction=repro, label=v["path"], cancel=cancel,
                                  pad_every=ctx.params.pad_every, thresholds=thresholds,
                                  case_frames=CaseFrames(video=v, rows=rows, frames=lambda v=v: video_frames(ctx, v))))
    out = combine_clips([Liveness.from_json(c, f"liveness.clips[{i}]") for i, c in enumerate(clips)])
    return Output(replace(out, validation=validation_summary()),
                  _models(list(pad.info if pad else []) + [
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
    return replace(main, clips=[ClipVerdict(clip=_or_none(c.clip), verdict=c.verdict, species=c.species,
                                            basis=_or_none(c.basis), reasons=c.reasons) for c in clips])


# ---- authenticity ----------------------------------------------------------------------------

def authenticity_deps(ctx):
    media: Media = ctx.outputs["media"]
    return {"stills": {x["path"]: ctx.hashes[x["path"]] for x in media.stills},
            "videos": {v["path"]: ctx.hashes[v["path"]] for v in media.videos}}


def authenticity_compute(ctx, progress, cancel) -> Authenticity:
    from ..core.authenticity import check_stills, check_video
    th = _default_thresholds("authenticity", ctx.params.thresholds, AuthenticityThresholds)
    media: Media = ctx.outputs["media"]
    images = {}
    for k, s in enumerate(media.stills):
        progress(k / max(1, len(media.stills)), msg("progress.authenticity", path=s["path"]))
        check(cancel)
        images[s["path"]] = read_image(ctx.case.root / s["path"], ctx.opts.limits)[0]
    data = {s["path"]: (ctx.case.root / s["path"]).read_bytes() for s in media.stills
            if s.get("jpeg", {}).get("format") == "JPEG"}
    checks, sus = check_stills(media.stills, images, data, th)
    for d in media.duplicates or []:        # repeats used once (io/duplicates.py) are still traces
        if d["role"] == "stm_frames":
            sus.append({"file": d["path"], "code": "AU_BYTE_DUPLICATE", "params": {"other": d["same_as"]}})
    for v in media.videos:
        c, s2 = check_video(v["path"], v["timestamps_ms"], v["fps"], v.get("container"), v.get("repeats"), th)
        checks += c
        sus += s2
    return Authenticity(status=StageStatus.analysed, checks=checks, suspicious=sus,
                        not_done=["AU_NOT_DONE.nonaligned_double_jpeg", "AU_NOT_DONE.video_frame_edits"])  # catalogue codes


# ---- chain of evidence (logs, records, rules) ------------------------------------------------

def chain_params(opts) -> ChainParams:
    return ChainParams(capture_tolerance_s=opts.capture_tolerance_s)


def chain_compute(ctx, progress, cancel) -> ChainOfEvidence:
    case = ctx.case
    media: Media = ctx.outputs["media"]
    logs, rows, errors = [], [], []
    for item in case.role("transaction_log"):
        lf = read_log(item.path, item.rel, item.attrs.get("timezone", case.timezone),
                      item.attrs.get("column_map"), max_rows=ctx.opts.limits.max_log_rows,
                      max_xlsx_bytes=ctx.opts.limits.max_xlsx_bytes)
        logs.append(lf.summary())
        rows += lf.rows
        errors += [e | {"file": item.rel} for e in lf.errors]
    rows.sort(key=lambda x: (x["time_utc"], x["file"], x["row"]))
    frame_times = [{"frame": s["path"], "time": s["capture_time"], "source": "EXIF"}
                   for s in media.stills if s.get("capture_time")]
    terminals = []
    for item in case.items:
        if item.role in ("stm_frames", "stm_video") and item.attrs.get("terminal_id"):
            terminals.append({"terminal_id": item.attrs["terminal_id"], "source": item.rel})
    rctx = RuleContext.of({"manifest": case.manifest, "records": case.records, "tz": case.timezone,
            "language": case.language, "logs": logs,
            "roles": {role: [i.rel for i in case.role(role)] for role in
                      ("id_photo", "stm_frames", "stm_video", "transaction_log", "document")}
            | {"stm_frames_members": [p for p, _ in case.frame_paths()]},
            "log_rows": rows, "log_errors": errors, "face": ctx.outputs["faces"],
            "liveness": ctx.outputs["liveness"], "authenticity": ctx.outputs["authenticity"], "inputs": ctx.inputs, "frame_times": frame_times,
            "media_terminals": terminals, "capture_tolerance_s": ctx.params.capture_tolerance_s})
    findings, checked = rules_mod.evaluate(rctx)
    timeline = build_timeline(rows, frame_times, case.records, case.timezone)
    return ChainOfEvidence.from_json({"logs": logs, "timeline": timeline, "findings": findings, "rules_checked": checked,
                                      "summary": summary_statement(findings, checked, rctx.face, rctx.liveness)})


# ---- the registry, in order ------------------------------------------------------------------
MEDIA = register(Stage("media", media_compute, Media, deps=media_deps, result_key="media"))
FACES = register(Stage("faces", face_compute, FaceComparison, inputs=("media",), params=FaceStageParams,
                       deps=face_deps, result_key="face_comparison", params_for=face_params))
LIVENESS = register(Stage("liveness", liveness_compute, Liveness, inputs=("media", "faces"), params=LivenessParams,
                          deps=liveness_deps, result_key="liveness"))
AUTHENTICITY = register(Stage("authenticity", authenticity_compute, Authenticity, inputs=("media",),
                              params=AuthenticityParams, deps=authenticity_deps, result_key="authenticity"))
CHAIN = register(Stage("chain", chain_compute, ChainOfEvidence, inputs=("media", "faces", "liveness", "authenticity"),
                       params=ChainParams, cache=False, params_for=chain_params))
