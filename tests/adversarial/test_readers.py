"""Readers that fail loudly: mixed encodings, stale XLSX dimensions, times outside the documented
formats, EXIF orientation, 16-bit images, and bounded work (limits set low, not real bombs)."""

import datetime as dt
import io
import json
import zipfile
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PIL import Image

from forensics_app.io.images import Limits, read_image
from forensics_app.io.logs import parse_time, read_log

HEADER = "交易时间,流水号,终端号,渠道,交易类型,账号,手机号,人脸比对分数,阈值,交易结果\n"


def row(n, event="开户", time="2019-11-25 10:40:00"):
    return f"{time},SN00{n},STM-1,STM,{event},6222,139,80,70,成功\n"


def test_one_utf8_row_in_a_gbk_log_is_read_as_utf8_and_reported(tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_bytes((HEADER + row(1) + row(2)).encode("gbk") + row(3, "人脸核验").encode("utf-8") + row(4).encode("gbk"))
    log = read_log(p, p.name)
    assert [r["event"] for r in log.rows] == ["open_account", "open_account", "face_verify", "open_account"]
    assert "rows 4 in UTF-8" in log.encoding and not log.errors


def test_a_row_in_neither_encoding_is_reported_by_number(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes((HEADER + row(1)).encode("gbk") + b"\xff\xfe\xff,\xff\n" + row(3).encode("gbk"))
    log = read_log(p, p.name)
    assert len(log.rows) == 2
    assert log.errors == [{"row": 3, "reason": "row is neither UTF-8 nor GBK text", "code": "LOGROW.encoding",
                           "params": {}}]


def test_stray_carriage_return_and_huge_cell_are_unreadable_rows(tmp_path):
    p = tmp_path / "cr.csv"
    p.write_text(HEADER + row(1) + "2019-11-25 10:41:00,SN\r002,STM-1,STM,开户,6222,139,80,70,成功\n"
                 + row(3).replace("6222", "9" * 200_000) + row(4), "utf-8", newline="")
    log = read_log(p, p.name)
    assert [r["serial"] for r in log.rows] == ["SN001", "SN004"]
    assert {e["row"] for e in log.errors} == {3, 4}


def test_deeply_nested_jsonl_row_is_an_unreadable_row(tmp_path):
    p = tmp_path / "l.jsonl"
    p.write_text(json.dumps({"time": "2019-11-25 10:40:00", "event": "开户"}, ensure_ascii=False) + "\n"
                 + '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}\n", "utf-8")
    log = read_log(p, p.name)
    assert len(log.rows) == 1 and "nested too deeply" in log.errors[0]["reason"]


def _xlsx_with_stale_dimension(path, n=12):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["交易时间", "流水号", "交易类型"])
    for i in range(n):
        ws.append([f"2019-11-25 10:{i:02d}:00", f"SN{i:03d}", "开户"])
    wb.save(path)
    src = zipfile.ZipFile(path)
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    src.close()
    sheet = "xl/worksheets/sheet1.xml"
    import re
    parts[sheet] = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:C3"', parts[sheet])
    assert b'ref="A1:C3"' in parts[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_xlsx_with_a_stale_dimension_keeps_every_row(tmp_path):
    p = tmp_path / "t.xlsx"
    _xlsx_with_stale_dimension(p)
    log = read_log(p, p.name)
    assert len(log.rows) == 12 and not log.errors


def test_xlsx_decompressed_size_is_bounded(tmp_path):
    p = tmp_path / "t.xlsx"
    _xlsx_with_stale_dimension(p)
    from forensics_app.errors import InputError
    with pytest.raises(InputError, match="over the limit"):
        read_log(p, p.name, max_xlsx_bytes=1000)


@pytest.mark.parametrize("value,expected", [
    ("2019-11-18 10:02:08", "2019-11-18T10:02:08+08:00"),
    ("201911181002", "2019-11-18T10:02:00+08:00"),
    ("20191118100208", "2019-11-18T10:02:08+08:00"),
    ("2019/11/18 10:02:08", "2019-11-18T10:02:08+08:00"),
    ("2019年11月18日 10:02:08", "2019-11-18T10:02:08+08:00"),
    ("2019-11-18T02:02:08Z", "2019-11-18T02:02:08+00:00"),
    ("2019-11-18 10:02:08+0800", "2019-11-18T10:02:08+08:00"),
])
def test_documented_time_formats(value, expected):
    assert parse_time(value, ZoneInfo("Asia/Shanghai")).isoformat() == expected


@pytest.mark.parametrize("value", ["1574043728", "1574043728000", "0001-01-01 00:00:00", "18/11/2019 10:02",
                                   "2019-11-18 10:02:08 CST", "十一月十八日", "2019-13-01 00:00:00", "9999-01-01"])
def test_anything_else_is_an_unreadable_time(value):
    with pytest.raises(ValueError, match="unreadable time|outside"):
        parse_time(value, ZoneInfo("Asia/Shanghai"))


def test_exif_orientation_is_applied_and_recorded(tmp_path):
    from forensics_app.io.media import exif_summary
    img = Image.new("RGB", (40, 20), (200, 10, 10))
    ex = img.getexif()
    ex[0x0112] = 6                      # rotate 90° clockwise to display
    p = tmp_path / "o.jpg"
    img.save(p, exif=ex)
    rgb, im = read_image(p)
    assert rgb.shape[:2] == (40, 20)    # shown upright: width and height swapped
    assert exif_summary(im)["orientation"] == "6"


def test_16_bit_grey_is_scaled_not_clipped(tmp_path):
    a = np.full((30, 30), 30000, dtype=np.uint16)
    a[:10] = 60000
    p = tmp_path / "g16.png"
    Image.fromarray(a).save(p)
    rgb, _ = read_image(p)
    assert rgb.dtype == np.uint8 and 110 <= rgb[20, 20, 0] <= 125 and rgb[0, 0, 0] >= 230


def test_log_over_the_row_limit_is_refused(world):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--max-log-rows", "2",
                 message="--max-log-rows")
    assert not world.ws.exists()


def test_frame_over_the_pixel_limit_is_refused(world):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--max-megapixels", "0.001",
                 message="exceed the limit")


def test_xlsx_log_over_the_decompressed_limit_is_refused(world):
    _xlsx_with_stale_dimension(world.case / "logs/t.xlsx")
    m = world.manifest()
    m["evidence"].append({"role": "transaction_log", "path": "logs/t.xlsx"})
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--max-xlsx-mb", "0.001",
                 message="--max-xlsx-mb")


def test_file_over_the_size_limit_is_refused(world):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--max-file-mb", "0.0001",
                 message="over the size limit")
