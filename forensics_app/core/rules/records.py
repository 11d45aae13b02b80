"""Rules over the records established outside the app: ID loss, telecom, handwriting, the loan,
the bank's own figures and declared hashes."""

from __future__ import annotations

import datetime as dt

from ...i18n.render import msg, term
from ..caserecords import BankClaims, TelecomRecord
from . import not_evaluable, not_raised, raised, rule
from .common import (IDENTITY_EVENTS, LOAN_EVENTS, day_start, ev_term, events, phone_column, phones_match,
                     record_ev, record_src, row_ev, row_ref, rows_ref)


def _record(rec, needed: str):
    """The case's record when it states ``needed`` (else the rule is not evaluable)."""
    return rec if rec is not None and getattr(rec, needed) else None


@rule("ID_LOST_BEFORE_USE", "critical")
def _id_lost(ctx):
    rec = _record(ctx.records.id_loss_report, "reported_at")
    if rec is None:
        return not_evaluable("ID_LOST_BEFORE_USE.no_record",
                             evidence=[{"file": "case.json", "field": "records.id_loss_report"}])
    src = record_src("id_loss_report", rec)
    uses = events(ctx, *IDENTITY_EVENTS)
    if not uses:
        return not_evaluable("ID_LOST_BEFORE_USE.no_events", {"reported_at": rec.reported_at, "src": src})
    lost = day_start(rec.reported_at, ctx.tz)
    after = [r for r in uses if dt.datetime.fromisoformat(r.time) >= lost]
    if not after:
        return not_raised("ID_LOST_BEFORE_USE.all_before",
                          {"reported_at": rec.reported_at, "src": src, "n": len(uses)},
                          [record_ev("id_loss_report", rec)] + [row_ev(r) for r in uses])
    first = min(after, key=lambda r: r.time)
    days = (dt.datetime.fromisoformat(first.time) - lost).days
    authority = msg("ID_LOST_BEFORE_USE.authority", authority={"quote": rec.authority}) if rec.authority else ""
    return raised(
        "ID_LOST_BEFORE_USE.raised",
        {"reported_at": rec.reported_at, "authority": authority, "src": src, "n": len(after),
         "first_event": ev_term(first.event), "first_ref": row_ref(first), "first_date": first.time[:10],
         "days": days},
        {"reported_at": rec.reported_at, "first_use": first.time, "days_after": days,
         "events_after": len(after)},
        [record_ev("id_loss_report", rec)] + [row_ev(r) for r in after])


@rule("PHONE_NOT_CLAIMANTS", "critical")
def _phone(ctx):
    tel = ctx.records.telecom_record or TelecomRecord()
    rows = [r for r in ctx.log_rows if r.phone]
    column = {"quote": phone_column(ctx) or "phone"}
    claimed = ctx.claimant_phone
    if tel.registered_to_claimant is False:
        number = tel.phone
        bound = [r for r in rows if number and phones_match(r.phone, number) is not False]
        src = record_src("telecom_record", tel)
        if number and bound:
            return raised(
                "PHONE_NOT_CLAIMANTS.telecom_and_log",
                {"phone": number, "src": src, "n": len(bound), "column": column, "rows": rows_ref(bound)},
                {"phone": number, "registered_to_claimant": False, "log_rows_listing_it": len(bound)},
                [record_ev("telecom_record", tel)] + [row_ev(r) for r in bound])
        return raised(
            "PHONE_NOT_CLAIMANTS.telecom_only",
            {"phone": number or msg("PHONE_NOT_CLAIMANTS.number_not_named"), "src": src},
            {"phone": number, "registered_to_claimant": False, "log_rows_listing_it": 0},
            [record_ev("telecom_record", tel)])
    if tel.registered_to_claimant is True:
        return not_raised("PHONE_NOT_CLAIMANTS.telecom_confirms",
                          {"phone": tel.phone or "—", "src": record_src("telecom_record", tel)},
                          [record_ev("telecom_record", tel)]
                          + [row_ev(r) for r in rows if tel.phone and phones_match(r.phone, tel.phone)])
    if not claimed:
        return not_evaluable("PHONE_NOT_CLAIMANTS.no_reference")
    if not rows:
        return not_evaluable("PHONE_NOT_CLAIMANTS.no_log_phone", {"claimed": claimed})
    mism = [r for r in rows if phones_match(r.phone, claimed) is False]
    if mism:
        phones = sorted({r.phone for r in mism})
        return raised(
            "PHONE_NOT_CLAIMANTS.log_differs",
            {"phones": phones, "column": column, "n": len(mism), "rows": rows_ref(mism), "claimed": claimed},
            {"claimant_phone": claimed, "log_phones": phones},
            [{"file": "case.json", "field": "claimant.phone"}] + [row_ev(r) for r in mism], severity="major")
    return not_raised("PHONE_NOT_CLAIMANTS.log_agrees", {"n": len(rows), "column": column, "claimed": claimed},
                      [{"file": "case.json", "field": "claimant.phone"}] + [row_ev(r) for r in rows])


