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
