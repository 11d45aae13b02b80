"""The presentation caveat and the face statement of the summary (no models needed)."""

from forensics_app.core.lr import verbal_band
from forensics_app.core.model import FaceComparison, Liveness
from forensics_app.core.propositions import face_statement, presentation_caveat
from forensics_app.core.rules import evaluate
from forensics_app.core.timeline import summary_statement
from forensics_app.i18n import translator
from forensics_app.i18n.render import value_text
from test_rules import ctx, status

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


def test_live_capture_states_support_with_the_injection_caveat():
    """A live verdict rests on cues an injected face swap or a replayed recording of the card holder
    also gives (APCER injection 12/12): support for Hp is stated, but never as "she was there"."""
    s = summary_statement([], [], _typed_face(800.0), _lv("live"))
    cav = s["presentation_caveat"]
    assert cav["applies"] and cav["codes"] == ["injection_not_excluded"]
    en, zh = _texts(s, EN), _texts(s, ZH)
    face_en = [x for x in en if "likelihood ratio of the face comparison is 800" in x]
    assert len(face_en) == 1 and CAVEAT_EN in face_en[0] and "injected image" in face_en[0], en
    assert any(CAVEAT_ZH in x and "注入图像" in x for x in zh), zh
    assert any(x.startswith("Liveness: signs of a live face, and no cues of a printed photo") for x in en), en
    assert not any("真人" in x for x in zh), zh


def test_lr_between_1_and_2_is_no_support_for_either():
    f = _typed_face(1.6)
    st = face_statement(f, presentation_caveat(f, _lv("live")))
    text = value_text(st, EN)
    assert "(no support for either proposition)" in text and "Hp" not in text, text   # no proposition favoured
    zh = value_text(st, translator("zh"))
    assert "不支持任一命题" in zh and "Hp" not in zh, zh


def test_summary_states_that_injection_is_not_detected_with_its_measured_rate():
    from forensics_app.core.liveness_verdict import validation_summary
    from forensics_app.core.model import Liveness
    v = validation_summary()
    for verdict in ("live", "inconclusive"):
        lv = _lv(verdict)
        lv = Liveness.from_json(lv.to_json() | {"validation": v})
        en = _texts(summary_statement([], [], _typed_face(800.0), lv), EN)
        inj = [x for x in en if "does not detect injected images" in x]
        assert len(inj) == 1, en
        if v.get("status") == "measured":
            x = v["held_out"]["apcer"]["injection"]
            assert f"accepted {x['accepted_as_live']} of {x['n']}" in inj[0], inj
        zh = _texts(summary_statement([], [], _typed_face(800.0), lv), ZH)
        assert any("不能识别注入图像" in x for x in zh), zh
    lv = _lv("attack_suspected", "print")
    assert not any("injected images" in x for x in _texts(summary_statement([], [], _typed_face(800.0), lv), EN))
    lv = _lv("live")     # no validation block: said to be unmeasured, never silently omitted
    assert any("has not been measured" in x for x in _texts(summary_statement([], [], _typed_face(800.0), lv), EN))


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


# --- expert finding 10: the summary says when there is no face result and why; the "a face match
# cannot show who was present" caveat only follows support for Hp

def _no_frames_face() -> FaceComparison:
    from test_rules import face_result
    return FaceComparison.from_json(face_result(status="no_usable_frames", frames_total=3, frames_used=0,
                                                frames_not_used={"QR.outside_range": 3}))


def test_no_usable_frame_summary_says_no_result_and_why():
    s = summary_statement([], [], _no_frames_face(), _lv("inconclusive"))
    en, zh = _texts(s, EN), _texts(s, ZH)
    face = [x for x in en if "face comparison gives no result" in x]
    assert len(face) == 1 and "none of the 3 captured frame(s)" in face[0], en
    assert "outside the validated range: 3 frame(s)" in face[0], face
    assert not any(CAVEAT_EN in x for x in en), en
    zh_face = [x for x in zh if "人脸比对" in x and "3" in x]
    assert zh_face and all(not any("a" <= ch <= "z" for ch in x.lower()) for x in zh_face), zh


def test_no_reference_face_summary_says_so():
    from test_rules import face_result
    f = FaceComparison.from_json(face_result(status="no_reference_face", frames_used=0))
    en = _texts(summary_statement([], [], f, _lv("inconclusive")), EN)
    assert any("no face could be detected in the ID photo" in x for x in en), en


