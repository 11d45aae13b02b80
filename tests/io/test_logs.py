import json

import openpyxl
import pytest

from forensics_app.errors import InputError
from forensics_app.io.logs import read_log

ZH_HEADER = "交易时间,交易流水号,终端号,渠道,交易类型,账号,预留手机号,人脸比对分数,阈值,交易结果\n"
ZH_ROWS = ("2019-11-25 10:28:41,SN001,STM-1,STM,开户,6222,139****5678,,,成功\n"
           "2019-11-25 10:32:05,SN002,STM-1,STM,人脸识别,6222,139****5678,0.72,0.70,成功\n")
EN = ("time,serial,terminal_id,channel,event,account,phone,face_score,threshold,result\n"
      "2019-11-25T10:28:41+08:00,SN001,STM-1,STM,open_account,6222,139****5678,,,success\n"
      "2019/11/25 10:32:05,SN002,STM-1,STM,face_verify,6222,139****5678,72%,70%,success\n")


def _check_two_rows(log):
    assert [r["event"] for r in log.rows] == ["open_account", "face_verify"]
    assert log.rows[1]["face_score"] == pytest.approx(0.72)
    assert log.rows[0]["time"] == "2019-11-25T10:28:41+08:00"
    assert log.rows[1]["row"] == 3
    assert log.errors == []


def test_gbk_with_chinese_headers(tmp_path):
    p = tmp_path / "tx.csv"
    p.write_bytes((ZH_HEADER + ZH_ROWS).encode("gbk"))
    log = read_log(p, "logs/tx.csv")
    assert log.encoding.startswith("gb18030")
    assert log.columns["交易时间"] == "time" and log.columns["人脸比对分数"] == "face_score"
    _check_two_rows(log)
    assert log.rows[1]["event_raw"] == "人脸识别"


def test_utf8_and_utf8_bom(tmp_path):
    for enc, raw in (("utf-8", EN.encode()), ("utf-8-sig", b"\xef\xbb\xbf" + EN.encode())):
        p = tmp_path / f"{enc}.csv"
        p.write_bytes(raw)
        log = read_log(p, p.name)
        assert log.encoding == enc
        _check_two_rows(log)


def test_utf8_chinese_headers(tmp_path):
    p = tmp_path / "zh.csv"
    p.write_text(ZH_HEADER + ZH_ROWS, encoding="utf-8")
    _check_two_rows(read_log(p, p.name))


def test_json_lines(tmp_path):
    p = tmp_path / "tx.jsonl"
    rows = [{"交易时间": "2019-11-25 10:28:41", "交易类型": "开户", "流水号": "SN001"},
            {"time": "2019-11-25 10:32:05", "event": "face_verify", "similarity": 0.72, "serial": "SN002"}]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken\n", encoding="utf-8")
    log = read_log(p, p.name)
    assert log.format == "jsonl"
    assert [r["event"] for r in log.rows] == ["open_account", "face_verify"]
    assert log.errors and log.errors[0]["row"] == 3 and "invalid JSON" in log.errors[0]["reason"]


def test_xlsx(tmp_path):
    import datetime as dt
    p = tmp_path / "tx.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["交易时间", "交易流水号", "交易类型", "相似度"])
    ws.append([dt.datetime(2019, 11, 25, 10, 28, 41), "SN001", "开户", None])
    ws.append([dt.datetime(2019, 11, 25, 10, 32, 5), "SN002", "人脸识别", 0.72])
    wb.save(p)
    log = read_log(p, p.name)
    assert log.format == "xlsx"
    assert [r["event"] for r in log.rows] == ["open_account", "face_verify"]
    assert log.rows[1]["face_score"] == pytest.approx(0.72)


def test_broken_rows_are_reported_and_the_rest_analysed(tmp_path):
    p = tmp_path / "broken.csv"
    p.write_bytes((ZH_HEADER + ZH_ROWS +
                   "not a time,SN003,STM-1,STM,开户,6222,139,,,成功\n"
                   "2019-11-25 10:40:00,SN004,only,four\n"
                   "2019-11-25 10:41:00,SN005,STM-1,STM,开户,6222,139,abc,,成功\n").encode("gbk"))
    log = read_log(p, p.name)
    assert len(log.rows) == 2
    by_row = {e["row"]: e["reason"] for e in log.errors}
    assert set(by_row) == {4, 5, 6}
    assert "unreadable time" in by_row[4]
    assert "fields" in by_row[5]
    assert "abc" in by_row[6] or "could not convert" in by_row[6]


def test_column_map_for_a_new_layout(tmp_path):
    p = tmp_path / "odd.csv"
    p.write_text("TxnStamp;Kind;Ref\n2019-11-25 10:28:41;face_verify;X1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no time column"):
        read_log(p, p.name)
    log = read_log(p, p.name, column_map={"TxnStamp": "time", "Kind": "event", "Ref": "serial"})
    assert log.rows[0]["event"] == "face_verify" and log.rows[0]["serial"] == "X1"


def test_timezone_is_applied(tmp_path):
    p = tmp_path / "tz.csv"
    p.write_text("time,event\n2019-11-25 10:28:41,login\n", encoding="utf-8")
    log = read_log(p, p.name, timezone="Europe/London")
    assert log.rows[0]["time_utc"].startswith("2019-11-25T10:28:41")
    log = read_log(p, p.name)
    assert log.rows[0]["time_utc"].startswith("2019-11-25T02:28:41")
