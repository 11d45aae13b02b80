"""Checking exported files against the workspace's audit chain (``verify --results F --report F``).

Threat model: anyone with write access to the workspace can edit a row and then recompute the
whole hash chain, so that the workspace is internally consistent again. What they cannot change is
what was exported before: results.json carries ``audit_head`` (the hash of the newest audit entry
covering a record the analysis used), every report page prints it, and each export's SHA-256 is in
the chain. An earlier export whose digest or audit_head is no longer in the chain shows that the
workspace was rewritten after that export.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

from ..errors import InputError
from .chain import check_links, details_of

HEAD_RE = re.compile(r"(?:audit chain head|审计链头)\s*([0-9a-f]{64})")


def _chain_index(ws):
    entries = ws.audit_entries()
    broken, _ = check_links(entries)
    hashes = {e["hash"]: e["seq"] for e in entries}
    analyses = {}   # results_sha256 -> (seq, audit_head)
    exports = {}    # report_sha256 -> seq
    for e in entries:
        d = details_of(e)
        if e["action"] == "analysis" and d.get("results_sha256"):
            analyses.setdefault(d["results_sha256"], (e["seq"], d.get("audit_head")))
        if e["action"] == "export" and d.get("report_sha256"):
            exports.setdefault(d["report_sha256"], e["seq"])
    return broken, hashes, analyses, exports


def check_results(ws, data: bytes, label: str) -> list[str]:
    problems = []
    broken, hashes, analyses, _ = _chain_index(ws)
    if broken:
        problems.append(f"{label}: cannot be checked against a broken audit chain")
        return problems
    digest = hashlib.sha256(data).hexdigest()
    try:
        results = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return [f"{label}: is not a results.json (not UTF-8 JSON)"]
    head = results.get("audit_head") if isinstance(results, dict) else None
    if not isinstance(head, str) or len(head) != 64:
        problems.append(f"{label}: carries no audit_head (made before the chain was anchored, or edited)")
    elif head not in hashes:
        problems.append(f"{label}: its audit_head {head[:16]}… is not in this workspace's audit chain: the "
                        "workspace was rewritten after this export (or it belongs to another workspace)")
    if digest not in analyses:
        problems.append(f"{label}: SHA-256 {digest[:16]}… matches no analysis in the audit chain: the file was "
                        "edited after export, or the analysis record was rewritten")
    elif head in hashes and analyses[digest][1] not in (None, head):
        problems.append(f"{label}: its audit_head differs from the one the analysis recorded")
    return problems


def pdf_parts(data: bytes, label: str) -> tuple[list[bytes], list[str]]:
    """(embedded results files, audit heads printed on the pages or in the metadata)."""
    from pypdf import PdfReader
    try:
        reader = PdfReader(io.BytesIO(data))
        att = reader.attachments
        embedded = [v for name, vals in att.items() if name.startswith("results") for v in vals]
        heads = set()
        meta = reader.metadata or {}
        heads |= set(HEAD_RE.findall(str(meta.get("/Keywords", ""))))
        for page in reader.pages:
            text = page.extract_text() or ""
            heads |= set(HEAD_RE.findall(text))
    except Exception as exc:   # pypdf raises assorted errors on damaged files
        raise InputError(label, f"not a readable PDF ({type(exc).__name__})") from None
    return embedded, sorted(heads)


def check_report(ws, data: bytes, label: str) -> list[str]:
    broken, hashes, _, exports = _chain_index(ws)
    if broken:
        return [f"{label}: cannot be checked against a broken audit chain"]
    digest = hashlib.sha256(data).hexdigest()
    problems = []
    embedded, heads = pdf_parts(data, label)
    if digest not in exports:
        problems.append(f"{label}: SHA-256 {digest[:16]}… matches no export in the audit chain: the PDF was "
                        "edited after export, or the export record was rewritten")
    if not heads:
        problems.append(f"{label}: shows no audit chain head")
    for h in heads:
        if h not in hashes:
            problems.append(f"{label}: the audit chain head it prints ({h[:16]}…) is not in this workspace's "
                            "chain: the workspace was rewritten after this report was issued")
    return problems


def check_exports(ws, results: Path | None, report: Path | None) -> list[str]:
    problems = []
    for path, fn in ((results, check_results), (report, check_report)):
        if path is None:
            continue
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
        problems += fn(ws, data, str(path))
    return problems
