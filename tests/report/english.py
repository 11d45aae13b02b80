"""Find English left in a Chinese text (the report's extracted text).

What may stay in Latin letters, by rule (each rule below says what it lets through):
- file names and paths, hashes and other hex digests, numbers, the case id (passed by the caller);
- identifiers the report cites: words with ``_``, ``.`` or a digit (rule ids, results.json fields, versions);
- acronyms of up to five capitals (LR, ELUB, APCER, PAD, STM, JPEG, ISO, ENFSI);
- quoted evidence, which the Chinese edition prints inside 「」 (case data, metadata tags as the file carries them);
- the re-run commands of the appendix, each on its own line, typed as printed; the program's name with a
  sub-command where a sentence names it ("forensics-app verify");
- and the short list of names below, each with the reason it is not translated.
"""

from __future__ import annotations

import re

ALLOWED = {
    # names of software, models and formats the report cites (a name is not translated)
    "dlib", "SFace", "YuNet", "ResNet",              # face algorithms and models (methods, models table)
    "FFmpeg", "libavformat", "QuickTime",            # container tags and formats (media authenticity)
    "libfacedetection", "iBUG", "Apache",            # model sources and licence names (models table)
    "Minivision",                                    # the PAD models' licensor (models table)
    "av", "numpy", "opencv",                         # library names with their versions (methods)
    # authors named in a citation or a licence (a person's name is not translated)
    "Zhong", "Vergeer", "Davis", "King",
    "Tippett",                                       # the Tippett plot (the validation annex), after its author
    # symbols of the field, used as such in Chinese writing
    "Hp", "Hd", "Cllr", "rPPG", "z",                 # propositions, the Cllr metric, remote PPG, a z-score
}
# a re-run command line of the appendix: the program, a sub-command, then only options, placeholders
# (CASE_FOLDER), paths or file names and a language code; an English sentence after it does not match
_ARG = r"(?: (?:--[a-z-]+|[A-Z][A-Z_]+|\S*[./]\S*|zh|en))"
COMMAND = re.compile(r"^(?:bash" + _ARG + r"+|sha256sum" + _ARG + r"+|forensics-app (?:analyze|verify|report)" + _ARG
                     + r"*)$", re.M)
PROGRAM = re.compile(r"forensics-app(?: [a-z][a-z-]+)?")               # the program (and a sub-command) named
PATHISH = re.compile(r"[\w.\-]*[/\\][\w./\\#\-]*|[\w.\-]+\.(?:jpg|jpeg|png|mp4|csv|txt|pdf|json|xlsx|dat|onnx|py)\b"
                     r"|[0-9a-f]{12,}|\b[\w.]+=[^\s;，。]*", re.ASCII)
REPORT_NUMBER = re.compile(r"[\w-]+-[0-9a-f]{12}-(?:zh|en)\b")      # case id, results digest, language
QUOTED = re.compile(r"「[^」]*」")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_'\-.]*[A-Za-z0-9_]|[A-Za-z]")
HEXISH = re.compile(r"^[a-f]{1,4}$")      # a fragment of a hash broken across lines


def english_words(text: str, extra_allowed: set[str] = frozenset()) -> list[str]:
    """Latin-letter words in ``text`` that are not names, paths, hashes or quoted evidence."""
    text = re.sub(r"([_./\-])\n", r"\1", text)          # a name or path wrapped in a table cell
    text = re.sub(r"(\b[0-9a-f]{8,})\n(?=[0-9a-f]+\b)", r"\1", text)  # a hash wrapped in a table cell
    text = REPORT_NUMBER.sub(" ", text)
    text = QUOTED.sub(" ", text)
    text = COMMAND.sub(" ", text)
    text = PROGRAM.sub(" ", text)
    text = PATHISH.sub(" ", text)
    out = []
    for w in WORD.findall(text):
        if w in ALLOWED or w in extra_allowed or w.upper() == w and len(w) <= 5:
            continue          # an acronym (ID, SN, STM) or a listed name
        if "_" in w or "." in w.strip(".") or HEXISH.match(w) or re.search(r"\d", w):
            continue          # an identifier the report cites (rule id, results field), a file name, a hash piece
        out.append(w)
    return out
