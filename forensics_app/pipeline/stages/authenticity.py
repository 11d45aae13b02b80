"""The authenticity stage: metadata, compression, repeated frames and containers of the stills and
videos, each check with the thresholds it was validated at."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...core.authenticity import AuthenticityThresholds
from ...core.model import Authenticity, Media, StageStatus
from ...core.progress import check
from ...i18n.render import msg
from ...io.images import read_image
from ..registry import Stage, register
from .common import default_thresholds


@dataclass(frozen=True)
class AuthenticityParams:
    thresholds: AuthenticityThresholds = field(default_factory=AuthenticityThresholds)


def authenticity_deps(ctx):
    media: Media = ctx.outputs["media"]
    return {"stills": {x["path"]: ctx.hashes[x["path"]] for x in media.stills},
            "videos": {v["path"]: ctx.hashes[v["path"]] for v in media.videos}}


def authenticity_compute(ctx, progress, cancel) -> Authenticity:
    from ...core.authenticity import check_stills, check_video
    th = default_thresholds("authenticity", ctx.params.thresholds, AuthenticityThresholds)
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


AUTHENTICITY = register(Stage("authenticity", authenticity_compute, Authenticity, inputs=("media",),
                              params=AuthenticityParams, deps=authenticity_deps, result_key="authenticity",
                              weight=0.5))
