"""The typed portfolio of a batch: OUT/portfolio.json, OUT/portfolio.anchors.json, and each case's
link data (OUT/cases/<dir>/link_data.json, what the portfolio links on).

``Portfolio.from_json(json.loads(text))`` reads a portfolio; ``portfolio.text()`` gives the file's
bytes as the batch writes them (the same for the same backlog, whoever ran it where). Reading is
strict: an unknown or missing key is a ``ValueError`` naming its path. The JSON Schemas
``forensics_app/data/schema/portfolio.schema.json`` and ``portfolio-anchors.schema.json`` are
generated from these declarations (``python -m forensics_app.core.portfolio_model``, which writes
both) and a test fails when a committed file differs.

A link's evidence items differ by kind (a shared value, a terminal visit, a pair of cases whose
captured faces match, a captured face against another case's ID photo); each is its own record and
a link of one kind accepts only its own kinds of evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from .record import ABSENT, Record, StrEnum, json_schema

PORTFOLIO_FORMAT = "forensics-portfolio/1"
ANCHORS_FORMAT = "forensics-portfolio-anchors/1"
SCHEMA_ID = "https://forensics-app.invalid/schema/portfolio.schema.json"
ANCHORS_SCHEMA_ID = "https://forensics-app.invalid/schema/portfolio-anchors.schema.json"


class CaseStatus(StrEnum):
    analysed = "analysed"
    refused = "refused"       # the case's material was refused (InputError): its message says why
    failed = "failed"         # the analysis did not complete (a crash, a killed worker, changed outputs)


class LinkKind(StrEnum):
    face = "face"
    phone = "phone"
    id_number = "id_number"
    device = "device"
    ip = "ip"
    terminal = "terminal"


KIND_ORDER = {k.value: i for i, k in enumerate(LinkKind)}


# ---- cases ---------------------------------------------------------------------------------------

@dataclass(kw_only=True)
class MessagePart(Record):
    """One part of a case's message as a catalogue template (its English text is the message id)
    with its parameters and the file it names: the report and the view render it in their language
    (:func:`forensics_app.errors.render_message`); ``message`` keeps the English."""
    template: str
    params: dict
    path: str | None = ABSENT


@dataclass(kw_only=True)
class PortfolioCase(Record):
    """One case folder of the backlog with what became of it."""
    case_id: str | None                 # None: case.json could not be read
    path: str                           # the case folder relative to CASES_DIR
    status: CaseStatus
    results_sha256: str | None          # analysed: SHA-256 of results.json without its audit_head line
    message: str                        # English, as recorded (for machines and logs)
    message_parts: list[MessagePart] = ABSENT   # the same message as catalogue templates (every part has one)


# ---- evidence of a link --------------------------------------------------------------------------

@dataclass(kw_only=True)
class SharedValue(Record):
    """A phone, ID number, device or IP value of one case, as delivered, and where it was found."""
    case_id: str
    path: str
    source: str                         # "case.json claimant.phone", "<log file> row <n>"
    raw: str
    time: str = ABSENT


@dataclass(kw_only=True)
class MoreValues(Record):
    """How many more items of one case carry the value (evidence is capped per case)."""
    case_id: str
    path: str
    more: int


@dataclass(kw_only=True)
class TerminalVisit(Record):
    """A log row of one case at the shared terminal."""
    case_id: str
    path: str
    source: str
    raw: str
    time: str | None
    event: str | None


@dataclass(kw_only=True)
class FacePair(Record):
    """Two cases whose captured faces score as one person."""
    case_ids: list[str]
    paths: list[str]
    frames: list[list[str]]             # the usable frames compared, per case
    closest_frames: list[str]
    closest_score: float
    median_score: float
    log10_lr: float
    likelihood_ratio: float


@dataclass(kw_only=True)
class FaceIdPhoto(Record):
    """A captured face of one case against the ID photo of another."""
    captured_case: str
    captured_path: str
    frames: list[str]
    closest_frame: str
    id_photo_case: str
    id_photo_path: str
    id_photo: str
    closest_score: float
    median_score: float
    log10_lr: float
    likelihood_ratio: float


Evidence = SharedValue | MoreValues | TerminalVisit | FacePair | FaceIdPhoto
EVIDENCE_OF_KIND: dict[str, tuple[type, ...]] = {
    "face": (FacePair, FaceIdPhoto), "terminal": (TerminalVisit,),
    **{k: (SharedValue, MoreValues) for k in ("phone", "id_number", "device", "ip")}}


@dataclass(kw_only=True)
class Link(Record):
    """Cases that share something: a face, a phone, an ID number, a device, an IP, a terminal."""
    kind: LinkKind
    case_ids: list[str]
    value: str                          # the normal form; face: what the link says (English, for machines)
    evidence: list[Evidence]
    strength: float | None              # face: the calibrated LR; other kinds: None (a fact, not a score)

    @classmethod
    def from_json(cls, data: dict, where: str = ""):
        where = where or "link"
        if not isinstance(data.get("evidence"), list):
            return super().from_json(data, where)          # names the problem
        link = super().from_json(data | {"evidence": []}, where)
        link.evidence = [_one_of(EVIDENCE_OF_KIND[link.kind.value], item, f"{where}.evidence[{i}]")
                         for i, item in enumerate(data["evidence"])]
        return link

    @property
    def is_id_photo_link(self) -> bool:
        return bool(self.evidence) and isinstance(self.evidence[0], FaceIdPhoto)


def _one_of(classes: tuple[type, ...], item, where: str):
    if not isinstance(item, dict):
        raise ValueError(f"{where}: expected an object")
    errors = []
    for cls in classes:
        try:
            return cls.from_json(item, where)
        except ValueError as exc:
            errors.append(str(exc))
    raise ValueError(errors[0] if len(errors) == 1 else f"{where}: none of {[c.__name__ for c in classes]} "
                     f"({'; '.join(errors)})")


# ---- how links were decided ----------------------------------------------------------------------

@dataclass(kw_only=True)
class FmrTable(Record):
    """The false-match table that set a face threshold (core/linktail.py), as shipped."""
    name: str | None
    population: str | None
    protocol: str | None
    source: str | None
    n_people: int | None
    n_pairs: int | None
    anchor_fmr: float | None
    anchor_score: float | None
    tail_scale: float | None
    log10_fmr_floor: float | None
    made_by: str | None


@dataclass(kw_only=True)
class FaceMethod(Record):
    """How face links were decided (or why none could be)."""
    reachable: bool                     # False: no face link could be declared (note says why)
    note: str = ABSENT
    comparisons: int = ABSENT
    expected_false_links_at_most: float = ABSENT
    fmr_per_comparison: float | None = ABSENT
    median_factor: float = ABSENT
    fmr_table: FmrTable | None = ABSENT
    calibration: str = ABSENT
    calibration_log10_upper_bound: float = ABSENT
    calibration_id_photo: str = ABSENT
    calibration_id_photo_log10_upper_bound: float = ABSENT
    fmr_table_id_photo: FmrTable | None = ABSENT
    rule: str = ABSENT
    score: str = ABSENT
    strength: str = ABSENT
    score_threshold: float | None = ABSENT
    score_threshold_id_photo: float | None = ABSENT
    metric: str = ABSENT
    index: str = ABSENT
    faces_indexed: int = ABSENT
    neighbours_per_query: int = ABSENT
    algorithm: str = ABSENT
    max_frames_per_case: int = ABSENT
    calibrations_used_by_cases: dict[str, int] = ABSENT


@dataclass(kw_only=True)
class PortfolioMethod(Record):
    """The rules behind the links (English, for machines; the report words them from the numbers)."""
    values: str
    terminal_window_minutes: int
    terminal_rule: str
    strength: str
    face: FaceMethod
    results_sha256: str


# ---- the files -----------------------------------------------------------------------------------

@dataclass(kw_only=True)
class Portfolio(Record):
    """portfolio.json: every case of a batch with its status, and the links between cases."""
    format: str = PORTFOLIO_FORMAT
    cases: list[PortfolioCase]
    links: list[Link]
    method: PortfolioMethod

    def text(self) -> str:
        """portfolio.json exactly as the batch writes it."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, data: dict, where: str = ""):
        p = super().from_json(data, where)
        if p.format != PORTFOLIO_FORMAT:
            raise ValueError(f"format: {p.format!r} is not {PORTFOLIO_FORMAT!r}")
        return p

    @classmethod
    def from_text(cls, text: str | bytes) -> "Portfolio":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return cls.from_json(data)

    def count(self, status: CaseStatus | str) -> int:
        return sum(c.status == status for c in self.cases)


