"""The rules' typed inputs (core.logrow, core.caserecords) and the typed blocks of results.json
(core.blocks) keep everything the readers give them."""

import json
from pathlib import Path

import pytest

from forensics_app.core.blocks import CalibrationInfo, FrameResult
from forensics_app.core.caserecords import CaseRecords, IdLossReport, TelecomRecord
from forensics_app.core.logrow import LOG_FIELDS, LogRow
from forensics_app.io.logs import ALIASES, read_log

DEMO = Path(__file__).resolve().parents[2] / "sample_cases" / "guangzhou-2019"


def test_every_field_a_column_maps_to_is_declared_on_the_row():
    assert set(ALIASES) == set(LOG_FIELDS)
    assert set(LOG_FIELDS) <= set(LogRow.declared())


def test_read_rows_are_typed_where_read_and_stay_the_same_dicts():
    log = read_log(DEMO / "logs" / "transactions.csv", "logs/transactions.csv")
    assert log.rows and all(isinstance(r, LogRow) for r in log.rows)
    for r in log.rows:
        plain = dict(r)
        assert LogRow.of(plain) == plain and LogRow.of(r) is r
        for name, (key, _tp) in LogRow.declared().items():
            assert getattr(r, name) == plain.get(key), name       # what row.get(key) gave


def test_a_column_mapped_to_an_unknown_name_is_kept(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("TxnTime,Kind,Amt\n2019-11-25 10:28:41,开户,100\n", encoding="utf-8")
    log = read_log(p, "t.csv", column_map={"TxnTime": "time", "Kind": "event", "Amt": "amount"})
    r = log.rows[0]
    assert r.event == "open_account" and r["amount"] == "100" and r.extra == {} and r.phone is None


def test_case_records_typed_and_nothing_dropped():
    manifest = json.loads((DEMO / "case.json").read_text("utf-8"))
    recs = CaseRecords.of(manifest["records"])
    assert recs == manifest["records"]
    assert isinstance(recs.id_loss_report, IdLossReport) and recs.id_loss_report.reported_at == "2019-10-18"
    assert isinstance(recs.telecom_record, TelecomRecord) and recs.telecom_record.registered_to_claimant is False


def test_absent_or_empty_record_and_unknown_keys():
    recs = CaseRecords.of({"bank_claims": {}, "telecom_record": {"phone": "1", "note": "x"}, "court_order": {"a": 1}})
    assert not recs.bank_claims and recs.id_loss_report is None
    assert recs.telecom_record["note"] == "x" and recs.telecom_record.registered_to_claimant is None
    assert recs["court_order"] == {"a": 1}
    with pytest.raises(ValueError, match=r"records\.telecom_record\.registered_to_claimant"):
        CaseRecords.of({"telecom_record": {"registered_to_claimant": "no"}})


def test_a_block_is_its_json_with_typed_attributes():
    data = {"name": "c", "n_people": 12, "metrics_held_out": {"eer": {"point": 0.1, "ci95": [0, 0.2]}},
            "future_key": [1]}
    cal = CalibrationInfo.from_json(data, "calibration")
    assert cal == data and cal.to_json() == data and json.dumps(cal) == json.dumps(data)
    assert cal.metrics_held_out.eer.point == 0.1 and cal.log10_upper is None
    with pytest.raises(AttributeError):
        cal.no_such_field
    with pytest.raises(ValueError, match=r"per_frame\[0\]\.distance"):
        FrameResult.from_json({"frame": "a.jpg", "distance": "near"}, "per_frame[0]")


def test_no_block_declares_a_name_a_dict_already_has():
    import inspect

    from forensics_app.core import blocks, caserecords, logrow
    from forensics_app.core.record import Block
    kinds = [v for mod in (blocks, caserecords, logrow) for v in vars(mod).values()
             if inspect.isclass(v) and issubclass(v, Block) and v is not Block]
    assert len(kinds) > 30
    for k in kinds:
        assert k.declared(), k        # raises TypeError on e.g. a field named "values"
