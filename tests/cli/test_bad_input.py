"""Every bad input: a one-line message naming the file, exit 2, no traceback, no workspace."""

import json
import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from helpers import run_cli, tree_hashes


def _manifest(case: Path) -> dict:
    return json.loads((case / "case.json").read_text("utf-8"))


def _write(case: Path, m: dict) -> None:
    (case / "case.json").write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")


def _set_id_photo(case: Path, rel: str) -> None:
    m = _manifest(case)
    m["evidence"][0]["path"] = rel
    _write(case, m)


def _expect_refusal(case: Path, tmp_path: Path, must_name: str, *extra):
    before = tree_hashes(case)
    r = run_cli("analyze", case, "--out", tmp_path / "out", "-q", *extra)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, r.stderr
    assert must_name in lines[0], lines[0]
    leftovers = [p.name for p in case.parent.iterdir() if ".forensics" in p.name]
    assert leftovers == [], f"partial workspace left behind: {leftovers}"
    assert not (tmp_path / "out" / "results.json").exists()
    assert tree_hashes(case) == before
    return lines[0]


def _video(path: Path, frames=30):
    w = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 15, (160, 120))
    for i in range(frames):
        img = np.full((120, 160, 3), (i * 8) % 255, np.uint8)
        w.write(img)
    w.release()


def test_missing_file(demo_case, tmp_path):
    _set_id_photo(demo_case, "id/not_there.jpg")
    assert "missing" in _expect_refusal(demo_case, tmp_path, "id/not_there.jpg")


def test_dotdot_path(demo_case, tmp_path):
    _set_id_photo(demo_case, "../outside.jpg")
    assert "'..'" in _expect_refusal(demo_case, tmp_path, "case.json")


def test_absolute_path(demo_case, tmp_path):
    _set_id_photo(demo_case, str(demo_case / "id/id_photo.jpg"))
    assert "absolute" in _expect_refusal(demo_case, tmp_path, "case.json")


def test_symlink_pointing_outside(demo_case, tmp_path):
    outside = tmp_path / "elsewhere.jpg"
    outside.write_bytes((demo_case / "id/id_photo.jpg").read_bytes())
    os.symlink(outside, demo_case / "id/link.jpg")
    _set_id_photo(demo_case, "id/link.jpg")
    assert "outside the case folder" in _expect_refusal(demo_case, tmp_path, "id/link.jpg")


def test_wrong_type_in_manifest(demo_case, tmp_path):
    m = _manifest(demo_case)
    m["evidence"][0]["path"] = 42
    _write(demo_case, m)
    assert "schema" in _expect_refusal(demo_case, tmp_path, "case.json")


def test_unknown_role(demo_case, tmp_path):
    m = _manifest(demo_case)
    m["evidence"].append({"role": "selfie", "path": "id/id_photo.jpg"})
    _write(demo_case, m)
    msg = _expect_refusal(demo_case, tmp_path, "case.json")
    assert "'selfie'" in msg


def test_invalid_json(demo_case, tmp_path):
    (demo_case / "case.json").write_text('{"format": "forensics-case/1", ', encoding="utf-8")
    assert "invalid JSON" in _expect_refusal(demo_case, tmp_path, "case.json")


def test_zero_byte_image(demo_case, tmp_path):
    (demo_case / "stm/frames/0001.jpg").write_bytes(b"")
    assert "empty" in _expect_refusal(demo_case, tmp_path, "0001.jpg")


def test_truncated_image(demo_case, tmp_path):
    f = demo_case / "stm/frames/0001.jpg"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    assert "truncated" in _expect_refusal(demo_case, tmp_path, "0001.jpg")


def test_non_image_where_image_expected(demo_case, tmp_path):
    (demo_case / "id/id_photo.jpg").write_text("this is not a photo\n")
    assert "not a readable image" in _expect_refusal(demo_case, tmp_path, "id_photo.jpg")


def test_truncated_video(demo_case, tmp_path):
    v = demo_case / "stm/capture.mp4"
    _video(v)
    v.write_bytes(v.read_bytes()[: v.stat().st_size * 6 // 10])
    m = _manifest(demo_case)
    m["evidence"].append({"role": "stm_video", "path": "stm/capture.mp4"})
    _write(demo_case, m)
    msg = _expect_refusal(demo_case, tmp_path, "capture.mp4")
    assert "truncated" in msg or "not a readable video" in msg


def test_decompression_bomb(demo_case, tmp_path):
    Image.new("1", (12000, 12000)).save(demo_case / "stm/frames/0002.png")
    msg = _expect_refusal(demo_case, tmp_path, "0002.png")
    assert "decompression bomb" in msg


def test_file_over_size_limit(demo_case, tmp_path):
    msg = _expect_refusal(demo_case, tmp_path, "", "--max-file-mb", "0.01")
    assert "size limit" in msg


@pytest.mark.parametrize("role", ["id_photo"])
def test_two_id_photos(demo_case, tmp_path, role):
    m = _manifest(demo_case)
    m["evidence"].append({"role": role, "path": "stm/frames/0001.jpg"})
    _write(demo_case, m)
    assert "exactly one id_photo" in _expect_refusal(demo_case, tmp_path, "case.json")


def test_a_misspelled_case_json_key_is_said_not_ignored_in_silence(demo_case, tmp_path):
    """A misspelled key (bank_claim for bank_claims) would drop the bank's claims without a word."""
    import json as _json
    m = _json.loads((demo_case / "case.json").read_text("utf-8"))
    m["records"]["bank_claim"] = m["records"].pop("bank_claims")
    m["langauge"] = "zh"
    (demo_case / "case.json").write_text(_json.dumps(m, ensure_ascii=False), "utf-8")
    r = run_cli("analyze", demo_case, "--out", tmp_path / "o", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    assert "'records.bank_claim'" in r.stderr and "did you mean 'records.bank_claims'" in r.stderr, r.stderr
    assert "'langauge'" in r.stderr and "'language'" in r.stderr, r.stderr
