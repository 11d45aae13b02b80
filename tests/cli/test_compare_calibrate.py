import json

import numpy as np
import pytest

from helpers import DEMO, run_cli


def test_compare_json():
    r = run_cli("compare", DEMO / "id/id_photo.jpg", DEMO / "stm/frames/0001.jpg", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["calibration"] == "east_asian" and out["distance"] < 0.5
    assert out["likelihood_ratio"] > 1 and out["verbal_scale"]["band"]


def test_compare_no_face(tmp_path):
    blank = tmp_path / "blank.png"
    from PIL import Image
    Image.new("RGB", (200, 200), (120, 120, 120)).save(blank)
    r = run_cli("compare", DEMO / "id/id_photo.jpg", blank)
    assert r.returncode == 2 and "blank.png: no face detected" in r.stderr


@pytest.mark.shared_data
def test_calibrate_and_east_asian_strong_rate(shared_data, tmp_path, face_models):
    """Fewer than 1 in 1,000 pairs of different East Asian people reach 'strong' with east_asian."""
    folder = shared_data / "faces/asian_celeb"
    r = run_cli("calibrate", folder, "--name", "lab_test", "--out", tmp_path)
    assert r.returncode == 0, r.stderr
    lab = json.loads((tmp_path / "lab_test.json").read_text())
    assert lab["n_people"] == 40 and lab["metrics"]["held_out"]["cllr"] < 1
    from forensics_app.core.calibrate import pair_distances
    from forensics_app.io import calibrations
    from forensics_app.io.photosets import embed_folder
    labels, _files, embs, _ = embed_folder(face_models, folder)
    _same, diff = pair_distances(np.array(embs), labels)
    east = calibrations.load("east_asian")
    strong = np.mean([east.log10_lr(d) >= 3 for d in diff])
    assert strong < 1e-3
    general = calibrations.load("general")
    assert np.mean([general.log10_lr(d) > 0 for d in diff]) > np.mean([east.log10_lr(d) > 0 for d in diff])
