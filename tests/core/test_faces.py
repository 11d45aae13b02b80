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
    assert "not stated" in sf["training_data"] and sf["licence_msg"] == {"code": "LIC.sface", "params": {}}
    assert info[sface.YUNET_FILE]["sha256"] == sface.PINNED_SHA256[sface.YUNET_FILE]


def test_tampered_model_is_refused(monkeypatch):
    monkeypatch.setitem(sface.PINNED_SHA256, sface.SFACE_FILE, "0" * 64)
    from forensics_app.errors import ModelError
    with pytest.raises(ModelError, match="differs from the pinned") as exc:
        sface._read_model(sface.SFACE_FILE)
    assert isinstance(exc.value, sface.ModelFileError) and exc.value.path == sface.SFACE_FILE


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
    assert d is None or any(r["code"] == "QR.blurred" for r in decide(d.quality))


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
    assert pf["b.jpg"]["reasons"] == [{"code": "QR.no_face", "params": {}}]
    assert pf["c.jpg"]["others"], "second face not reported"
    assert res["multiple_people"] == ["c.jpg"]
    assert res["frames_total"] == 3 and res["frames_not_used"].get("QR.no_face") == 1
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
    """A single still is capped at the top of "moderately strong". (The demo's still is made from its
    ID photo, so it gives no LR at all: see test_lrscope; the cap is checked on a score just above the
    reproduction threshold, where the general calibration's LR is above 100.)"""
    from forensics_app.core.facecompare import FaceParams
    from forensics_app.core.facesummary import summarise
    from forensics_app.core.lrscope import reproduction_threshold
    id_rgb, still = imgs
    res = compare(engines, id_rgb, [("a.jpg", 0, 0.0, still)], 1, calibrations.for_population("general"))
    assert res["status"] == "reproduction_suspected" and res["verbal_scale"] is None
    cals = calibrations.for_population("general")
    d = reproduction_threshold(cals["sface"]) + 0.01
    assert cals["sface"].lr(d) > 1000
    row = {"frame": "a.jpg", "usable": True, "reasons": [], "distances": {"sface": d, "dlib": 0.3}}
    out = summarise([row], True, {"validated_range": {a: {"inside": True} for a in cals}}, cals, FaceParams())
    assert out["status"] == "analysed" and out["verbal_scale"]["rank"] == 3 and out["single_still_capped"]


def _moving(still, n, seed=3):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        m = np.float32([[1, 0, 3 * np.sin(i / 4)], [0, 1, 2 * np.cos(i / 5)]])
        f = cv2.warpAffine(still, m, (still.shape[1], still.shape[0]), borderMode=cv2.BORDER_REFLECT)
        out.append(np.clip(f + rng.normal(0, 2, f.shape), 0, 255).astype(np.uint8))
    return out


def test_video_frames_are_compared_on_the_stated_sample_of_each_track(engines, imgs, cals, monkeypatch):
    from forensics_app.core import facecompare
    monkeypatch.setattr(facecompare, "refinement", lambda per_frame, cals: {"needed": False})   # the rule alone
    id_rgb, still = imgs
    rgbs = _moving(still, 40)
    res = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams(sface_every=10, dlib_every=3))
    used = [r for r in res["per_frame"] if r["usable"]]
    assert len(used) == 40 and {r.get("track") for r in used} == {1}
    sampled = [k for k, r in enumerate(used) if "sface" in r["distances"]]
    assert sampled == [0, 10, 20, 30, 39]                      # every 10th usable frame and the track's last
    assert [k for k, r in enumerate(used) if "dlib" in r["distances"]] == [0, 30]   # every 3rd of those
    s = res["sampling"]
    assert s["tracks"] == 1 and s["track_starts"]["first_frame"] == 1 and s["usable_frames"] == 40
    assert s["compared"] == {"sface": 5, "dlib": 2} and s["rule"] == "tracks" and not s["refinement"]["needed"]
    assert res["algorithms"][0]["frames_compared"] == 5
    full = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams(sface_every=1, dlib_every=1))
    assert full["sampling"]["compared"] == {"sface": 40, "dlib": 40} and full["sampling"]["rule"] == "every_usable_frame"
    by = {r["frame"]: r for r in full["per_frame"]}
    for r in used:       # a compared frame has the distance the every-frame path gives it
        for alg, d in r["distances"].items():
            assert by[r["frame"]]["distances"][alg] == d
    # the same decision: the demo's still is its ID photo, so both withhold the LR (core/lrscope.py)
    assert res["status"] == full["status"] == "reproduction_suspected"
    assert res["verbal_scale"] == full["verbal_scale"]


