"""Where a calibration may speak for a score (core/lrscope.py, expert finding 4): a capture that may
reproduce the ID photo gets no LR; a capture failing the stand-in vendor check gets none from the
vendor-check population (its threshold is recorded, the unrestricted population's LR is given beside
it, labelled); a score outside the fitted range is marked and never extrapolated beyond the bounds;
an examiner's population carries the case's default population's LR beside it."""

import dataclasses

import pytest

from forensics_app.core import lrscope
from forensics_app.core.facecompare import FaceParams
from forensics_app.core.facesummary import summarise
from forensics_app.core.lr import format_lr
from forensics_app.core.model import FaceComparison, StageStatus
from forensics_app.core.propositions import face_statement, presentation_caveat
from forensics_app.i18n import translator
from forensics_app.i18n.render import term_text
from forensics_app.io import calibrations

VENDOR = "east_asian_vendor_fmr_1e-3"


def _rows(sface: list[float], dlib: list[float]) -> list[dict]:
    return [{"frame": f"f{i}", "usable": True, "reasons": [], "distances": {"sface": s, "dlib": d},
             "distance": s, "log10_lr": 1.5} for i, (s, d) in enumerate(zip(sface, dlib))]


def _summary(key: str, sface: list[float], dlib: list[float], default: str | None = None) -> dict:
    pop = {"key": key, "base": key.split("_vendor_fmr_")[0],
           "vendor_fmr": 1e-3 if "_vendor_fmr_" in key else None, "default": default or key}
    cals = calibrations.for_population(key)
    ref = {"validated_range": {a: {"inside": True} for a in cals}}
    return summarise(_rows(sface, dlib), True, ref, cals, FaceParams(), others=calibrations.other_populations(pop))


def test_a_capture_that_may_reproduce_the_id_photo_gets_no_lr():
    cal = calibrations.primary(VENDOR)
    thr = lrscope.reproduction_threshold(cal)
    out = _summary(VENDOR, [thr * 0.5] * 3, [0.14] * 3)
    assert out["status"] == "reproduction_suspected"
    assert out["likelihood_ratio"] is None and out["verbal_scale"] is None
    assert all(a["likelihood_ratio"] is None and a["status"] == "reproduction_suspected" for a in out["algorithms"])
    assert out["reference_reproduction"]["suspected"]
    # nor a per-frame LR the desk could show
    assert all(r.get("log10_lr") is None and r["lr_withheld"] == "reproduction_suspected" for r in out["per_frame"])
    fc = FaceComparison.from_json(out, "face_comparison")
    stmt = face_statement(fc, presentation_caveat(fc, None))
    assert stmt["code"] == "summary.face_reproduction"


def test_a_capture_failing_the_vendor_check_gets_no_lr_from_that_population():
    cal = calibrations.primary(VENDOR)
    assert cal.vendor_threshold == pytest.approx(0.636, abs=0.01)
    assert cal.metrics["in_sample"]["score_max"] < cal.vendor_threshold     # the calibration holds no such score
    out = _summary(VENDOR, [0.76, 0.762, 0.765], [0.49, 0.49, 0.5])
    assert out["status"] == StageStatus.fails_vendor_check
    assert out["likelihood_ratio"] is None and out["verbal_scale"] is None
    vc = out["vendor_check"]
    assert vc["passed"] is False and vc["threshold"] == pytest.approx(cal.vendor_threshold, abs=1e-6)
    assert vc["score"] == pytest.approx(0.762)
    # dlib's vendor-check calibration rests on the same SFace check: withheld too
    assert [a["status"] for a in out["algorithms"]] == ["fails_vendor_check", "fails_vendor_check"]
    alt = out["other_populations"]
    assert [(o["role"], o["population"]) for o in alt] == [("unrestricted", "east_asian")]
    base = calibrations.primary("east_asian")
    assert alt[0]["likelihood_ratio"] == pytest.approx(base.lr(0.762), rel=1e-5)
    fc = FaceComparison.from_json(out, "face_comparison")
    stmt = face_statement(fc, presentation_caveat(fc, None))
    assert stmt["code"] == "summary.sentences"
    assert stmt["params"]["first"]["code"] == "summary.face_fails_vendor_check"
    assert stmt["params"]["second"]["params"]["key"] == "east_asian"


