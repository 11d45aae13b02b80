"""The presentation caveat for the face comparison, as codes.

The comparison answers a source-level question (propositions ``proposition.Hp``/``proposition.Hd``
in the catalogue): does the face in the capture come from the card holder or from another person
of the relevant population? A printed photo, a screen or an injected image of the card holder
carries her face too, so a face match cannot show who stood at the terminal. Whenever the
reportable LR supports Hp and liveness is not ``live`` or the capture looks like a reproduction of
the ID photo, the summary's statement of the face figure carries that caveat in the same sentence
(``summary.face_lr_caveat``) and comes after the liveness statement. When the LR does not support
Hp there is no face match to qualify, and the caveat is not appended.

The summary also says when there is no figure and why (``summary.face_no_result.*``), and when the
two algorithms point in different directions (``face.algorithms_disagree``).
"""

from __future__ import annotations

import math

from ..i18n.render import figure, msg, term
from .lr import format_lr, verbal_band
from .model import FaceComparison, Liveness, StageStatus


def supports_hp(face: FaceComparison | None) -> bool:
    """Whether the reportable LR supports Hp (above the no-support band, LR > 2)."""
    lr = face.likelihood_ratio if face is not None else None
    return lr is not None and lr > 2


def support(vs: dict) -> dict:
    """The verbal equivalent as one phrase (a catalogue message): "{band} for {favours}", or "no
    support for either proposition" in the band from 1/2 to 2, which favours neither."""
    get = vs.get if isinstance(vs, dict) else (lambda k: getattr(vs, k))     # core.lr's dict or a VerbalScale
    if get("favours") == "neither":
        return msg("support.none")
    return msg("support.for", band=term("band", get("band")), favours=term("favours", get("favours")))


def injection_statement(liveness: Liveness | None) -> dict | None:
    """What the summary and the evaluation say about injection when the verdict is not an attack:
    the analysis does not detect it, with the measured miss rate (k of n, 95% interval) when shipped."""
    if liveness is None or liveness.status != StageStatus.analysed or liveness.verdict.value == "attack_suspected":
        return None
    v = liveness.validation if isinstance(liveness.validation, dict) else {}
    inj = ((v.get("held_out") or {}).get("apcer") or {}).get("injection") if v.get("status") == "measured" else None
    if not inj or not inj.get("n"):
        return msg("summary.injection_unmeasured")
    lo, hi = inj["ci95"]
    return msg("summary.injection", k=inj["accepted_as_live"], n=inj["n"], lo=f"{lo:.2f}", hi=f"{hi:.2f}")


def presentation_caveat(face: FaceComparison | None, liveness: Liveness | None) -> dict:
    """Does the 'a face match cannot show who was present' caveat apply, and why (codes).
    ``None`` for a stage that did not run. It applies only to an LR that supports Hp: an LR
    that does not (no support, or support for Hd) is no face match for it to qualify."""
    codes, reasons = [], []
    verdict = liveness.verdict.value if liveness is not None else None
    if verdict != "live":
        codes.append(f"liveness_{verdict or 'not_analysed'}")
        reasons.append(f"liveness is {verdict or 'not analysed'}, not live")
    else:
        # a live verdict rests on cues an injected face swap or a replayed recording of the card holder
        # fed into the camera input also gives: the match still cannot show who was present
        codes.append("injection_not_excluded")
        reasons.append("an injected image is not detected by this analysis")
    repro = (face.reference_reproduction if face is not None else None) or {}
    if repro.get("suspected"):
        codes.append("reproduction_of_id_photo")
        reasons.append("the capture may reproduce the ID photo itself")
    return {"applies": bool(codes) and supports_hp(face), "codes": codes, "reasons": reasons,
            "code": "caveat.presentation", "params": {"reasons": [term("caveat", c) for c in codes]}}


