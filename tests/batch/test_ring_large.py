"""The planted ring among 247 cases: the link stage at a size the old LR-capped rule could not reach.

Built from ../shared/data faces (never copied into the project), embedded with the batch's own
function (batch.faces.embed_photo) and linked with the shipped calibrations and false-match tables
exactly as ``compute_links`` does. 244 claimants are 244 different people (capture and ID photo of
the same person, as in a genuine case), the four closest different-person photo pairs among them
are planted as their captures (hard cases), and one presenter's three photos are the captures of
three more cases filed under three other people's ID photos: 247 cases, 91,143 comparisons.
The presenter is the East Asian person whose three most alike photos are closest (captures of one
impostor at terminals are alike; public figures' photos across years are not). Expected: exactly
the ring's face link.
This tests the link stage on real embeddings; whole batches of this size are in the benchmark.
"""

import itertools

import numpy as np
import pytest
from PIL import Image

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

N_FILLERS = 244


@pytest.fixture(scope="module")
def big(request):
    from helpers import SHARED
    if not SHARED.is_dir():
        pytest.skip(f"shared test data not present at {SHARED} (third-party data, not redistributed)")
    from forensics_app.batch.faces import embed_photo

    root = SHARED / "faces" / "lfw_subset"
    east = set((SHARED / "faces" / "lfw_subset_EAST_ASIAN_IDS.txt").read_text().split())
    people = sorted(p.name for p in root.iterdir() if p.is_dir())

    def emb(files):
        out = []
        for f in files:
            v = embed_photo(np.asarray(Image.open(f).convert("RGB")))
            if v is not None:
                out.append((f.relative_to(root).as_posix(), np.asarray(v) / np.linalg.norm(v)))
        return out
    # the presenter: the East Asian person whose three most alike photos are closest (one impostor
    # recorded at terminals under similar conditions)
    best = None
    for p in sorted(east & set(people)):
        ph = emb(sorted((root / p).glob("*.jpg"))[:6])
        for trio in itertools.combinations(ph, 3):
            worst = max(1 - a[1] @ b[1] for a, b in itertools.combinations(trio, 2))
            if best is None or worst < best[0]:
                best = (worst, p, trio)
    _, presenter, trio = best
    rest = [p for p in people if p != presenter]
    photos = {}
    for p in rest[:N_FILLERS + 3]:
        ph = emb(sorted((root / p).glob("*.jpg"))[:4])
        if len(ph) >= 2:
            photos[p] = ph
    fillers, id_people = list(photos)[:N_FILLERS], list(photos)[N_FILLERS:N_FILLERS + 3]
    assert len(fillers) == N_FILLERS and len(id_people) == 3
    # hard cases: the closest photos of two different fillers become those fillers' captures
    flat = [(p, i) for p in fillers for i in range(len(photos[p]))]
    V = np.array([photos[p][i][1] for p, i in flat])
    d = 1 - V @ V.T
    same = np.array([[a[0] == b[0] for b in flat] for a in flat])
    d[same] = np.inf
    capture = {}
    hard = []
    for k in np.argsort(d, axis=None):
        a, b = np.unravel_index(k, d.shape)
        pa, pb = flat[a][0], flat[b][0]
        if a < b and pa not in capture and pb not in capture:
            capture[pa], capture[pb] = flat[a][1], flat[b][1]
            hard.append((pa, pb, float(d[a, b])))
            if len(hard) == 4:
                break

    def entry(cid, cap, idp):
        return {"key": cid.lower(), "case_id": cid, "path": cid.lower(), "captured": [cap], "id_photo": idp}
    entries = [entry(f"RING{r}", trio[r], photos[id_people[r]][0]) for r in range(3)]
    for k, p in enumerate(fillers):
        c = capture.get(p, 0)
        entries.append(entry(f"F{k:03d}-{p}", photos[p][c], photos[p][(c + 1) % len(photos[p])]))
    return entries, hard, presenter


def test_the_ring_is_found_among_247_cases_and_nothing_else(big):
    from forensics_app.batch.portfolio import link_tables
    from forensics_app.core.facelinks import face_links
    from forensics_app.io import calibrations

    entries, hard, presenter = big
    tables = link_tables()
    links, method = face_links(entries, calibrations.load("sface_photo_east_asian"), 0.01, "auto", "cosine",
                               cal_id=calibrations.load("sface_chip_east_asian"),
                               tail=tables["sface_photo_east_asian"], tail_id=tables["sface_chip_east_asian"])
    assert len(entries) == 247 and method.comparisons == 247 * 246 // 2 + 247 * 246
    assert method.reachable is True, method
    # the hard cases were compared (both are captures) and are far closer than typical strangers
    assert all(s < 0.6 for _, _, s in hard), hard
    got = [(l.case_ids, getattr(l.evidence[0], "id_photo_case", None)) for l in links]
    assert got == [(["RING0", "RING1", "RING2"], None)], (got, method.score_threshold, presenter)
    assert links[0].strength > 1
    assert max(ev.median_score for ev in links[0].evidence) <= method.score_threshold
