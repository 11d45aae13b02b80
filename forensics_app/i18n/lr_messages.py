"""Why a face comparison gives no likelihood ratio although faces were compared (core/lrscope.py):
the rules' not-evaluable reasons and the summary's statements."""

from __future__ import annotations

from . import N_

LR_SCOPE_MESSAGES: dict[str, str] = {
    "FACE.reproduction_suspected": N_("Not evaluable: the captured face is closer to the ID photo than different photos of one person normally are and may be a reproduction of the ID photo, so no likelihood ratio is given."),
    "FACE.fails_vendor_check": N_("Not evaluable under the chosen population: the captured face fails the stand-in vendor check that population is restricted by, so its calibration holds no such scores and gives no likelihood ratio."),
    "FACE_MATCH_WEAK.reproduction": N_("No likelihood ratio is given: the median distance {d} over {n} usable frame(s) is below the ID-photo reproduction threshold {threshold}, so the captured face may be a reproduction of the ID photo. The face comparison then cannot show that the card holder's face was before the camera (see liveness)."),
    "summary.face_reproduction": N_("The face comparison gives no likelihood ratio: the captured face is closer to the ID photo than different photos of one person normally are (median distance {d}, threshold {threshold}) and may be a reproduction of the ID photo."),
    "summary.face_fails_vendor_check": N_("The face comparison gives no likelihood ratio under the population {key}: the captured face fails the stand-in vendor check that population is restricted by (SFace distance {score}, threshold {threshold}), although the bank states that its check was passed."),
    "summary.face_unrestricted": N_("Under the unrestricted population {key}, which does not assume that the capture passed the bank's check, the likelihood ratio is {lr} ({support})."),
    "summary.sentences": N_("{first} {second}"),
    "summary.face_default": N_("Under the case's default population {key}, the likelihood ratio is {lr} ({support})."),
}