def test_support_for_hd_carries_no_face_match_caveat():
    for lr in (1 / 21, 0.3, 1.5):        # support for Hd, and no support for either
        f = _typed_face(lr)
        for lv in (_lv("inconclusive"), _lv("attack_suspected", "print"), None):
            s = summary_statement([], [], f, lv)
            assert not s["presentation_caveat"]["applies"], lr
            en, zh = _texts(s, EN), _texts(s, ZH)
            assert any("likelihood ratio of the face comparison" in x for x in en), en
            assert not any(CAVEAT_EN in x for x in en), en
            assert not any(CAVEAT_ZH in x for x in zh), zh
    # support for Hp keeps it
    assert summary_statement([], [], _typed_face(21.0), _lv("inconclusive"))["presentation_caveat"]["applies"]


# --- expert finding 13: the two algorithms pointing in different directions is said next to the LR

def _two_algs(primary_lr, other_lr) -> FaceComparison:
    from test_rules import face_result
    algs = [{"algorithm": "sface", "likelihood_ratio": primary_lr, "verbal_scale": verbal_band(primary_lr)},
            {"algorithm": "dlib", "likelihood_ratio": other_lr, "verbal_scale": verbal_band(other_lr)}]
    return FaceComparison.from_json(face_result(**_face(primary_lr), primary="sface", algorithms=algs))


def test_algorithms_pointing_different_ways_are_stated_in_both_languages():
    from forensics_app.core.propositions import algorithms_disagree
    st = algorithms_disagree(_two_algs(8.792107, 0.582386))        # expert case c4
    assert st is not None
    en, zh = value_text(st, EN), value_text(st, ZH)
    assert "different directions" in en and "8.79" in en and "1/1.72" in en and "dlib" in en and "SFace" in en, en
    assert "8.79" in zh and "1/1.72" in zh and "dlib" in zh and en != zh, zh
    s = summary_statement([], [], _two_algs(8.792107, 0.582386), _lv("inconclusive"))
    texts = _texts(s, EN)
    i = [k for k, x in enumerate(texts) if "likelihood ratio of the face comparison" in x][0]
    assert "different directions" in texts[i + 1], texts            # right after the reportable LR
    assert algorithms_disagree(_two_algs(1 / 21, 30.0)) is not None
    # same direction, or both within the no-support band: nothing to say
    for p, o in ((54.0, 12.6), (1 / 21, 1 / 1.7), (1.6, 0.7), (1.0, 0.4)):
        assert algorithms_disagree(_two_algs(p, o)) is None, (p, o)

def test_an_lr_in_the_no_support_band_favours_neither_in_both_languages():
    """1.86 and 1/1.86 are "no support for either proposition": never "... for Hp" (the expert's c3)."""
    for lr in (1.86, 1 / 1.86, 2.0):
        s = face_statement(_typed_face(lr), {"applies": False, "codes": []})
        en, zh = value_text(s, EN), value_text(s, ZH)
        assert "no support for either proposition)" in en and "for Hp" not in en and "for Hd" not in en, en
        assert "不支持任一命题" in zh and "支持Hp" not in zh and "支持Hd" not in zh, zh
        weak = status("FACE_MATCH_WEAK", ctx(face=_face_rule(lr)))
        assert weak.status == "raised" and "no support for either proposition;" in weak.explanation, weak.explanation
        assert "for H" not in weak.explanation, weak.explanation
    s = face_statement(_typed_face(5.0), {"applies": False, "codes": []})
    assert "weak support for Hp" in value_text(s, EN) and "对Hp" in value_text(s, ZH)
    s = face_statement(_typed_face(1 / 50), {"applies": False, "codes": []})
    assert "moderate support for Hd" in value_text(s, EN) and "对Hd" in value_text(s, ZH)



def _face_rule(lr):
    from test_rules import _face
    return _face(lr)


def test_a_raised_observation_in_the_summary_says_what_it_found_not_only_its_topic():
    findings = [{"rule": "NO_FULL_VIDEO", "severity": "major", "code": "NO_FULL_VIDEO.raised",
                 "params": {"n": 1, "what": "stm/frames"}}]
    checked = [{"rule": "NO_FULL_VIDEO", "status": "raised"}]
    s = summary_statement(findings, checked, None, None)
    item = s["statements"][0]
    assert item["code"] == "summary.finding", item
    assert item["params"]["statement"]["code"] == "NO_FULL_VIDEO.raised"
