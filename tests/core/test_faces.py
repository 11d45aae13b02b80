"""Face detection, quality and comparison (YuNet + SFace beside dlib) on the demo case's
public-domain images."""

import cv2
import numpy as np
import pytest

from helpers import DEMO
from forensics_app.core import sface
from forensics_app.core.facecompare import FaceParams, compare
from forensics_app.core.facedesc import describe, distance
from forensics_app.core.quality import decide
from forensics_app.io import calibrations
from forensics_app.io.images import read_image

ID = DEMO / "id/id_photo.jpg"
STILL = DEMO / "stm/frames/0001.jpg"


@pytest.fixture(scope="module")
def imgs():
    return read_image(ID)[0], read_image(STILL)[0]


@pytest.fixture(scope="module")
def cals():
    return calibrations.for_population("east_asian_vendor_fmr_1e-3")


def test_models_are_the_pinned_files_and_prepared_in_memory(engines):
    info = {m["name"]: m for m in engines.info()}
    sf = info[sface.SFACE_FILE]
    assert sf["sha256"].startswith("fb143eea") and sf["prepared_sha256"] != sf["sha256"]
    assert "not stated" in sf["training_data"] and "Apache-2.0" in sf["licence"]
    assert info[sface.YUNET_FILE]["sha256"] == sface.PINNED_SHA256[sface.YUNET_FILE]


def test_tampered_model_is_refused(monkeypatch):
    monkeypatch.setitem(sface.PINNED_SHA256, sface.SFACE_FILE, "0" * 64)
    with pytest.raises(sface.ModelFileError, match="differs from the pinned"):
        sface._read_model(sface.SFACE_FILE)


def test_alignment_matches_the_template():
    pts = sface.TEMPLATE_112 * 2.5 + [40, 17]
    m = sface.similarity_transform(pts, sface.TEMPLATE_112)
    back = pts @ m[:, :2].T + m[:, 2]
    assert np.allclose(back, sface.TEMPLATE_112, atol=1e-6)


def test_chip_photo_and_still_agree_by_both_algorithms(engines, imgs):
    id_rgb, still = imgs
    assert id_rgb.shape[:2] == (126, 102)
    a, b = describe(engines, id_rgb, with_dlib=True), describe(engines, still, with_dlib=True)
    assert a is not None and b is not None and a.sface.shape == (128,) and a.dlib.shape == (128,)
    assert abs(np.linalg.norm(a.sface) - 1) < 1e-6
    # the demo ID photo and still show one person: both below each calibration's LR = 1 point
    c = calibrations.for_population("east_asian")
    assert distance("sface", a.sface, b.sface) < c["sface"].threshold_lr1
    assert distance("dlib", a.dlib, b.dlib) < c["dlib"].threshold_lr1


def test_quality_gates(engines, imgs):
    _, still = imgs
    q = describe(engines, still, with_sface=False).quality
    assert decide(q) == [] and q["inter_eye_px"] > 24 and abs(q["yaw_deg"]) < 15
    blurred = cv2.GaussianBlur(still, (0, 0), 6)
    d = describe(engines, blurred, with_sface=False)
    assert d is None or any("blurred" in r for r in decide(d.quality))


def _frames(rgbs):
    return [(f"v.mp4#{i}", i, i * 66.7, x) for i, x in enumerate(rgbs)]


def test_compare_reports_every_frame_and_the_extra_person(engines, imgs, cals):
    id_rgb, still = imgs
    empty = np.full_like(still, 90)
    two = np.concatenate([still[:, 120:440], still[:, 120:440]], axis=1)
    frames = [("a.jpg", 0, 0.0, still), ("b.jpg", 0, 0.0, empty), ("c.jpg", 0, 0.0, two)]
    res = compare(engines, id_rgb, frames, 3, cals)
    pf = {r["frame"]: r for r in res["per_frame"]}
    assert pf["a.jpg"]["usable"] and pf["a.jpg"]["distance"] < cals["sface"].threshold_lr1
    assert set(pf["a.jpg"]["distances"]) == {"sface", "dlib"}
    assert pf["b.jpg"]["reasons"] == ["no face detected"]
    assert pf["c.jpg"]["others"], "second face not reported"
    assert res["multiple_people"] == ["c.jpg"]
    assert res["frames_total"] == 3 and res["frames_not_used"].get("no face detected") == 1
    assert res["primary"] == "sface" and [a["algorithm"] for a in res["algorithms"]] == ["sface", "dlib"]
    assert res["likelihood_ratio"] == res["algorithms"][0]["likelihood_ratio"]
    assert res["algorithms"][0]["calibration"]["sha256"] and res["algorithms"][0]["validation"]["cllr"]["ci95"]


def test_id_photo_outside_the_validated_range_gives_no_lr(engines, imgs, cals):
    id_rgb, still = imgs
    tiny = cv2.resize(id_rgb, (51, 63), interpolation=cv2.INTER_AREA)      # eyes ~13 px apart
    res = compare(engines, tiny, [("a.jpg", 0, 0.0, still)], 1, cals)
    if res["id_photo"].get("faces_detected", 0) == 0:
        pytest.skip("no face found at this size at all")
    assert res["status"] == "outside_validated_range" and res["likelihood_ratio"] is None
    assert all(a["status"] == "outside_validated_range" for a in res["algorithms"])
    assert any("inter_eye_px" in x for x in res["outside"])


def test_standard_chip_photo_is_inside_the_range(engines, imgs, cals):
    id_rgb, still = imgs
    res = compare(engines, id_rgb, [("a.jpg", 0, 0.0, still)], 1, cals)
    assert res["id_photo"]["validated_range"]["sface"]["inside"], res["id_photo"]["validated_range"]


def test_single_still_never_reads_strong(engines, imgs):
    id_rgb, still = imgs
    res = compare(engines, id_rgb, [("a.jpg", 0, 0.0, still)], 1, calibrations.for_population("general"))
    assert res["verbal_scale"]["rank"] <= 3
    assert res["single_still_capped"] or res["verbal_scale"]["rank"] < 3


def test_results_do_not_depend_on_worker_count(engines, imgs, cals):
    id_rgb, still = imgs
    rng = np.random.default_rng(3)
    rgbs = []
    for i in range(40):
        m = np.float32([[1, 0, 3 * np.sin(i / 4)], [0, 1, 2 * np.cos(i / 5)]])
        f = cv2.warpAffine(still, m, (still.shape[1], still.shape[0]), borderMode=cv2.BORDER_REFLECT)
        rgbs.append(np.clip(f + rng.normal(0, 2, f.shape), 0, 255).astype(np.uint8))
    one = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams(), workers=1)
    two = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams(), workers=2)
    assert one == two
    used = [r for r in one["per_frame"] if r["usable"]]
    assert all("dlib" in r["distances"] for r in used if r["index"] % 5 == 0)
    assert not any("dlib" in r["distances"] for r in used if r["index"] % 5)
