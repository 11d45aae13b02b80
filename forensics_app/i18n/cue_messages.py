"""The liveness cues' thresholds and meanings (core/liveness.py, core/injection.py, the face stage's
ID-photo reproduction check): what each cue measures, against what, and why it points where it does.
Results carry these codes and their values; readers render them in their language."""

from __future__ import annotations

from . import N_

CUE_MESSAGES: dict[str, str] = {
    "LVC.joined": N_("{first}; {second}"),
    "LVC.below": N_("< {threshold}"),
    "LVC.material.value": N_("{n} still(s), no video"),
    "LVC.material.threshold": N_("video of at least {seconds} s"),
    "LVC.material": N_("temporal cues cannot be measured on stills"),
    "LVC.reference_reproduction": N_("a distance below the threshold is closer than different photos of one person normally are: the capture may reproduce the ID photo itself"),
    "LVC.swap_sharpness": N_("detail inside the face against the ring around it; a face rendered at a lower resolution and scaled in is smoother than its surroundings"),
    "LVC.swap_colour_seam": N_("chroma distance between cheeks and neck; a swapped face blended at the jaw can differ in colour from the skin below the seam"),
    "LVC.swap_flicker": N_("frame-to-frame brightness change of the face that the background does not share"),
    "LVC.landmark_jitter": N_("jumps of the landmarks relative to each other, per inter-eye distance"),
    "LVC.swap_not_validated": N_("not validated: it does not separate face swaps from their originals reliably (docs/liveness.md), so it is reported only"),
}
