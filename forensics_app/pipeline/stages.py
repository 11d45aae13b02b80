"""The stages of an analysis. Each reads through ``io``, computes through ``core`` and returns a
JSON-ready dict; the Runner caches it under a key of everything it depends on."""

from __future__ import annotations


from ..core import rules as rules_mod
from ..core.authenticity import repeated_frames
from ..core.facecompare import compare
from ..core.timeline import build_timeline, summary_statement
from ..io import calibrations
from ..io.images import read_image
from ..io.logs import read_log
from ..io.container import read_container
from ..io.media import capture_time, exif_summary, jpeg_info
from ..io.video import iter_frames, probe_video


def _frames_and_video(case):
    stills = case.frame_paths()
    videos = case.role("stm_video")
    return stills, videos


def media_stage(r, hashes: dict) -> dict:
    case = r.case
    stills, videos = _frames_and_video(case)
    deps = {p: hashes[p] for p, _ in stills} | {v.rel: hashes[v.rel] for v in videos} \
        | {case.role("id_photo")[0].rel: hashes[case.role("id_photo")[0].rel], "tz": case.timezone}

    def compute():
        out = {"stills": [], "videos": [], "id_photo": {}}
        idp = case.role("id_photo")[0]
        rgb, im = read_image(idp.path, r.opts.limits)
        out["id_photo"] = {"path": idp.rel, "width": rgb.shape[1], "height": rgb.shape[0],
                           "exif": exif_summary(im), "jpeg": jpeg_info(im)}
        for k, (rel, path) in enumerate(stills):
            r.progress("media", k / max(1, len(stills)), f"reading {rel}")
            r.check_cancel()
            rgb, im = read_image(path, r.opts.limits)
            ex = exif_summary(im)
            out["stills"].append({"path": rel, "width": rgb.shape[1], "height": rgb.shape[0],
                                  "exif": ex, "capture_time": capture_time(ex, case.timezone),
                                  "jpeg": jpeg_info(im)})
        for v in videos:
            info = probe_video(v.path, r.opts.limits)
            out["videos"].append({"path": v.rel} | info.as_dict()
                                 | {"timestamps_ms": [round(t, 3) for t in info.timestamps_ms],
                                    "repeats": repeated_frames(info.thumbs), "container": read_container(v.path)})
        return out
    return r.cached("media", deps, compute)


def _frame_source(r, media):
    """Iterator over all captured frames (stills first, then each video) and their count."""
    case = r.case
    stills, videos = _frames_and_video(case)
    n = len(stills) + sum(v["frames"] for v in media["videos"])

    def gen():
        for rel, path in stills:
            rgb, _ = read_image(path, r.opts.limits)
            yield rel, 0, 0.0, rgb
        for v in videos:
            for i, t, rgb in iter_frames(v.path, r.opts.limits):
                yield f"{v.rel}#{i}", i, t, rgb
    return gen(), n


def face_stage(r, hashes: dict, media: dict) -> dict:
    case = r.case
    name, chosen_by = calibrations.choose(r.opts.population, case.manifest, case.is_chinese)
    cal = calibrations.load(name)
    deps = {"media": {k: v for k, v in hashes.items()
                      if k in {s["path"] for s in media["stills"]} | {v["path"] for v in media["videos"]}
                      | {media["id_photo"]["path"]}},
            "calibration": cal.as_dict(), "params": r.opts.face.as_dict()}

    def compute():
        from ..core.faces import FaceModels
        r.progress("faces", 0.0, "loading face models")
        models = FaceModels.load(with_68=False, with_cnn=r.opts.face.detector == "cnn")
        id_rgb, _ = read_image(case.role("id_photo")[0].path, r.opts.limits)
        frames, n = _frame_source(r, media)
        import os
        workers = r.opts.workers or min(os.cpu_count() or 1, 4)
        res = compare(models, id_rgb, frames, n, cal, r.opts.face,
                      progress=lambda f, t="": r.progress("faces", f, t), cancel=r.cancel, workers=workers)
        res["calibration"]["chosen_by"] = chosen_by
        res["id_photo"]["path"] = media["id_photo"]["path"]
        res["models"] = [m.as_dict() for m in models.info]
        return res
    return r.cached("faces", deps, compute)


