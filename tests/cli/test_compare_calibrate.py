import json

import pytest

from helpers import DEMO, run_cli


def test_compare_json():
    r = run_cli("compare", DEMO / "id/id_photo.jpg", DEMO / "stm/frames/0001.jpg", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["primary"] == "sface" and out["population"] == "east_asian_vendor_fmr_1e-3"
    assert [a["algorithm"] for a in out["algorithms"]] == ["sface", "dlib"]
    assert out["likelihood_ratio"] == out["algorithms"][0]["likelihood_ratio"]
    # the demo's still is made from its ID photo: the LR is withheld, by both algorithms
    assert out["status"] == "reproduction_suspected" and out["likelihood_ratio"] is None
    assert [a["status"] for a in out["algorithms"]] == ["reproduction_suspected"] * 2


def test_compare_no_face(tmp_path):
    blank = tmp_path / "blank.png"
    from PIL import Image
    Image.new("RGB", (200, 200), (120, 120, 120)).save(blank)
    r = run_cli("compare", DEMO / "id/id_photo.jpg", blank)
    assert r.returncode == 2 and "blank.png: no face detected" in r.stderr


@pytest.mark.shared_data
@pytest.mark.slow
def test_calibrate_a_labs_own_set(shared_data, tmp_path):
    folder = shared_data / "faces/asian_celeb"
    r = run_cli("calibrate", folder, "--name", "lab_test", "--out", tmp_path,
                "--population", "Asian celebrities, web photos", "--limits", "no terminal captures")
    assert r.returncode == 0, r.stderr
    for alg in ("sface", "dlib"):
        lab = json.loads((tmp_path / f"{alg}_chip_lab_test.json").read_text())
        assert lab["n_people"] == 40 and lab["metrics"]["cross_validation"]["splits"] >= 20
        # the examiner's words, as given and quoted; the data and score as catalogue codes
        assert lab["population"] == "Asian celebrities, web photos" and lab["limits"] == "no terminal captures"
        assert lab["population_msg"] == {"quote": "Asian celebrities, web photos"}
        assert lab["limits_msg"] == {"quote": "no terminal captures"}
        assert lab["source_msg"]["code"] == "CAL.source.lab" and lab["score_msg"]["code"] == f"CAL.score.{alg}"
