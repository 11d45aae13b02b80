"""Why a face was not compared (core/quality.py, the face stage), and the liveness cues' thresholds and meanings (core/liveness.py, core/injection.py, the face stage's
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
    # core/liveness.py: each cue's threshold and what it measures
    "LVC.no_crops": N_("no face crops"),
    "LVC.blink.too_few": N_("too few frames with eyes to follow"),
    "LVC.blink.min_eye": N_("eyes >= {px} px apart"),
    "LVC.blink.eyes_small": N_("eyes only {px} px apart: eye contours too coarse to see a blink"),
    "LVC.blink.threshold": N_("eye openness < {ratio}% of open level ({level})"),
    "LVC.eye_blinks": N_("a blink is a live sign; a print or a still cannot blink (an animated photo or a video replay can)"),
    "LVC.planar.too_few": N_("too few frames with trackable features in the face"),
    "LVC.planar.need": N_("needs motion beyond a similarity transform >= {px} px in {pairs} frame pairs"),
    "LVC.planar.still": N_("the face hardly moved in 3D, so planarity cannot be judged"),
    "LVC.planar.threshold": N_("median homography / similarity residual < {ratio} means planar ({pairs} frame pairs, tracking error {noise} px)"),
    "LVC.planar_motion": N_("feature tracks that one homography explains down to tracking noise belong to a flat object (print or screen); a real head turning leaves a residual (parallax between nose, cheeks and brows)"),
    "LVC.glare.threshold": N_("median share of the face in clipped colourless blobs > {share}"),
    "LVC.specular_glare": N_("a glossy print or a screen mirrors a light source as a broad white patch over the face; supporting only: it can stop a live verdict, never make an attack alone"),
    "LVC.gamut.palette": N_("palette-quantised material (GIF): its few colours compress the tonal range"),
    "LVC.gamut.threshold": N_("face luminance range < {stops} stops"),
    "LVC.colour_gamut": N_("a print or a screen re-captured in a lit room cannot show blacks much darker than a few per cent of its white, so the face's tonal range is compressed; an over-exposed or flat-lit live capture can be too, so this is supporting only"),
    "LVC.pose.too_few": N_("too few frames with a face"),
    "LVC.pose.jitter_threshold": N_(">= {need}° ({factor}x frame-to-frame jitter {jitter}°)"),
    "LVC.pose.jitter": N_("the pose estimate jitters as much as it varies: a turn cannot be told from noise"),
    "LVC.pose.threshold": N_(">= {need}° yaw or pitch range"),
    "LVC.head_pose_variation": N_("a live head turns and nods; a photo or screen moved by hand keeps the same pose of the face in it"),
    "LVC.pose.planar": N_("here the face moves as one plane, so the apparent pose change is a flat object tilting"),
    "LVC.texture.palette": N_("palette-quantised material (GIF): its dithering masks any screen or print texture"),
    "LVC.texture.threshold": N_("periodic peak / median spectrum > {peak}"),
    "LVC.recapture_texture": N_("a screen's pixel grid, moiré or a print's halftone puts sharp peaks in the face's spectrum"),
    "LVC.frame_repeats": N_("{repeats} of {n_frames} frames repeat the previous image; a property of the recorder until shown otherwise (a terminal padding a slow camera repeats frames): motion, blinks and the PAD score are measured on the distinct frames only, and repeats alone never make an attack"),
    "LVC.pulse.min": N_(">= {seconds} s at >= {fps} fps"),
    "LVC.pulse.short": N_("clip too short or too slow for a pulse signal ({seconds} s at {fps} fps)"),
    "LVC.pulse.threshold": N_("SNR > {db} dB in 0.7–4 Hz"),
    "LVC.pulse_rppg": N_("a periodic skin-colour change at {bpm} beats/min is a pulse; prints and most replays show none"),
    "LVC.pad.none": N_("{model}: no frame with a face could be scored"),
    "LVC.pad.threshold": N_("median live score >= {threshold} ({n} frames)"),
    "LVC.pad.validated": N_("{model}: a learned presentation-attack score (print, screen replay); operating point validated on held-out real material"),
    "LVC.pad.not_validated": N_("{model}: a learned presentation-attack score (print, screen replay); operating point not validated: it can stop a live verdict, never make an attack"),
}

# Why a face is not compared (core/quality.py, core/facecompare.py): the reason with its measured value
# and the limit; FACE_UNFIT names the reason alone (counts of frames not used).
FACE_MESSAGES: dict[str, str] = {
    "QR.too_small": N_("face too small: inter-eye distance {px} px < {min}"),
    "QR.turned": N_("head turned: yaw {deg}° beyond ±{max}°"),
    "QR.tilted": N_("head tilted: pitch {deg}° beyond ±{max}°"),
    "QR.rolled": N_("head rolled: {deg}° beyond ±{max}°"),
    "QR.blurred": N_("blurred: sharpness {value} < {min}"),
    "QR.exposure": N_("badly exposed: mean level {value} outside {low}-{high}"),
    "QR.clipped": N_("clipped: {percent}% of face pixels black or white"),
    "QR.occlusion": N_("possible occlusion or partial face: detector score {score} < {min}"),
    "QR.cut_off": N_("face cut off by the frame edge"),
    "QR.no_face": N_("no face detected"),
    "QR.no_reference": N_("no face in the ID photo to compare with"),
    "QR.outside_range": N_("outside the validated range: {measures}"),
}
FACE_UNFIT = {
    "QR.too_small": N_("face too small"), "QR.turned": N_("head turned"), "QR.tilted": N_("head tilted"),
    "QR.rolled": N_("head rolled"), "QR.blurred": N_("blurred"), "QR.exposure": N_("badly exposed"),
    "QR.clipped": N_("clipped"), "QR.occlusion": N_("possible occlusion or partial face"),
    "QR.cut_off": N_("face cut off by the frame edge"), "QR.no_face": N_("no face detected"),
    "QR.no_reference": N_("no face in the ID photo to compare with"),
    "QR.outside_range": N_("outside the validated range"),
}

# What each model is used for (models[].purpose; core/faces.py, core/sface.py, core/pad.py).
MODEL_MESSAGES: dict[str, str] = {
    "MODEL.alignment": N_("alignment and encoding"),
    "MODEL.embedding": N_("{dims}-d face embedding"),
    "MODEL.eye_contours": N_("eye contours for blink measurement"),
    "MODEL.cnn_detector": N_("CNN face detector (option)"),
    "MODEL.face_detection": N_("face detection"),
    "MODEL.sface": N_("{dims}-d face embedding (SFace, Zhong et al. {year}), primary algorithm"),
    "MODEL.yunet": N_("face detection with {landmarks} landmarks (YuNet), int8 block-quantised build"),
    "MODEL.pad_shipped": N_("presentation-attack detection (shipped)"),
    "MODEL.pad_plugin": N_("presentation-attack detection (plug-in)"),
}
