"""Rules over the bank's transaction log: verification factors, the log's own integrity, devices."""

from __future__ import annotations

import re

from ...i18n.render import msg
from ..caserecords import TelecomRecord
from . import not_evaluable, not_raised, raised, rule
from .common import events, phones_match, record_ev, record_src, row_ev, row_ref, rows_ref

OTHER_FACTOR = re.compile(r"finger|指纹|password|密码|counter|柜员|人工", re.I)


@rule("SINGLE_FACTOR", "major")
def _single(ctx):
    fv = events(ctx, "face_verify")
    if not fv:
        return not_evaluable("LOG.no_face_verify")
    others = [r for r in ctx.log_rows if r.event == "other" and OTHER_FACTOR.search(r.event_raw or "")]
    if others:
        return not_raised("SINGLE_FACTOR.other_factor",
                          {"rows": rows_ref(others), "steps": [{"quote": x} for x in sorted({r.event_raw or "" for r in others})]},
                          [row_ev(r) for r in others])
    otp = events(ctx, "otp_sent")
    if not otp:
        return raised("SINGLE_FACTOR.face_only", {"rows": rows_ref(fv)},
                      {"face_verify_events": len(fv), "otp_events": 0}, [row_ev(r) for r in fv])
    # One-time passwords were sent. Whose phone received them is a fact only a record can supply.
    tel = ctx.records.telecom_record or TelecomRecord()
    claimed = ctx.claimant_phone
    phones = sorted({r.phone for r in otp if r.phone})
    if not phones:
        return not_evaluable("SINGLE_FACTOR.otp_no_number", {"rows": rows_ref(otp)})
    not_hers, hers = [], []
    for r in otp:
        p = r.phone or ""
        if tel.registered_to_claimant is False and tel.phone and phones_match(p, tel.phone):
            not_hers.append(r)
        elif tel.registered_to_claimant is True and tel.phone and phones_match(p, tel.phone):
            hers.append(r)
        elif claimed and phones_match(p, claimed) is False:
            not_hers.append(r)
        elif claimed and phones_match(p, claimed) is True:
            hers.append(r)
    if hers:
        return not_raised("SINGLE_FACTOR.otp_to_claimant", {"rows": rows_ref(hers), "phones": phones},
                          ([record_ev("telecom_record", tel)] if tel.registered_to_claimant is True else
                           [{"file": "case.json", "field": "claimant.phone"}]) + [row_ev(r) for r in hers])
    if len(not_hers) < len(otp):
        return not_evaluable("SINGLE_FACTOR.otp_owner_unknown", {"rows": rows_ref(otp), "phones": phones})
    if tel.registered_to_claimant is False and tel.phone:
        basis = msg("SINGLE_FACTOR.basis_telecom", src=record_src("telecom_record", tel))
    else:
        basis = msg("SINGLE_FACTOR.basis_claimant_phone", claimed=claimed)
    return raised("SINGLE_FACTOR.otp_not_claimants",
                  {"fv_rows": rows_ref(fv), "rows": rows_ref(not_hers), "phones": phones, "basis": basis},
                  {"face_verify_events": len(fv), "otp_events": len(otp), "otp_to_other_phone": len(not_hers)},
                  [row_ev(r) for r in fv + not_hers])


@rule("LOG_INTEGRITY", "major")
def _integrity(ctx):
    rows = ctx.log_rows
    if not rows:
        return not_evaluable("LOG.no_rows")
    problems, ev, severe = [], [], False
    for e in ctx.log_errors:
        reason = msg(e.code, **(e.params or {})) if e.code else {"text": e.reason}
        problems.append(msg("LOG_INTEGRITY.unreadable", ref=msg("ref.row", file=e.file, row=e.row), reason=reason))
        ev.append({"file": e.file, "row": e.row})
    by_serial: dict = {}
    for r in rows:
        if r.serial:
            by_serial.setdefault((r.file, r.serial), []).append(r)
    for (f, s), rs in sorted(by_serial.items()):
        if len(rs) > 1:
            severe = True
            problems.append(msg("LOG_INTEGRITY.duplicate", serial=s, n=len(rs), rows=rows_ref(rs)))
            ev += [row_ev(x) for x in rs]
    groups: dict = {}
    for r in rows:
        m = re.fullmatch(r"(.*?)(\d+)", r.serial or "")
        if m and len(m.group(2)) >= 4:
            num = m.group(2)
            groups.setdefault((r.file, m.group(1), num[:-4], len(num)), []).append((int(num), r))
    gaps = []
    for key, items in groups.items():
        items.sort(key=lambda x: x[0])
        for (a, ra), (b, rb) in zip(items, items[1:]):
            if b - a > 1:
                gaps.append((ra, rb, b - a - 1))
            if ra.time_utc > rb.time_utc:
                severe = True
                problems.append(msg("LOG_INTEGRITY.disorder", later=rb.serial, later_ref=row_ref(rb),
                                    earlier=ra.serial, earlier_ref=row_ref(ra)))
                ev += [row_ev(ra), row_ev(rb)]
    for ra, rb, n in gaps:
        problems.append(msg("LOG_INTEGRITY.gap", n=n, a=ra.serial, b=rb.serial))
        ev += [row_ev(ra), row_ev(rb)]
    files = sorted({r.file for r in rows})
    if not problems:
        return not_raised("LOG_INTEGRITY.clean", {"n": len(rows), "files": files})
    shown = problems[:20] + ([msg("misc.more", n=len(problems) - 20)] if len(problems) > 20 else [])
    return raised("LOG_INTEGRITY.raised", {"problems": shown, "files": files},
                  {"problems": [p["code"] for p in problems]}, ev, severity="major" if severe else "minor")


FLAG = re.compile(r"emulat|模拟器|hook|xposed|frida|root|越狱|jailbreak|virtual.?camera|多开|双开")


@rule("DEVICE_ANOMALY", "major")
def _device(ctx):
    mob = [r for r in ctx.log_rows if r.device_id]
    if not mob:
        return not_evaluable("DEVICE_ANOMALY.no_devices")
    accounts: dict = {}
    for r in mob:
        accounts.setdefault(r.device_id, set()).add(r.account or "")
    problems, ev = [], []
    for dev, accts in sorted(accounts.items()):
        if len(accts - {""}) > 1:
            problems.append(msg("DEVICE_ANOMALY.shared", device={"quote": dev}, n=len(accts - {""})))
            ev += [row_ev(r) for r in mob if r.device_id == dev]
    for r in mob:
        for k, v in (r.extra or {}).items():
            if v not in (None, "", "0", "false", "False", "否") and FLAG.search(f"{k}={v}".lower()):
                problems.append(msg("DEVICE_ANOMALY.flag", ref=row_ref(r), field={"quote": k}, value={"quote": v}))
                ev.append(row_ev(r))
    if not problems:
        return not_raised("DEVICE_ANOMALY.none", {"n": len(accounts), "rows": len(mob)})
    return raised("DEVICE_ANOMALY.raised", {"problems": problems[:20]},
                  {"problems": [p["params"] for p in problems]}, ev)
