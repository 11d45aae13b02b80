"""Methods and results: what was measured, with every figure's source."""

from __future__ import annotations

import io
import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Spacer, Table

from ..core.blocks import PerAlgorithm, ValidationData
from ..core.lr import format_lr
from ..core.propositions import support
from ..core.model import StageStatus
from ..core.record import given
from ..core.rules.media import face_missing_code, trace_msg
from ..core.timeline import timeline_label
from ..i18n.render import msg
from .charts import distance_chart, series_chart, timeline_chart
from .context import W
from .facealgs import face_algorithms
from .facescope import lr_scope


def methods(c, r, digest, created, root, notes):
    _ = c._
    sw, fc = c.res.software, c.res.face_comparison
    s = [c.section(_("Methods")),
         c.p(f"{sw.name} {sw.version}; " + ", ".join(f"{k} {v}" for k, v in sorted(sw.libraries.items()))),
         c.p(_("Face comparison: faces are detected, aligned and encoded by the models below; the distance between "
               "the ID photo and each usable frame is computed; the median distance over usable frames is turned "
               "into a likelihood ratio by a logistic calibration fitted on the population named in the "
               "propositions, bounded by the empirical lower and upper bounds of its data (ELUB). Liveness: "
               "temporal and optical cues measured on the imagery (table in the results). Media authenticity: "
               "container, metadata and compression checks. Evidence chain: rules over the records and the log, "
               "each reporting what it read."), c.small)]
    rows = [[_("Model"), _("Purpose"), "SHA-256", _("Licence")]]
    for m in c.res.models:
        digest_cell = m.sha256 if re.fullmatch(r"[0-9a-f]{64}", m.sha256) else c.code(
            "MODEL.no_file_digest", {"recorded": {"quote": m.sha256}})      # a model built into a library
        licence = c.msg(m.licence_msg) if m.licence_msg else c.quote(m.licence)   # older results: as recorded
        rows.append([m.name, c.msg(m.purpose) if m.purpose else "", c.p(digest_cell, c.tiny), licence])
    s.append(c.table(rows, [42 * mm, 30 * mm, 52 * mm, W - 124 * mm]))
    params = fc.parameters
    if params:
        s += [Spacer(1, 2 * mm), c.p(_("Face stage parameters: ") + ", ".join(
            f"{k}={v}" for k, v in sorted(params.items()) if k != "quality_thresholds"), c.small),
              c.p(_("Quality thresholds (ISO/IEC 29794-5 factors; set by the developers, see the validation "
                    "summary): ") + ", ".join(f"{k}={v}" for k, v in sorted(params.get("quality_thresholds", {}).items())),
                  c.small)]
    return s


def _crop(root, frame_label, box, size=120):
    from PIL import Image as PImage
    from ..io.images import read_image
    from ..io.video import iter_frames
    if root is None or frame_label is None:
        return None
    try:
        if "#" in frame_label:
            path, idx = frame_label.rsplit("#", 1)
            rgb = next(x[2] for x in iter_frames(root / path) if x[0] == int(idx))
        else:
            rgb, _ = read_image(root / frame_label)
    except Exception:
        return None
    im = PImage.fromarray(rgb)
    if box:
        l, t, rr, b = box
        m = int(0.35 * (rr - l))
        im = im.crop((max(0, l - m), max(0, t - m), min(im.width, rr + m), min(im.height, b + m)))
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    buf.seek(0)
    w, h = im.size
    sc = size / max(w, h)
    return Image(buf, width=w * sc, height=h * sc)


