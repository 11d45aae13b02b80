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

from ..errors import InputError, phrase, quoted
from .portfolio import ANCHORS_FORMAT, FORMAT
from ..i18n import N_

PDF_KEY = "portfolio_sha256="


def _json(path: Path, what) -> tuple[bytes, dict]:
    try:
        data = path.read_bytes()
        obj = json.loads(data)
    except OSError as exc:
        raise InputError(path, N_("cannot read the {what} ({reason})"), what=what,
                               reason=quoted(exc.strerror or exc)) from None
    except (ValueError, RecursionError):
        raise InputError(path, N_("is not a {what} (not JSON)"), what=what) from None
    if not isinstance(obj, dict):
        raise InputError(path, N_("is not a {what}"), what=what)
    return data, obj


def _case_dirs(out: Path) -> dict[str, tuple[Path, dict]]:
    """portfolio path (case folder relative to CASES_DIR) -> (its output folder, batch.json)."""
    dirs = {}
    for p in sorted((out / "cases").glob("*/batch.json")):
        try:
            b = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(b, dict) and b.get("folder"):
            dirs[b["folder"]] = (p.parent, b)
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


def verify_portfolio(out: Path, pdf: Path | None = None, limits=None) -> tuple[int, list[str]]:
    """(cases checked, problems). Raises InputError when portfolio.json itself cannot be read."""
    from ..core.hashing import analysis_digest
    from ..io.images import Limits

    out, limits = Path(out), limits or Limits()
    raw, portfolio = _json(out / "portfolio.json", phrase(N_("portfolio")))
    if portfolio.get("format") != FORMAT:
        raise InputError(out / "portfolio.json", N_("is not a {FORMAT} portfolio"), FORMAT=FORMAT)
    problems: list[str] = []
    sha = hashlib.sha256(raw).hexdigest()
    anchors: dict[str, dict] = {}
    try:
        _, a = _json(out / "portfolio.anchors.json", phrase(N_("portfolio anchors file")))
        if a.get("format") != ANCHORS_FORMAT:
            problems.append(f"portfolio.anchors.json: not a {ANCHORS_FORMAT} file")
        if a.get("portfolio_sha256") != sha:
            problems.append(f"portfolio.json: SHA-256 {sha[:16]}… is not the one its anchors file records: "
                            "the portfolio was changed after the batch wrote it")
        anchors = {c.get("path"): c for c in a.get("cases", []) if isinstance(c, dict)}
    except InputError as exc:
        problems.append(f"portfolio.anchors.json: {exc.message}")
    if pdf is not None:
        problems += _check_pdf(pdf, sha)
    dirs = _case_dirs(out)
    checked = 0
    analysed = [c for c in portfolio.get("cases", []) if c.get("status") == "analysed"]
    for c in analysed:
        label = f"case {c.get('path')}"
        if c.get("path") not in dirs:
            problems.append(f"{label}: no output folder under {out / 'cases'}")
            continue
        folder, batch = dirs[c["path"]]
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
        if digest != c.get("results_sha256"):
            problems.append(f"{label}: results.json's analysis digest {digest[:16]}… is not the portfolio's: "
                            "the results were changed or replaced")
        anchor = anchors.get(c["path"])
        if anchor is None:
            problems.append(f"{label}: not in portfolio.anchors.json")
        else:
            if anchor.get("results_file_sha256") != hashlib.sha256(data).hexdigest():
                problems.append(f"{label}: results.json's SHA-256 is not the one anchored")
            if anchor.get("audit_head") != json.loads(data).get("audit_head"):
                problems.append(f"{label}: results.json's audit_head is not the one anchored")
        problems += _workspace(folder, label, data, batch.get("case_path"), limits)
    extra = sorted(set(anchors) - {c.get("path") for c in analysed})
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