def test_a_capture_passing_the_vendor_check_keeps_its_lr_and_records_the_check():
    out = _summary(VENDOR, [0.50, 0.515, 0.52], [0.49, 0.49, 0.5])
    assert out["status"] == "analysed" and out["likelihood_ratio"] is not None
    assert out["vendor_check"]["passed"] is True
    assert "other_populations" not in out          # the unrestricted LR only when the premise fails
    assert out["fitted_range"]["inside"]


def test_a_score_outside_the_fitted_range_is_marked_and_never_beyond_the_bounds():
    cal = calibrations.primary("east_asian")
    hi = cal.metrics["in_sample"]["score_max"]
    out = _summary("east_asian", [hi + 0.05] * 3, [0.9] * 3)
    assert out["fitted_range"] == {"min": pytest.approx(cal.metrics["in_sample"]["score_min"], abs=1e-6),
                                   "max": pytest.approx(hi, abs=1e-6), "inside": False, "side": "above"}
    assert out["log10_lr"] == pytest.approx(cal.log10_lower, abs=1e-6)
    assert out["lr_at_bound"]


def test_an_examiners_population_carries_the_default_populations_lr_beside_it():
    out = _summary("east_asian", [0.515] * 3, [0.49] * 3, default=VENDOR)
    alt = out["other_populations"]
    assert [(o["role"], o["population"]) for o in alt] == [("default", VENDOR)]
    assert alt[0]["likelihood_ratio"] == pytest.approx(calibrations.primary(VENDOR).lr(0.515), rel=1e-5)
    assert out["likelihood_ratio"] == pytest.approx(calibrations.primary("east_asian").lr(0.515), rel=1e-5)
    fc = FaceComparison.from_json(out, "face_comparison")
    stmt = face_statement(fc, presentation_caveat(fc, None))
    assert stmt["params"]["second"]["code"] == "summary.face_default"
    assert stmt["params"]["second"]["params"]["lr"] == format_lr(alt[0]["likelihood_ratio"])
    # the default population's own check applies to it: failing it, that population gives no LR
    out = _summary("east_asian", [0.76] * 3, [0.49] * 3, default=VENDOR)
    assert out["other_populations"][0]["status"] == "fails_vendor_check"
    assert out["other_populations"][0]["likelihood_ratio"] is None


def test_other_populations_are_only_the_default_and_the_unrestricted_base():
    assert calibrations.other_populations({"key": VENDOR, "base": "east_asian", "vendor_fmr": 1e-3,
                                           "default": VENDOR}) .keys() == {"sface", "dlib"}
    assert calibrations.other_populations({"key": "east_asian", "base": "east_asian", "vendor_fmr": None,
                                           "default": "east_asian"}) == {}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hp_is_glossed_as_the_card_holders_face(lang):
    text = term_text("favours", "Hp", translator(lang))
    assert text == {"en": "Hp (the card holder's face)", "zh": "Hp（持卡人的人脸）"}[lang]
    assert term_text("favours", "Hd", translator(lang)) == {"en": "Hd (the face of another person of the relevant population)",
                                                            "zh": "Hd（相关人群中其他人的人脸）"}[lang]


def test_vendor_check_is_none_without_a_restriction():
    cal = calibrations.primary("east_asian")
    assert lrscope.vendor_check(cal, 0.7) is None
    assert lrscope.vendor_check(dataclasses.replace(cal, vendor_threshold=0.6, vendor_fmr=1e-3), None)["passed"] is None
