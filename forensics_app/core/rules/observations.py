"""What a record or the log says about the claimant's link to the account, in either direction.

The rule ids are a contract (../shared/case-format.md): each is raised only when its condition holds
(a loss report before use, a phone not registered to the claimant, a signature not hers, no second
factor). But a record that bears on the same question the other way (the phone IS registered to
her, the signature IS attributed to her, every identity event precedes the loss report, no loss
report was delivered at all) is just as much a finding for the court. So each record-based check
answers with a neutral statement of what the record says, whichever way it points: the summary and
the evaluation list these statements side by side, with their sources, while the contract's rule
ids stay raised only under their own conditions.

``STATEMENTS`` maps a rule outcome's code to the catalogue code of that statement; it takes the
outcome's own parameters.
"""

from __future__ import annotations

from ...i18n.render import msg

STATEMENTS: dict[str, str] = {
    "ID_LOST_BEFORE_USE.raised": "OBS.id_loss.before_use",
    "ID_LOST_BEFORE_USE.all_before": "OBS.id_loss.after_use",
    "ID_LOST_BEFORE_USE.no_record": "OBS.id_loss.none",
    "PHONE_NOT_CLAIMANTS.telecom_and_log": "OBS.phone.telecom_not_hers",
    "PHONE_NOT_CLAIMANTS.telecom_only": "OBS.phone.telecom_not_hers",
    "PHONE_NOT_CLAIMANTS.telecom_confirms": "OBS.phone.telecom_hers",
    "PHONE_NOT_CLAIMANTS.log_differs": "OBS.phone.log_differs",
    "PHONE_NOT_CLAIMANTS.log_agrees": "OBS.phone.log_agrees",
    "SIGNATURE_NOT_CLAIMANTS.raised": "OBS.signature.not_hers",
    "SIGNATURE_NOT_CLAIMANTS.inconclusive": "OBS.signature.inconclusive",
    "SIGNATURE_NOT_CLAIMANTS.claimant": "OBS.signature.hers",
    "SIGNATURE_NOT_CLAIMANTS.no_record": "OBS.signature.none",
    "SINGLE_FACTOR.face_only": "OBS.factor.face_only",
    "SINGLE_FACTOR.otp_not_claimants": "OBS.factor.otp_not_hers",
    "SINGLE_FACTOR.otp_to_claimant": "OBS.factor.otp_hers",
    "SINGLE_FACTOR.other_factor": "OBS.factor.other",
}


def statement(code: str, params: dict) -> dict | None:
    """The neutral statement of what the record says (a catalogue message), or None when the
    outcome is not about a record bearing on the question (a consistency check, a missing log)."""
    obs = STATEMENTS.get(code)
    return msg(obs, **params) if obs else None
