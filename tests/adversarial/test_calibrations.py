"""Calibration injection: calibrations are chosen by name only, and their hash is reported."""

import hashlib
import json
from importlib.resources import files

import pytest


@pytest.mark.parametrize("value", ["/tmp/evil.json", "../evil", "evil.json", "cal/../../x", "east asian"])
def test_reference_population_that_is_not_a_name_is_refused(world, value):
    evil = world.tmp / "evil.json"
    evil.write_text(json.dumps({"name": "east_asian", "a": 100, "b": 0}))
    m = world.manifest()
    m["reference_population"] = value
    world.write_manifest(m)
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", message="not a calibration name")


def test_unknown_calibration_name_is_refused(world):
    world.attack("analyze", world.case, "--out", world.tmp / "o", "-q", "--population", "martian",
                 message="unknown calibration 'martian'")


def test_installed_file_cannot_shadow_a_shipped_calibration(world):
    """A crafted copy of the case's primary calibration in the user folder is never used: results
    carry the shipped hash."""
    name = "sface_chip_east_asian_vendor_fmr_1e-3"       # the demo case's default population, primary algorithm
    shipped = (files("forensics_app") / f"data/calibrations/{name}.json").read_bytes()
    crafted = json.loads(shipped)
    crafted["a"], crafted["b"], crafted["log10_upper"] = 50.0, 0.0, 12.0
    (world.tmp / "calibrations").mkdir()
    (world.tmp / f"calibrations/{name}.json").write_text(json.dumps(crafted))
    out = world.analyse("--no-report")
    cal = json.loads((out / "results.json").read_text("utf-8"))["face_comparison"]["calibration"]
    assert cal["sha256"] == hashlib.sha256(shipped).hexdigest() and cal["origin"] == "shipped"
    assert cal["log10_upper"] != 12.0


def test_calibrate_refuses_to_overwrite_without_replace(world):
    d = world.tmp / "calibrations"
    d.mkdir()
    (d / "sface_chip_lab1.json").write_text("{}")       # calibrate NAME writes one file per algorithm
    (world.tmp / "photos").mkdir()
    world.attack("calibrate", world.tmp / "photos", "--name", "lab1", message="pass --replace")
    assert (d / "sface_chip_lab1.json").read_text() == "{}"


@pytest.mark.parametrize("name", ["east_asian", "../x", "a/b"])
def test_calibrate_refuses_shipped_names_and_paths(world, name):
    (world.tmp / "photos").mkdir()
    world.attack("calibrate", world.tmp / "photos", "--name", name, message="calibration")


def test_calibration_hash_is_in_results_and_report(analysed):
    from pypdf import PdfReader
    w = analysed
    res = json.loads((w.tmp / "out/results.json").read_text("utf-8"))
    sha = res["face_comparison"]["calibration"]["sha256"]
    assert len(sha) == 64
    text = "".join(p.extract_text() for p in PdfReader(w.tmp / "out/report.pdf").pages).replace("\n", "")
    assert sha in text or sha[:16] in text