def _sampling(c) -> list:
    """Which frames were analysed (the frames-per-video limit) and which were compared (tracks)."""
    _ = c._
    out = []
    for v in c.res.media.videos:                # core.blocks.Video
        a = v.analysed
        if a and a.rule == "evenly_spaced":
            out.append(c.p(_("Video {path}: {n} of its {total} frames analysed, evenly spaced over the whole clip "
                             "(limit: {limit} frames per video).").format(
                path=v.path, n=a.frames, total=a.of, limit=a.limit), c.small))
    sm = c.res.face_comparison.sampling
    cmp_ = (sm.compared if sm else None) or PerAlgorithm()
    nr = c._("not recorded")              # a count results.json lacks is not 0 frames
    if sm and sm.rule == "tracks" and sm.tracks and sm.refinement and sm.refinement.needed:
        rf = sm.refinement
        out.append(c.p(_("Video frames compared with the ID photo: SFace on all {sface} usable frames, dlib on {dlib}. "
                         "A sample of {n} frames (every {every}th usable frame of each of the {tracks} face track(s) "
                         "and each track's last) could not settle the verbal band or the reproduction finding, so "
                         "every usable frame was compared.").format(
            sface=c.figure(cmp_.sface, "", nr), dlib=c.figure(cmp_.dlib, "", nr), n=c.figure(rf.compared, "", nr),
            every=sm.sface_every, tracks=sm.tracks), c.small))
    elif sm and sm.rule == "tracks" and sm.tracks:
        out.append(c.p(_("Video frames compared with the ID photo: SFace on {sface} and dlib on {dlib} of the {used} "
                         "usable frames, namely every {every}th usable frame of each of the {tracks} face track(s) "
                         "and each track's last (YuNet finds the face on every frame; a new track starts where the "
                         "face is lost, the number of faces changes, or the face's box or appearance jumps); the 95% "
                         "interval of the median distance lies in one verbal band. Every usable still is compared.").format(
            sface=c.figure(cmp_.sface, "", nr), dlib=c.figure(cmp_.dlib, "", nr), used=c.figure(sm.usable_frames, "", nr),
            every=sm.sface_every, tracks=sm.tracks), c.small))
    return out


def face(c, r, digest, created, root, notes):
    _ = c._
    fc = c.res.face_comparison
    s = [c.section(_("Results")), c.p(_("Face comparison"), c.h2)]
    if fc.status == StageStatus.not_analysed:
        return s + [c.p(_("Not analysed."))]
    nu = fc.frames_not_used or {}
    s.append(c.p(_("{total} frame(s) examined, {used} fit for comparison.").format(
        total=fc.frames_total, used=fc.frames_used)
        + ((" " + _("Not used: ") + c.tr.join(f"{c.term('unfit', k)} ×{v}" for k, v in nu.items())) if nu else "")))
    s += _sampling(c)
    idp = fc.id_photo
    best = next((x for x in fc.per_frame if x.frame == fc.best_frame), None)
    med = next((x for x in fc.per_frame if x.frame == fc.median_frame), None)
    imgs = [_crop(root, idp.path, idp.box), _crop(root, best and best.frame, best and best.box),
            _crop(root, med and med.frame, med and med.box)]
    caps = [_("ID photo"), _("closest frame") + f"\n{fc.best_frame or ''}",
            _("median frame") + f"\n{fc.median_frame or ''}"]
    cells = [[i or c.p(_("(image not available)"), c.small) for i in imgs], [c.p(x, c.tiny) for x in caps]]
    head = s + [Spacer(1, 2 * mm), Table(cells, colWidths=[W / 3] * 3, style=[("FONTNAME", (0, 0), (-1, -1), c.font)])]
    s = [KeepTogether(head), Spacer(1, 2 * mm)]   # the heading never sits alone at a page foot
    if fc.likelihood_ratio is not None:
        vs = fc.verbal_scale
        s.append(c.p("<b>" + c.clean(_("Reportable likelihood ratio: {lr} (log10 {log10:.2f}), {support}.").format(
            lr=format_lr(fc.likelihood_ratio), log10=fc.log10_lr, support=c.msg(support(vs)))) + "</b>", raw=True))
        s.append(c.p(_("Computed on the median distance {median:.4f} over usable frames (closest {best:.4f}, range "
                       "{lo:.4f}–{hi:.4f}). This is the one figure reported for this comparison; it is the value "
                       "face_comparison.likelihood_ratio in results.json.").format(
            median=fc.median_distance, best=fc.best_distance, lo=fc.spread.min, hi=fc.spread.max),
            c.small))
        if fc.single_still_capped:
            s.append(c.p(_("Only one still was usable: the LR is capped at the top of 'moderately strong support'; a "
                           "single still never counts as strong support on its own."), c.small))
        if given(fc.best_frame_log10_lr) and fc.frames_used > 1:
            s.append(c.p(_("Not reportable: the closest frame alone would give log10 LR {x:.2f}; choosing the best of "
                           "several frames biases towards a match.").format(x=fc.best_frame_log10_lr), c.small))
    elif fc.status not in (StageStatus.reproduction_suspected, StageStatus.fails_vendor_check):
        s.append(c.p(c.code(face_missing_code(fc.status))))
    s += lr_scope(c, fc)
    if fc.algorithms:
        s += face_algorithms(c, fc)
    pts = [x for x in fc.per_frame if x.distance is not None]
    if len(pts) >= 2:
        s += [c.p(_("Per-frame distances (not reportable; the dashed line is the distance where the calibrated LR "
                    "equals 1)"), c.small),
              distance_chart(fc.per_frame, fc.decision_threshold, c.font,
                             labels=(_("frame"), _("distance to ID photo")))]
    elif pts:
        s.append(c.p(_("One usable frame: distance {d:.4f} to the ID photo (no chart for a single value).").format(
            d=pts[0].distance), c.small))
    return s


