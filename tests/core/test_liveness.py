"""Liveness on simulated attacks (made by our own code), the shared real clips, and the PAD plug-in."""

import json

import cv2
import pytest

from helpers import DEMO
from forensics_app import simulate
from forensics_app.core import pad as padmod
from forensics_app.core.liveness_verdict import assess_stills_only, verdict
from forensics_app.i18n import translator
from forensics_app.i18n.render import render
from forensics_app.io.images import read_image
from forensics_app.pipeline.clips import analyse_clip


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


@pytest.fixture(scope="module")
def pad():
    return padmod.load("builtin")


@pytest.mark.parametrize("kind", ["print", "replay"])
def test_simulated_attacks_are_never_judged_live(models, photo, tmp_path, kind, pad):
    """Our simulations (a tilting halftoned photo; a photo on a simulated LCD) are not real material:
    the learned score is not validated on them, so only "not live" with the attack sign named is asked."""
    frames = getattr(simulate, f"{kind}_attack")(photo, n=45)
    r = analyse_clip(models, _clip(tmp_path, frames, kind), pad=pad)
    assert r["verdict"] != "live", r["reasons"]
    for c in r["cues"]:
        assert {"name", "value", "threshold", "meaning", "points_to", "strength", "direction"} <= set(c)
    assert r["reasons"] and any(c["points_to"] == "attack" for c in r["cues"])


def test_a_frozen_still_is_not_an_injection_verdict(models, photo, tmp_path):
    """Every frame the same image: one distinct frame, so nothing over time can be judged (a frozen
    feed and an injected still look alike; repeated frames alone never make an attack)."""
    r = analyse_clip(models, _clip(tmp_path, simulate.injection_attack(photo, n=30), "inj"))
    assert r["verdict"] == "inconclusive" and r["distinct_frames"] == 1
    assert {c["name"]: c["points_to"] for c in r["cues"]}["frame_repeats"] == "none"


def _cue(name, points_to, value=1.0, **kw):
    return {"name": name, "value": value, "threshold": None, "meaning": "", "points_to": points_to} | kw


def test_one_physical_cue_alone_never_makes_an_attack():
    for name in ("planar_motion", "recapture_texture", "reference_reproduction", "specular_glare", "colour_gamut"):
        v = verdict([_cue(name, "attack"), _cue("eye_blinks", "live")], 30, 30)
        assert v["verdict"] == "inconclusive" and any(name in json.dumps(r) for r in v["reasons"]), name


def test_two_agreeing_physical_cues_or_a_validated_score_make_an_attack_and_say_which():
    v = verdict([_cue("planar_motion", "attack"), _cue("recapture_texture", "attack")], 30, 30)
    assert v["verdict"] == "attack_suspected" and v["basis"] == "physical_cues"
    v = verdict([_cue("vendor_pad_model", "attack", 0.01, validated=True), _cue("planar_motion", "live")], 30, 30)
    assert v["verdict"] == "attack_suspected" and v["basis"] == "learned_score" and v["species"] is None
    v = verdict([_cue("vendor_pad_model", "attack", 0.01, validated=True), _cue("planar_motion", "attack")], 30, 30)
    assert v["species"] == "print" and any("planar_motion" in json.dumps(r) for r in v["reasons"])
    v = verdict([_cue("vendor_pad_model", "attack", 0.01, validated=False)], 30, 30)
    assert v["verdict"] == "inconclusive"


def test_conflicting_strong_cues_are_inconclusive_with_both_named():
    v = verdict([_cue("planar_motion", "attack"), _cue("recapture_texture", "attack"),
                 _cue("vendor_pad_model", "live", 0.99, validated=True)], 30, 30)
    assert v["verdict"] == "inconclusive"
    conflict = json.dumps(next(r for r in v["reasons"] if r["code"] == "LV_CONFLICT"))
    assert "vendor_pad_model" in conflict and "planar_motion" in conflict
    assert "disagree" in render("LV_CONFLICT", next(r for r in v["reasons"] if r["code"] == "LV_CONFLICT")["params"],
                                translator("en"))


def test_live_needs_a_physical_sign_and_a_replay_excluded():
    pad_live = _cue("vendor_pad_model", "live", 0.99, validated=True)
    assert verdict([pad_live, _cue("planar_motion", "live")], 30, 30)["verdict"] == "live"
    assert verdict([pad_live], 30, 30)["verdict"] == "inconclusive"
    assert verdict([_cue("planar_motion", "live"), _cue("eye_blinks", "live")], 30, 30)["verdict"] == "inconclusive"
    v = verdict([pad_live, _cue("planar_motion", "live")], 30, 30)
    assert any(r["code"] == "LV_FACE_SWAP_NOT_EXCLUDED" for r in v["reasons"])


def _padded(path, k, out):
    from forensics_app.io.video import iter_frames, probe_video
    frames = [rgb for _i, _t, rgb in iter_frames(path)]
    return simulate.write_video([f for f in frames for _ in range(k)], out, fps=probe_video(path).fps * k)


