"""Source-level propositions and the presentation caveat (no models needed)."""

from forensics_app.core.lr import verbal_band
from forensics_app.core.propositions import face_sentence, presentation_caveat, propositions
from forensics_app.core.rules import evaluate
from forensics_app.core.timeline import summary_statement


def _face(lr, repro=False, frames=3):
    return {"likelihood_ratio": lr, "verbal_scale": verbal_band(lr), "frames_used": frames, "median_distance": 0.3,
            "median_frame": "f.jpg", "calibration": {"name": "sface_chip_east_asian_vendor_fmr_1e-3"},
            "reference_reproduction": {"suspected": repro}, "status": "analysed"}


def test_propositions_are_source_level_and_name_the_population():
    p = propositions("East Asian adults")
    assert "face in the capture comes from the card holder" in p["Hp"]
    assert "East Asian adults" in p["Hd"] and "East Asian adults" in p["Hd_zh"]


def test_caveat_in_the_same_sentence_and_not_leading():
    for lv, repro in (({"verdict": "inconclusive"}, False), ({"verdict": "attack_suspected", "species": "print"}, False),
                      ({"verdict": "live"}, True)):
        s = summary_statement([], [], _face(800.0, repro), lv)
        assert s["presentation_caveat"]["applies"]
        first = s["statements"][0]
        assert "card holder" not in first or "cannot show who was present" in first
        for en in s["statements"]:
            if "support for the face in the capture coming from the card holder" in en:
                assert "cannot show who was present" in en, en
        for zh in s["statements_zh"]:
            if "来自持卡人" in zh:
                assert "不能证明终端前在场者是谁" in zh, zh


def test_live_capture_states_support_without_caveat():
    s = summary_statement([], [], _face(800.0), {"verdict": "live"})
    assert not s["presentation_caveat"]["applies"]
    assert any("support for the face in the capture coming from the card holder" in x for x in s["statements"])


def test_lr_between_1_and_2_is_no_support():
    en, zh = face_sentence(_face(1.6), presentation_caveat(_face(1.6), {"verdict": "live"}))
    assert "no support for either proposition" in en and "均无支持" in zh


def _ctx(lr):
    return {"manifest": {}, "records": {}, "tz": "Asia/Shanghai", "roles": {"stm_frames_members": []},
            "log_rows": [], "log_errors": [], "face": _face(lr), "liveness": {"verdict": "live", "status": "analysed"},
            "authenticity": {}, "inputs": [], "frame_times": [], "media_terminals": [], "capture_tolerance_s": 120}


def test_no_rule_calls_a_near_1_lr_critical():
    for lr in (0.55, 0.9, 1.0, 1.2, 1.9):
        findings, _ = evaluate(_ctx(lr))
        crit = [f for f in findings if f["severity"] == "critical" and f["rule"].startswith("FACE")]
        assert not crit, (lr, crit)
    findings, _ = evaluate(_ctx(0.01))
    assert any(f["rule"] == "FACE_MATCH_NOT_SUPPORTED" for f in findings)
