"""What the results attached to a masked court copy leave out: the bank reviewers' triage order.

results.json keeps each finding's ``severity`` and the summary's counts per severity for triage
(../shared/case-format.md). They are no evaluation of the evidence; the report never prints them,
and the copy handed to the parties (results.masked.json, already a derived document: its strings
are masked) leaves them out, so they cannot be quoted as the software's rating of the case. The
unmasked copy carries results.json byte for byte (verify matches it to the analysis); the appendix
of both copies says what these fields are.
"""

from __future__ import annotations

TRIAGE_FIELDS = ("findings.severity", "summary.counts")   # each finding's severity; the counts per severity


def court_copy(results: dict) -> dict:
    """results without the bank reviewers' triage order (each finding's ``severity`` and the
    summary's counts per severity): kept in results.json for triage, it is no evaluation of the
    evidence, and a copy handed to the parties should not let it be quoted as one. The appendix
    says which fields are left out."""
    out = dict(results)
    out["findings"] = [{k: v for k, v in f.items() if k != "severity"} for f in results.get("findings") or []]
    if isinstance(results.get("summary"), dict):
        out["summary"] = {k: v for k, v in results["summary"].items() if k != "counts"}
    return out
