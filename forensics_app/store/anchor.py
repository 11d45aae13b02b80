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

from ..errors import InputError, quoted
from .chain import check_links, details_of
from .problems import Problem
from ..i18n import N_

MAX_EXPORT_BYTES = 512 * 1024**2     # a results.json or report.pdf checked by verify --results / --report
HEAD_RE = re.compile(r"(?:audit chain head|审计链头)\s*([0-9a-f]{64})")


def _chain_index(ws):
    entries = ws.audit_entries()
    broken, _ = check_links(entries)
    hashes = {e["hash"]: e["seq"] for e in entries}
    analyses = {}   # results_sha256 -> (seq, audit_head)
    exports = {}    # report_sha256 -> (seq, results_sha256 of the analysis it was made from)
    for e in entries:
        d = details_of(e)
        if e["action"] == "analysis" and d.get("results_sha256"):
            analyses.setdefault(d["results_sha256"], (e["seq"], d.get("audit_head")))
        if e["action"] == "export" and d.get("report_sha256"):
            exports.setdefault(d["report_sha256"], (e["seq"], d.get("results_sha256")))
    return broken, hashes, analyses, exports


def _other_case(ws, results, label: str) -> list[Problem]:
    """An export that records another case than the workspace's: one plain problem saying so (the
    chain checks would read as tampering)."""
    mine = ws.meta("case_id")
    theirs = results.get("case_id") if isinstance(results, dict) else None
    if isinstance(theirs, str) and mine and theirs != mine:
        return [Problem("export.other_case", file=label, recorded=theirs, case=mine)]
    return []


def check_results(ws, data: bytes, label: str) -> list[Problem]:
    problems = []
    broken, hashes, analyses, _ = _chain_index(ws)
    if broken:
        return [Problem("export.broken_chain", file=label)]
    digest = hashlib.sha256(data).hexdigest()
    try:
        results = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return [Problem("export.not_results", file=label)]
    other = _other_case(ws, results, label)
    if other:
        return other
    head = results.get("audit_head") if isinstance(results, dict) else None
    if not isinstance(head, str) or len(head) != 64:
        problems.append(Problem("export.no_head", file=label))
    elif head not in hashes:
        problems.append(Problem("export.head_not_in_chain", file=label, head=head[:16]))
    if digest not in analyses:
        problems.append(Problem("export.results_unknown", file=label, digest=digest[:16]))
    elif head in hashes and analyses[digest][1] not in (None, head):
        problems.append(Problem("export.head_differs", file=label))
    return problems


def pdf_parts(data: bytes, label: str) -> tuple[dict[str, list[bytes]], list[str]]:
    """({name: contents} of the embedded results files, audit heads printed on the pages or in the metadata)."""
    from pypdf import PdfReader
    try:
        reader = PdfReader(io.BytesIO(data))
        att = reader.attachments
        embedded = {name: list(vals) for name, vals in att.items() if name.startswith("results")}
        heads = set()
        meta = reader.metadata or {}
        heads |= set(HEAD_RE.findall(str(meta.get("/Keywords", ""))))
        for page in reader.pages:
            text = page.extract_text() or ""
            heads |= set(HEAD_RE.findall(text))
    except Exception as exc:   # pypdf raises assorted errors on damaged files
        raise InputError(label, N_("not a readable PDF ({error})"), error=quoted(type(exc).__name__)) from None
    return embedded, sorted(heads)


def check_report(ws, data: bytes, label: str) -> list[Problem]:
    broken, hashes, analyses, exports = _chain_index(ws)
    if broken:
        return [Problem("export.broken_chain", file=label)]
    digest = hashlib.sha256(data).hexdigest()
    problems = []
    embedded, heads = pdf_parts(data, label)
    for name in ("results.json", "results.masked.json"):
        for blob in embedded.get(name, [])[:1]:
            try:
                other = _other_case(ws, json.loads(blob.decode("utf-8")), label)
            except (UnicodeDecodeError, ValueError, RecursionError):
                other = []
            if other:
                return other
    if digest not in exports:
        problems.append(Problem("export.report_unknown", file=label, digest=digest[:16]))
    if not heads:
        problems.append(Problem("export.report_no_head", file=label))
    for h in heads:
        if h not in hashes:
            problems.append(Problem("export.report_head_not_in_chain", file=label, head=h[:16]))
    # An unmasked copy carries results.json itself: it must be the analysis the export entry names
    # (a masked copy carries results.masked.json, whose strings are masked: not comparable).
    made_from = exports.get(digest, (None, None))[1]
    for blob in embedded.get("results.json", []):
        got = hashlib.sha256(blob).hexdigest()
        if got not in analyses or (made_from and got != made_from):
            problems.append(Problem("export.embedded_differs", file=label))
            break
    return problems


