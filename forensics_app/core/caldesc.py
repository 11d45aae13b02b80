"""What a calibration says about itself (population, data, limits, score), as catalogue messages
and as the English text the file has always carried, made from the same message.

Shipped calibrations (tools/fit_face_calibrations.py) describe themselves in catalogue codes
(``CAL.*`` in :mod:`forensics_app.i18n.cal_messages`), so the report and the desk say them in the
reader's language. A lab's own calibration (``forensics-app calibrate``) carries the examiner's own
words for its population and limits: they are quoted as given, never translated.

:func:`trusted` decides what a loaded file's messages may say: a shipped file's are used as they
are; an installed file (anyone can write one) may not describe itself in the shipped calibrations'
words, so its population and limits are always the quoted text of the file and its score is that of
its algorithm.
"""

from __future__ import annotations

from ..i18n.render import english, msg

CHIP_SIZE = (102, 126)          # second-generation ID card chip photo, pixels
CHIP_JPEG_QUALITY = (35, 45)    # the JPEG quality range chip photos are simulated with
SHIPPED_DATA = {                # (catalogue code, folder under ../shared/data) of each shipped population
    "east_asian": ("CAL.data.east_asian", "shared/data/faces"),
    "general": ("CAL.data.general", "shared/data/faces/lfw_subset"),
}
FIELDS = ("population", "source", "limits", "score")


def _pairs(protocol: str) -> dict:
    w, h = CHIP_SIZE
    return msg("CAL.pairs.chip", width=w, height=h) if protocol == "chip" else msg("CAL.pairs.photo")


def _with_text(msgs: dict) -> dict:
    """``{field: text, field_msg: message}`` for every description field."""
    out = {}
    for f in FIELDS:
        out[f], out[f + "_msg"] = english(msgs[f]), msgs[f]
    return out


def score_msg(alg: str) -> dict:
    return msg(f"CAL.score.{alg}")


def shipped(pop: str, alg: str, protocol: str, fmr: float | None, people: int, photos: int) -> dict:
    """The description of a shipped calibration (``pop`` east_asian or general)."""
    code, folder = SHIPPED_DATA[pop]
    population = msg(f"CAL.population.{pop}")
    if fmr:
        population = msg("CAL.population.vendor", base=population, fmr=float(f"{fmr:g}"))
    w, h = CHIP_SIZE
    limits = (msg("CAL.limits.east_asian", width=w, height=h, q_low=CHIP_JPEG_QUALITY[0], q_high=CHIP_JPEG_QUALITY[1])
              if pop == "east_asian" else msg("CAL.limits.general"))
    return _with_text({
        "population": population,
        "source": msg("CAL.source.shipped", data=msg(code, folder=folder), people=people, photos=photos,
                      pairs=_pairs(protocol)),
        "limits": limits, "score": score_msg(alg)})


def lab(alg: str, protocol: str, population: str, limits: str, folder: str, people: int, photos: int,
        skipped: int) -> dict:
    """The description of a lab's own calibration: the examiner's words for population and limits,
    quoted as given; the data and the score in catalogue codes."""
    out = _with_text({
        "population": {"quote": population},
        "source": msg("CAL.source.lab", folder={"quote": folder}, people=people, photos=photos, skipped=skipped,
                      pairs=_pairs(protocol)),
        "limits": {"quote": limits} if limits.strip() else msg("CAL.limits.not_stated"),
        "score": score_msg(alg)})
    out["limits"] = limits          # the file keeps the examiner's words exactly (empty when none were given)
    return out


def _plain(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _lab_source_ok(m) -> bool:
    """A lab source message as ``calibrate`` writes it, with nothing else in it."""
    if not (isinstance(m, dict) and m.get("code") == "CAL.source.lab" and isinstance(m.get("params"), dict)):
        return False
    p = m["params"]
    return (set(p) == {"folder", "people", "photos", "skipped", "pairs"}
            and isinstance(p["folder"], dict) and set(p["folder"]) == {"quote"} and isinstance(p["folder"]["quote"], str)
            and all(_plain(p[k]) for k in ("people", "photos", "skipped"))
            and p["pairs"] in (_pairs("chip"), _pairs("photo")))


def trusted(fields: dict, origin: str, algorithm: str) -> dict:
    """The description messages a loaded calibration may use: a shipped file's own; for an
    installed file the quoted text of its population and limits (its own words, whatever codes it
    claims), its algorithm's score, and its source message only when it is one ``calibrate`` writes
    (else the quoted text)."""
    if origin == "shipped":
        return {f + "_msg": fields.get(f + "_msg") for f in FIELDS}
    limits = str(fields.get("limits") or "")
    src = fields.get("source_msg")
    return {"population_msg": {"quote": str(fields.get("population") or "")},
            "limits_msg": {"quote": limits} if limits.strip() else msg("CAL.limits.not_stated"),
            "score_msg": score_msg(algorithm) if algorithm in ("sface", "dlib") else {"quote": str(fields.get("score"))},
            "source_msg": src if _lab_source_ok(src) else {"quote": str(fields.get("source") or "")}}


def describe(cal, field: str):
    """A loaded calibration's ``field`` (population, source, limits, score) as a value to render:
    its message, else its text quoted (a calibration without messages: one fitted before they existed)."""
    m = getattr(cal, field + "_msg", None) if not isinstance(cal, dict) else cal.get(field + "_msg")
    if m:
        return m
    text = getattr(cal, field, None) if not isinstance(cal, dict) else cal.get(field)
    return {"quote": str(text or "")}
