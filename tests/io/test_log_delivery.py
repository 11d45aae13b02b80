"""Transaction logs as banks' systems really export them (docs/delivery.md): each variant is read
with every row, or refused in one line that says what the file is. Fixtures are generated here."""

import io
import zipfile

import openpyxl
import pytest

from forensics_app.errors import InputError
from forensics_app.io.logs import read_log

HEADER = ["交易时间", "交易流水号", "终端号", "交易类型", "账号", "交易结果"]
ROWS = [["2019-11-25 10:28:41", "SN001", "STM-1", "开户", "6222000011112222", "成功"],
        ["2019-11-25 10:32:05", "SN002", "STM-1", "人脸识别", "6222000011112222", "成功"],
        ["2019-11-25 10:36:52", "SN003", "", "发卡", "6222000011112222", "成功"]]
SERIALS = ["SN001", "SN002", "SN003"]


def text(sep=",", rows=ROWS, header=HEADER, eol="\n", cell=str, tail=""):
    return eol.join([sep.join(header)] + [sep.join(cell(c) for c in r) + tail for r in rows]) + eol


def read(tmp_path, data: bytes, name="tx.csv"):
    p = tmp_path / name
    p.write_bytes(data)
    return read_log(p, name)


def plain(entries):
    """Errors or skipped rows as row and English reason (each also carries its catalogue code)."""
    assert all(e["code"].startswith(("LOGROW.", "LOGSKIP.")) and "params" in e for e in entries), entries
    return [{"row": e["row"], "reason": e["reason"]} for e in entries]


def all_rows(log):
    assert [r["serial"] for r in log.rows] == SERIALS, (log.errors, log.skipped)
    assert log.errors == []
    assert log.rows[0]["time_utc"] == "2019-11-25T02:28:41+00:00"
    assert [r["event"] for r in log.rows] == ["open_account", "face_verify", "card_issue"]


@pytest.mark.parametrize("data", [
    text("\t").encode("utf-16"),                           # Excel "Unicode text": UTF-16 LE with BOM, tabs
    text(",").encode("utf-16-be"),                         # UTF-16 BE without a byte-order mark
    text(",").encode("utf-16-le"),                         # UTF-16 LE without a byte-order mark
], ids=["utf16-bom-tab", "utf16be-nobom", "utf16le-nobom"])
def test_utf16_logs_are_read(tmp_path, data):
    log = read(tmp_path, data)
    all_rows(log)
    assert log.encoding == "utf-16"


def test_cr_line_endings_keep_every_row(tmp_path):
    """Old Mac exports end lines with CR alone: the whole log used to be read as its header."""
    log = read(tmp_path, text(eol="\r").encode("gbk"))
    all_rows(log)
    assert [r["row"] for r in log.rows] == [2, 3, 4]


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_crlf_and_separators(tmp_path, sep):
    all_rows(read(tmp_path, text(sep, eol="\r\n").encode("gb18030")))


def test_title_and_note_above_the_header_are_skipped_rows(tmp_path):
    data = "账户交易明细\n查询日期：2020-06-01,,,,,\n\n" + text()
    log = read(tmp_path, data.encode("gbk"))
    all_rows(log)
    assert [s["row"] for s in log.skipped] == [1, 2]
    assert all("above the header row" in s["reason"] for s in log.skipped)
    assert log.rows[0]["row"] == 5
    assert log.summary()["skipped"] == log.skipped


def test_a_repeated_header_row_is_a_skipped_row_not_an_unreadable_event(tmp_path):
    rows = ROWS[:1] + [HEADER] + ROWS[1:]
    log = read(tmp_path, text(rows=rows).encode("gbk"))
    all_rows(log)
    assert plain(log.skipped) == [{"row": 3, "reason": "repeats the header row"}]


def test_no_skipped_key_when_nothing_was_skipped(tmp_path):
    assert "skipped" not in read(tmp_path, text().encode("utf-8")).summary()


def test_a_trailing_delimiter_on_every_row_is_dropped(tmp_path):
    all_rows(read(tmp_path, text(tail=",").encode("gbk")))


def test_a_row_without_the_trailing_delimiter_the_others_have_is_unreadable(tmp_path):
    """The file-wide convention decides: a row with one field less is not silently realigned."""
    data = text(tail=",") + ",".join(ROWS[0]).replace("SN001", "SN004") + "\n"
    log = read(tmp_path, data.encode("gbk"))
    assert [r["serial"] for r in log.rows] == SERIALS
    assert plain(log.errors) == [{"row": 5, "reason": "lacks the delimiter after the last field that most rows have"}]


def test_one_extra_field_without_the_convention_stays_unreadable(tmp_path):
    rows = ROWS + [["2019-11-25 10:40:00", "SN004", "STM-1", "发卡", "6222,0000", "成功"]]
    log = read(tmp_path, text(rows=rows).encode("gbk"))
    assert [r["serial"] for r in log.rows] == SERIALS
    assert plain(log.errors) == [{"row": 5, "reason": "has 7 fields, the header has 6"}]


