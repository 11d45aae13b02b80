"""The sub-blocks of results.json that readers (report, case desk) use, as types.

Each is a :class:`~forensics_app.core.record.Block`: the dict as read (so results.json round-trips
byte for byte, and a stage that fills the block as a dict keeps working), with the keys readers use
declared as typed attributes, checked when results are read (``Results.from_json``). A declared key
that is absent reads as ``None``; keys not declared here stay in the dict, so a stage (or a
calibration file, or case.json) may add keys without breaking a reader.

Values whose shape another part is free to change (a calibration's ``source``/``limits``, which may
become catalogue messages; catalogue messages in general) are typed ``Any``.
"""

from __future__ import annotations

from typing import Any

from .record import Block


class VerbalScale(Block):
    """The verbal band of a likelihood ratio (core.lr.verbal_band)."""
    band: str
    rank: int                          # 0 = no support for either (1/2 .. 2), higher = stronger
    favours: str                       # "Hp" | "Hd"
    lr_for_band: float


class Estimate(Block):
    """A figure measured over repeated splits: its point value and 95% interval."""
    point: float | None
    ci95: list | None


class Tippett(Block):
    """Tippett curves: the share of same/different-person LRs above each log10 LR."""
    log10_lr: list
    same: list
    diff: list


class Ece(Block):
    """Empirical cross-entropy of the LRs, of the PAV-optimal LRs and of LR = 1, per prior."""
    log10_prior_odds: list
    lr: list
    pav: list
    neutral: list


class Curves(Block):
    """The held-out LRs' curves the report's annex draws."""
    tippett: Tippett
    ece: Ece


class PooledRate(Block):
    """A held-out rate pooled over the splits: k of n units (people or pairs of people), with its
    Clopper-Pearson interval and the units with at least one such photo pair (the worst case)."""
    k: int
    n: int
    rate: float | None
    ci95: list | None
    units_with_any: int | None


class Pooled(Block):
    """The pooled held-out rates of a calibration, by figure."""
    misleading_same: PooledRate
    misleading_diff: PooledRate
    diff_strong: PooledRate
    same_lr_ge_10: PooledRate


class CalibrationValidation(Block):
    """A calibration's figures held out by person (core/facesummary.validation_block)."""
    scheme: Any
    splits: Any
    eer: Estimate | None
    cllr: Estimate | None
    cllr_min: Estimate | None
    misleading_same: Estimate | None
    misleading_diff: Estimate | None
    diff_strong: Estimate | None
    same_lr_ge_10: Estimate | None
    n_same: Estimate | None
    n_diff: Estimate | None
    pooled: Pooled | None
    curves: Curves | None


class CalibrationInfo(Block):
    """The calibration behind a likelihood ratio (core/facesummary.calibration_block)."""
    name: str
    sha256: str | None
    origin: str | None        # "shipped" | "installed"
    algorithm: Any
    protocol: Any
    population: Any
    score: Any
    source: Any
    limits: Any
    vendor_fmr: float | None
    vendor_threshold: float | None
    n_same: int | None
    n_diff: int | None
    n_people: int | None
    log10_lower: float | None
    log10_upper: float | None
    threshold_lr1: float | None
    metrics_held_out: CalibrationValidation


class ErrorRates(Block):
    """False-match and false-non-match rates at a score, with where they come from."""
    fmr: float | None
    fnmr: float | None
    source: Any


class Spread(Block):
    """How the per-frame distances spread."""
    min: float | None
    max: float | None
    iqr: float | None
    sd: float | None


class ReferenceReproduction(Block):
    """Whether a capture is closer to the ID photo than photos of one person normally are."""
    threshold: float | None
    same_person_mean: float | None
    same_person_sd: float | None
    distance: float | None
    frame: str | None
    suspected: bool | None
    meaning: Any


class PopulationBasis(Block):
    """Who chose the relevant population and on what basis."""
    chosen_by: Any
    examiner_reason: Any
    base_from: Any
    vendor_fmr_from: Any
    declared_vendor_fmr: float | None


class Population(Block):
    """The relevant population behind Hd and the calibration chosen for it."""
    key: str | None
    base: str | None
    default: str | None
    name: Any
    reason: Any
    vendor_fmr: float | None
    warnings: list
    basis: PopulationBasis


