"""A backlog with a planted ring, from ../shared/data faces (never copied into the project).

One presenter's face is captured in three cases filed under three different claimants; one phone
is shared by two accounts; one device fingerprint by two. The closest pairs of *different*
people (by the primary face algorithm) are planted as hard cases: captured faces of two different
people in two cases, and a captured face beside the ID photo of the most similar other person.
The portfolio must report exactly the three planted links and no face link between different people.
"""

import itertools
import json

import numpy as np
import pytest
from PIL import Image

from helpers import run_cli

from forensics_app.batch.synth import fictitious_id, fictitious_phone, on_background, stm_rows, write_case

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]


def photos(shared):
    root = shared / "faces" / "lfw_subset"
    people = (shared / "faces" / "lfw_subset_EAST_ASIAN_IDS.txt").read_text().split()
    return {p: sorted((root / p).glob("*.jpg"))[:4] for p in people if (root / p).is_dir()}


@pytest.fixture(scope="module")
def ring(tmp_path_factory, request):
    from helpers import SHARED
    if not SHARED.is_dir():
        pytest.skip(f"shared test data not present at {SHARED} (third-party data, not redistributed)")
    from forensics_app.batch.faces import METRIC, embed_photo
    from forensics_app.core.facelinks import Metric
    metric = Metric(METRIC)

    emb = {}
    for person, files in photos(SHARED).items():
        for f in files:
            rgb = np.asarray(Image.open(f).convert("RGB"))
            v = embed_photo(rgb)
            if v is not None:
                emb[(person, f)] = (metric.prepare(np.asarray(v)), rgb)
    by_person = {}
    for (p, f), (v, rgb) in emb.items():
        by_person.setdefault(p, []).append((f, v, rgb))
    # the presenter: someone with >= 3 photos; the three photos as captures in three cases
    presenter = sorted(p for p, xs in by_person.items() if len(xs) >= 3)[0]
    others = sorted(p for p in by_person if p != presenter)
    # hard cases: the closest pairs of different people among the others
    keys = [(p, i) for p in others for i in range(len(by_person[p]))]
    pairs = sorted((float(metric.scores(by_person[a][i][1][None], by_person[b][j][1][None])[0, 0]), (a, i), (b, j))
                   for (a, i), (b, j) in itertools.combinations(keys, 2) if a != b)
    used, hard = {presenter}, []
    for d, x, y in pairs:
        if x[0] not in used and y[0] not in used:
            hard.append((x, y))
            used |= {x[0], y[0]}
        if len(hard) == 4:
            break
    fillers = [p for p in others if p not in used]
    root = tmp_path_factory.mktemp("ring") / "cases"
    n = [0]

    def case(name, capture, idphoto, phone=None, device=None):
        k = n[0]
        n[0] += 1
        write_case(root / name, name.upper(), name=f"Claimant {k}", id_number=fictitious_id(k),
                   phone=fictitious_phone(k), id_photo=idphoto, frames=[on_background(capture, seed=k)],
                   terminal_id=f"STM-{k}",
                   log_rows=stm_rows(f"2020-03-{1 + k:02d} 10:00", f"STM-{k}", f"62220{k:03d}",
                                     phone or fictitious_phone(500 + k), device or f"device-{k:04d}zz",
                                     f"10.0.0.{k}", "2020-04-01"))

    pic = lambda p, i: by_person[p][i][2]
    ids = iter(fillers)
    for r in range(3):
        case(f"ring{r}", pic(presenter, r), pic(next(ids), 0))
    for h in range(2):                                   # two different people, among the closest pairs
        (a, i), (b, j) = hard[h]
        case(f"hard{2 * h}", pic(a, i), pic(next(ids), 0))
        case(f"hard{2 * h + 1}", pic(b, j), pic(next(ids), 0))
    for h in range(2, 4):                                # a capture beside the ID photo of the closest other person
        (c, k), (d, m) = hard[h]
        case(f"hard{2 * h}", pic(c, k), pic(next(ids), 0))
        case(f"hard{2 * h + 1}", pic(next(ids), 0), pic(d, m))
    case("phone0", pic(next(ids), 0), pic(next(ids), 0), phone="13700000001")
    case("phone1", pic(next(ids), 0), pic(next(ids), 0), phone="+86 137 0000 0001")
    case("device0", pic(next(ids), 0), pic(next(ids), 0), device="AB12-CD34-EF56")
    case("device1", pic(next(ids), 0), pic(next(ids), 0), device="ab12cd34ef56")
    out = root.parent / "out"
    r = run_cli("batch", root, "--out", out, "--workers", "2", "--no-reports")
    assert r.returncode == 0, r.stderr
    portfolio = json.loads((out / "portfolio.json").read_text())
    portfolio["_faces"] = {p.parent.name: json.loads(p.read_text())["faces"]
                           for p in (out / "cases").glob("*/link_data.json")}
    return portfolio


def test_exactly_the_planted_links(ring):
    assert all(c["status"] == "analysed" for c in ring["cases"]), ring["cases"]
    got = sorted((l["kind"], tuple(l["case_ids"])) for l in ring["links"])
    face = ring["method"]["face"]
    want = [("device", ("DEVICE0", "DEVICE1")), ("face", ("RING0", "RING1", "RING2")), ("phone", ("PHONE0", "PHONE1"))]
    assert face["reachable"] is True and face["fmr_table"]["name"] == "sface_photo_east_asian", face
    assert got == want, (got, face)


def test_no_face_link_between_different_people(ring):
    faces = ring["_faces"]
    # the hard cases were really compared: at least one captured pair and one capture-vs-ID pair
    # passed the face stage's quality gates (else this test would pass without comparing anything)
    assert any(faces[f"HARD{2 * h}"]["captured"] and faces[f"HARD{2 * h + 1}"]["captured"] for h in range(2))
    assert any(faces[f"HARD{2 * h}"]["captured"] and faces[f"HARD{2 * h + 1}"]["id_photo"] for h in range(2, 4))
    face = [l for l in ring["links"] if l["kind"] == "face"]
    assert all(set(l["case_ids"]) <= {"RING0", "RING1", "RING2"} for l in face)
    assert ring["method"]["face"]["expected_false_links_at_most"] <= 0.01