def test_excel_text_cells_are_unwrapped(tmp_path):
    log = read(tmp_path, text(cell=lambda c: f'="{c}"' if c else "").encode("gbk"))
    all_rows(log)
    assert log.rows[0]["account"] == "6222000011112222"


@pytest.mark.parametrize("value", ["2019-11-25 10：28：41", "２０１９-１１-２５ １０:２８:４１", "2019/11/25 10:28:41",
                                   "2019年11月25日 10:28:41", "2019-11-25T10:28:41+08:00", "2019-11-25T02:28:41Z"])
def test_full_width_and_other_time_spellings(tmp_path, value):
    rows = [[value] + ROWS[0][1:]] + ROWS[1:]
    all_rows(read(tmp_path, text(rows=rows).encode("gb18030")))


def test_trailing_empty_rows_are_ignored(tmp_path):
    all_rows(read(tmp_path, (text() + ",,,,,\n\n,,,,,\n").encode("gbk")))


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_with_a_title_row_and_a_repeated_header(tmp_path):
    log = read(tmp_path, _xlsx([["账户交易明细"], [], HEADER, ROWS[0], HEADER, *ROWS[1:]]), "tx.xlsx")
    all_rows(log)
    assert plain(log.skipped) == [{"row": 1, "reason": "above the header row (a title or note, not an event)"},
                           {"row": 5, "reason": "repeats the header row"}]


@pytest.mark.parametrize("data,what", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003"),
    (b"%PDF-1.4\n" + b"x" * 100, "PDF"),
    (b"<html><body><table><tr><td>x</td></tr></table></body></html>", "HTML"),
    (b"<?xml version=\"1.0\"?><Workbook></Workbook>", "HTML or XML"),
], ids=["xls", "pdf", "html", "xml-spreadsheet"])
@pytest.mark.parametrize("name", ["tx.xls", "tx.csv"])
def test_other_kinds_of_file_under_a_logs_name_are_refused_saying_what_they_are(tmp_path, data, what, name):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_log(p, name)
    assert what in e.value.problem and "\n" not in str(e.value)
    assert e.value.path == str(p)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "x")
    p = tmp_path / "tx.csv"
    p.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="ZIP archive"):
        read_log(p, "tx.csv")


def test_a_log_in_an_unexpected_encoding_names_the_encoding_it_was_read_as(tmp_path):
    p = tmp_path / "tx.csv"
    header = ["交易時間", "交易流水號", "終端號", "交易類型", "帳號", "交易結果"]     # Big5 (Taiwan, Hong Kong)
    p.write_bytes(text(header=header, rows=[["2019-11-25 10:28:41", "SN001", "STM-1", "open_account", "6222", "ok"]])
                  .encode("big5"))
    with pytest.raises(InputError, match=r"text read as gb18030 .*re-save the log as UTF-8"):
        read_log(p, "tx.csv")


def test_a_date_column_and_a_time_of_day_column_are_read_as_one_time(tmp_path):
    """交易日期 + 交易时间 in two columns, as many bank statements export them."""
    header = ["交易日期", "交易时间", "交易流水号", "终端号", "交易类型", "账号", "交易结果"]
    rows = [[r[0][:10].replace("-", "/"), r[0][11:]] + r[1:] for r in ROWS]
    log = read(tmp_path, text(header=header, rows=rows).encode("gbk"))
    all_rows(log)
    assert log.columns["交易日期"] == "date" and "date" not in log.rows[0]


def test_a_full_time_beside_a_date_column_is_not_changed(tmp_path):
    header = ["日期", "交易时间", "交易流水号", "终端号", "交易类型", "账号", "交易结果"]
    rows = [["2019-11-24", r[0]] + r[1:] for r in ROWS]       # the time column is complete: it wins
    all_rows(read(tmp_path, text(header=header, rows=rows).encode("gbk")))


def _workbook(sheets: dict) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_whose_first_sheet_is_a_note_is_read_from_the_transactions_sheet(tmp_path):
    data = _workbook({"说明": [["本表由某银行导出"], ["导出时间", "2020-06-01"]], "交易明细": [HEADER, *ROWS]})
    all_rows(read(tmp_path, data, "tx.xlsx"))


def test_xlsx_with_several_transaction_sheets_is_refused_unless_one_is_named(tmp_path):
    """Reading one and ignoring the other would lose November's events without a word."""
    data = _workbook({"10月": [HEADER, ROWS[0]], "11月": [HEADER, *ROWS]})
    p = tmp_path / "tx.xlsx"
    p.write_bytes(data)
    with pytest.raises(InputError) as e:
        read_log(p, "tx.xlsx")
    assert "has 2 sheets with a time column (10月, 11月)" in e.value.problem and '"sheet"' in e.value.problem
    all_rows(read_log(p, "tx.xlsx", sheet="11月"))
    with pytest.raises(InputError, match="has no sheet '12月'; its sheets are 10月, 11月"):
        read_log(p, "tx.xlsx", sheet="12月")