class AlgorithmResult(Block):
    """One face algorithm's own figures (face_comparison.algorithms[])."""
    algorithm: str
    status: str
    calibration: CalibrationInfo
    validation: CalibrationValidation | None
    median_distance: float | None
    likelihood_ratio: float | None
    log10_lr: float | None
    verbal_scale: VerbalScale | None
    lr_bounds_log10: list


class FrameQuality(Block):
    """A face's quality measures (ISO/IEC 29794-5 factors) as the face stage measured them."""
    inter_eye_px: float | None
    yaw_deg: float | None


class FrameResult(Block):
    """One examined frame (face_comparison.per_frame[])."""
    frame: str
    usable: bool
    distance: float | None
    box: list | None
    landmarks5: list             # five landmarks (x, y) of the subject face
    others: list                 # other faces' boxes
    quality: FrameQuality | None
    reasons: list                # why not usable (unfit codes)
    time_ms: float | None
    log10_lr: float | None


class Refinement(Block):
    """Whether sampled frames settled the result, or every usable frame was compared."""
    needed: bool
    compared: int


class PerAlgorithm(Block):
    """A count per face algorithm."""
    sface: int
    dlib: int


class Sampling(Block):
    """Which usable frames were compared (core/facetrack.py)."""
    rule: str
    tracks: int
    sface_every: int
    dlib_every: int
    usable_frames: int
    compared: PerAlgorithm
    refinement: Refinement


class IdPhotoFace(Block):
    """The face found in the ID photo."""
    path: str | None
    box: list | None


class EvidenceRef(Block):
    """What a finding or timeline item rests on: a file, with a row, a case.json field, a source."""
    file: str | None
    row: int
    field: str
    source: str | None
    event: str
    time: str


class AuthenticityCheck(Block):
    """One authenticity check run on one file and its result (a catalogue message)."""
    file: str
    check: str
    result: Any


class Trace(Block):
    """A trace of editing: the file, and the trace as a catalogue code (or text)."""
    file: str
    code: str
    params: dict | None
    trace: Any


class LogReadError(Block):
    """A log row that could not be read."""
    row: int
    reason: Any                        # English text (kept for old readers)
    code: str                          # the catalogue code (LOGROW.*, LOGSKIP.*) of the reason
    params: dict | None


class Duplicate(Block):
    """A byte-identical repeat of an evidence file, used once."""
    path: str
    same_as: str
    kind: str


class VideoSampling(Block):
    """Which of a video's frames were analysed."""
    rule: str
    frames: int
    of: int
    limit: int


class Video(Block):
    """What was read from one evidence video (io/video.py)."""
    path: str
    fps: float | None
    frames: int                        # frames the container holds (as decoded)
    analysed: VideoSampling


class Still(Block):
    """What was read from one evidence still."""
    path: str


class Series(Block):
    """A per-frame liveness measurement and its threshold."""
    name: str
    values_: list                      # one value per frame (None where not measured)
    threshold: Any

    KEYS = {"values_": "values"}


class Clip(Block):
    """The clip a liveness verdict was reached on."""
    path: str


class Rate(Block):
    """An error rate k/n with its 95% interval."""
    k: int
    n: int
    rate: float | None
    ci95: list | None


class HeldOut(Block):
    """The liveness error rates on the held-out split."""
    bpcer: Rate
    live_judged_live: Rate
    apcer: dict[str, Rate]


class PadOperatingPoint(Block):
    """The learned liveness score's threshold and its source."""
    threshold: Any


class ValidationData(Block):
    """The real material a validation was measured on: its name and manifest digest."""
    name: str
    manifest_sha256: str


class LivenessValidation(Block):
    """The liveness check's error rates measured on real material, held out by subject."""
    status: str
    data: ValidationData
    n_items: int
    held_out: HeldOut
    pad_operating_point: PadOperatingPoint
    caveat: Any


class Claimant(Block):
    """The claimant as case.json names them."""
    name: str | None
    id_number: str | None
    phone: str | None


class Bank(Block):
    """The bank as case.json names it."""
    name: str | None
    branch: str | None
    terminal_id: str | None


class Circumstances(Block):
    """What the examiner was told, and by whom (case.json)."""
    text: str | None
    supplied_by: str | None


class Received(Block):
    """One item handed over (case.json ``received[]``)."""
    item: str | None
    from_: str | None

    KEYS = {"from_": "from"}
    date: str | None
    condition: str | None


class Examiner(Block):
    """The examiner as case.json names them (when given as an object, not a bare name)."""
    name: str | None
    qualifications: str | None