def made_from(ws, report: bytes) -> str | None:
    """The results_sha256 of the analysis an exported report was made from (None: not an export)."""
    return _chain_index(ws)[3].get(hashlib.sha256(report).hexdigest(), (None, None))[1]


def check_exports(ws, results: Path | None, report: Path | None) -> list[Problem]:
    problems = []
    data = {}
    for path, fn in ((results, check_results), (report, check_report)):
        if path is None:
            continue
        try:
            size = Path(path).stat().st_size
            if size > MAX_EXPORT_BYTES:        # ours are a few MB: not read into memory
                raise InputError(path, N_("is {size} bytes, over {MAX_EXPORT_BYTES} bytes: not an export of this app"),
                                       size=size, MAX_EXPORT_BYTES=MAX_EXPORT_BYTES)
            data[path] = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(path, N_("cannot read: {reason}"), reason=quoted(exc.strerror or exc)) from None
        problems += fn(ws, data[path], str(path))
    if results is not None and report is not None:      # checked together: one analysis and its report
        src = made_from(ws, data[report])
        if src and src != hashlib.sha256(data[results]).hexdigest():
            problems.append(Problem("export.not_same_analysis", results=str(results), report=str(report)))
    return problems


# ---- other analyses of the same case (expert finding 8) -----------------------------------------
# A report verifies against the chain even when the examiner re-analysed afterwards, perhaps with
# another population and another LR. verify therefore lists every analysis the workspace holds and
# notes (without failing: re-analysing is legitimate) an export that is not the newest analysis or
# beside analyses that report another figure.

def analyses_listing(ws) -> list[dict]:
    """Every analysis in the workspace, oldest first: id, time, digest, reportable LR, population."""
    out = []
    if "analyses" not in ws.db.table_names():        # a damaged workspace: verify reports the missing table
        return out
    for row in ws.db.query("select id, created_at, results_sha256, results from analyses order by id"):
        try:
            r = json.loads(row["results"])
        except (TypeError, ValueError, RecursionError):
            r = {}
        fc = r.get("face_comparison") if isinstance(r, dict) else None
        fc = fc if isinstance(fc, dict) else {}
        opts = r.get("options") if isinstance(r, dict) and isinstance(r.get("options"), dict) else {}
        lv = r.get("liveness") if isinstance(r, dict) and isinstance(r.get("liveness"), dict) else {}
        pop = fc.get("population") if isinstance(fc.get("population"), dict) else {}
        out.append({"id": row["id"], "created_at": row["created_at"], "results_sha256": row["results_sha256"],
                    "likelihood_ratio": fc.get("likelihood_ratio"),
                    "population": opts.get("population") or pop.get("key"),
                    "protocol": opts.get("protocol"), "liveness": lv.get("verdict")})
    return out


def export_notices(ws, results: Path | None, report: Path | None) -> list[Problem]:
    """Notes on the analysis an export was made from, against the other analyses in the workspace."""
    listing = analyses_listing(ws)
    if not listing:
        return []
    digests = set()
    if results is not None:
        digests.add(hashlib.sha256(Path(results).read_bytes()).hexdigest())
    if report is not None:
        src = made_from(ws, Path(report).read_bytes())
        if src:
            digests.add(src)
    notices = []
    for digest in sorted(digests):
        mine = [a for a in listing if a["results_sha256"] == digest]
        if not mine:
            continue
        label = str(results if results is not None and
                    hashlib.sha256(Path(results).read_bytes()).hexdigest() == digest else report)
        newest = listing[-1]
        if newest["results_sha256"] != digest:
            later = [a for a in listing if a["id"] > mine[-1]["id"] and a["results_sha256"] != digest]
            notices.append(Problem("notice.superseded", file=label, n=len(later), newest=newest["id"],
                                   lr=_lr_text(newest["likelihood_ratio"]),
                                   population=newest["population"] or "—"))
        lr = mine[0]["likelihood_ratio"]
        other = sorted({_lr_text(a["likelihood_ratio"]) for a in listing
                        if a["results_sha256"] != digest and a["likelihood_ratio"] != lr})
        if other:
            notices.append(Problem("notice.other_lrs", file=label, lr=_lr_text(lr), others=", ".join(other)))
    return notices


def _lr_text(lr) -> str:
    from ..core.lr import format_lr
    try:
        return format_lr(float(lr)) if lr is not None and float(lr) > 0 else "—"
    except (TypeError, ValueError, OverflowError):
        return "—"
