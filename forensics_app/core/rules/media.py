"""Rules over the delivered imagery and what the analyses found in it."""

from __future__ import annotations

import datetime as dt

from ...i18n.render import figure, msg, term
from ..caserecords import BankClaims
from ..lr import format_lr
from ..blocks import ReferenceReproduction, Trace, VerbalScale
from ..propositions import support
from ..model import FaceComparison, Liveness, LivenessVerdict, StageStatus
from . import not_evaluable, not_raised, raised, rule
from .common import events, row_ev, rows_ref


@rule("NO_FULL_VIDEO", "major")
def _video(ctx):
    claims = ctx.records.bank_claims or BankClaims()
    videos = ctx.role("stm_video")
    if videos:
        return not_raised("NO_FULL_VIDEO.video_delivered", {"files": videos})
    stills = ctx.role("stm_frames_members")
    ev = [{"file": f} for f in stills]
    bank = ""
    if claims.full_video_available is False:
        ev.append({"file": "case.json", "field": "records.bank_claims.full_video_available"})
        bank = msg("NO_FULL_VIDEO.bank_states_none")
    code = "NO_FULL_VIDEO.stills_only" if stills else "NO_FULL_VIDEO.no_imagery"
    return raised(code, {"n": len(stills), "folders": ctx.role("stm_frames"), "bank": bank},
                  {"stills": len(stills), "bank_states_full_video_available": claims.full_video_available}, ev)


_FACE_MISSING = {StageStatus.no_reference_face: "FACE.no_reference_face",
                 StageStatus.no_usable_frames: "FACE.no_usable_frames",
                 StageStatus.outside_validated_range: "FACE.outside_validated_range",
                 StageStatus.reproduction_suspected: "FACE.reproduction_suspected",
                 StageStatus.fails_vendor_check: "FACE.fails_vendor_check"}


def face_missing_code(status: StageStatus | None) -> str:
    """The catalogue code saying why a face comparison gave no likelihood ratio (rules and report)."""
    return _FACE_MISSING.get(status, "FACE.not_analysed")


def _face_missing(f: FaceComparison | None):
    return not_evaluable(face_missing_code(f.status if f else None))


def _favours_hd(vs: VerbalScale) -> bool:
    """LR < 1/2 (a near-1 LR is never evidence against Hp)."""
    return vs.favours == "Hd" and vs.rank >= 1


def _lr_params(f: FaceComparison) -> dict:
    vs = f.verbal_scale
    return {"lr": format_lr(f.likelihood_ratio), "support": support(vs), "n": f.frames_used,
            "calibration": f.calibration.name if f.calibration and "name" in f.calibration else "—"}


@rule("FACE_MATCH_NOT_SUPPORTED", "critical")
def _face_no(ctx):
    f = ctx.face
    if f is None or f.likelihood_ratio is None:
        return _face_missing(f)
    p = _lr_params(f)
    if _favours_hd(f.verbal_scale):
        return raised("FACE_MATCH_NOT_SUPPORTED.raised", p,
                      {"likelihood_ratio": f.likelihood_ratio, "median_distance": f.median_distance},
                      [{"file": f.median_frame}, {"file": "id_photo"}])
    if f.likelihood_ratio < 1:
        return not_raised("FACE_MATCH_NOT_SUPPORTED.no_support", p)
    return not_raised("FACE_MATCH_NOT_SUPPORTED.not_below_1", p)


@rule("FACE_MATCH_WEAK", "major")
def _face_weak(ctx):
    f = ctx.face
    if f is not None and f.status == StageStatus.reproduction_suspected:
        # no LR at all: the capture may be the ID photo itself (core/lrscope.py)
        rep = f.reference_reproduction or ReferenceReproduction()
        return raised("FACE_MATCH_WEAK.reproduction",
                      {"d": f"{f.median_distance:.4f}", "threshold": figure(rep.threshold),
                       "n": f.frames_used},
                      {"likelihood_ratio": None, "median_distance": f.median_distance,
                       "reproduction_threshold": rep.threshold, "frames_used": f.frames_used},
                      [{"file": f.median_frame}, {"file": (f.id_photo.path if f.id_photo else None) or "id_photo"}])
    if f is None or f.likelihood_ratio is None:
        return _face_missing(f)
    vs = f.verbal_scale
    p = _lr_params(f)
    if _favours_hd(vs):
        return not_raised("FACE_MATCH_WEAK.favours_hd", p)
    single = f.frames_used == 1
    if vs.rank >= 4 and not single:
        return not_raised("FACE_MATCH_WEAK.strong", p)
    return raised("FACE_MATCH_WEAK.single_still" if single else "FACE_MATCH_WEAK.raised", p,
                  {"likelihood_ratio": f.likelihood_ratio, "verbal": vs.band, "frames_used": f.frames_used},
                  [{"file": f.median_frame}])


def _stills_only(lv: Liveness) -> bool:
    return any(c.name == "material" for c in lv.cues)


def _verdict_not_raised(lv: Liveness):
    return not_raised("LIVENESS.verdict", {"verdict": term("verdict", lv.verdict.value), "sources": lv.sources})