def test_a_sample_that_cannot_settle_the_band_is_completed_with_every_usable_frame(engines, imgs, cals):
    from forensics_app.core.facecompare import MIN_SAMPLE, refinement
    id_rgb, still = imgs
    rgbs = _moving(still, 40)
    res = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams(sface_every=10))   # 5 < MIN_SAMPLE
    assert MIN_SAMPLE > 5 and res["sampling"]["refinement"]["needed"]
    assert res["sampling"]["compared"]["sface"] == 40 and res["algorithms"][0]["frames_compared"] == 40
    full = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams(sface_every=1))
    assert [r["distances"]["sface"] for r in res["per_frame"]] == [r["distances"]["sface"] for r in full["per_frame"]]
    assert res["log10_lr"] == full["log10_lr"] and res["median_distance"] == full["median_distance"]
    # an interval across a band edge asks for every frame; one inside a band does not
    cal = cals["sface"]
    from forensics_app.core.lr import verbal_band
    xs = np.arange(0.0, 1.0, 0.001)
    bands = [verbal_band(cal.lr(x))["band"] for x in xs]
    cuts = [k for k in range(1, len(xs)) if bands[k] != bands[k - 1]]
    assert len(cuts) >= 2, "the calibration crosses fewer than two band edges"
    edge = xs[cuts[0]]
    rows = [{"usable": True, "distances": {"sface": edge + dx}} for dx in np.linspace(-0.02, 0.02, 21)]
    assert refinement(rows, {"sface": cal})["why"] == "spans_band_edge"
    ins = cal.metrics["in_sample"]
    thr = ins["same_mean"] - 3 * ins["same_sd"]                                     # the reproduction check's
    a, b = next((xs[i], xs[j]) for i, j in zip(cuts, cuts[1:]) if not xs[i] - 0.01 < thr < xs[j] + 0.01)
    rows = [{"usable": True, "distances": {"sface": (a + b) / 2 + dx}} for dx in np.linspace(-0.001, 0.001, 21)]
    assert refinement(rows, {"sface": cal}) | {"median_ci95": None} == {
        "needed": False, "compared": 21, "median_ci95": None, "why": "settled"}     # inside one band
    rows = [{"usable": True, "distances": {"sface": thr + dx}} for dx in np.linspace(-0.005, 0.005, 21)]
    assert refinement(rows, {"sface": cal})["needed"]                                # across the reproduction threshold


def _put_face(dst_rgb, dst_lm, src_rgb, src_lm):
    """``src``'s face warped so that its 5 points land on ``dst``'s, pasted over dst's face region."""
    m = sface.similarity_transform(src_lm, dst_lm)
    h, w = dst_rgb.shape[:2]
    warped = cv2.warpAffine(src_rgb, m, (w, h))
    mask = cv2.warpAffine(np.ones(src_rgb.shape[:2], np.float32), m, (w, h))
    c = dst_lm.mean(0)
    r = 1.6 * np.linalg.norm(dst_lm[0] - dst_lm[1])
    yy, xx = np.mgrid[0:h, 0:w]
    region = (((xx - c[0]) ** 2 + (yy - c[1]) ** 2) < r * r) & (mask > 0.99)
    out = dst_rgb.copy()
    out[region] = warped[region]
    return out


def test_a_face_spliced_into_a_track_starts_a_new_one_and_is_compared(engines, imgs, cals, shared_data):
    """A fraudster pastes another person's face, aligned to the subject's, into 4 frames of a
    continuous track, between the sampled positions: the tracker must break there, and the spliced
    frames must be compared with the ID photo."""
    id_rgb, still = imgs
    other = read_image(shared_data / "faces/lfw_subset/Ai_Sugiyama/Ai_Sugiyama_0001.jpg")[0]
    o_lm = sface.detect(engines.yu, other)[0].landmarks5
    rgbs = _moving(still, 40)
    for k in range(12, 16):
        lm = sface.detect(engines.yu, rgbs[k])[0].landmarks5
        rgbs[k] = _put_face(rgbs[k], lm, other, o_lm)
    res = compare(engines, id_rgb, _frames(rgbs), 40, cals, FaceParams())
    rows = res["per_frame"]
    assert rows[12].get("track_start") in ("appearance_jump", "box_jump", "face_count_changed"), rows[12]
    spliced = [r for r in rows[12:16] if "sface" in r["distances"]]
    assert spliced, "no spliced frame was compared"
    genuine = [r["distances"]["sface"] for r in rows[:12] if "sface" in r["distances"]]
    assert min(r["distances"]["sface"] for r in spliced) > max(genuine)     # the other face shows as such
    assert res["sampling"]["tracks"] >= 3           # before, during and after the splice