def liveness_stage(r, hashes, media, faces) -> dict:
    from ..core.liveness import assess_stills_only
    repro = faces.get("reference_reproduction")
    if not media["videos"]:
        return assess_stills_only(len(media["stills"]), [s["path"] for s in media["stills"]], repro)
    pad_info = None
    if r.opts.pad_model:
        from ..core.pad import PadModel
        pad = PadModel.load(r.opts.pad_model)
        pad_info = {"name": pad.name, "models": pad.info}
    deps = {"videos": {v["path"]: hashes[v["path"]] for v in media["videos"]}, "pad": pad_info,
            "rows": [x for x in faces.get("per_frame", []) if "#" in x["frame"]]}

    def compute():
        from ..core.faces import FaceModels
        from .clips import analyse_clip
        models = FaceModels.load(with_68=True)
        pad = None
        if r.opts.pad_model:
            from ..core.pad import PadModel
            pad = PadModel.load(r.opts.pad_model)
        clips = []
        for k, v in enumerate(media["videos"]):
            r.progress("liveness", k / len(media["videos"]), f"liveness: {v['path']}")
            rows = [x for x in faces.get("per_frame", []) if x["frame"].startswith(v["path"] + "#")]
            clips.append(analyse_clip(models, r.case.root / v["path"], r.opts.limits, rows=rows, pad=pad,
                                      reproduction=repro, label=v["path"], cancel=r.cancel))
        out = combine_clips(clips)
        out["models"] = [m for m in (pad.info if pad else [])] + [
            i.as_dict() for i in models.info if i.name.startswith("shape_predictor_68")]
        return out
    return r.cached("liveness", deps, compute)


def combine_clips(clips: list[dict]) -> dict:
    """One verdict over several clips: any attack is an attack; live only if every clip is live."""
    verdicts = [c["verdict"] for c in clips]
    if "attack_suspected" in verdicts:
        main = next(c for c in clips if c["verdict"] == "attack_suspected")
    elif all(v == "live" for v in verdicts):
        main = clips[0]
    else:
        main = next(c for c in clips if c["verdict"] == "inconclusive")
    out = dict(main)
    out["clips"] = [{k: c[k] for k in ("clip", "verdict", "species", "reasons")} for c in clips]
    return out


def authenticity_stage(r, hashes, media) -> dict:
    from ..core.authenticity import check_stills, check_video
    deps = {"stills": {x["path"]: hashes[x["path"]] for x in media["stills"]},
            "videos": {v["path"]: hashes[v["path"]] for v in media["videos"]}}

    def compute():
        images = {}
        for k, s in enumerate(media["stills"]):
            r.progress("authenticity", k / max(1, len(media["stills"])), f"authenticity: {s['path']}")
            images[s["path"]] = read_image(r.case.root / s["path"], r.opts.limits)[0]
        data = {s["path"]: (r.case.root / s["path"]).read_bytes() for s in media["stills"]
                if s.get("jpeg", {}).get("format") == "JPEG"}
        checks, sus = check_stills(media["stills"], images, data)
        for v in media["videos"]:
            c, s2 = check_video(v["path"], v["timestamps_ms"], v["fps"], v.get("container"), v.get("repeats"))
            checks += c
            sus += s2
        return {"status": "analysed", "checks": checks, "suspicious": sus,
                "not_done": ["non-aligned double JPEG compression (cropped, then re-saved) is not tested for",
                             "edits inside a video's frames (spliced or pasted regions) are not tested for; only its "
                             "container, timestamps and repeated frames are"]}
    return r.cached("authenticity", deps, compute)


def chain_stage(r, hashes, inputs, media, faces, liveness, authenticity) -> dict:
    case = r.case
    logs, rows, errors = [], [], []
    for item in case.role("transaction_log"):
        lf = read_log(item.path, item.rel, item.attrs.get("timezone", case.timezone),
                      item.attrs.get("column_map"))
        logs.append(lf.summary())
        rows += lf.rows
        errors += [e | {"file": item.rel} for e in lf.errors]
    rows.sort(key=lambda x: (x["time_utc"], x["file"], x["row"]))
    frame_times = [{"frame": s["path"], "time": s["capture_time"], "source": "EXIF"}
                   for s in media["stills"] if s.get("capture_time")]
    terminals = []
    for item in case.items:
        if item.role in ("stm_frames", "stm_video") and item.attrs.get("terminal_id"):
            terminals.append({"terminal_id": item.attrs["terminal_id"], "source": item.rel})
    ctx = {"manifest": case.manifest, "records": case.records, "tz": case.timezone,
           "roles": {role: [i.rel for i in case.role(role)] for role in
                     ("id_photo", "stm_frames", "stm_video", "transaction_log", "document")}
           | {"stm_frames_members": [p for p, _ in case.frame_paths()]},
           "log_rows": rows, "log_errors": errors, "face": faces, "liveness": liveness,
           "authenticity": authenticity, "inputs": inputs, "frame_times": frame_times,
           "media_terminals": terminals, "capture_tolerance_s": r.opts.capture_tolerance_s}
    findings, checked = rules_mod.evaluate(ctx)
    timeline = build_timeline(rows, frame_times, case.records, case.timezone)
    return {"logs": logs, "timeline": timeline, "findings": findings, "rules_checked": checked,
            "summary": summary_statement(findings, checked, faces, liveness)}


