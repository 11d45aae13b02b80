"""OUT/portfolio.json: every case of the batch with its status, and the links between cases."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..core.facelinks import ALPHA, face_links
from ..core.links import TERMINAL_WINDOW_MIN, terminal_links, value_links
from ..core.model import Results
from ..core.portfolio_model import (ANCHORS_FORMAT, KIND_ORDER, PORTFOLIO_FORMAT, CaseAnchor, FaceMethod,
                                    Link, LinkData, MessagePart, Portfolio, PortfolioAnchors, PortfolioCase,
                                    PortfolioMethod)
from ..core.portfolio_schema import check_anchors, check_portfolio
from ..core.record import ABSENT
from ..errors import ForensicsError, message_part, quoted
from ..i18n import N_
from .faces import MAX_PER_CASE
from .records import STATUS_ANALYSED, STATUS_FAILED, CaseSpec, TaskRecord

FORMAT = PORTFOLIO_FORMAT


@dataclass
class LinkSource:
    """An analysed case folder and what it offers for linking."""
    key: str
    data: LinkData

    def entry(self) -> dict:
        """The case as core/links.py and core/facelinks.py take it."""
        f = self.data.faces
        return {"key": self.key, "case_id": self.data.case_id, "path": self.key, "signals": self.data.signals,
                "captured": [(c.frame, np.asarray(c.embedding)) for c in f.captured],
                "id_photo": (f.id_photo_path, np.asarray(f.id_photo)) if f.id_photo is not None else None}

    @property
    def has_face(self) -> bool:
        return bool(self.data.faces.captured) or self.data.faces.id_photo is not None


def _sources(specs: list[CaseSpec], records: dict[str, TaskRecord]) -> list[LinkSource]:
    return [LinkSource(s.key, LinkData.from_json(json.loads((Path(s.out_dir) / "link_data.json").read_text("utf-8"))))
            for s in specs if records[s.key].status == STATUS_ANALYSED]


def link_tables() -> dict[str, dict]:
    """The shipped false-match tables (tools/fit_link_tails.py), by calibration name."""
    from importlib.resources import files

    doc = json.loads((files("forensics_app") / "data" / "link_tails.json").read_text("utf-8"))
    return {name: t | {"name": name, "made_by": f"{doc['made_by']} ({doc['made']})"} for name, t in doc["tables"].items()}


METHOD_VALUES = ("normalised before matching (phone: +86/0086/86, spaces, hyphens; ID numbers: 15-digit converted "
                 "to 18; device: case and separators ignored; IP: public addresses only); a masked value (with *) "
                 "never matches")
METHOD_TERMINAL = ("a terminal links cases only when different claimants (ID numbers or names contradict) used it "
                   "within the window")
METHOD_STRENGTH = ("face links: the calibrated likelihood ratio (for a group, the weakest link that holds it together); "
                   "other kinds: null (a shared value is a fact, not a score)")


def compute_links(sources: list[LinkSource], alpha: float = ALPHA,
                  index_kind: str = "auto") -> tuple[list[Link], FaceMethod]:
    """The links between the cases, and how face links were decided."""
    from ..io import calibrations

    entries = [src.entry() for src in sources]
    links = value_links(entries) + terminal_links(entries)
    cals = Counter(src.data.faces.calibration for src in sources if src.has_face)
    if cals:
        name = sorted(cals.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        mine = [(src, e) for src, e in zip(sources, entries) if src.data.faces.calibration == name]
        metrics = {src.data.faces.metric for src, _ in mine}
        if len(metrics) != 1:
            raise ValueError(f"cases calibrated with {name} report different face scores {sorted(metrics)}")
        id_names = sorted({src.data.faces.calibration_id_photo for src, _ in mine})
        tables = link_tables()
        f_links, face = face_links([e for _, e in mine] if len(cals) > 1 else entries,
                                   calibrations.load(name), alpha, index_kind, metrics.pop(),
                                   cal_id=calibrations.load(id_names[0]) if id_names[0] != name else None,
                                   tail=tables.get(name), tail_id=tables.get(id_names[0]))
        face.algorithm = sorted({src.data.faces.algorithm for src, _ in mine})[0]
        face.max_frames_per_case = MAX_PER_CASE
        face.calibrations_used_by_cases = dict(sorted(cals.items()))
        links += f_links
    else:
        face = FaceMethod(reachable=False, note="no case had a usable face")
    links.sort(key=lambda l: (KIND_ORDER[l.kind.value], l.case_ids, str(l.value)))
    return links, face


DIGEST_RULE = ("results_sha256: SHA-256 of the case's results.json without its audit_head line (the file's "
               "bytes with the one top-level line starting '  \"audit_head\": ' removed), i.e. of the analysis "
               "content without the workspace-specific anchor; each results.json's own file digest and "
               "audit_head are in portfolio.anchors.json and the portfolio report, and "
               "'forensics-app verify-portfolio OUT' checks both against the files and the workspaces")


def _results(spec: CaseSpec, rec: TaskRecord) -> tuple[str, CaseAnchor] | str:
    """(analysis digest, anchor) of an analysed case's results.json, or the problem as a message."""
    from ..core.hashing import analysis_digest

    path = Path(spec.out_dir) / "results.json"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ForensicsError(N_("results.json cannot be read: {reason}"), reason=quoted(exc.strerror or exc))
    if hashlib.sha256(data).hexdigest() != rec.results_sha256:
        return ForensicsError(N_("results.json changed after the analysis wrote it: not used"))
    try:
        digest, head = analysis_digest(data), Results.from_text(data).audit_head
    except (ValueError, TypeError):
        return ForensicsError(N_("results.json is not as the analysis writes it: not used"))
    return digest, CaseAnchor(path=spec.key, case_id=rec.case_id, results_file_sha256=rec.results_sha256,
                              audit_head=head)