@rule("SIGNATURE_NOT_CLAIMANTS", "major")
def _sig(ctx):
    rec = _record(ctx.records.signature_opinion, "conclusion")
    if rec is None:
        return not_evaluable("SIGNATURE_NOT_CLAIMANTS.no_record",
                             evidence=[{"file": "case.json", "field": "records.signature_opinion"}])
    src = record_src("signature_opinion", rec)
    if rec.conclusion == "not_claimant":
        return raised("SIGNATURE_NOT_CLAIMANTS.raised", {"src": src}, {"conclusion": "not_claimant"},
                      [record_ev("signature_opinion", rec)])
    if rec.conclusion == "inconclusive":
        return raised("SIGNATURE_NOT_CLAIMANTS.inconclusive", {"src": src}, {"conclusion": "inconclusive"},
                      [record_ev("signature_opinion", rec)], severity="info")
    return not_raised("SIGNATURE_NOT_CLAIMANTS.claimant", {"src": src}, [record_ev("signature_opinion", rec)])


@rule("LOAN_DEPENDS_ON_ACCOUNT", "info")
def _loan(ctx):
    """The court's third reason: a loan taken through the disputed account depends on its opening."""
    opened = events(ctx, "open_account")
    loans = events(ctx, *LOAN_EVENTS)
    contract = ctx.records.loan_contract
    if not opened:
        return not_evaluable("LOAN_DEPENDS_ON_ACCOUNT.no_opening")
    if not loans:
        return not_evaluable("LOAN_DEPENDS_ON_ACCOUNT.no_loan")
    first = min(opened, key=lambda r: r.time)
    acct = first.account
    same = [r for r in loans if acct and r.account == acct]
    if not acct or not same:
        return not_evaluable("LOAN_DEPENDS_ON_ACCOUNT.no_account_link", {"open_ref": row_ref(first)})
    ebank = [r for r in events(ctx, "ebanking_enable") if r.account == acct]
    via = msg("LOAN_DEPENDS_ON_ACCOUNT.via_ebanking", ref=row_ref(ebank[0])) if ebank else ""
    amount = msg("LOAN_DEPENDS_ON_ACCOUNT.amount", amount=contract.amount,
                 src=record_src("loan_contract", contract)) if contract and contract.amount else ""
    return raised(
        "LOAN_DEPENDS_ON_ACCOUNT.raised",
        {"account": acct, "open_ref": row_ref(first), "open_date": first.time[:10], "n": len(same),
         "loan_rows": rows_ref(same), "loan_events": [ev_term(e) for e in sorted({r.event for r in same},
                                                                                key=LOAN_EVENTS.index)],
         "via": via, "amount": amount},
        {"account": acct, "opened": first.time, "loan_events": len(same)},
        [row_ev(first)] + [row_ev(r) for r in ebank[:1] + same]
        + ([record_ev("loan_contract", contract)] if contract else []))


@rule("BANK_SCORE_UNVERIFIABLE", "major")
def _bank(ctx):
    claims = ctx.records.bank_claims or BankClaims()
    logged = [r for r in ctx.log_rows if r.face_score is not None]
    claimed = claims.face_similarity
    if claimed is None and not logged:
        return not_evaluable("BANK_SCORE_UNVERIFIABLE.no_figure")
    if claimed is not None:
        score, thr = claimed, claims.threshold
        src = msg("ref.case_field", field="records.bank_claims.face_similarity")
        ev = [{"file": "case.json", "field": "records.bank_claims.face_similarity"}] + [row_ev(r) for r in logged]
    else:
        score, thr = logged[0].face_score, logged[0].threshold
        src = row_ref(logged[0])
        ev = [row_ev(r) for r in logged]
    vendor = {"quote": claims.vendor} if claims.vendor else term("misc", "vendor_not_named")
    fmr = claims.vendor_fmr
    op = (msg("BANK_SCORE_UNVERIFIABLE.threshold", thr=thr) if thr is not None
          else msg("BANK_SCORE_UNVERIFIABLE.no_threshold"))
    rates = (msg("BANK_SCORE_UNVERIFIABLE.fmr_stated", fmr=fmr) if fmr is not None
             else msg("BANK_SCORE_UNVERIFIABLE.fmr_unknown"))
    return raised(
        "BANK_SCORE_UNVERIFIABLE.raised",
        {"score": score, "src": src, "vendor": vendor, "operating_point": op, "rates": rates},
        {"bank_similarity": score, "bank_threshold": thr, "vendor": claims.vendor, "vendor_fmr": fmr}, ev)


@rule("HASH_MISMATCH", "critical")
def _hash(ctx):
    declared = (ctx.records.bank_claims or BankClaims()).declared_hashes or {}
    if not declared:
        return not_evaluable("HASH_MISMATCH.none_declared")
    have = {i.path: i.sha256 for i in ctx.inputs}
    bad = [(p, h.lower(), have.get(p)) for p, h in sorted(declared.items()) if have.get(p) != h.lower()]
    if not bad:
        return not_raised("HASH_MISMATCH.all_match", {"n": len(declared)})
    files = [msg("HASH_MISMATCH.missing_file", file=p) if computed is None else p for p, _h, computed in bad]
    return raised("HASH_MISMATCH.raised", {"n": len(bad), "files": files},
                  {"mismatched": [{"path": p, "declared": h, "computed": computed} for p, h, computed in bad]},
                  [{"file": p} for p, _h, _c in bad])
