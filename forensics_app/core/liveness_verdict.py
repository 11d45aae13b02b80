"""Weighing the liveness cues into a verdict: weigh, don't trigger.

Each cue gives evidence for or against a live person with a stated strength and says which
attack species it speaks to (``EVIDENCE``). The rules:

- ``attack_suspected`` needs either a *validated* learned PAD score on the attack side of its
  operating point, or two independent physical cues that agree; the finding says which.
- Strong evidence on both sides (e.g. two physical cues against a validated live PAD score) gives
  ``inconclusive`` with both named, never an attack.
- Any single attack sign that is not enough for a verdict (one physical cue, a supporting cue, an
  unvalidated PAD score, the reproduction of the ID photo) stops a ``live`` verdict and is named.
- ``live`` needs no attack sign, a print excluded (3D motion, blinks, head turns, pulse) and a
  screen replay excluded (a validated live PAD score; without one, two physical live signs and no
  recapture texture).
- Repeated frames are a property of the recorder: never an attack sign (cues use distinct frames).
- A real-time face swap is never excluded by these cues; a live verdict says so.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..i18n.render import msg, term

MIN_FRAMES = 10
VALIDATION_FILE = Path(__file__).resolve().parents[1] / "data" / "liveness_validation.json"

# cue -> {direction: (strength, species it speaks to)}; "live" rows list the species the cue rules out
EVIDENCE = {
    "planar_motion": {"live": ("strong", ("print",)), "attack": ("strong", ("print",))},
    "eye_blinks": {"live": ("moderate", ("print",))},
    "head_pose_variation": {"live": ("moderate", ("print",))},
    "pulse_rppg": {"live": ("moderate", ("print",))},
    "recapture_texture": {"attack": ("strong", ("replay", "print")), "none": ("weak", ("replay",))},
    "reference_reproduction": {"attack": ("moderate", ("reproduction of the ID photo",))},
    "specular_glare": {"attack": ("weak", ())},
    "colour_gamut": {"attack": ("weak", ())},
    "vendor_pad_model": {"live": ("strong", ("print", "replay")), "attack": ("strong", ("print", "replay"))},
}
PHYSICAL_ATTACK = ("planar_motion", "recapture_texture", "reference_reproduction")
PHYSICAL_LIVE = ("planar_motion", "eye_blinks", "head_pose_variation", "pulse_rppg")


def pad_operating_point(model_hashes: list[str] | None = None) -> dict:
    """The learned PAD score's operating point: the validated one from ``liveness_validation.json``
    when the models are the ones it was validated for, else the vendor's rule, not validated."""
    try:
        v = json.loads(VALIDATION_FILE.read_text("utf-8"))["pad"]
    except (OSError, ValueError, KeyError):
        v = None
    if v and model_hashes is not None and sorted(model_hashes) == sorted(v["models_sha256"]):
        return {"threshold": v["threshold"], "validated": True, "training_data": v.get("training_data"),
                "source": v["source"]}
    return {"threshold": 0.5, "validated": False, "training_data": None,
            "source": "the vendor's rule (live if the mean live probability wins), not measured on held-out material"}


def reproduction_cue(reproduction: dict) -> dict:
    """The ID-photo reproduction check (face stage) as a cue: a finding for the examiner."""
    return {"name": "reference_reproduction", "value": reproduction.get("distance", reproduction.get("best_distance")),
            "threshold": msg("LVC.below", threshold=reproduction["threshold"]), "meaning": reproduction["meaning"],
            "points_to": "attack" if reproduction["suspected"] else "none"}


def validation_summary() -> dict:
    """The liveness figures measured on real material (data/liveness_validation.json), for results
    and report: error rates with 95% intervals, their data source, the operating point used."""
    try:
        v = json.loads(VALIDATION_FILE.read_text("utf-8"))
    except (OSError, ValueError):
        return {"status": "not_measured", "explanation": "no validation figures are shipped with this build"}
    from .hashing import sha256_file
    return {"status": "measured", "file_sha256": sha256_file(VALIDATION_FILE), "data": v["data"],
            "data_source": "real", "software_version": v["software_version"], "split_rule": v["split_rule"],
            "n_items": v["n_items"], "held_out": v["held_out"],
            "split_B_with_threshold_from_A": v["split_B_with_threshold_from_A"],
            "pad_operating_point": {k: v["pad"][k] for k in ("threshold", "source", "training_data", "models_sha256")},
            "injection_separation": v["injection_separation"], "caveat": v.get("caveat")}


def _evidence(c: dict, pad_validated: bool) -> tuple[str | None, str | None, tuple]:
    row = EVIDENCE.get(c["name"], {})
    d = c["points_to"]
    if d not in row:
        return None, None, ()
    strength, species = row[d]
    if c["name"] == "vendor_pad_model" and not pad_validated:
        strength = "moderate"
    return d, strength, species


def _line(c: dict) -> dict:
    """One cue as the reasons cite it: name, value, where it points and how strongly."""
    return msg("LV.cue_line", cue=term("cue", c["name"]), value=c["value"],
               points_to=term("points_to", c["points_to"]), strength=term("strength", c.get("strength")))


def _cues(names) -> list[dict]:
    return [term("cue", n) for n in names]