def face_statement(face: FaceComparison | None, caveat: dict) -> dict | None:
    """The summary's statement of the reportable face figure (a catalogue message), or None."""
    if face is None:
        return None
    if face.likelihood_ratio is None:
        return no_result_statement(face)
    vs = face.verbal_scale
    params = dict(lr=format_lr(face.likelihood_ratio), support=support(vs), n=face.frames_used)
    if caveat["applies"]:
        out = msg("summary.face_lr_caveat", **params, reasons=[term("caveat", c) for c in caveat["codes"]])
    else:
        out = msg("summary.face_lr", **params)
    dflt = next((o for o in face.other_populations or [] if o.get("role") == "default"
                 and o.get("likelihood_ratio") is not None), None)
    return msg("summary.sentences", first=out, second=_other_lr("summary.face_default", dflt)) if dflt else out


def _other_lr(code: str, o: dict) -> dict:
    """The LR under another population (core/lrscope.py other_population) as a summary sentence."""
    return msg(code, key=o["population"], lr=format_lr(o["likelihood_ratio"]),
               support=support(verbal_band(o["likelihood_ratio"])))


def no_result_statement(face: FaceComparison) -> dict | None:
    """Why the face comparison gave no likelihood ratio, for the summary (None: it gave one)."""
    if face.status == StageStatus.outside_validated_range:
        return msg("summary.face_outside_range")
    if face.status == StageStatus.reproduction_suspected:        # withheld (core/lrscope.py)
        rep = face.reference_reproduction or {}
        return msg("summary.face_reproduction", d=f"{face.median_distance:.4f}",
                   threshold=figure(rep.get("threshold")))
    if face.status == StageStatus.fails_vendor_check:
        vc = face.vendor_check or {}
        out = msg("summary.face_fails_vendor_check", key=(face.population or {}).get("key"),
                  score=figure(vc.get("score")), threshold=figure(vc.get("threshold")))
        alt = next((o for o in face.other_populations or [] if o.get("role") == "unrestricted"
                    and o.get("likelihood_ratio") is not None), None)
        return msg("summary.sentences", first=out, second=_other_lr("summary.face_unrestricted", alt)) if alt else out
    if face.status == StageStatus.no_reference_face:
        return msg("summary.face_no_result.no_reference_face")
    if face.status == StageStatus.no_usable_frames:
        counts = face.frames_not_used or {}
        reasons = [msg("summary.unfit_count", reason=term("unfit", k), n=counts[k]) for k in sorted(counts)]
        return msg("summary.face_no_result.no_usable_frames", n=face.frames_total,
                   reasons=reasons or msg("summary.unfit_none"))
    if face.status == StageStatus.not_analysed:
        return msg("summary.face_no_result.not_analysed")
    return None


def algorithms_disagree(face: FaceComparison | None) -> dict | None:
    """A statement when the two algorithms' LRs point in different directions (one above 1, the
    other below) and at least one lies beyond the no-support band (1/2 to 2): the reportable figure
    then rests on one algorithm where the other points the other way. None otherwise."""
    if face is None or face.likelihood_ratio is None:
        return None
    algs = [a for a in (face.algorithms or []) if a.get("likelihood_ratio")]
    primary = next((a for a in algs if a.get("algorithm") == face.primary), None)
    others = [a for a in algs if a is not primary]
    if primary is None or not others:
        return None
    p_lr = primary["likelihood_ratio"]
    for o in others:
        o_lr = o["likelihood_ratio"]
        opposite = (p_lr > 1 > o_lr) or (p_lr < 1 < o_lr)
        beyond = max(abs(math.log10(p_lr)), abs(math.log10(o_lr))) > math.log10(2)
        if opposite and beyond:
            return msg("face.algorithms_disagree", primary=_name(primary["algorithm"]), lr=format_lr(p_lr),
                       band=_band_phrase(p_lr), other=_name(o["algorithm"]), other_lr=format_lr(o_lr),
                       other_band=_band_phrase(o_lr))
    return None


def _name(algorithm: str) -> str:
    """The algorithm as the report's methods name it."""
    return {"sface": "SFace", "dlib": "dlib"}.get(algorithm, algorithm)


def _band_phrase(lr: float) -> dict:
    return support(verbal_band(lr))
