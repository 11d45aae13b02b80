"""The case's records (case.json ``records``: facts established outside the app) as types.

The kinds are those of ../shared/case-format.md and data/schema/case.schema.json: the ID loss
report, the telecom operator's reply, the handwriting opinion, the loan contract and the bank's own
claims. :meth:`CaseRecords.of` reads them once where the rules take them (``RuleContext.of``);
``io.case.Case.case_records`` gives the same for a loaded case. A record the case does not hold is
``None`` (an empty object counts as not held, as ``rec and ...`` did); a field it does not state is
``None``. Keys the schema does not name are kept in ``other``, so nothing delivered is lost; the
case.json data itself (results.json ``records``) is untouched.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field


class _Rec:
    NAME = ""

    @classmethod
    def of(cls, data):
        """The record from its case.json object; ``None`` when absent or empty."""
        if isinstance(data, cls):
            return data
        if not data or not isinstance(data, dict):
            return None
        names = {f.name for f in dataclasses.fields(cls)} - {"other"}
        return cls(**{k: v for k, v in data.items() if k in names},
                   other={k: v for k, v in data.items() if k not in names})


@dataclass(frozen=True, kw_only=True)
class IdLossReport(_Rec):
    """The claimant reported the ID card lost (police or issuing authority)."""
    NAME = "id_loss_report"
    reported_at: str | None = None      # ISO date, or date and time; a date is the whole day
    authority: str | None = None
    source: str | None = None           # the document in the case folder that states it
    other: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class TelecomRecord(_Rec):
    """The operator's reply on whom a phone number is registered to."""
    NAME = "telecom_record"
    phone: str | None = None
    registered_to_claimant: bool | None = None
    dated: str | None = None
    source: str | None = None
    other: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class SignatureOpinion(_Rec):
    """A handwriting examiner's opinion on the signatures: claimant, not_claimant or inconclusive."""
    NAME = "signature_opinion"
    conclusion: str | None = None
    dated: str | None = None
    source: str | None = None
    other: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class LoanContract(_Rec):
    """The loan contract taken through the disputed account."""
    NAME = "loan_contract"
    signed_at: str | None = None
    amount: float | None = None
    channel: str | None = None
    source: str | None = None
    other: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class BankClaims(_Rec):
    """What the bank itself states: its vendor's score and threshold, video, declared hashes."""
    NAME = "bank_claims"
    face_similarity: float | None = None
    threshold: float | None = None
    vendor: str | None = None
    vendor_fmr: float | None = None
    full_video_available: bool | None = None
    declared_hashes: dict | None = None      # path -> SHA-256 as the bank declares it
    source: str | None = None
    other: dict = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class CaseRecords:
    """All records of a case; each ``None`` when the case does not hold it."""
    id_loss_report: IdLossReport | None = None
    telecom_record: TelecomRecord | None = None
    signature_opinion: SignatureOpinion | None = None
    loan_contract: LoanContract | None = None
    bank_claims: BankClaims | None = None
    other: dict = field(default_factory=dict)    # record kinds the format does not define

    KINDS = (IdLossReport, TelecomRecord, SignatureOpinion, LoanContract, BankClaims)

    @classmethod
    def of(cls, records: "CaseRecords | dict | None") -> "CaseRecords":
        if isinstance(records, cls):
            return records
        records = records or {}
        kinds = {k.NAME: k for k in cls.KINDS}
        return cls(**{name: kind.of(records.get(name)) for name, kind in kinds.items()},
                   other={k: v for k, v in records.items() if k not in kinds})
