"""Arguments and files that used to give tracebacks: now one line naming the file, exit 2."""

import json

import pytest


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "ten"])
def test_max_file_mb_must_be_a_finite_positive_number(world, value):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "--max-file-mb", value, message="--max-file-mb")


def test_compare_with_a_missing_file(world):
    world.attack("compare", world.case / "id/id_photo.jpg", world.tmp / "nope.jpg", message="nope.jpg: does not exist")


def test_verify_trust_with_a_missing_file(analysed):
    w = analysed
    w.attack("verify", w.case, "--pdf", w.tmp / "out/report.pdf", "--trust", w.tmp / "missing.pem",
             message="missing.pem: does not exist")


def test_verify_results_with_a_missing_file(analysed):
    w = analysed
    w.attack("verify", w.case, "--results", w.tmp / "gone.json", message="gone.json: does not exist")


def test_note_with_invalid_utf8(analysed):
    w = analysed
    w.attack("note", w.case, "bad \udcff byte", message="not valid UTF-8")


def test_non_onnx_pad_model(world):
    (world.tmp / "pad").mkdir()
    (world.tmp / "pad/model.onnx").write_text("this is not an ONNX file")
    (world.tmp / "pad/pad.json").write_text(json.dumps({"name": "x", "models": [{"path": "model.onnx"}]}))
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--pad-model", world.tmp / "pad/pad.json",
                 message="not a readable ONNX model")


def test_deeply_nested_case_json(world):
    m = world.manifest()
    m["title"] = "x"
    text = json.dumps(m)[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (world.case / "case.json").write_text(text)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="nested too deeply")


def test_symlink_loop_in_the_case_folder(world):
    (world.case / "docs/loop").symlink_to(world.case / "docs/loop")
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="loop")


def test_unknown_time_zone(world):
    m = world.manifest()
    m["timezone"] = "Mars/Olympus_Mons"
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="not a known time zone")


def test_thirty_thousand_character_name(world):
    m = world.manifest()
    m["claimant"]["name"] = "王" * 30_000
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="over the limit")


def test_dot_slash_paths_are_read_as_the_same_files(world):
    m = world.manifest()
    for e in m["evidence"]:
        if e["role"] == "stm_frames":
            e["path"] = "./stm/frames/"
    world.write_manifest(m)
    out = world.analyse("--no-report")
    res = json.loads((out / "results.json").read_text("utf-8"))
    assert res["face_comparison"]["frames_total"] >= 1


@pytest.mark.parametrize("value,message", [("2019年10月18日", "is not an ISO date"),
                                           ("0001-01-01", "outside 1900"), ("18/10/2019", "is not an ISO date")])
def test_record_dates_that_are_not_iso_dates(world, value, message):
    m = world.manifest()
    m["records"]["id_loss_report"]["reported_at"] = value
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message=message)
