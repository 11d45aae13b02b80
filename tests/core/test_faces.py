"""Face detection, quality and comparison on the demo case's public-domain images."""

import cv2
import numpy as np
import pytest

from helpers import DEMO
from forensics_app.core.facecompare import FaceParams, compare
from forensics_app.core.faces import analyse_faces
from forensics_app.core.quality import decide, measure
from forensics_app.io import calibrations
from forensics_app.io.images import read_image

ID = DEMO / "id/id_photo.jpg"
STILL = DEMO / "stm/frames/0001.jpg"


@pytest.fixture(scope="module")
def imgs():
    return read_image(ID)[0], read_image(STILL)[0]


def test_chip_photo_is_found_by_upsampling(face_models, imgs):
    id_rgb, _ = imgs
    assert id_rgb.shape[:2] == (126, 102)
    faces = analyse_faces(face_models, id_rgb)
    assert len(faces) == 1 and faces[0].embedding.shape == (128,)


def test_quality_gates(face_models, imgs):
    _, still = imgs
    f = analyse_faces(face_models, still)[0]
    q = measure(still, f)
    assert decide(q) == [] and q["inter_eye_px"] > 24 and abs(q["yaw_deg"]) < 15
    blurred = cv2.GaussianBlur(still, (0, 0), 6)
    qb = measure(blurred, analyse_faces(face_models, blurred)[0] if analyse_faces(face_models, blurred) else f)
    assert any("blurred" in r for r in decide(qb))
    dark = (still * 0.1).astype(np.uint8)
    assert any("exposed" in r for r in decide(measure(dark, f)))


def _frames(rgbs):
    return [(f"v.mp4#{i}", i, i * 66.7, x) for i, x in enumerate(rgbs)]


def test_compare_reports_every_frame_and_the_extra_person(face_models, imgs):
    id_rgb, still = imgs
    cal = calibrations.load("east_asian")
    empty = np.full_like(still, 90)
    two = np.concatenate([still[:, 120:440], still[:, 120:440]], axis=1)
    frames = [("a.jpg", 0, 0.0, still), ("b.jpg", 0, 0.0, empty), ("c.jpg", 0, 0.0, two)]
    res = compare(face_models, id_rgb, frames, 3, cal)
    pf = {r["frame"]: r for r in res["per_frame"]}
    assert pf["a.jpg"]["usable"] and pf["a.jpg"]["distance"] < cal.threshold_lr1
    assert pf["b.jpg"]["reasons"] == ["no face detected"]
    assert pf["c.jpg"]["others"], "second face not reported"
    assert res["multiple_people"] == ["c.jpg"]
    assert res["frames_total"] == 3 and res["frames_used"] == 2
    assert res["frames_not_used"] == {"no face detected": 1}
    assert res["likelihood_ratio"] > 1 and res["verbal_scale"]["favours"] == "Hp"
    assert res["reference_reproduction"]["suspected"], "a copy of the ID photo must look suspiciously close"


def test_single_still_never_reads_strong(face_models, imgs):
    id_rgb, still = imgs
    res = compare(face_models, id_rgb, [("a.jpg", 0, 0.0, still)], 1, calibrations.load("general"))
    assert res["single_still_capped"] and res["verbal_scale"]["rank"] <= 3


def test_results_do_not_depend_on_worker_count(face_models, imgs):
    id_rgb, still = imgs
    rng = np.random.default_rng(3)
    rgbs = []
    for i in range(40):
        m = np.float32([[1, 0, 3 * np.sin(i / 4)], [0, 1, 2 * np.cos(i / 5)]])
        f = cv2.warpAffine(still, m, (still.shape[1], still.shape[0]), borderMode=cv2.BORDER_REFLECT)
        rgbs.append(np.clip(f + rng.normal(0, 2, f.shape), 0, 255).astype(np.uint8))
    cal = calibrations.load("east_asian")
    one = compare(face_models, id_rgb, _frames(rgbs), 40, cal, FaceParams(), workers=1)
    two = compare(face_models, id_rgb, _frames(rgbs), 40, cal, FaceParams(), workers=2)
    assert one == two
    assert any(r["tracked"] for r in one["per_frame"]), "video frames between detections should be tracked"
    naive = compare(face_models, id_rgb, _frames(rgbs), 40, cal, FaceParams(detect_every=1), workers=1)
    assert naive["verbal_scale"] == one["verbal_scale"] and naive["frames_used"] == one["frames_used"]