@dataclass(kw_only=True)
class CaseAnchor(Record):
    """One analysed case's results.json in this run: its file digest and audit chain head."""
    path: str
    case_id: str | None
    results_file_sha256: str
    audit_head: str


@dataclass(kw_only=True)
class PortfolioAnchors(Record):
    """portfolio.anchors.json: the run-specific anchors of a portfolio."""
    format: str = ANCHORS_FORMAT
    portfolio_sha256: str
    cases: list[CaseAnchor] = field(default_factory=list)

    def text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_text(cls, text: str | bytes) -> "PortfolioAnchors":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        a = cls.from_json(data)
        if a.format != ANCHORS_FORMAT:
            raise ValueError(f"format: {a.format!r} is not {ANCHORS_FORMAT!r}")
        return a


# ---- a case's link data (written by its task, read when the portfolio is built) -----------------

@dataclass(kw_only=True)
class CapturedFace(Record):
    frame: str
    embedding: list[float]


@dataclass(kw_only=True)
class CaseFaces(Record):
    """The captured faces of an analysed case as embeddings of the primary face algorithm."""
    algorithm: str
    metric: str
    calibration: str
    calibration_id_photo: str
    captured: list[CapturedFace]
    id_photo: list[float] | None
    id_photo_path: str


@dataclass(kw_only=True)
class LinkData(Record):
    """link_data.json: what one case offers for linking."""
    case_id: str
    signals: dict                       # raw values by kind (batch/signals.py), normalised when linked
    faces: CaseFaces

    def text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)


