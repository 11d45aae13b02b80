"""Find English left in a Chinese text (the report's extracted text).

What may stay in Latin letters, and nothing else:
- file names and paths, hashes and other hex digests, numbers, the case id;
- the short list of names below (software, models, libraries, formats, standards, acronyms that
  are the terms of the field, and the symbols of the propositions);
- quoted evidence, which the Chinese edition prints inside 「」 (metadata tags as the file carries them).
"""

from __future__ import annotations

import re

ALLOWED = {
    # names of software, models, libraries, formats and data sets
    "forensics-app", "dlib", "ResNet", "HOG", "OpenCV", "opencv", "numpy", "av", "FFmpeg", "FFmpeg-based",
    "libavformat", "PyAV", "ONNX", "MiniFASNet", "SFace", "YuNet", "LFW", "iBUG", "JPEG", "EXIF", "DCT", "IJG",
    "QuickTime", "MOV", "mpeg4", "PDF", "SHA-256", "CC0", "Boost", "Davis", "King", "demuxers",
    "libfacedetection", "Zhong", "opencv_zoo",
    # standards, bodies, and the terms of the field
    "ISO", "IEC", "ENFSI", "ELUB", "Cllr", "LR", "log10", "Hp", "Hd", "APCER", "BPCER", "PAD", "rPPG",
    "EAR", "STM", "PIPL", "Vergeer", "P", "z", "v1", "csv", "jsonl", "xlsx", "gb18030", "utf-8", "utf-8-sig",
    # the re-run commands of the appendix
    "bash", "scripts", "setup.sh", "verify", "analyze", "sha256sum", "CASE_FOLDER", "OUT", "lang", "out", "zh", "en",
    "results", "report",      # verify --results results.json --report report.pdf
}
PATHISH = re.compile(r"[\w.\-]*[/\\][\w./\\#\-]*|[\w\-]+\.(?:jpg|jpeg|png|mp4|csv|txt|pdf|json|xlsx|dat|onnx|py)\b"
                     r"|[0-9a-f]{12,}|\b[\w.]+=[^\s;，。]*", re.ASCII)
QUOTED = re.compile(r"「[^」]*」")
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_'\-.]*[A-Za-z0-9_]|[A-Za-z]")
HEXISH = re.compile(r"^[a-f]{1,4}$")      # a fragment of a hash broken across lines


def english_words(text: str, extra_allowed: set[str] = frozenset()) -> list[str]:
    """Latin-letter words in ``text`` that are not names, paths, hashes or quoted evidence."""
    text = re.sub(r"([_./\-])\n", r"\1", text)          # a name or path wrapped in a table cell
    text = re.sub(r"([0-9a-f])\n(?=[0-9a-f])", r"\1", text)  # a hash wrapped in a table cell
    text = QUOTED.sub(" ", text)
    text = PATHISH.sub(" ", text)
    out = []
    for w in WORD.findall(text):
        if w in ALLOWED or w in extra_allowed or w.upper() == w and len(w) <= 5:
            continue          # an acronym (ID, SN, STM) or a listed name
        if "_" in w or "." in w.strip(".") or HEXISH.match(w) or re.search(r"\d", w):
            continue          # an identifier the report cites (rule id, results field), a file name, a hash piece
        out.append(w)
    return out
