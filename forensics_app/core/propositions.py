"""The presentation caveat for the face comparison, as codes.

The comparison answers a source-level question (propositions ``proposition.Hp``/``proposition.Hd``
in the catalogue): does the face in the capture come from the card holder or from another person
of the relevant population? A printed photo, a screen or an injected image of the card holder
carries her face too, so a face match cannot show who stood at the terminal. Whenever liveness is
not ``live`` or the capture looks like a reproduction of the ID photo, the summary's statement of
the face figure carries that caveat in the same sentence (``summary.face_lr_caveat``) and comes
after the liveness statement.
"""

from __future__ import annotations

from ..i18n.render import msg, term
from .lr import format_lr
from .model import FaceComparison, Liveness, StageStatus


def presentation_caveat(face: FaceComparison | None, liveness: Liveness | None) -> dict:
    """Does the 'a face match cannot show who was present' caveat apply, and why (codes).
    ``None`` for a stage that did not run."""
    codes, reasons = [], []
    verdict = liveness.verdict.value if liveness is not None else None
    if verdict != "live":
        codes.append(f"liveness_{verdict or 'not_analysed'}")
        reasons.append(f"liveness is {verdict or 'not analysed'}, not live")
    repro = (face.reference_reproduction if face is not None else None) or {}
    if repro.get("suspected"):
        codes.append("reproduction_of_id_photo")
        reasons.append("the capture may reproduce the ID photo itself")
    return {"applies": bool(codes), "codes": codes, "reasons": reasons,
            "code": "caveat.presentation", "params": {"reasons": [term("caveat", c) for c in codes]}}


def face_statement(face: FaceComparison | None, caveat: dict) -> dict | None:
    """The summary's statement of the reportable face figure (a catalogue message), or None."""
    if face is None or face.likelihood_ratio is None:
        if face is not None and face.status == StageStatus.outside_validated_range:
            return msg("summary.face_outside_range")
        return None
    vs = face.verbal_scale
    # an LR between 1/2 and 2 is no support for either proposition: it favours neither
    favours = vs["favours"] if vs["rank"] >= 1 else "neither"
    params = dict(lr=format_lr(face.likelihood_ratio), band=term("band", vs["band"]),
                  favours=term("favours", favours), n=face.frames_used)
    if caveat["applies"]:
        return msg("summary.face_lr_caveat", **params, reasons=[term("caveat", c) for c in caveat["codes"]])
    return msg("summary.face_lr", **params)
