"""What several stages share: the thresholds rule, reading optional record fields, the models a
result names, the case's stills and videos, the frames decoded once, the models loaded once."""

from __future__ import annotations

from ...core.model import ModelInfo
from ...core.record import ABSENT
from ..frames import FrameStore


def default_thresholds(stage: str, given, cls):
    """A run cannot override thresholds: the validation figures the report prints (liveness error
    rates, the double-JPEG measurements) were measured at the defaults, so another value would
    leave them speaking of a different test. Returns ``given`` (the default) for the code to read."""
    if given != cls():
        raise ValueError(f"stage {stage}: per-run threshold overrides are not supported; "
                         "edit the dataclass in core (the cache key follows it)")
    return given


def or_none(value):
    """An optional record field as the JSON reader saw it: None when it was absent."""
    return None if value is ABSENT else value


def model_infos(infos) -> tuple[ModelInfo, ...]:
    return tuple(ModelInfo.from_json(m, "models") for m in infos)


def frames_and_videos(case):
    return case.frame_paths(), case.role("stm_video")


def frame_store(ctx) -> FrameStore:
    if ctx.frames is None:          # a caller that built its own Context
        ctx.frames = FrameStore(ctx.opts.limits)
    return ctx.frames


def video_frames(ctx, media_video: dict):
    """(index, time_ms, RGB) of a video's analysed frames (see pipeline/frames.py), decoded once."""
    return frame_store(ctx).frames(ctx.case.root / media_video["path"], media_video["frames"])


def shared_engines(ctx):
    """YuNet/SFace and dlib (5-point, ResNet), loaded once per analysis."""
    from ...core.facedesc import Engines
    if ctx.models.engines is None:
        ctx.models.engines = Engines.load(with_dlib=True)
    return ctx.models.engines


def shared_dlib(ctx):
    """dlib's models: the face stage's when it ran in this analysis, else loaded here."""
    if ctx.models.engines is not None:
        return ctx.models.engines.dlib
    from ...core.faces import FaceModels
    if ctx.models.dlib is None:
        ctx.models.dlib = FaceModels.load(with_68=True)
    return ctx.models.dlib