def build(specs: list[CaseSpec], records: dict[str, TaskRecord], alpha: float = ALPHA, index_kind: str = "auto",
          anchors: list[CaseAnchor] | None = None) -> Portfolio:
    """The portfolio (the same for the same backlog, whoever ran it where); the run-specific anchors
    of each case's results.json are appended to ``anchors`` when a list is given."""
    cases = []
    for s in sorted(specs, key=lambda s: s.key):
        rec = records[s.key]
        digest = None
        if rec.status == STATUS_ANALYSED:
            got = _results(s, rec)
            if isinstance(got, ForensicsError):
                rec = records[s.key] = replace(rec, status=STATUS_FAILED, message=got.message, parts=[got.part()])
            else:
                digest = got[0]
                if anchors is not None:
                    anchors.append(got[1])
        msg, parts = rec.message, list(rec.parts) if rec.parts or not rec.message else None
        if s.duplicate_of:
            others, out = ", ".join(s.duplicate_of), f"cases/{Path(s.out_dir).name}"
            note = f"case_id also used by {others}; each folder analysed on its own (outputs in {out}), never merged"
            msg = f"{msg}; {note}" if msg else note
            if parts is not None:
                parts.append(message_part(N_("case_id also used by {others}; each folder analysed on its own "
                                             "(outputs in {out}), never merged"), others=others, out=out))
        cases.append(PortfolioCase(case_id=rec.case_id or s.case_id, path=s.key, status=rec.status,
                                   results_sha256=digest, message=msg,
                                   message_parts=[MessagePart.from_json(p) for p in parts] if parts else ABSENT))
    links, face = compute_links(_sources(specs, records), alpha, index_kind)
    method = PortfolioMethod(values=METHOD_VALUES, terminal_window_minutes=TERMINAL_WINDOW_MIN,
                             terminal_rule=METHOD_TERMINAL, strength=METHOD_STRENGTH, face=face,
                             results_sha256=DIGEST_RULE)
    return Portfolio(cases=cases, links=links, method=method)


def _atomic(dest: Path, text: str) -> None:
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(dest)


def write(portfolio: Portfolio, out: Path, anchors: list[CaseAnchor] | None = None) -> Path:
    """portfolio.json, then portfolio.anchors.json: the portfolio's SHA-256 and, for every analysed
    case, its results.json's file SHA-256 and audit_head (this run's, in this output folder). Both
    are checked against their schemas first: a file that breaks the published contract is never written."""
    out.mkdir(parents=True, exist_ok=True)
    dest = out / "portfolio.json"
    text = portfolio.text()
    check_portfolio(portfolio.to_json())
    _atomic(dest, text)
    if anchors is not None:
        a = PortfolioAnchors(portfolio_sha256=hashlib.sha256(text.encode()).hexdigest(),
                             cases=sorted(anchors, key=lambda a: a.path))
        check_anchors(a.to_json())
        _atomic(out / "portfolio.anchors.json", a.text())
    return dest
