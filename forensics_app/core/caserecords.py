"""The case's records (case.json ``records``: facts established outside the app) as types.

The kinds are those of ../shared/case-format.md and data/schema/case.schema.json: the ID loss
report, the telecom operator's reply, the handwriting opinion, the loan contract and the bank's own
claims. Each is a :class:`~forensics_app.core.record.Block`: the record's dict as delivered (keys
the format does not name are kept), with the fields the format names as typed attributes (``None``
when not stated). :meth:`CaseRecords.of` reads them once where the rules take them
(``RuleContext.of``); results.json's ``records`` is read through the same type. A record the case
does not hold is ``None``; one given as ``{}`` is empty and falsy, as the dict was.
"""

from __future__ import annotations

from .record import Block


class IdLossReport(Block):
    """The claimant reported the ID card lost (police or issuing authority)."""
    reported_at: str                    # ISO date, or date and time; a date is the whole day
    authority: str
    source: str                         # the document in the case folder that states it


class TelecomRecord(Block):
    """The operator's reply on whom a phone number is registered to."""
    phone: str
    registered_to_claimant: bool
    dated: str
    source: str


class SignatureOpinion(Block):
    """A handwriting examiner's opinion on the signatures: claimant, not_claimant or inconclusive."""
    conclusion: str
    dated: str
    source: str


class LoanContract(Block):
    """The loan contract taken through the disputed account."""
    signed_at: str
    amount: float
    channel: str
    source: str


class BankClaims(Block):
    """What the bank itself states: its vendor's score and threshold, video, declared hashes."""
    face_similarity: float
    threshold: float
    vendor: str
    vendor_fmr: float
    full_video_available: bool
    declared_hashes: dict               # path -> SHA-256 as the bank declares it
    source: str


class CaseRecords(Block):
    """All records of a case (case.json ``records``); each ``None`` when the case does not hold it."""
    id_loss_report: IdLossReport
    telecom_record: TelecomRecord
    signature_opinion: SignatureOpinion
    loan_contract: LoanContract
    bank_claims: BankClaims

    @classmethod
    def of(cls, records: dict | None) -> "CaseRecords":
        return cls.from_json(records or {}, "records")