# ---- schemas -------------------------------------------------------------------------------------

def _kind_rules(schema: dict) -> None:
    """Each kind of link accepts only its own kinds of evidence (as Link.from_json does)."""
    schema["$defs"]["Link"]["allOf"] = [
        {"if": {"properties": {"kind": {"const": kind}}},
         "then": {"properties": {"evidence": {"items": {"anyOf": [{"$ref": f"#/$defs/{c.__name__}"} for c in classes]}}}}}
        for kind, classes in EVIDENCE_OF_KIND.items()]


def portfolio_schema() -> dict:
    s = json_schema(Portfolio, "forensics-app portfolio.json", SCHEMA_ID)
    s["properties"]["format"] = {"const": PORTFOLIO_FORMAT}
    _kind_rules(s)
    return s


def anchors_schema() -> dict:
    s = json_schema(PortfolioAnchors, "forensics-app portfolio.anchors.json", ANCHORS_SCHEMA_ID)
    s["properties"]["format"] = {"const": ANCHORS_FORMAT}
    return s


def schema_texts() -> dict[str, str]:
    """File name under forensics_app/data/schema -> its text."""
    dump = lambda s: json.dumps(s, ensure_ascii=False, indent=2) + "\n"         # noqa: E731
    return {"portfolio.schema.json": dump(portfolio_schema()),
            "portfolio-anchors.schema.json": dump(anchors_schema())}


if __name__ == "__main__":                  # regenerate the committed schema files
    from pathlib import Path
    here = Path(__file__).resolve().parent.parent / "data" / "schema"
    for name, text in schema_texts().items():
        (here / name).write_text(text, encoding="utf-8")
        print(here / name)