def _stage_head(c, title: str, result, not_analysed: str) -> tuple[list, bool]:
    """A stage's heading, and whether it analysed the material (if not, the heading says so)."""
    s = [c.p(title, c.h2)]
    if result.status != StageStatus.analysed:
        return s + [c.p(c.code(not_analysed))], False
    return s, True


def liveness(c, r, digest, created, root, notes):
    _ = c._
    lv = c.res.liveness
    s, analysed = _stage_head(c, _("Liveness"), lv, "LIVENESS.not_analysed")
    if not analysed:
        return s
    verdict = c.term("verdict", lv.verdict.value)
    if lv.species:
        verdict += c.paren(c.term("species", lv.species.value))
    s.append(c.p("<b>" + c.clean(_("Result: ") + verdict) + "</b>", raw=True))
    if lv.reasons:
        s.append(c.p(_("Why:"), ParagraphStyle("why", parent=c.small, keepWithNext=1)))
        s += c.items([c.msg(x) for x in lv.reasons], small=True)
    rows = [[_("Cue"), _("Value"), _("Threshold"), _("Points to"), _("What it measures")]]
    for q in lv.cues:
        rows.append([c.term("cue", q.name), c.msg(q.value) if q.value is not None else "—",
                     c.msg(q.threshold_msg or q.threshold) if q.threshold is not None else "—",
                     c.term("points_to", q.points_to.value), c.msg(q.meaning_msg or q.meaning)])
    s.append(c.table(rows, [28 * mm, 22 * mm, 38 * mm, 18 * mm, W - 106 * mm]))
    s.append(c.p(_("Values are scores and measurements on the cue's own scale, not probabilities. Where each "
                   "threshold comes from: validation summary."), c.small))
    for series in lv.series or []:
        vals = [v for v in series.values_ if v is not None]
        if len(vals) >= 2:
            s += [Spacer(1, 2 * mm), series_chart(series.values_, c.font, series.threshold,
                                                  ylabel=c.term("series", series.name), xlabel=_("frame"))]
    return s + liveness_validation(c, lv)


def liveness_validation(c, lv):
    """The liveness check's error rates measured on real material, held out by subject."""
    _ = c._
    v = lv.validation                        # core.blocks.LivenessValidation
    if not v or v.status != "measured":
        return []
    h = v.held_out

    def cell(x):
        return f"{x.k}/{x.n} = {x.rate:.2f} [{x.ci95[0]:.2f}, {x.ci95[1]:.2f}]" if x.n else "—"
    rows = [[_("Measure"), _("k/n = rate [95% interval]")],
            [_("BPCER: genuine items judged an attack"), cell(h.bpcer)],
            [_("genuine items judged live"), cell(h.live_judged_live)]]
    for sp, x in h.apcer.items():
        rows.append([_("APCER, {species}: attacks not judged an attack").format(species=c.term("species", sp)), cell(x)])
    s = [c.p(_("Error rates of this liveness check"), c.h2), c.table(rows, [80 * mm, W - 80 * mm]),
         c.p(_("Measured on {n} items of a public development set of real material, split by subject; each item "
               "judged with the learned score's operating point fitted on the other split (shipped: {thr}); "
               "Clopper-Pearson intervals. The learned score's training data is not published (it may include "
               "NUAA), so its figures on NUAA may be optimistic. Real-time face swaps are not detected.").format(
            n=v.n_items, thr=v.pad_operating_point.threshold), c.small)]
    data = v.data or ValidationData()
    if data.name == "liveness_real":
        s.append(c.p(_("The material, by name (the shared data's liveness_real set, manifest SHA-256 {sha}): the NUAA "
                       "Imposter Database (Tan et al., ECCV 2010), subjects 0001–0004, webcam sequences of live "
                       "subjects and of printed photos of them; two people's own selfie recordings with their screen "
                       "replays (GitHub tranvanluyt2203/face_anti_spoofing and lestari15/CNN-face-detection); "
                       "talking-head driving clips of KwaiVGI/LivePortrait; and real-time face swaps from the "
                       "DeepFaceLive demo videos (iperov/DeepFaceLive) with their originals. Each item's repository, "
                       "commit and path are listed in that manifest.").format(sha=(data.manifest_sha256 or "")[:16]),
                     c.small))
    if v.caveat:
        s.append(c.p(_("Not yet re-measured with the current face detector (the figures were measured with the "
                       "previous one)."), c.small))
    return s