@pytest.mark.shared_data
@pytest.mark.parametrize("clip", ["clips/live/liveportrait_d0.mp4", "clips/live/lestari15_real.mp4"])
def test_padding_a_live_clip_never_yields_an_attack(shared_data, models, pad, tmp_path, clip):
    """A recorder padding a slow camera repeats each frame: x2 and x3 give the same verdict as the
    original and never an attack (motion, blinks and the PAD score are judged on distinct frames)."""
    src = shared_data / "liveness_real" / clip
    base = analyse_clip(models, src, pad=pad)
    assert base["verdict"] != "attack_suspected"
    for k in (2, 3):
        r = analyse_clip(models, _padded(src, k, tmp_path / f"x{k}.avi"), pad=pad)
        assert r["verdict"] != "attack_suspected", (k, r["reasons"])
        assert r["verdict"] == base["verdict"], (k, r["reasons"], base["reasons"])
        assert r["distinct_frames"] == pytest.approx(base["distinct_frames"], abs=2)


def test_single_still_is_inconclusive():
    r = assess_stills_only(1, ["stm/frames/0001.jpg"])
    assert r["verdict"] == "inconclusive" and r["species"] is None
    assert [x["code"] for x in r["reasons"]] == ["LV_STILLS_ONLY"] and r["reasons"][0]["params"] == {"n": 1}


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
@pytest.mark.parametrize("which", ["builtin", "plug-in"])
def test_pad_reproduces_the_spec(shared_data, tmp_path, which):
    """The shipped pair (default) and the same files through a plug-in descriptor give the spec's figures."""
    from forensics_app.core import pad as padmod
    pad = padmod.load("builtin" if which == "builtin" else pad_descriptor(tmp_path, shared_data))
    spec = {"image_T1.jpg": ((106, 147, 207, 213), "live", 0.9936),
            "image_F1.jpg": ((178, 136, 223, 225), "attack", 0.7316),
            "image_F2.jpg": ((120, 252, 252, 256), "attack", 0.8172)}
    for name, (box, label, conf) in spec.items():
        out = pad.classify(cv2.imread(str(shared_data / "pad/samples" / name)), box)
        assert out["label"] == label and out["confidence"] == pytest.approx(conf, abs=1e-4), name
    assert {m["name"] for m in pad.info} == {"minifasnet_v2_2.7_80x80.onnx", "minifasnet_v1se_4.0_80x80.onnx"}


def test_shipped_pad_models_carry_licence_and_hashes():
    from forensics_app.core import pad as padmod
    from forensics_app.core.hashing import sha256_file
    folder = padmod.BUILTIN_DESCRIPTOR.parent
    d = json.loads(padmod.BUILTIN_DESCRIPTOR.read_text())
    assert "Apache License" in (folder / "LICENSE-Silent-Face-Anti-Spoofing.txt").read_text()
    notice = (folder / "NOTICE.txt").read_text()
    for m in d["models"]:
        assert sha256_file(folder / m["path"]) == m["sha256"] and m["sha256"] in notice
    assert "not published" in d["training_data"]
    assert padmod.load("none") is None and padmod.load(None).name == d["name"]


def test_tampered_pad_model_is_refused(tmp_path):
    import shutil
    from forensics_app.core import pad as padmod
    from forensics_app.errors import InputError
    d = json.loads(padmod.BUILTIN_DESCRIPTOR.read_text())
    for m in d["models"]:
        shutil.copy(padmod.BUILTIN_DESCRIPTOR.parent / m["path"], tmp_path / m["path"])
    with open(tmp_path / d["models"][0]["path"], "ab") as f:
        f.write(b"\0")
    (tmp_path / "pad.json").write_text(json.dumps(d))
    with pytest.raises(InputError, match="SHA-256"):
        padmod.PadModel.load(tmp_path / "pad.json")


def test_pad_descriptor_errors_are_clear(tmp_path):
    from forensics_app.core.pad import PadModel
    from forensics_app.errors import InputError
    bad = tmp_path / "pad.json"
    bad.write_text(json.dumps({"models": [{"path": "missing.onnx", "scale": 2.7}]}))
    with pytest.raises(InputError, match="missing"):
        PadModel.load(bad)


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
    feats = [{"frame": f"c#{i}", "face": True, "glare": 0.2, "stops": 1.0, "texture_peak": 1.0} for i in range(20)]
    v = assess({"frames": feats}, 15.0, 20 / 15)
    assert v["verdict"] != "attack_suspected"
    assert {c["name"]: c["points_to"] for c in v["cues"]}["specular_glare"] == "attack"


def test_print_with_a_smaller_face_shows_planar_motion(models, tmp_path):
    """The wider crop leaves eyes ~33 px apart: too coarse for 68-point planarity, not for feature tracks.
    Planar motion alone is one physical cue: named, it stops a live verdict, it does not make an attack."""
    still, _ = read_image(DEMO / "stm/frames/0001.jpg")
    r = analyse_clip(models, _clip(tmp_path, simulate.print_attack(still[20:460, 120:520], n=60, seed=11), "p"))
    planar = next(c for c in r["cues"] if c["name"] == "planar_motion")
    assert planar["points_to"] == "attack" and r["verdict"] == "inconclusive"
    assert any("planar_motion" in json.dumps(x) for x in r["reasons"])
