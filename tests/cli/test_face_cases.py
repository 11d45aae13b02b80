"""The face comparison across whole cases: the reportable LR is the same in results and
`compare`; the summary never states support for the card holder's face without the presentation
caveat on the demo cases; a live same-person capture states support."""

import json
import re
import shutil

import cv2
import numpy as np
import pytest

from helpers import DEMO, ROOT, run_cli

PRINT_DEMO = ROOT / "sample_cases" / "print-attack-video"
CAVEAT = "a face match cannot show who was present"
CAVEAT_ZH = "人脸相符不能证明终端前在场者是谁"
FACE = "likelihood ratio of the face comparison"


def _texts(res, lang):
    from forensics_app.i18n import translator
    from forensics_app.i18n.render import value_text
    return [value_text(x, translator(lang)) for x in res["summary"]["statements"]]


def _analyze(case, out):
    r = run_cli("analyze", case, "--out", out, "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    return json.loads((out / "results.json").read_text("utf-8"))


def _support_without_caveat(en: list[str], zh: list[str]) -> list[str]:
    """Summary sentences that state support for the same person (Hp) without the presentation
    caveat in the same sentence, in either language."""
    bad = [x for x in en if ("for Hp" in x or "support for the same" in x) and CAVEAT not in x]
    # "对Hp（持卡人的人脸）的中等支持" (the glossary's form), or the older "支持Hp"
    return bad + [x for x in zh if re.search(r"对Hp（持卡人[^）]*）的[^，。；）]*支持|支持Hp", x) and CAVEAT_ZH not in x]


def test_the_support_check_catches_a_missing_caveat():
    en = ["The reportable likelihood ratio of the face comparison is 54 (moderate support for Hp (the card holder's face))."]
    zh = ["人脸比对的可报告的似然比为54（对Hp（持卡人的人脸）的中等支持）。"]
    assert _support_without_caveat(en, []) == en and _support_without_caveat([], zh) == zh
    assert _support_without_caveat([en[0][:-1] + ", but " + CAVEAT + "."], [zh[0] + CAVEAT_ZH]) == []


def _check_caveat(res):
    assert res["face_comparison"]["presentation_caveat"]["applies"]
    assert res["summary"]["presentation_caveat"]["applies"]
    en, zh = _texts(res, "en"), _texts(res, "zh")
    assert en, "empty summary"
    face = [x for x in en if FACE in x]
    assert face and all(CAVEAT in x for x in face), en
    assert FACE not in en[0]                        # never leads the summary
    assert any(CAVEAT_ZH in x for x in zh), zh
    # no sentence, in either language, states support for the same person without the caveat
    assert _support_without_caveat(en, zh) == [], (en, zh)


@pytest.mark.slow
def test_one_still_case_and_compare_give_the_same_reportable_lr(tmp_path):
    case = tmp_path / "GZ"
    shutil.copytree(DEMO, case)
    res = _analyze(case, tmp_path / "o")
    fc = res["face_comparison"]
    assert fc["primary"] == "sface" and fc["frames_used"] == 1
    r = run_cli("compare", DEMO / "id/id_photo.jpg", DEMO / "stm/frames/0001.jpg", "--json",
                "--population", fc["population"]["key"])
    assert r.returncode == 0, r.stderr
    cmp = json.loads(r.stdout)
    assert cmp["likelihood_ratio"] == fc["likelihood_ratio"] and cmp["verbal_scale"] == fc["verbal_scale"]
    assert [a["likelihood_ratio"] for a in cmp["algorithms"]] == [a["likelihood_ratio"] for a in fc["algorithms"]]
    # both algorithms, their calibrations (with digests), validation intervals and the population's reason
    assert [a["algorithm"] for a in fc["algorithms"]] == ["sface", "dlib"]
    for a in fc["algorithms"]:
        assert len(a["calibration"]["sha256"]) == 64 and a["validation"]["cllr"]["ci95"]
    assert fc["population"]["key"] == "east_asian_vendor_fmr_1e-3" and "vendor_fmr" in fc["population"]["reason"]
    names = {m["name"]: m for m in res["software"]["models"]}
    assert "not stated" in names["face_recognition_sface_2021dec_int8bq.onnx"]["training_data"]
    from forensics_app.i18n import translator
    from forensics_app.i18n.render import value_text
    assert "comes from the card holder" in value_text(res["propositions"]["Hp"], translator("en"))
    # the demo's still is made from its ID photo: no LR at all, and the summary says why
    assert fc["status"] == "reproduction_suspected" and fc["likelihood_ratio"] is None
    en, zh = _texts(res, "en"), _texts(res, "zh")
    assert any("gives no likelihood ratio" in x and "reproduction of the ID photo" in x for x in en), en
    assert any("证件照的复制" in x for x in zh), zh
    assert _support_without_caveat(en, zh) == [], (en, zh)


@pytest.mark.slow
def test_print_attack_demo_keeps_the_caveat(tmp_path):
    case = tmp_path / "PR"
    shutil.copytree(PRINT_DEMO, case)
    res = _analyze(case, tmp_path / "o")
    assert res["liveness"]["verdict"] != "live"
    _check_caveat(res)


@pytest.mark.slow
@pytest.mark.shared_data
def test_live_same_person_capture_states_support(shared_data, tmp_path):
    """NUAA subject 0004 (Chinese, live webcam): the ID photo is a simulated chip photo made from one
    session, the capture a clip of another session of the same person."""
    from forensics_app.core.chipphoto import chip_params, make_chip
    from forensics_app.core.facedesc import Engines, describe
    nuaa = shared_data / "liveness_real/nuaa/live"
    ref_dir, cap_dir = nuaa / "0004_01_06_03", nuaa / "0004_01_00_01"
    if not (ref_dir.is_dir() and cap_dir.is_dir()):
        pytest.skip("NUAA subject 0004 not present in ../shared/data")
    case = tmp_path / "LIVE"
    (case / "id").mkdir(parents=True)
    (case / "stm").mkdir()
    eng = Engines.load(with_dlib=False)
    ref = cv2.imread(str(sorted(ref_dir.glob("*.jpg"))[0]))[..., ::-1]
    d = describe(eng, ref, with_sface=False)
    chip = make_chip(ref, d.face.landmarks5, **chip_params("test"))
    cv2.imwrite(str(case / "id/id_photo.jpg"), chip[..., ::-1])
    frames = sorted(cap_dir.glob("*.jpg"), key=lambda p: int(p.stem.rsplit("_", 1)[1]))
    first = cv2.imread(str(frames[0]))
    vw = cv2.VideoWriter(str(case / "stm/capture.mp4"), cv2.VideoWriter_fourcc(*"mp4v"), 10,
                         (first.shape[1], first.shape[0]))
    for f in frames:
        vw.write(cv2.imread(str(f)))
    vw.release()
    (case / "case.json").write_text(json.dumps({
        "format": "forensics-case/1", "case_id": "LIVE-0004", "language": "en", "timezone": "Asia/Shanghai",
        "reference_population": "east_asian",
        "evidence": [{"role": "id_photo", "path": "id/id_photo.jpg"}, {"role": "stm_video", "path": "stm/capture.mp4"}]}))
    res = _analyze(case, tmp_path / "o")
    fc = res["face_comparison"]
    assert fc["verbal_scale"]["favours"] == "Hp" and fc["verbal_scale"]["rank"] >= 1, fc["verbal_scale"]
    lines = [x for x in _texts(res, "en") if FACE in x and "for Hp" in x]
    assert lines, _texts(res, "en")
    # the caveat follows support for Hp whatever the liveness verdict: a live verdict does not exclude an
    # injected image (a face swap, or a recording of the card holder fed into the camera input)
    assert CAVEAT in lines[0], lines[0]
    if res["liveness"]["verdict"] == "live":
        assert "injected image" in lines[0], lines[0]