def test_xlsx_date_and_time_cells(tmp_path):
    """Real date-time cells, and a date cell beside a time-of-day cell."""
    import datetime as dt
    header = ["交易日期", "交易时间", "交易流水号", "终端号", "交易类型", "账号", "交易结果"]
    rows = [[dt.datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S").date(),
             dt.datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S").time()] + r[1:] for r in ROWS]
    all_rows(read(tmp_path, _workbook({"Sheet1": [header, *rows]}), "tx.xlsx"))
    rows = [[dt.datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S")] + r[1:] for r in ROWS]
    all_rows(read(tmp_path, _workbook({"Sheet1": [HEADER, *rows]}), "tx2.xlsx"))


def test_an_xlsx_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path):
    all_rows(read(tmp_path, _xlsx([HEADER, *ROWS]), "tx.csv"))


def test_a_csv_saved_under_an_xlsx_name_is_read_as_text(tmp_path):
    all_rows(read(tmp_path, text().encode("gbk"), "tx.xlsx"))


def test_an_xls_renamed_xlsx_is_refused_saying_what_it_is(tmp_path):
    p = tmp_path / "tx.xlsx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputError, match="Excel 97-2003"):
        read_log(p, "tx.xlsx")


def test_an_ods_is_refused_saying_what_it_is(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<x/>")
    p = tmp_path / "tx.ods"
    p.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match=r"OpenDocument spreadsheet \(\.ods\)"):
        read_log(p, "tx.ods")


def test_a_json_array_of_events(tmp_path):
    import json
    objs = [dict(zip(HEADER, r)) for r in ROWS] + [["not", "an", "object"]]
    log = read(tmp_path, json.dumps(objs, ensure_ascii=False).encode("utf-8"), "tx.json")
    assert [r["serial"] for r in log.rows] == SERIALS and [r["row"] for r in log.rows] == [1, 2, 3]
    assert log.format == "json" and plain(log.errors) == [{"row": 4, "reason": "element is not a JSON object"}]


def test_a_totals_line_is_a_skipped_row_not_an_unreadable_event(tmp_path):
    """A statement's 合计 line used to count as an unreadable row (a LOG_INTEGRITY problem)."""
    data = text() + "合计,3笔,,,,\n" + "本页小计：3,,,,,\n"
    log = read(tmp_path, data.encode("gbk"))
    all_rows(log)
    assert plain(log.skipped) == [{"row": 5, "reason": "a totals line, not an event"},
                           {"row": 6, "reason": "a totals line, not an event"}]


def test_a_totals_word_does_not_hide_a_row_whose_time_reads(tmp_path):
    rows = ROWS + [["2019-11-25 10:40:00", "合计", "STM-1", "发卡", "6222", "成功"]]
    log = read(tmp_path, text(rows=rows).encode("gbk"))
    assert [r["serial"] for r in log.rows] == SERIALS + ["合计"] and not log.skipped


@pytest.mark.parametrize("codec,seen", [("utf-16", "UTF-16"), ("gbk", "GBK")])
def test_a_manifest_saved_by_notepad_in_another_encoding_says_which(tmp_path, codec, seen):
    """Notepad's "Unicode" (UTF-16) and a Chinese Windows' "ANSI" (GBK) case.json."""
    import shutil

    from forensics_app.io.case import load_case
    from helpers import DEMO
    case = tmp_path / "CASE"
    shutil.copytree(DEMO, case)
    m = case / "case.json"
    m.write_bytes(m.read_bytes().decode("utf-8").encode(codec))
    with pytest.raises(InputError, match=f"is {seen} text, not UTF-8: save it again as UTF-8"):
        load_case(case)


def test_row_problems_are_said_in_chinese_by_their_codes(tmp_path):
    """The reasons are catalogue codes: the Chinese report and findings say them in Chinese."""
    import re

    from forensics_app.i18n import translator
    from forensics_app.i18n.render import render
    rows = ROWS + [["2019-11-25 10:40:00", "SN4", "STM-1", "发卡"], ["合计", "3笔", "", "", "", ""]]
    data = "账户交易明细\n" + text(rows=rows) + ",".join(HEADER) + "\n"
    log = read(tmp_path, data.encode("gbk"))
    zh = translator("zh")
    said = [render(e["code"], e["params"], zh) for e in log.errors + log.skipped]
    assert said == ["有 4 个字段，表头有 6 个", "位于表头行之上（标题或说明，不是交易事件）", "合计行，不是交易事件",
                    "重复了表头行"], said
    assert [e["row"] for e in log.skipped] == [1, 7, 8]
    assert not any(re.search("[A-Za-z]{3}", s) for s in said)
