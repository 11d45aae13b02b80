"""The media stage: what each evidence image and video holds (sizes, EXIF, JPEG tables, the video's
frames, timestamps, repeats and container), read once; the analysed frames are kept for the next
stages (pipeline/frames.py)."""

from __future__ import annotations

from ...core.authenticity import AuthenticityThresholds, repeated_frames
from ...core.model import Media
from ...core.progress import check
from ...i18n.render import msg
from ...io.container import read_container
from ...io.images import read_image
from ...io.media import capture_time, exif_summary, jpeg_info
from ...io.video import probe_video
from ..frames import selection_record
from ..registry import REGISTRY, Stage, register
from .common import frames_and_videos, frame_store


def _authenticity_thresholds(ctx) -> AuthenticityThresholds:
    """The authenticity stage's thresholds; the media stage finds repeated video frames with them."""
    from ..runner import params_of
    return params_of(REGISTRY["authenticity"], ctx.opts).thresholds


def media_deps(ctx):
    case, hashes = ctx.case, ctx.hashes
    stills, videos = frames_and_videos(case)
    idp = case.role("id_photo")[0].rel
    th = _authenticity_thresholds(ctx)              # repeated video frames are found in this stage
    return {p: hashes[p] for p, _ in stills} | {v.rel: hashes[v.rel] for v in videos} \
        | {idp: hashes[idp], "tz": case.timezone, "duplicates": case.duplicates,
           "max_video_frames": ctx.opts.limits.max_video_frames,
           "repeat_thresholds": [th.repeat_mad, th.loop_min_frames]}


def media_compute(ctx, progress, cancel) -> Media:
    case = ctx.case
    stills, videos = frames_and_videos(case)
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
        keep, finish = frame_store(ctx).collector(v.path)
        info = probe_video(v.path, ctx.opts.limits, on_frame=keep)
        finish(info.frames)
        out.videos.append({"path": v.rel} | info.as_dict()
                          | {"analysed": selection_record(info.frames, ctx.opts.limits.max_video_frames)}
                          | {"timestamps_ms": [round(t, 3) for t in info.timestamps_ms],
                             "repeats": repeated_frames(info.thumbs, _authenticity_thresholds(ctx)),
                             "container": read_container(v.path)})
    return out


# weight (each stage's): its share of the progress bar, about its share of an analysis's time. Measured
# on the demo cases, seconds: the print-attack video media 0.45, faces 7.7, liveness 5.0, authenticity
# 0.0, chain 0.02; the Guangzhou stills 0.25, 2.2, 0.01, 0.5, 0.1 (docs/performance.md: the benchmark).
MEDIA = register(Stage("media", media_compute, Media, deps=media_deps, result_key="media", weight=0.5))
