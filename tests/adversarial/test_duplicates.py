"""The same evidence never counts twice: listed twice or overlapping is refused, the ID photo
among the frames is refused, byte-identical repeats are used once and reported."""

import json
import shutil

import pytest


def frames_entry(m):
    return next(e for e in m["evidence"] if e["role"] == "stm_frames")


@pytest.mark.parametrize("second", ["stm/frames", "./stm/frames", "stm/frames/", "stm/./frames"])
def test_frames_folder_listed_twice_is_refused(world, second):
    m = world.manifest()
    m["evidence"].append({"role": "stm_frames", "path": second})
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="listed twice")


def test_overlapping_frame_folders_are_refused(world):
    m = world.manifest()
    m["evidence"].append({"role": "stm_frames", "path": "stm"})
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="overlaps")


def test_frames_pointing_at_the_id_folder_is_refused(world):
    m = world.manifest()
    frames_entry(m)["path"] = "id"
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="ID photo 'id/id_photo.jpg' is among the frames")


def test_id_photo_copied_among_the_frames_is_refused(world):
    shutil.copy(world.case / "id/id_photo.jpg", world.case / "stm/frames/0002.jpg")
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="byte-identical to the ID photo")


def test_repeated_frames_within_one_capture_are_used_once_and_reported(world):
    for n in (2, 3):
        shutil.copy(world.case / "stm/frames/0001.jpg", world.case / f"stm/frames/000{n}.jpg")
    out = world.analyse("--no-mask")
    res = json.loads((out / "results.json").read_text("utf-8"))
    assert res["face_comparison"]["frames_total"] == 1
    assert [d["path"] for d in res["media"]["duplicates"]] == ["stm/frames/0002.jpg", "stm/frames/0003.jpg"]
    assert {d["kind"] for d in res["media"]["duplicates"]} == {"repeated within one capture"}
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(out / "report.pdf").pages)
    assert "使用一次" in text or "used once" in text


def test_same_frame_in_a_second_folder_is_used_once(world):
    (world.case / "stm/more").mkdir()
    shutil.copy(world.case / "stm/frames/0001.jpg", world.case / "stm/more/x.jpg")
    m = world.manifest()
    m["evidence"].append({"role": "stm_frames", "path": "stm/more"})
    world.write_manifest(m)
    out = world.analyse("--no-report")
    res = json.loads((out / "results.json").read_text("utf-8"))
    assert res["face_comparison"]["frames_total"] == 1
    assert res["media"]["duplicates"][0]["kind"] == "repeated in another capture"


def test_same_log_under_two_names_is_read_once(world):
    shutil.copy(world.case / "logs/transactions.csv", world.case / "logs/copy.csv")
    m = world.manifest()
    m["evidence"].append({"role": "transaction_log", "path": "logs/copy.csv"})
    world.write_manifest(m)
    out = world.analyse("--no-report")
    res = json.loads((out / "results.json").read_text("utf-8"))
    assert [lg["path"] for lg in res["logs"]] == ["logs/transactions.csv"]
    assert res["media"]["duplicates"][0]["kind"] == "same file delivered twice"
    assert not any(f["rule"] == "LOG_INTEGRITY" for f in res["findings"])
