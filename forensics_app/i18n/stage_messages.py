"""The analysis stages' messages: why the liveness verdict is what it is, the progress of long
work. Stages put these codes and their parameters in results (or hand them to ``progress``); readers
render them in their language (:mod:`forensics_app.i18n.render`). Same wording rules as
:mod:`forensics_app.i18n.messages`.
"""

from __future__ import annotations

from . import N_

STAGE_MESSAGES: dict[str, str | tuple[str, str]] = {}
STAGE_TERMS: dict[str, dict] = {}

# ---- liveness: why the verdict is what it is (core/liveness_verdict.py) ---------------------------
STAGE_MESSAGES.update({
    "LV.cue_line": N_("{cue} = {value} (points to: {points_to}; weight: {strength})"),
    "LV_TOO_FEW_FRAMES": N_("only {n_face} distinct frames show a face ({n_distinct} distinct of {n_frames}): too little material over time"),
    "LV_CONFLICT": N_("strong cues disagree: {attack} against {live}: neither side can be set aside"),
    "LV_ATTACK_LEARNED": N_("validated learned PAD score {value} is below its operating point ({threshold})"),
    "LV_ATTACK_PHYSICAL": N_("two independent physical cues agree: {cues}"),
    "LV_ATTACK_SUPPORT": N_("supported by {cue}"),
    "LV_SPECIES_OPEN": N_("the kind of attack is not determined: print or screen replay (3D motion does not rule out a bent print)"),
    "LV_SPECIES_REPLAY": N_("recapture texture (a screen grid or moire) points to a screen"),
    "LV_SPECIES_PRINT": N_("the face moves as one plane: a flat object such as a print"),
    "LV_SUPPORTING": N_("also pointing to an attack: {cue}"),
    "LV_LIVE": N_("live signs: {cues}; {also}"),
    "LV_LIVE.learned": N_("validated learned PAD score {value} on the live side"),
    "LV_LIVE.no_texture": N_("no recapture texture (a weak sign against a screen replay)"),
    "LV_FACE_SWAP_NOT_EXCLUDED": N_("a real-time face swap (injection) is not excluded: its cues are reported but do not separate swaps from genuine captures reliably (docs/liveness.md)"),
    "LV_REPRODUCTION_SIGN": N_("{cue}: the reproduction of the ID photo is a finding for the examiner, never alone an attack"),
    "LV_SINGLE_ATTACK_SIGN": N_("{cue}: not enough on its own for an attack verdict (that needs a validated learned score or two agreeing physical cues), but it stands in the way of a live verdict"),
    "LV_CONFLICT_LEARNED": N_("the validated learned score points to a live person, {cues} to an attack"),
    "LV_NO_LIVE_SIGN": N_("no physical live sign (3D motion, blink, head turn, pulse) could be measured"),
    "LV_NO_LIVE_SIGN_LEARNED": N_("no physical live sign (3D motion, blink, head turn, pulse) could be measured; the learned score alone does not show a live person"),
    "LV_REPLAY_NOT_EXCLUDED": N_("live signs ({cues}) are present, but nothing validated excludes a video of a live person replayed on a screen"),
    "LV_TOO_FEW_SIGNS": N_("the live signs found ({cues}) are too few to support a conclusion"),
    "LV_REPEATS": N_("{repeats} of {n_frames} frames repeat the previous image (a recorder property): every cue was measured on the distinct frames"),
    "LV_STILLS_ONLY": N_("The material is {n} still image(s) and no video. Liveness needs change over time (blinks, 3D head motion, pulse, sensor noise between frames); a still of a live face and a still of a printed or displayed photo of that face cannot be told apart reliably from one image."),
    "LV_STILLS_REPRODUCTION": N_("The captured face is closer to the ID photo than different photos of one person normally are: the still may reproduce the ID photo itself. One still cannot settle this."),
})
STAGE_TERMS["strength"] = {"strong": N_("strong"), "moderate": N_("moderate"), "weak": N_("weak"), None: N_("no weight")}

# ---- progress of long work (the status bar, the CLI's progress line) ------------------------------
STAGE_MESSAGES.update({
    "progress.reading": N_("reading {path}"),
    "progress.face_models": N_("loading face models"),
    "progress.liveness_sequence": N_("liveness: captured frames as a sequence"),
    "progress.liveness": N_("liveness: {path}"),
    "progress.authenticity": N_("media authenticity: {path}"),
    "progress.assembling": N_("assembling results"),
    "progress.done": N_("analysis done"),
    "progress.photos": N_("{i}/{n} photos"),
    "progress.face_frames": N_("face comparison: {k} of {n} frames"),
    "progress.face_done": N_("face comparison done"),
})
STAGE_TERMS["stage"] = {"media": N_("reading the material"), "faces": N_("face comparison"), "liveness": N_("liveness"),
                  "authenticity": N_("media authenticity"), "chain": N_("evidence-chain checks")}

