"""``forensics-app verify-portfolio OUT``: check a batch's outputs against each other and the workspaces.

What ties together (docs/batch.md, "Checking a portfolio"):

- portfolio.json lists each analysed case's ``results_sha256``: the SHA-256 of its results.json
  without the audit_head line (the analysis content, the same whoever ran the batch where);
- portfolio.anchors.json gives the SHA-256 of portfolio.json and, per case, the SHA-256 of the
  results.json file and its ``audit_head`` (this run's, in this output folder); the portfolio
  report prints both;
- each case's workspace must still contain that audit_head and that results.json's digest in its
  audit chain (store/anchor.py), its chain must be intact, and its evidence folder must re-hash to
  what intake recorded.

A party who edits a results.json, portfolio.json, the anchors or rewrites a workspace (even with
a recomputed hash chain) is caught as long as one of the anchored copies (the portfolio PDF, the
court's copy of portfolio.anchors.json) is out of their reach.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..core.model import Results
from ..core.portfolio_model import (ANCHORS_FORMAT, PORTFOLIO_FORMAT as FORMAT, CaseAnchor, CaseStatus, Portfolio,
                                    PortfolioAnchors)
from ..errors import InputError, phrase, quoted
from ..i18n import N_
from .records import BatchFile

PDF_KEY = "portfolio_sha256="


def _read(path: Path, what) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, N_("cannot read the {what} ({reason})"), what=what,
                         reason=quoted(exc.strerror or exc)) from None


def _case_dirs(out: Path) -> dict[str, tuple[Path, BatchFile]]:
    """portfolio path (case folder relative to CASES_DIR) -> (its output folder, batch.json)."""
    dirs = {}
    for p in sorted((out / "cases").glob("*/batch.json")):
        b = BatchFile.read(p)
        if b is not None and b.folder:
            dirs[b.folder] = (p.parent, b)
    return dirs


def _workspace(folder: Path, label: str, data: bytes, case_path: str | None, limits) -> list[str]:
    from ..io.case import load_case
    from ..store.anchor import check_results
    from ..store.workspace import DB_NAME, Workspace

    wpath = folder / "workspace"
    if not (wpath / DB_NAME).is_file():
        return [f"{label}: its workspace {wpath} is missing"]
    ws = Workspace(wpath)
    try:
        if case_path and Path(case_path).is_dir():
            case = load_case(case_path, limits, validate=False)
            ws.bind(case)
            rep = ws.verify(case)
            problems = [f"{label}: evidence {p} added since intake" for p in rep.added]
            problems += [f"{label}: evidence {p} missing" for p in rep.missing]
            problems += [f"{label}: evidence {m['path']} modified" for m in rep.modified]
            problems += [f"{label}: audit: {p}" for p in rep.audit_problems]
        else:
            problems = [f"{label}: evidence folder {case_path} not found: evidence not re-hashed"]
            problems += [f"{label}: audit: {p}" for p in ws.check_audit()]
        problems += check_results(ws, data, f"{label} results.json")
    finally:
        ws.close()
    return problems


def _portfolio(path: Path, raw: bytes) -> Portfolio | str:
    """The portfolio, or why it is not one as the batch writes it (a problem to report). Raises
    InputError when the file is not a portfolio at all (not JSON, another format)."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise InputError(path, N_("is not a {what} (not JSON)"), what=phrase(N_("portfolio"))) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, N_("is not a {FORMAT} portfolio"), FORMAT=FORMAT)
    try:
        return Portfolio.from_json(data)
    except (ValueError, RecursionError) as exc:
        return f"portfolio.json: not as the batch writes it ({exc})"


def _anchors(path: Path, sha: str) -> tuple[dict[str, CaseAnchor], list[str]]:
    try:
        a = PortfolioAnchors.from_text(_read(path, phrase(N_("portfolio anchors file"))))
    except InputError as exc:
        return {}, [f"portfolio.anchors.json: {exc.message}"]
    except (ValueError, RecursionError) as exc:
        return {}, [f"portfolio.anchors.json: not a {ANCHORS_FORMAT} file ({exc})"]
    problems = []
    if a.portfolio_sha256 != sha:
        problems.append(f"portfolio.json: SHA-256 {sha[:16]}… is not the one its anchors file records: "
                        "the portfolio was changed after the batch wrote it")
    return {c.path: c for c in a.cases}, problems


def verify_portfolio(out: Path, pdf: Path | None = None, limits=None) -> tuple[int, list[str]]:
    """(cases checked, problems). Raises InputError when portfolio.json itself cannot be read."""
    from ..core.hashing import analysis_digest
    from ..io.images import Limits

    out, limits = Path(out), limits or Limits()
    raw = _read(out / "portfolio.json", phrase(N_("portfolio")))
    portfolio = _portfolio(out / "portfolio.json", raw)
    sha = hashlib.sha256(raw).hexdigest()
    anchors, problems = _anchors(out / "portfolio.anchors.json", sha)
    if pdf is not None:
        problems += _check_pdf(pdf, sha)
    if isinstance(portfolio, str):
        return 0, problems + [portfolio]
    dirs = _case_dirs(out)
    checked = 0
    analysed = [c for c in portfolio.cases if c.status == CaseStatus.analysed]
    for c in analysed:
        label = f"case {c.path}"
        if c.path not in dirs:
            problems.append(f"{label}: no output folder under {out / 'cases'}")
            continue
        folder, batch = dirs[c.path]
        try:
            data = (folder / "results.json").read_bytes()
            digest = analysis_digest(data)
        except OSError:
            problems.append(f"{label}: results.json missing")
            continue
        except ValueError as exc:
            problems.append(f"{label}: results.json {exc}")
            continue
        checked += 1
        try:
            head = Results.from_text(data).audit_head
        except ValueError as exc:
            head = None
            problems.append(f"{label}: results.json is not as the analysis writes it ({exc})")
        if digest != c.results_sha256:
            problems.append(f"{label}: results.json's analysis digest {digest[:16]}… is not the portfolio's: "
                            "the results were changed or replaced")
        anchor = anchors.get(c.path)
        if anchor is None:
            problems.append(f"{label}: not in portfolio.anchors.json")
        else:
            if anchor.results_file_sha256 != hashlib.sha256(data).hexdigest():
                problems.append(f"{label}: results.json's SHA-256 is not the one anchored")
            if anchor.audit_head != head:
                problems.append(f"{label}: results.json's audit_head is not the one anchored")
        problems += _workspace(folder, label, data, batch.case_path, limits)
    extra = sorted(set(anchors) - {c.path for c in analysed})
    problems += [f"portfolio.anchors.json: anchors case {p}, which the portfolio does not list as analysed"
                 for p in extra]
    return checked, problems


def _check_pdf(pdf: Path, sha: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        keywords = str((PdfReader(str(pdf)).metadata or {}).get("/Keywords") or "")
    except (OSError, PdfReadError, ValueError) as exc:
        raise InputError(pdf, N_("cannot read the portfolio report ({reason})"), reason=quoted(exc)) from None
    if PDF_KEY not in keywords:
        return [f"{pdf.name}: carries no portfolio digest (not a portfolio report)"]
    if f"{PDF_KEY}{sha}" not in keywords:
        return [f"{pdf.name}: was made from another portfolio.json than the one in this folder"]
    return []