def verdict(cues: list[dict], n_face: int, n_frames: int, n_distinct: int | None = None, sources=()) -> dict:
    by = {c["name"]: c for c in cues}
    pad = by.get("vendor_pad_model")
    pad_validated = bool(pad and pad.get("validated"))
    for c in cues:
        d, strength, species = _evidence(c, pad_validated)
        c["direction"] = "live" if d == "live" else "attack" if d == "attack" else None
        c["strength"] = strength if d in ("live", "attack") else None
        c["species"] = list(species) if d in ("live", "attack") else []
    pts = {n: c["points_to"] for n, c in by.items()}
    n_distinct = n_frames if n_distinct is None else n_distinct
    physical = [n for n in PHYSICAL_ATTACK if pts.get(n) == "attack"]
    physical_live = [n for n in PHYSICAL_LIVE if pts.get(n) == "live"]
    learned_attack = pad_validated and pts.get("vendor_pad_model") == "attack"
    learned_live = pad_validated and pts.get("vendor_pad_model") == "live"
    soft_attack = [n for n in ("specular_glare", "colour_gamut") if pts.get(n) == "attack"]
    if pts.get("vendor_pad_model") == "attack" and not pad_validated:
        soft_attack.append("vendor_pad_model")
    species, reasons, basis = None, [], None

    def say(code: str, **params):
        """A reason as a catalogue code and its parameters (rendered in the reader's language)."""
        reasons.append(msg(code, **params))

    if n_face < MIN_FRAMES:
        v = "inconclusive"
        say("LV_TOO_FEW_FRAMES", n_face=n_face, n_distinct=n_distinct, n_frames=n_frames)
    elif learned_attack or len(physical) >= 2:
        # the species only where a cue is specific to it: a screen grid or moire (replay), a face moving as
        # one plane (a flat print). 3D motion does not settle it: a bent or curved print moves in 3D as well
        # as a replayed video of a real head, so then the kind is left open.
        cand = {"print", "replay"}
        if pts.get("recapture_texture") == "attack":
            cand = {"replay"}
        elif pts.get("planar_motion") == "attack":
            cand = {"print"}
        refuting = [n for n, c in by.items() if c["direction"] == "live" and c["strength"] == "strong"
                    and cand <= set(c["species"])]
        basis = "learned_score" if learned_attack else "physical_cues"
        attack_lines = (["vendor_pad_model"] if learned_attack else []) + physical
        if refuting:
            v = "inconclusive"
            say("LV_CONFLICT", attack=[_line(by[n]) for n in attack_lines], live=[_line(by[n]) for n in refuting])
            basis = None
        else:
            v = "attack_suspected"
            species = cand.pop() if len(cand) == 1 else None
            if learned_attack:
                thr = by["vendor_pad_model"]["threshold"]
                say("LV_ATTACK_LEARNED", value=by["vendor_pad_model"]["value"],
                    threshold={"text": thr} if isinstance(thr, str) else thr)
            if len(physical) >= 2:
                say("LV_ATTACK_PHYSICAL", cues=[_line(by[n]) for n in physical])
            elif physical:
                say("LV_ATTACK_SUPPORT", cue=_line(by[physical[0]]))
            if species is None:
                say("LV_SPECIES_OPEN")
            elif species == "replay":
                say("LV_SPECIES_REPLAY")
            else:
                say("LV_SPECIES_PRINT")
            for n in soft_attack:
                say("LV_SUPPORTING", cue=_line(by[n]))
    else:
        single = physical + soft_attack
        print_out = learned_live or "planar_motion" in physical_live or len(physical_live) >= 2
        replay_out = learned_live or (pts.get("recapture_texture") == "none" and len(physical_live) >= 2)
        live_ok = (not single and print_out and replay_out and physical_live
                   and (learned_live or len(physical_live) >= 2))
        if live_ok:
            v = "live"
            say("LV_LIVE", cues=[_line(by[n]) for n in physical_live],
                also=msg("LV_LIVE.learned", value=by["vendor_pad_model"]["value"]) if learned_live
                else msg("LV_LIVE.no_texture"))
            say("LV_FACE_SWAP_NOT_EXCLUDED")
        else:
            v = "inconclusive"
            for n in single:
                say("LV_REPRODUCTION_SIGN" if n == "reference_reproduction" else "LV_SINGLE_ATTACK_SIGN",
                    cue=_line(by[n]))
            if learned_live and physical:
                say("LV_CONFLICT_LEARNED", cues=_cues(physical))
            if not physical_live:
                say("LV_NO_LIVE_SIGN_LEARNED" if learned_live else "LV_NO_LIVE_SIGN")
            elif not replay_out:
                say("LV_REPLAY_NOT_EXCLUDED", cues=_cues(physical_live))
            elif not single:
                say("LV_TOO_FEW_SIGNS", cues=_cues(physical_live))
    if n_distinct < n_frames:
        say("LV_REPEATS", repeats=n_frames - n_distinct, n_frames=n_frames)
    return {"status": "analysed", "verdict": v, "species": species, "basis": basis, "cues": cues,
            "reasons": reasons, "sources": list(sources), "frames_with_face": n_face, "frames": n_frames,
            "distinct_frames": n_distinct}


def assess_stills_only(n_stills: int, sources: list[str], reproduction: dict | None = None) -> dict:
    """Stills alone cannot show liveness: no motion, no blink, no pulse, no depth from parallax.

    A photo of a photo held up to the camera, a screen, or an injected image yields the same kind
    of still as a live capture, so the only sound verdict is ``inconclusive``.
    """
    cues = [{"name": "material", "value": msg("LVC.material.value", n=n_stills),
             "threshold": msg("LVC.material.threshold", seconds=1), "meaning": msg("LVC.material"),
             "points_to": "cannot_tell"}]
    reasons = [msg("LV_STILLS_ONLY", n=n_stills)]
    if reproduction:
        cues.append(reproduction_cue(reproduction))
        if reproduction["suspected"]:
            reasons.append(msg("LV_STILLS_REPRODUCTION"))
    return {"status": "analysed", "verdict": "inconclusive", "species": None, "cues": cues,
            "reasons": reasons, "sources": sources}
