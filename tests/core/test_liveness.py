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


def _project(points3d, yaw_deg, pitch_deg, f=800.0, dist=600.0):
    """Pinhole projection of 3D points (mm, object centred at the origin) after a head rotation."""
    import numpy as np
    a, b = np.deg2rad(yaw_deg), np.deg2rad(pitch_deg)
    ry = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    rx = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    p = points3d @ (rx @ ry).T
    return f * p[:, :2] / (p[:, 2:3] + dist) + 320


def _tracks(depth_mm):
    """Feature tracks of 120 points on a face-sized surface turning by up to 12 degrees; depth_mm
    gives the relief (a nose 30 mm proud of the cheeks; 0 = a flat photo)."""
    import numpy as np
    from forensics_app.core.liveness import PlaneTracker
    rng = np.random.default_rng(3)
    xy = rng.uniform(-60, 60, (120, 2))
    z = -depth_mm * np.exp(-(xy ** 2).sum(1) / (2 * 25.0 ** 2))     # bump towards the camera
    pts = np.column_stack([xy, z])
    t = PlaneTracker()
    t.segments = [[_project(pts, 12 * np.sin(k / 6), 5 * np.sin(k / 9)) + rng.normal(0, 0.05, (120, 2))
                   for k in range(40)]]
    return t


def test_planar_cue_separates_a_flat_photo_from_a_head_in_3d():
    from forensics_app.core.liveness import planar_cue
    flat, head = _tracks(0.0), _tracks(30.0)
    assert planar_cue(flat.pairs(), 0.05)["points_to"] == "attack"
    assert planar_cue(head.pairs(), 0.05)["points_to"] == "live"


def test_planar_cue_cannot_tell_without_motion():
    import numpy as np
    from forensics_app.core.liveness import PlaneTracker, planar_cue
    rng = np.random.default_rng(1)
    still = rng.uniform(0, 100, (50, 2))
    t = PlaneTracker()
    t.segments = [[still + rng.normal(0, 0.05, still.shape) for _ in range(20)]]
    assert planar_cue(t.pairs(), 0.05)["points_to"] == "cannot_tell"


def test_glare_and_gamut_measure_what_they_claim():
    import numpy as np
    from forensics_app.core.liveness import assess, gamut_cue, glare_cue, glare_share, luminance_stops
    face = np.full((100, 100, 3), (190, 150, 130), np.uint8)
    face[40:55, 25:45] = 20                                   # pupils, nostrils, hair: deep shadow (3%)
    assert glare_share(face) == 0.0
    glossy = face.copy()
    glossy[10:40, 20:80] = 255                                # a mirrored lamp: 18% of the face
    assert glare_share(glossy) == pytest.approx(0.18, abs=0.01)
    assert glare_cue([glare_share(glossy)] * 20)["points_to"] == "attack"
    assert luminance_stops(face) > 3.0 and gamut_cue([luminance_stops(face)])["points_to"] == "none"
    flat = face.copy()
    flat[40:55, 25:45] = 120                                  # print: ink black still reflects light
    assert gamut_cue([luminance_stops(flat)])["points_to"] == "attack"
    assert gamut_cue([luminance_stops(flat)], palette=True)["points_to"] == "cannot_tell"
    # supporting cues alone never make an attack verdict
    feats = [{"glare": 0.2, "stops": 1.0, "texture_peak": 1.0,
              "gray_small": np.random.default_rng(i).integers(0, 255, (64, 64), dtype=np.uint8)} for i in range(20)]
    v = assess(feats, [], 15.0, 20 / 15)
    assert v["verdict"] != "attack_suspected"
    assert {c["name"]: c["points_to"] for c in v["cues"]}["specular_glare"] == "attack"


def test_print_with_a_smaller_face_is_still_flagged(models, tmp_path):
    """The wider crop leaves eyes ~33 px apart: too coarse for 68-point planarity, not for feature tracks."""
    still, _ = read_image(DEMO / "stm/frames/0001.jpg")
    r = analyse_clip(models, _clip(tmp_path, simulate.print_attack(still[20:460, 120:520], n=60, seed=11), "p"))
    planar = next(c for c in r["cues"] if c["name"] == "planar_motion")
    assert planar["points_to"] == "attack" and r["verdict"] == "attack_suspected" and r["species"] == "print"
