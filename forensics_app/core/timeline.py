"""One time axis for log events, frame capture times and external records; and the summary.

Labels are keys (an event type, a record kind) rendered in the reader's language at display time.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ..i18n.render import msg, term
from .lr import format_lr
from .model import FaceComparison, Liveness, StageStatus, TimelineEvent
from .rules import SEVERITY_ORDER

RECORD_DATES = {
    "id_loss_report": ("reported_at", "ID reported lost"),
    "loan_contract": ("signed_at", "Loan contract signed"),
    "telecom_record": ("dated", "Telecom operator's reply"),
    "signature_opinion": ("dated", "Handwriting opinion"),
}


def _iso(s: str, tz: str) -> str:
    t = dt.datetime.fromisoformat(s)
    return (t if t.tzinfo else t.replace(tzinfo=ZoneInfo(tz))).isoformat()


def build_timeline(rows: list[dict], frame_times: list[dict], records: dict, tz: str) -> list[dict]:
    items = []
    for r in rows:
        items.append({"time": r["time"], "kind": "log", "label": r["event"], "detail": r.get("event_raw", ""),
                      "channel": r.get("channel", ""), "evidence": {"file": r["file"], "row": r["row"]}})
    for f in frame_times:
        items.append({"time": f["time"], "kind": "capture", "label": "frame captured",
                      "detail": f["source"], "evidence": {"file": f["frame"]}})
    for name, (key, label) in RECORD_DATES.items():
        rec = records.get(name) or {}
        if rec.get(key):
            items.append({"time": _iso(rec[key], tz), "kind": "record", "label": label,
                          "detail": rec.get("authority", ""),
                          "evidence": {"file": "case.json", "field": f"records.{name}",
                                       "source": rec.get("source")}})
    items.sort(key=lambda x: (dt.datetime.fromisoformat(x["time"]).astimezone(dt.timezone.utc),
                              x["kind"], x["label"]))
    return items


def timeline_label(item: TimelineEvent) -> dict:
    """The label of a timeline item as a term to render."""
    return term("event" if item.kind == "log" else "timeline", item.label)


def summary_statement(findings: list[dict], checked: list[dict], face: FaceComparison | None,
                      liveness: Liveness | None) -> dict:
    """What the report's summary says, as codes: the observations in report order (a record-based
    check with what its record says, whichever way it points: ``summary.record``; any other raised
    check by its title), the reportable face figure, the liveness result, and what was checked.
    No conclusion on the ultimate issue."""
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_ORDER}
    statements = []
    raised = {f["rule"]: f for f in findings}
    for c in checked:                       # rules_checked is in report order, one entry per rule
        title = msg(f"title.{c['rule']}")
        f = raised.get(c["rule"]) if c["status"] == "raised" else None
        if c.get("statement"):
            statements.append(msg("summary.record", title=title, statement=c["statement"]))
        elif f is not None and f.get("code") and not c["rule"].startswith("FACE_"):   # the face figure is stated below, with its caveat
            # a raised observation says what it found, not only its topic (a bare title in the list)
            statements.append(msg("summary.finding", title=title, statement=msg(f["code"], **(f.get("params") or {}))))
        elif c["status"] == "raised":
            statements.append(title)
    from .propositions import algorithms_disagree, face_statement, injection_statement, presentation_caveat
    caveat = presentation_caveat(face, liveness)
    # the face figure (or why there is none), and beside it when the two algorithms disagree
    face_stmts = [x for x in (face_statement(face, caveat), algorithms_disagree(face)) if x]
    if not caveat["applies"]:
        statements += face_stmts
    if liveness is not None and liveness.status == StageStatus.analysed:
        statements.append(msg("summary.liveness", verdict=term("verdict", liveness.verdict.value)))
        inj = injection_statement(liveness)
        if inj:
            statements.append(inj)
    if caveat["applies"]:     # never lead with support for Hp when the caveat applies
        statements += face_stmts
    not_eval = [c["rule"] for c in checked if c["status"] == "not_evaluable"]
    observed = [c["rule"] for c in checked if c.get("observation")]
    quiet = [c["rule"] for c in checked if c["status"] == "not_raised" and not c.get("observation")]
    scope = msg("summary.scope.records", n=len(checked), raised=len(findings), observed=len(observed),
                quiet=len(quiet), ne=len([r for r in not_eval if r not in observed]))
    return {"counts": counts, "statements": statements, "scope": scope, "not_evaluable": not_eval,
            "caveat": msg("summary.caveat"), "presentation_caveat": caveat}