# ---- media authenticity: checks, their results and the traces of editing (core/authenticity.py) ---
STAGE_MESSAGES.update({
    "AU.none_recorded": N_("none recorded"),
    "AU_R_EXIF_DATES": N_("modified {modified}, captured {captured}"),
    "AU_R_JPEG": N_("about IJG quality {quality}; subsampling {subsampling}; {mode}"),
    "AU_R_DQ": N_("{share}% of {bins} histogram bins irregular (threshold {threshold}%): {verdict}"),
    "AU_R_DQ.double": N_("compressed twice"),
    "AU_R_DQ.single": N_("no sign of a second compression"),
    "AU_R_DQ_UNMEASURABLE": N_("not measurable: {blocks} blocks are too few for the histograms"),
    "AU_R_ELA": N_("clustered outlier blocks {share}%, max z {max_z}, region {region}"),
    "AU_R_DQ_CAPTURE": N_("every still shows it alike: a property of the terminal's capture pipeline (e.g. a camera delivering JPEG that the terminal re-encodes), not of one edited still"),
    "AU_R_UNREADABLE": N_("not readable: {error}"),
    "AU_R_CONTAINER": N_("{format}, video codec {codec}, duration {duration_s} s"),
    "AU_R_FFMPEG": N_("last written by FFmpeg's libavformat: the file was muxed, re-muxed or transcoded by FFmpeg-based software; whether that is the terminal's own recorder or a later step, the bank's export procedure must say"),
    "AU_R_REPEATS": N_("{duplicates} of {pairs} consecutive frame pairs identical (a recorder padding a slower camera does this); {loops} looped segment(s)"),
    "AU_R_TIMESTAMPS": N_("{frames} frames, median interval {median_ms} ms, {gaps} gap(s), {repeats} repeat(s)"),
    "AU_EDITOR_EXIF": N_("re-saved by editing software {software} (EXIF Software)"),
    "AU_EXIF_MODIFIED": N_("modified {gap_s} s after capture (EXIF DateTime {modified} vs DateTimeOriginal {captured})"),
    "AU_QUANT_DIFFER": N_("JPEG quantisation tables differ from the other stills of the same capture: re-saved with other software or settings"),
    "AU_DOUBLE_AMONG": N_("compressed twice (DCT histograms: {share}% irregular bins) while the other stills of the capture were compressed once: re-saved after capture"),
    "AU_DOUBLE_SINGLE": N_("compressed twice (DCT histograms: {share}% irregular bins): re-saved after an earlier JPEG compression, either edited or re-encoded by the terminal's own pipeline; with one still the two cannot be told apart, the bank's capture pipeline must say which"),
    "AU_EXIF_STRIPPED": N_("no EXIF while the other stills carry it: metadata stripped on re-saving"),
    "AU_IDENTICAL": N_("identical to {other} (perceptual hash distance {distance}, mean pixel difference {mad}): the same exposure twice, not a new capture"),
    "AU_NEAR_IDENTICAL": N_("near-identical to {other} (perceptual hash distance {distance}, mean pixel difference {mad}): the same exposure twice, not a new capture"),
    "AU_BYTE_DUPLICATE": N_("identical to {other} (byte for byte): the same exposure twice, not a new capture; used once in the analysis"),
    "AU_EDITOR_CONTAINER": N_("written by editing software {software} (container tag {tag})"),
    "AU_LOOP": N_("frames {first}-{last} repeat frames {of_first}-{of_last} pixel for pixel: a looped or spliced segment, which a live recording never produces"),
    "AU_TS_REPEAT": N_("{n} frame timestamp(s) repeat or run backwards ({source})"),
    "AU_TS_GAP": N_("gap of {gap_ms} ms after frame {frame} (median {median_ms} ms, {source}): frames missing or cut"),
    "AU_TS_MORE_GAPS": N_("{n} further gap(s) not listed"),
    "AU_NOT_DONE.nonaligned_double_jpeg": N_("non-aligned double JPEG compression (cropped, then re-saved) is not tested for"),
    "AU_NOT_DONE.video_frame_edits": N_("edits inside a video's frames (spliced or pasted regions) are not tested for; only its container, timestamps and repeated frames are"),
})
STAGE_TERMS["au_check"] = {
    "exif_software": N_("EXIF software"), "exif_dates": N_("EXIF dates"), "jpeg_quantisation": N_("JPEG quantisation"),
    "double_jpeg": N_("double JPEG compression (DCT histograms)"), "ela": N_("error-level analysis (informative only)"),
    "double_jpeg_capture": N_("double JPEG compression across the capture"),
    "container_metadata": N_("container metadata"), "container": N_("container"),
    "container_creation_time": N_("container creation time"), "container_writer": N_("container: written by"),
    "container_device": N_("container: device"), "container_ffmpeg": N_("container: FFmpeg"),
    "repeated_frames": N_("repeated frames (perceptual)"),
    "frame_timestamps_container": N_("frame timestamps (container packet timestamps)"),
    "frame_timestamps_decoder": N_("frame timestamps (decoder timestamps)"),
}
STAGE_TERMS["jpeg_mode"] = {"progressive": N_("progressive"), "baseline": N_("baseline")}
STAGE_TERMS["timestamps"] = {"container": N_("container packet timestamps"), "decoder": N_("decoder timestamps")}
