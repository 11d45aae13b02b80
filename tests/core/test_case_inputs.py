"""The rules' typed inputs (core.logrow, core.caserecords) keep everything the readers give them."""

import json
from pathlib import Path

from forensics_app.core.caserecords import BankClaims, CaseRecords, IdLossReport, TelecomRecord
from forensics_app.core.logrow import LOG_FIELDS, LogRow
from forensics_app.io.logs import ALIASES, read_log

DEMO = Path(__file__).resolve().parents[2] / "sample_cases" / "guangzhou-2019"


def test_every_field_a_column_maps_to_is_declared_on_the_row():
    assert set(ALIASES) == set(LOG_FIELDS)
    declared = set(LogRow.__dataclass_fields__)
    assert set(LOG_FIELDS) <= declared


def test_a_read_row_types_without_loss():
    log = read_log(DEMO / "logs" / "transactions.csv", "logs/transactions.csv")
    assert log.rows
    for raw in log.rows:
        r = LogRow.of(raw)
        assert r.other == {}                                 # every key read is a declared field
        for k, v in raw.items():
            assert getattr(r, k) == v, k
        for k in set(LogRow.__dataclass_fields__) - set(raw) - {"other"}:
            assert getattr(r, k) in (None, "", {}), k        # what row.get(k) gave


def test_a_column_mapped_to_an_unknown_name_is_kept(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("TxnTime,Kind,Amt\n2019-11-25 10:28:41,开户,100\n", encoding="utf-8")
    log = read_log(p, "t.csv", column_map={"TxnTime": "time", "Kind": "event", "Amt": "amount"})
    r = LogRow.of(log.rows[0])
    assert r.event == "open_account" and r.other == {"amount": "100"} and r.extra == {}


def test_case_records_typed_and_nothing_dropped():
    manifest = json.loads((DEMO / "case.json").read_text("utf-8"))
    recs = CaseRecords.of(manifest["records"])
    assert isinstance(recs.id_loss_report, IdLossReport) and recs.id_loss_report.reported_at
    assert isinstance(recs.telecom_record, TelecomRecord)
    assert recs.telecom_record.registered_to_claimant is False
    for name, data in manifest["records"].items():
        rec = getattr(recs, name)
        for k, v in data.items():
            assert (getattr(rec, k) if k in rec.__dataclass_fields__ and k != "other" else rec.other[k]) == v


def test_absent_or_empty_record_is_none_and_unknown_kinds_kept():
    recs = CaseRecords.of({"bank_claims": {}, "telecom_record": {"phone": "1", "note": "x"}, "court_order": {"a": 1}})
    assert recs.bank_claims is None and recs.id_loss_report is None
    assert recs.telecom_record.other == {"note": "x"} and recs.telecom_record.registered_to_claimant is None
    assert recs.other == {"court_order": {"a": 1}}
    assert CaseRecords.of(None) == CaseRecords() and BankClaims.of({"vendor": "V"}).vendor == "V"
