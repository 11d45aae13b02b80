"""Expert finding 3: the evidence chain is not one-directional. A record that bears on the question
is an observation whichever way it points (the phone IS registered to the claimant, the signature IS
attributed to her, no loss report was delivered), listed with its source in the summary beside the
records pointing away from her; the contract's rule ids are still raised only under their own
"raised when" conditions."""

import re

from forensics_app.core.rules import evaluate
from forensics_app.core.timeline import summary_statement
from forensics_app.i18n import translator
from forensics_app.i18n.render import value_text

from test_rules import ctx

EN, ZH = translator("en"), translator("zh")
RECORD_RULES = ("ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS", "SINGLE_FACTOR")

PRO = {"telecom_record": {"phone": "139****5678", "registered_to_claimant": True, "source": "docs/telecom.txt"},
       "signature_opinion": {"conclusion": "claimant", "source": "docs/hand.txt"}}
CONTRA = {"id_loss_report": {"reported_at": "2019-10-18", "source": "docs/police.txt"},
          "telecom_record": {"phone": "139****5678", "registered_to_claimant": False, "source": "docs/telecom.txt"},
          "signature_opinion": {"conclusion": "not_claimant", "source": "docs/hand.txt"}}


def _run(records):
    findings, checked = evaluate(ctx(records=records))
    return findings, {c["rule"]: c for c in checked}, summary_statement(findings, checked, None, None)


def _summary(s, tr):
    return [value_text(x, tr) for x in s["statements"]]


def test_records_pointing_to_the_claimant_are_observations_with_their_source():
    findings, checked, s = _run(PRO)
    raised = {f["rule"] for f in findings}
    # the contract: none of these rule ids is raised by records that point the other way
    assert not raised & {"ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS", "SINGLE_FACTOR"}
    for rule, code in (("PHONE_NOT_CLAIMANTS", "OBS.phone.telecom_hers"), ("SIGNATURE_NOT_CLAIMANTS", "OBS.signature.hers"),
                       ("ID_LOST_BEFORE_USE", "OBS.id_loss.none"), ("SINGLE_FACTOR", "OBS.factor.otp_hers")):
        c = checked[rule]
        assert c["observation"] is True and c["statement"]["code"] == code, c
        assert c["evidence"] and c["evidence"][0]["file"] == "case.json", c
    assert checked["PHONE_NOT_CLAIMANTS"]["evidence"][0]["source"] == "docs/telecom.txt"
    en, zh = _summary(s, EN), _summary(s, ZH)
    assert any(x.startswith("Phone number bound to the account: ") and "139****5678 is registered to the claimant"
               in x and "docs/telecom.txt" in x for x in en), en
    assert any("attributes the signature on the application to the claimant" in x and "docs/hand.txt" in x
               for x in en), en
    assert any("No ID loss report is among the records delivered" in x for x in en), en
    assert any("139****5678登记在当事人名下" in x and "docs/telecom.txt" in x for x in zh), zh
    assert any("认定申请材料上的签名为当事人所签" in x for x in zh), zh
    scope = value_text(s["scope"], EN)
    assert "not evidence for either proposition" not in scope and "did not raise one but state" in scope, scope


def test_both_directions_are_listed_alike():
    """Same place, same form: '<neutral title>: <what the record says> (<source>)', in report order."""
    for records in (PRO, CONTRA):
        findings, checked, s = _run(records)
        items = [x for x in s["statements"] if x["code"] == "summary.record"]
        rules = [x["params"]["title"]["code"].removeprefix("title.") for x in items]
        assert rules[:3] == ["ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS"], rules
        assert "SINGLE_FACTOR" in rules
        for x in items:                         # every record statement names its source
            text = value_text(x, EN)
            assert re.search(r"docs/|case\.json|logs/", text), text
    _f, _c, contra = _run(CONTRA)
    en = _summary(contra, EN)
    assert any("139****5678 is not registered to the claimant" in x for x in en), en
    assert any("is not the claimant's" in x for x in en), en
    assert any("reported lost on 2019-10-18" in x for x in en), en
    # raised records are findings as before; their summary entries are statements, not bare titles
    assert {"ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS"} <= {f["rule"] for f in _f}
    assert not any(x["code"] in ("title.PHONE_NOT_CLAIMANTS", "title.SIGNATURE_NOT_CLAIMANTS")
                   for x in contra["statements"])


def test_consistency_checks_are_not_observations():
    _f, checked, s = _run(PRO)
    for rule in ("LOG_INTEGRITY", "CAPTURE_TIME_MISMATCH", "TERMINAL_MISMATCH", "HASH_MISMATCH"):
        assert "observation" not in checked[rule] and "statement" not in checked[rule], checked[rule]
    counts = s["scope"]["params"]
    assert counts["raised"] + counts["observed"] + counts["quiet"] + counts["ne"] == counts["n"], counts


def test_no_scope_sentence_calls_a_quiet_check_no_evidence_either_way():
    """Reports rebuilt from an analysis made before the observations (code summary.scope) no longer
    say 'not evidence for either proposition' either: with records pointing both ways it was not true."""
    from forensics_app.i18n.render import msg
    for code in ("summary.scope", "summary.scope.records"):
        m = msg(code, n=18, raised=5, observed=4, quiet=9, ne=0)
        assert "either proposition" not in value_text(m, EN), code
        assert "不构成支持任一命题的证据" not in value_text(m, ZH), code
