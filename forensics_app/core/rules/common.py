"""Helpers shared by the rules: where a fact comes from, times, phone numbers."""

from __future__ import annotations

import datetime as dt
import re

from ...i18n.render import msg, term
from ..logrow import LogRow

IDENTITY_EVENTS = ("open_account", "face_verify", "card_issue", "ebanking_enable", "loan_apply",
                   "loan_contract", "loan_disburse")
LOAN_EVENTS = ("loan_apply", "loan_contract", "loan_disburse")


def record_ev(name: str, rec) -> dict:
    """A record (core.caserecords) as a finding's evidence reference."""
    ev = {"file": "case.json", "field": f"records.{name}"}
    if rec.source:
        ev["source"] = rec.source
    return ev


def record_src(name: str, rec) -> dict:
    """The record's own document when the case names one, else its place in case.json."""
    if rec.source:
        return msg("ref.document", file=rec.source, field=f"records.{name}")
    return msg("ref.case_field", field=f"records.{name}")


def row_ev(r: LogRow) -> dict:
    return r.evidence()


def row_ref(r: LogRow) -> dict:
    return msg("ref.row", file=r.file, row=r.row)


def rows_ref(rows: list[LogRow], limit: int = 8) -> dict:
    """'logs/x.csv rows 2, 3, 5' (one file) or a list of row references."""
    files = sorted({r.file for r in rows})
    if len(files) == 1:
        nums = [str(r.row) for r in rows[:limit]] + (["…"] if len(rows) > limit else [])
        return msg("ref.rows", file=files[0], rows=", ".join(nums), n=len(rows))
    return [row_ref(r) for r in rows[:limit]]


def ev_term(event: str) -> dict:
    return term("event", event)


def day_start(date_str: str, tz: str) -> dt.datetime:
    from zoneinfo import ZoneInfo
    t = dt.datetime.fromisoformat(date_str.strip())
    return t if t.tzinfo else t.replace(tzinfo=ZoneInfo(tz))


def phones_match(a: str, b: str) -> bool | None:
    """Mask-aware comparison: '*' matches anything; None when too little is visible."""
    a, b = re.sub(r"[^\d*]", "", a or ""), re.sub(r"[^\d*]", "", b or "")
    if len(a) != len(b) or not a:
        return None
    visible = [(x, y) for x, y in zip(a, b) if x != "*" and y != "*"]
    if len(visible) < 4:
        return None
    return all(x == y for x, y in visible)


def events(ctx, *names) -> list[LogRow]:
    return [r for r in ctx.log_rows if r.event in names]


def phone_column(ctx) -> str | None:
    """The log header the phone field was read from (e.g. 预留手机号, the number bound to the account)."""
    for lg in ctx.logs:
        for header, fieldname in (lg.columns or {}).items():
            if fieldname == "phone":
                return header
    return None