@rule("LIVENESS_INCONCLUSIVE", "major")
def _live_inc(ctx):
    lv = ctx.liveness
    if not ctx.analysed(lv):
        return not_evaluable("LIVENESS.not_analysed")
    if lv.verdict == LivenessVerdict.inconclusive:
        n = len(ctx.role("stm_frames_members"))
        code = "LIVENESS_INCONCLUSIVE.stills" if _stills_only(lv) else "LIVENESS_INCONCLUSIVE.video"
        return raised(code, {"n": n, "sources": lv.sources},
                      {"verdict": lv.verdict.value}, [{"file": f} for f in lv.sources])
    return _verdict_not_raised(lv)


@rule("PRESENTATION_ATTACK_SUSPECTED", "critical")
def _pad(ctx):
    lv = ctx.liveness
    if not ctx.analysed(lv):
        return not_evaluable("LIVENESS.not_analysed")
    if lv.verdict == LivenessVerdict.attack_suspected:
        species = lv.species.value if lv.species else None
        return raised("PRESENTATION_ATTACK_SUSPECTED.raised",
                      {"species": term("species", species), "sources": lv.sources},
                      {"species": species, "basis": lv.basis or None}, [{"file": f} for f in lv.sources])
    return _verdict_not_raised(lv)


@rule("CAPTURE_TIME_MISMATCH", "major")
def _capture(ctx):
    fv = events(ctx, "face_verify")
    times = ctx.frame_times
    stills = ctx.role("stm_frames_members")
    videos = ctx.role("stm_video")
    if not fv:
        return not_evaluable("LOG.no_face_verify")
    if not times:
        if stills:
            return not_evaluable("CAPTURE_TIME_MISMATCH.stills_undated", {"n": len(stills)})
        if videos:
            return not_evaluable("CAPTURE_TIME_MISMATCH.video_not_compared", {"files": videos})
        return not_evaluable("CAPTURE_TIME_MISMATCH.no_imagery")
    tol = ctx.capture_tolerance_s
    fv_t = [dt.datetime.fromisoformat(r.time) for r in fv]
    bad = []                                         # (frame time, seconds from the nearest face_verify)
    for ft in times:
        t = dt.datetime.fromisoformat(ft.time)
        gap = round(min(abs((t - x).total_seconds()) for x in fv_t), 1)
        if gap > tol:
            bad.append((ft, gap))
    common = {"n": len(times), "tol": f"{tol:g}", "rows": rows_ref(fv)}
    if not bad:
        return not_raised("CAPTURE_TIME_MISMATCH.all_within", common)
    return raised(
        "CAPTURE_TIME_MISMATCH.raised",
        common | {"k": len(bad), "gap": f"{max(gap for _ft, gap in bad):.0f}"},
        {"tolerance_s": tol,
         "mismatched": [ft.to_json() | {"seconds_from_nearest_face_verify": gap} for ft, gap in bad]},
        [{"file": ft.frame, "time": ft.time} for ft, _gap in bad] + [row_ev(r) for r in fv])


@rule("TERMINAL_MISMATCH", "major")
def _terminal(ctx):
    fv = events(ctx, "face_verify")
    named = [r for r in fv if r.terminal_id]
    declared = ctx.media_terminals
    if not fv:
        return not_evaluable("LOG.no_face_verify")
    if not named:
        return not_evaluable("TERMINAL_MISMATCH.log_unnamed", {"rows": rows_ref(fv)})
    if not declared:
        return not_evaluable("TERMINAL_MISMATCH.material_unnamed")
    log_ids = sorted({r.terminal_id for r in named})
    bad = [d for d in declared if d.terminal_id not in log_ids]
    if not bad:
        return not_raised("TERMINAL_MISMATCH.same", {"terminals": log_ids, "rows": rows_ref(named)})
    return raised(
        "TERMINAL_MISMATCH.raised",
        {"material": sorted({d.terminal_id for d in bad}), "sources": sorted({d.source for d in bad}),
         "log": log_ids, "rows": rows_ref(named)},
        {"material": [d.to_json() for d in bad], "log": log_ids},
        [{"file": d.source} for d in bad] + [row_ev(r) for r in named])


@rule("EXTRA_PERSON_IN_FRAME", "major")
def _extra(ctx):
    f = ctx.face
    if f is None or f.status == StageStatus.not_analysed:
        return not_evaluable("FACE.not_analysed")
    frames = f.multiple_people
    if not frames:
        return not_raised("EXTRA_PERSON_IN_FRAME.one_face", {"n": f.frames_total})
    shown = frames[:8] + (["…"] if len(frames) > 8 else [])
    return raised("EXTRA_PERSON_IN_FRAME.raised", {"n": len(frames), "frames": shown},
                  {"frames": frames[:50]}, [{"file": x} for x in frames[:50]])


@rule("MEDIA_EDITED_SUSPECTED", "major")
def _edited(ctx):
    a = ctx.authenticity
    if not ctx.analysed(a):
        return not_evaluable("AUTHENTICITY.not_analysed")
    hits = a.suspicious
    if not hits:
        return not_raised("MEDIA_EDITED_SUSPECTED.none", {"n": len(a.checks)})
    traces = [msg("MEDIA_EDITED_SUSPECTED.trace", file=h.file, trace=trace_msg(h)) for h in hits[:20]]
    return raised("MEDIA_EDITED_SUSPECTED.raised", {"n": len(hits), "traces": traces},
                  {"traces": hits}, [{"file": h.file} for h in hits])


def trace_msg(h: Trace | dict):
    """An authenticity trace as a message: its code and parameters when the stage gives them."""
    h = Trace.from_json(h, "trace")
    if h.code:
        return msg(h.code, **(h.params or {}))
    return {"text": h.trace if "trace" in h else ""}
