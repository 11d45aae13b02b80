"""The silent misreadings of issue 13, delivered in a case and analysed end to end: the analysis goes
through (nothing here is a reason to refuse the case), results.json says what could not be read and
where (the "message"), the evidence folder is byte-identical and nothing but results.json and the
workspace is written. tests/adversarial/test_readers.py checks the same readers unit by unit."""

import io
import json

import numpy as np
from PIL import Image

from .test_readers import _xlsx_with_stale_dimension

LOG = "logs/transactions.csv"


def log_lines(w) -> list[bytes]:
    return (w.case / LOG).read_bytes().splitlines(keepends=True)


def the_log(res, path=LOG) -> dict:
    return next(lg for lg in res["logs"] if lg["path"] == path)


def test_one_utf8_row_in_the_gbk_log(world):
    lines = [x.replace(b"success", "成功".encode("gbk")) for x in log_lines(world)]   # Chinese on every row
    lines[3] = lines[3].decode("gbk").encode("utf-8")    # one row re-saved as UTF-8, the rest GBK
    assert lines[3] != lines[3].decode("utf-8").encode("gbk")
    (world.case / LOG).write_bytes(b"".join(lines))
    res = world.accepted()
    lg = the_log(res)
    assert lg["encoding"].startswith("gb18030") and "rows 4 in UTF-8" in lg["encoding"], lg["encoding"]
    assert lg["rows_unreadable"] == 0 and lg["rows_read"] == len(lines) - 1


def test_a_row_in_neither_encoding_is_reported_by_number(world):
    lines = log_lines(world)
    lines[4] = b"\xff\xfe\xff,\xff\n"
    (world.case / LOG).write_bytes(b"".join(lines))
    lg = the_log(world.accepted())
    assert [(e["row"], e["reason"], e["code"]) for e in lg["errors"]] == \
        [(5, "row is neither UTF-8 nor GBK text", "LOGROW.encoding")]


def test_stray_carriage_return_and_a_200kb_cell(world):
    lines = log_lines(world)
    lines[2] = lines[2].replace(b"SN", b"S\rN", 1)
    lines[5] = lines[5].replace(b"6222", b"9" * 200_000, 1)
    (world.case / LOG).write_bytes(b"".join(lines))
    lg = the_log(world.accepted())
    assert {e["row"] for e in lg["errors"]} == {3, 6}, lg["errors"]


def test_epoch_and_day_first_times_are_unreadable_rows_not_1574(world):
    lines = log_lines(world)
    lines[2] = b"1574649000" + lines[2][lines[2].index(b","):]
    lines[3] = b"25/11/2019 10:32" + lines[3][lines[3].index(b","):]
    (world.case / LOG).write_bytes(b"".join(lines))
    res = world.accepted()
    lg = the_log(res)
    assert {e["row"] for e in lg["errors"]} == {3, 4}, lg["errors"]
    assert all("time" in e["reason"] for e in lg["errors"])
    assert not any(str(e.get("time", "")).startswith(("1574", "0001")) for e in res["timeline"])
    integrity = next(f for f in res["findings"] if f["rule"] == "LOG_INTEGRITY")   # the case is in Chinese
    assert "无法读取的时间「1574649000」" in integrity["explanation"], integrity["explanation"]
    assert "unreadable time" not in integrity["explanation"]


def test_compact_times_are_read_to_the_minute(world):
    lines = log_lines(world)
    lines[1] = b"201911251028" + lines[1][lines[1].index(b","):]
    (world.case / LOG).write_bytes(b"".join(lines))
    res = world.accepted()
    assert the_log(res)["errors"] == []
    assert any(e["time"] == "2019-11-25T10:28:00+08:00" and e["evidence"].get("row") == 2 for e in res["timeline"])


def test_xlsx_with_a_stale_dimension_keeps_every_row(world):
    buf = world.tmp / "t.xlsx"
    _xlsx_with_stale_dimension(buf)
    world.add_evidence("transaction_log", "logs/t.xlsx", buf.read_bytes())
    buf.unlink()
    lg = the_log(world.accepted(), "logs/t.xlsx")
    assert lg["rows_read"] == 12 and lg["rows_unreadable"] == 0


