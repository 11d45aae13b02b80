"""Liveness on simulated attacks (made by our own code), the shared real clips, and the PAD plug-in."""

import json

import cv2
import pytest

from helpers import DEMO
from forensics_app import simulate
from forensics_app.core.liveness import assess_stills_only
from forensics_app.io.images import read_image
from forensics_app.pipeline.clips import analyse_clip, evaluate_folder


@pytest.fixture(scope="module")
def models():
    from forensics_app.core.faces import FaceModels
    return FaceModels.load(with_68=True)


@pytest.fixture(scope="module")
def photo():
    still, _ = read_image(DEMO / "stm/frames/0001.jpg")
    return still[40:440, 140:500]


def _clip(tmp_path, frames, name):
    return simulate.write_video(frames, tmp_path / f"{name}.avi")


@pytest.mark.parametrize("kind,species", [("print", "print"), ("replay", "replay"), ("injection", "injection")])
def test_simulated_attacks_are_flagged(models, photo, tmp_path, kind, species):
    frames = getattr(simulate, f"{kind}_attack")(photo, n=45)
    r = analyse_clip(models, _clip(tmp_path, frames, kind))
    assert r["verdict"] == "attack_suspected", r["reasons"]
    assert r["species"] == species
    for c in r["cues"]:
        assert {"name", "value", "threshold", "meaning"} <= set(c)
    assert r["reasons"]


def test_single_still_is_inconclusive():
    r = assess_stills_only(1, ["stm/frames/0001.jpg"])
    assert r["verdict"] == "inconclusive" and r["species"] is None and "still" in r["explanation"]


def test_pose_change_of_a_tilting_print_is_not_a_live_sign(models, photo, tmp_path):
    r = analyse_clip(models, _clip(tmp_path, simulate.print_attack(photo, n=45), "p"))
    pose = next(c for c in r["cues"] if c["name"] == "head_pose_variation")
    assert pose["points_to"] != "live"


def pad_descriptor(tmp_path, shared):
    d = {"name": "MiniFASNet pair", "licence": "Apache-2.0 (Minivision)", "live_index": 1,
         "models": [{"path": str(shared / "pad/minifasnet_v2_2.7_80x80.onnx"), "scale": 2.7},
                    {"path": str(shared / "pad/minifasnet_v1se_4.0_80x80.onnx"), "scale": 4.0}]}
    p = tmp_path / "pad.json"
    p.write_text(json.dumps(d))
    return p


@pytest.mark.shared_data
def test_pad_plugin_reproduces_the_spec(shared_data, tmp_path):
    from forensics_app.core.pad import PadModel
    pad = PadModel.load(pad_descriptor(tmp_path, shared_data))
    spec = {"image_T1.jpg": ((106, 147, 207, 213), "live", 0.9936),
            "image_F1.jpg": ((178, 136, 223, 225), "attack", 0.7316),
            "image_F2.jpg": ((120, 252, 252, 256), "attack", 0.8172)}
    for name, (box, label, conf) in spec.items():
        out = pad.classify(cv2.imread(str(shared_data / "pad/samples" / name)), box)
        assert out["label"] == label and out["confidence"] == pytest.approx(conf, abs=1e-4), name
    assert {m["name"] for m in pad.info} == {"minifasnet_v2_2.7_80x80.onnx", "minifasnet_v1se_4.0_80x80.onnx"}


def test_pad_descriptor_errors_are_clear(tmp_path):
    from forensics_app.core.pad import PadModel
    from forensics_app.errors import InputError
    bad = tmp_path / "pad.json"
    bad.write_text(json.dumps({"models": [{"path": "missing.onnx", "scale": 2.7}]}))
    with pytest.raises(InputError, match="missing"):
        PadModel.load(bad)


@pytest.mark.shared_data
def test_shared_clips_with_pad(shared_data, tmp_path, models):
    from forensics_app.core.pad import PadModel
    pad = PadModel.load(pad_descriptor(tmp_path, shared_data))
    rep = evaluate_folder(shared_data / "liveness", pad=pad, models=models)
    by = {r["clip"]: r for r in rep["clips"]}
    for clip, r in by.items():
        if r["truth"] in ("print", "replay"):
            assert r["verdict"] == "attack_suspected", (clip, r)
        else:
            assert r["verdict"] != "attack_suspected", (clip, r)
    assert rep["bpcer"] == 0.0 and rep["apcer_worst"] == 0.0


@pytest.mark.shared_data
def test_shared_clips_without_pad_never_call_a_live_clip_an_attack(shared_data, models):
    rep = evaluate_folder(shared_data / "liveness", models=models)
    assert rep["bpcer"] == 0.0
    assert all(r["verdict"] != "live" for r in rep["clips"] if r["truth"] != "live")