def authenticity(c, r, digest, created, root, notes):
    _ = c._
    a = c.res.authenticity
    s, analysed = _stage_head(c, _("Media authenticity"), a, "AUTHENTICITY.not_analysed")
    if not analysed:
        return s
    sus = a.suspicious
    s.append(c.p(_("{n} trace(s) of editing found.").format(n=len(sus)) if sus else
                 _("No trace of editing found by the checks below.")))
    s += c.items([f"{t.file}: {c.msg(trace_msg(t))}" for t in sus], small=True)
    rows = [[_("File"), _("Check"), _("Result")]]
    for ck in a.checks:
        rows.append([ck.file, c.term("au_check", ck.check), c.msg(ck.result)])
    s.append(c.table(rows, [50 * mm, 40 * mm, W - 90 * mm]))
    return s


def bank_figure(c, r, digest, created, root, notes):
    _ = c._
    bank = c.res.records.bank_claims                        # case.json's record, as delivered
    if bank is None or bank.face_similarity is None:
        return []
    thr = bank.threshold
    fmr = bank.vendor_fmr
    rows = [[_("Item"), _("Stated by the bank")],
            [_("Vendor module"), c.quote(bank.vendor) or c.not_stated()],
            [_("Similarity score"), str(bank.face_similarity)],
            [_("Threshold (operating point)"), str(thr) if thr is not None else c.not_stated()],
            [_("False-match rate at that threshold"), str(fmr) if fmr is not None else c.not_stated()],
            [_("False-non-match rate at that threshold"), c.not_stated()]]
    return [c.p(_("The bank's figure"), c.h2),
            c.table(rows, [60 * mm, W - 60 * mm]),
            c.p(_("The score is on the vendor's own scale; it is not a probability and not a likelihood ratio, and "
                  "it cannot be set beside the likelihood ratio of this examination. The threshold is an operating "
                  "point: a score above it means the system accepted the pair. How often the system accepts pairs "
                  "of different people at that point (its false-match rate) and rejects pairs of the same person "
                  "(its false-non-match rate) must come from the vendor; without them the figure cannot be "
                  "weighed, and without the vendor's algorithm and the scored image pair it cannot be reproduced."),
                c.small)]


def timeline(c, r, digest, created, root, notes):
    _ = c._
    items = c.res.timeline
    labels = [c.msg(timeline_label(it)) for it in items]
    s = [c.p(_("Timeline"), c.h2),
         c.p(_("Blue: log events; red: records; green: frame capture times. Times in {tz}.").format(
             tz=c.res.timezone), c.small),
         timeline_chart(items, c.font, width=W, labels=labels, tz=c.res.timezone)]
    rows = [[_("Time"), _("Kind"), _("Event"), _("Source")]]
    for it, label in zip(items, labels):
        ev = it.evidence                       # core.blocks.EvidenceRef: a file with a row or a case.json field
        where = c.msg(msg("ref.row", file=ev.file, row=ev.row)) if ev.row is not None else (
            ev.file + (f" {ev.field}" if ev.field is not None else ""))
        rows.append([it.time.replace("T", " "), c.term("kind", it.kind),
                     label + (c.paren(c.term("channel", it.channel)) if it.channel else ""), where])
    s.append(c.table(rows, [40 * mm, 16 * mm, 48 * mm, W - 104 * mm]))
    for lg in c.res.logs:
        s.append(c.p(_("{path}: {format}, {encoding}, {read} rows read, {bad} unreadable.").format(
            path=lg.path, format=str(lg.format).upper(), encoding=str(lg.encoding).upper(), read=lg.rows_read,
            bad=lg.rows_unreadable), c.small))
        for e in lg.errors[:30] + (lg.skipped or [])[:30]:    # unreadable rows; titles, repeated headers, totals
            why = msg(e.code, **(e.params or {})) if e.code else e.reason
            s.append(c.p(c.msg(msg("ref.row", file=lg.path, row=e.row)) + ": " + c.msg(why), c.tiny))
    return s
