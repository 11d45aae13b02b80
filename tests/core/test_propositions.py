"""The presentation caveat and the face statement of the summary (no models needed)."""

from forensics_app.core.lr import verbal_band
from forensics_app.core.model import FaceComparison, Liveness
from forensics_app.core.propositions import face_statement, presentation_caveat
from forensics_app.core.rules import evaluate
from forensics_app.core.timeline import summary_statement
from forensics_app.i18n import translator
from forensics_app.i18n.render import value_text

EN, ZH = translator("en"), translator("zh")
CAVEAT_EN, CAVEAT_ZH = "a face match cannot show who was present", "人脸相符不能证明终端前在场者是谁"


def _face(lr, repro=False, frames=3):
    return {"likelihood_ratio": lr, "verbal_scale": verbal_band(lr), "frames_used": frames, "median_distance": 0.3,
            "median_frame": "f.jpg", "calibration": {"name": "sface_chip_east_asian_vendor_fmr_1e-3"},
            "reference_reproduction": {"suspected": repro}, "status": "analysed"}


def _typed_face(lr, repro=False, frames=3) -> FaceComparison:
    from test_rules import face_result
    return FaceComparison.from_json(face_result(**_face(lr, repro, frames)))


def _lv(verdict, species=None) -> Liveness:
    from test_rules import liveness_result
    return Liveness.from_json(liveness_result(verdict=verdict, species=species))


def _texts(s, tr):
    return [value_text(x, tr) for x in s["statements"]]


def test_caveat_in_the_same_sentence_and_after_the_liveness_statement():
    for lv, repro in ((_lv("inconclusive"), False), (_lv("attack_suspected", "print"), False), (_lv("live"), True)):
        s = summary_statement([], [], _typed_face(800.0, repro), lv)
        assert s["presentation_caveat"]["applies"]
        en, zh = _texts(s, EN), _texts(s, ZH)
        face_en = [x for x in en if "likelihood ratio of the face comparison" in x]
        assert len(face_en) == 1 and CAVEAT_EN in face_en[0], en
        assert en.index(face_en[0]) > [i for i, x in enumerate(en) if x.startswith("Liveness")][0]
        assert any(CAVEAT_ZH in x for x in zh), zh


def test_live_capture_states_support_without_caveat():
    s = summary_statement([], [], _typed_face(800.0), _lv("live"))
    assert not s["presentation_caveat"]["applies"]
    en = _texts(s, EN)
    assert any("likelihood ratio of the face comparison is 800" in x and CAVEAT_EN not in x for x in en), en


def test_lr_between_1_and_2_is_no_support_for_either():
    f = _typed_face(1.6)
    st = face_statement(f, presentation_caveat(f, _lv("live")))
    text = value_text(st, EN)
    assert "neither proposition" in text, text


def _ctx(lr):
    from test_rules import face_result, liveness_result
    return {"manifest": {}, "records": {}, "tz": "Asia/Shanghai", "roles": {"stm_frames_members": []},
            "log_rows": [], "log_errors": [], "face": face_result(**_face(lr)),
            "liveness": liveness_result(verdict="live"), "authenticity": None, "inputs": [], "frame_times": [],
            "media_terminals": [], "capture_tolerance_s": 120}


def test_no_rule_calls_a_near_1_lr_critical():
    for lr in (0.55, 0.9, 1.0, 1.2, 1.9):
        findings, _ = evaluate(_ctx(lr))
        crit = [f for f in findings if f["severity"] == "critical" and f["rule"].startswith("FACE")]
        assert not crit, (lr, crit)
    findings, _ = evaluate(_ctx(0.01))
    assert any(f["rule"] == "FACE_MATCH_NOT_SUPPORTED" for f in findings)


def test_caveat_without_a_liveness_result_says_not_analysed():
    cav = presentation_caveat(_typed_face(800.0), None)
    assert cav["applies"] and cav["codes"] == ["liveness_not_analysed"]
    assert face_statement(None, cav) is None