def test_deeply_nested_jsonl_row(world):
    text = (json.dumps({"time": "2019-11-25 10:40:00", "event": "开户"}, ensure_ascii=False) + "\n"
            + '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}\n")
    world.add_evidence("transaction_log", "logs/l.jsonl", text.encode("utf-8"))
    lg = the_log(world.accepted(), "logs/l.jsonl")
    assert lg["rows_read"] == 1 and "nested too deeply" in lg["errors"][0]["reason"]


def _frame(w) -> Image.Image:
    return Image.open(w.case / "stm/frames/0001.jpg")


def test_a_frame_stored_sideways_with_exif_orientation_is_read_upright(world):
    im = _frame(world)
    ex = im.getexif()
    ex[0x0112] = 6                                     # stored rotated; "rotate 90° clockwise to display"
    buf = io.BytesIO()
    im.transpose(Image.Transpose.ROTATE_90).save(buf, "JPEG", quality=92, exif=ex)
    (world.case / "stm/frames/0001.jpg").write_bytes(buf.getvalue())
    res = world.accepted()
    assert res["media"]["stills"][0]["exif"]["orientation"] == "6"
    assert res["face_comparison"]["frames_used"] == 1, "the face was not found in the upright frame"


def test_a_16_bit_frame_is_scaled_not_clipped(world):
    grey = np.asarray(_frame(world).convert("L")).astype(np.uint16) * 257
    buf = io.BytesIO()
    Image.fromarray(grey).save(buf, "PNG")
    (world.case / "stm/frames/0001.jpg").unlink()
    (world.case / "stm/frames/0001.png").write_bytes(buf.getvalue())
    res = world.accepted()
    assert res["face_comparison"]["frames_used"] == 1, "no face found in the 16-bit frame"


def test_a_utf16_log_with_cr_line_endings_and_a_title_row_is_read_whole(world):
    """Excel's "Unicode text" save (UTF-16, tabs) of a log with a title above the header and CR line
    endings: every event is read, the title is a skipped row (not an unreadable event, so no
    LOG_INTEGRITY finding), the findings that rest on the log still come, the evidence is untouched."""
    text = (world.case / LOG).read_bytes().decode("gbk").replace("\r\n", "\n").strip("\n")
    events = len(text.split("\n")) - 1
    text = "账户交易明细\n" + text.replace(",", "\t")
    (world.case / LOG).write_bytes(text.replace("\n", "\r").encode("utf-16"))
    res = world.accepted()
    lg = the_log(res)
    assert lg["encoding"] == "utf-16" and lg["errors"] == []
    assert lg["rows_read"] == events and events > 5
    assert [(e["row"], e["reason"], e["code"]) for e in lg["skipped"]] == \
        [(1, "above the header row (a title or note, not an event)", "LOGSKIP.preamble")]
    assert "LOG_INTEGRITY" not in {f["rule"] for f in res["findings"]}
    assert {"PHONE_NOT_CLAIMANTS", "ID_LOST_BEFORE_USE"} <= {f["rule"] for f in res["findings"]}


def test_a_portrait_phone_video_is_analysed_upright(world):
    """A video stored sideways with a display rotation (a phone held upright): the face is found in
    the upright frames, the rotation is in results, and the evidence is hashed as delivered."""
    from mediagen import portrait_clip
    clip = portrait_clip(world.tmp / "phone.mp4", 20, 90)
    world.add_evidence("stm_video", "stm/phone.mp4", clip.read_bytes())
    res = world.accepted()
    v = next(x for x in res["media"]["videos"] if x["path"] == "stm/phone.mp4")
    assert v["rotation"] == 90 and (v["width"], v["height"]) == (640, 480)
    used = [f for f in res["face_comparison"]["per_frame"] if f["frame"].startswith("stm/phone.mp4") and f["usable"]]
    assert len(used) >= 10, "the face was not found in most upright frames"
    import hashlib
    assert next(i for i in res["inputs"] if i["path"] == "stm/phone.mp4")["sha256"] == \
        hashlib.sha256(clip.read_bytes()).hexdigest()


def test_a_heic_still_among_the_frames_is_refused(world):
    from mediagen import HEIC_HEAD
    (world.case / "stm/frames/0002.heic").write_bytes(HEIC_HEAD)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="0002.heic: is a HEIC/HEIF image")


def test_a_one_pixel_frame_is_analysed_without_a_face(world):
    """It used to crash the authenticity stage with a traceback."""
    buf = io.BytesIO()
    Image.new("RGB", (1, 1), (120, 100, 90)).save(buf, "PNG")
    (world.case / "stm/frames/0002.png").write_bytes(buf.getvalue())
    res = world.accepted()
    assert res["face_comparison"]["frames_total"] == 2


def test_a_case_on_a_read_only_medium_is_told_to_use_workspace(world, monkeypatch):
    """The default workspace is the case's sibling; on a read-only medium it cannot be made there.
    (Simulated: the tests run as root, for whom permission bits do not stop a write.)"""
    import errno
    import tempfile

    def read_only(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")
    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="--workspace DIR")
    monkeypatch.undo()
    rc, _, err = world.cli("analyze", world.case, "--out", world.tmp / "o", "-q", "--no-report",
                           "--workspace", world.tmp / "elsewhere")
    assert rc == 0, err
    assert (world.tmp / "elsewhere" / "workspace.sqlite").is_file() and not world.ws.exists()
