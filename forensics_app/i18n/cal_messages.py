"""What a shipped calibration and a shipped model say about themselves, as catalogue codes.

A shipped calibration file carries its population, data, limits and score both as the English text
(``population``, ``source``, ``limits``, ``score``, what the file has always said) and as a message
(``population_msg`` ...) that renders to exactly that text in English (tests/test_calibration_text.py);
the report and the desk show the message in the reader's language. A calibration a lab fits itself
(``forensics-app calibrate --population ... --limits ...``) carries the examiner's own words, which are
quoted as given (「」 in Chinese), never translated by guess. The same for a model's licence: the
shipped models' licences are messages (``licence_msg``), a plug-in PAD model's licence is quoted from
its descriptor.
"""

from __future__ import annotations

from . import N_

CAL_MESSAGES: dict[str, str] = {
    # the reference population (Hd names it)
    "CAL.population.east_asian": N_("East Asian adults (Chinese, Japanese, Korean public figures)"),
    "CAL.population.general": N_("mixed, mostly Western adults (LFW public figures)"),
    "CAL.population.vendor": N_(
        "{base}, restricted to pairs that pass a face check at a false-match rate of {fmr} (SFace at its "
        "threshold for that rate stands in for the bank's vendor algorithm, which we do not have)"),
    # the data it was fitted on
    "CAL.source.shipped": N_("{data}, after cleaning: {people} people, {photos} photos. Pairs: {pairs}"),
    "CAL.source.lab": N_("{folder}: {people} people, {photos} photos ({skipped} skipped). Pairs: {pairs}"),
    "CAL.data.east_asian": N_("LFW East Asian people and asian_celeb ({folder})"),
    "CAL.data.general": N_("LFW subset ({folder})"),
    "CAL.pairs.chip": N_("a simulated chip photo ({width}x{height}, JPEG, blur) of one photo against a different "
                         "photo of the person (or of another person)."),
    "CAL.pairs.photo": N_("photo against photo."),
    # what follows from that data
    "CAL.limits.east_asian": N_(
        "Public figures' web photos, not STM captures; chip photos simulated from them ({width}x{height}, "
        "JPEG q{q_low}-{q_high}, blur); few people, so the LR is bounded (ELUB). Look-alikes, twins and "
        "relatives are not represented."),
    "CAL.limits.general": N_(
        "Public figures' web photos (LFW), mostly Western; not validated on East Asian faces (with dlib it "
        "overstates the evidence for different East Asian people several-fold): not for a Chinese case."),
    "CAL.limits.not_stated": N_("not stated by the lab that fitted it"),
    # the score the LR is computed from
    "CAL.score.sface": N_("1 - cosine similarity of SFace embeddings (YuNet 5-point alignment to the 112x112 "
                          "template)"),
    "CAL.score.dlib": N_("Euclidean distance of dlib ResNet v1 embeddings (dlib 5-point alignment in a box from "
                         "YuNet)"),
    # the shipped models' licences, as their licensors state them (names stay as they are)
    "LIC.dlib": N_("CC0-1.0 (dlib, Davis King)"),
    "LIC.dlib_68": N_("trained on iBUG 300-W: the dataset's terms exclude commercial use; used only for eye "
                      "contours (blink measurement)"),
    "LIC.dlib_hog": N_("dlib HOG frontal_face_detector (built into dlib, CC0/Boost)"),
    "LIC.sface": N_("Apache-2.0 (opencv_zoo, face_recognition_sface); int8 block-quantised build"),
    "LIC.yunet": N_("Apache-2.0 (opencv_zoo) / MIT (libfacedetection, Shiqi Yu)"),
    "LIC.minifasnet": N_("Apache-2.0, (c) 2020 Minivision; see LICENSE-Silent-Face-Anti-Spoofing.txt and "
                         "NOTICE.txt"),
    # a model without a file of its own (dlib's built-in detector): what is recorded instead of a digest
    "MODEL.no_file_digest": N_("no file of its own (recorded as {recorded})"),
}
