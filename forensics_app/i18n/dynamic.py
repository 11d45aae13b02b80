"""Free text that results still carry in English: a model's licence and the descriptions calibrations
bring in their own files (population, data, limits). They are translated by template when shown:
numbers, quoted names and paths become {0}, {1} ... (forensics_app.i18n.render.text_template).
Listed here so that the catalogue extractor finds them; a text with no entry stays English, and
the English-in-Chinese tests of the report and the desk fail on it."""

from . import N_

FREE_TEXT = [
    N_('Apache-{0}, (c) {1} Minivision; see LICENSE-Silent-Face-Anti-Spoofing.txt and NOTICE.txt'),
    N_('Apache-{0} (opencv_zoo) / MIT (libfacedetection, Shiqi Yu)'),
    N_('Apache-{0} (opencv_zoo, face_recognition_sface); int8 block-quantised build'),
    N_('East Asian adults (Chinese, Japanese, Korean public figures)'),
    N_("East Asian adults (Chinese, Japanese, Korean public figures), restricted to pairs that pass a face check at a false-match rate of {0} (SFace at its threshold for that rate stands in for the bank's vendor algorithm, which we do not have)"),
    N_('LFW East Asian people and asian_celeb ({0}), after cleaning: {1} people, {2} photos. Pairs: a simulated chip photo ({3}x126, JPEG, blur) of one photo against a different photo of the person (or of another person).'),
    N_('LFW East Asian people and asian_celeb ({0}), after cleaning: {1} people, {2} photos. Pairs: photo against photo.'),
    N_('LFW subset ({0}), after cleaning: {1} people, {2} photos. Pairs: a simulated chip photo ({3}x126, JPEG, blur) of one photo against a different photo of the person (or of another person).'),
    N_('LFW subset ({0}), after cleaning: {1} people, {2} photos. Pairs: photo against photo.'),
    N_("Public figures' web photos (LFW), mostly Western; not validated on East Asian faces (with dlib it overstates the evidence for different East Asian people several-fold): not for a Chinese case."),
    N_("Public figures' web photos, not STM captures; chip photos simulated from them ({0}x126, JPEG q35-{1}, blur); few people, so the LR is bounded (ELUB). Look-alikes, twins and relatives are not represented."),
    N_('mixed, mostly Western adults (LFW public figures)'),
    N_("mixed, mostly Western adults (LFW public figures), restricted to pairs that pass a face check at a false-match rate of {0} (SFace at its threshold for that rate stands in for the bank's vendor algorithm, which we do not have)"),
    N_('outside the validated range'),
    N_('dlib {0} builtin'),
    N_('East Asian adults (Chinese, Japanese, Korean)'),
    N_('LFW East Asian people ({0}) in {1} and {2} ({3} people): {4} people, {5} photos with a detected face; dlib ResNet v1, {6}-point alignment, no jitter'),
    N_("Public figures' web photos (some {0} labels uncleaned), not STM captures; few people, so the LR is bounded (ELUB) and extreme values are not reachable. Look-alikes and relatives are not represented."),
    N_('dlib HOG frontal_face_detector (built into dlib, {0})'),
    N_("trained on iBUG {0}-W: the dataset's terms exclude commercial use; used only for eye contours (blink measurement)"),
    N_('CC0-{0} (dlib, Davis King)'),
]
