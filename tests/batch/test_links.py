"""Links from signals and embeddings alone (no cluster, no images): fast."""

import math

import numpy as np
import pytest

from forensics_app.core.facelinks import count_comparisons, face_links
from forensics_app.core.links import terminal_links, value_links
from forensics_app.core.lr import Calibration


def sig(name, idn, phones=(), devices=(), ips=(), terminal=()):
    return {"claimant": {"name": name, "id_number": idn},
            "phone": [{"value": p, "source": "log row 1"} for p in phones],
            "id_number": [{"value": idn, "source": "case.json"}] if idn else [],
            "device": [{"value": d, "source": "log row 2"} for d in devices],
            "ip": [{"value": i, "source": "log row 3"} for i in ips],
            "terminal": [{"value": t, "time": tm, "time_utc": tm, "source": "log row 4", "event": "face_verify"}
                         for t, tm in terminal]}


def entry(key, cid, signals, captured=(), id_photo=None):
    return {"key": key, "case_id": cid, "path": key, "signals": signals,
            "captured": list(captured), "id_photo": id_photo}


def test_shared_phone_device_ip_link_and_masked_never_matches():
    es = [entry("a", "A", sig("Zhang", "", phones=["+86 139 0000 1111", "139****5678"], devices=["DEV-1234ab"],
                              ips=["113.108.0.10"])),
          entry("b", "B", sig("Li", "", phones=["13900001111", "139****5678"], devices=["dev1234AB"],
                              ips=["10.0.0.1"])),
          entry("c", "C", sig("Wang", "", phones=["13900002222"], ips=["113.108.0.10"]))]
    links = value_links(es)
    got = {(l.kind.value, tuple(l.case_ids), l.value) for l in links}
    assert got == {("phone", ("A", "B"), "13900001111"), ("device", ("A", "B"), "dev1234ab"),
                   ("ip", ("A", "C"), "113.108.0.10")}
    phone = next(l for l in links if l.kind == "phone")
    assert {e.raw for e in phone.evidence} == {"+86 139 0000 1111", "13900001111"}
    assert all(l.strength is None for l in links)


def test_two_folders_with_one_case_id_do_not_link_to_each_other():
    es = [entry("x1", "X", sig("Zhang", "", phones=["13900001111"])),
          entry("x2", "X", sig("Zhang", "", phones=["13900001111"]))]
    assert value_links(es) == []
    es.append(entry("y", "Y", sig("Li", "", phones=["13900001111"])))
    (link,) = value_links(es)
    assert link.case_ids == ["X", "Y"] and {e.path for e in link.evidence} == {"x1", "x2", "y"}


def test_terminal_needs_different_claimants_within_the_window():
    t0, t5, t60 = "2020-01-01T02:00:00+00:00", "2020-01-01T02:05:00+00:00", "2020-01-01T03:00:00+00:00"
    es = [entry("a", "A", sig("Zhang", "110101199001010011", terminal=[("STM-1", t0), ("STM-2", t60)])),
          entry("b", "B", sig("Li", "110101199001010022", terminal=[("stm 1", t5)])),
          entry("c", "C", sig("Wang", "110101199001010033", terminal=[("STM-1", t60)])),
          # the same claimant again (same name, compatible masked ID): no link
          entry("d", "D", sig("Zhang", "110101********0011", terminal=[("STM-2", t60)]))]
    (link,) = terminal_links(es)
    assert link.case_ids == ["A", "B"] and link.value == "STM1"
    # unknown claimants (no name, masked IDs that agree) are never "different"
    es2 = [entry("p", "P", sig("", "110101********0011", terminal=[("STM-1", t0)])),
           entry("q", "Q", sig("", "110101********0011", terminal=[("STM-1", t5)]))]
    assert terminal_links(es2) == []


CAL = Calibration(name="test", a=17.9, b=-35.1, log10_lower=-2.0, log10_upper=6.0, n_same=1, n_diff=1,
                  n_people=1, population="test", source="test", limits="", metrics={}, threshold_lr1=0.51)


def table(floor=-9.0, name="test"):
    """A false-match table (core/linktail.py) with log10 FMR = -10 + 12.5 s, floor ``floor``."""
    from forensics_app.core.linktail import GRID
    return {"name": name, "score_grid": GRID.tolist(), "log10_fmr_floor": floor,
            "log10_fmr_upper": [min(0.0, -10 + 12.5 * x) for x in GRID.tolist()]}


TAIL = table()


def clustered(n_people, per_person, rng, spread=0.03, dim=128):
    centres = rng.normal(size=(n_people, dim))
    centres *= 0.7 / np.linalg.norm(centres, axis=1, keepdims=True) / math.sqrt(2) * 1.9
    return centres, [[c + rng.normal(scale=spread / math.sqrt(dim), size=dim) for _ in range(per_person)]
                     for c in centres]


def test_face_links_group_one_person_and_threshold_grows_with_comparisons():
    rng = np.random.default_rng(0)
    centres, faces = clustered(6, 9, rng)
    es = []
    owners = [0, 0, 0, 1, 2, 3, 4, 5]        # person 0 in cases 0, 1, 2; everyone else alone
    for k, p in enumerate(owners):
        cap = [(f"f{j}.jpg", faces[p][3 * (k % 3) + j % 3]) for j in range(3)]
        es.append(entry(f"c{k}", f"C{k}", sig(f"N{k}", ""), cap, None))
    links, method = face_links(es, CAL, alpha=0.01, tail=TAIL)
    assert method.comparisons == count_comparisons(es) == 28
    # FMR per comparison 0.01 / (2 x 28); the table reaches it at -10 + 12.5 s = log10(1.79e-4): s = 0.5
    assert method.fmr_per_comparison == pytest.approx(0.01 / 56, rel=1e-3)
    assert method.score_threshold == pytest.approx(0.5)
    (link,) = links
    assert link.case_ids == ["C0", "C1", "C2"] and link.strength > 1
    assert all(ev.median_score <= 0.5 and ev.likelihood_ratio > 1 for ev in link.evidence)
    # the same pairs among a far larger portfolio: the threshold tightens...
    many = es + [entry(f"z{k}", f"Z{k}", sig("", ""), [("f.jpg", rng.normal(size=128))]) for k in range(400)]
    links2, method2 = face_links(many, CAL, alpha=0.01, tail=TAIL)
    assert method2.score_threshold < method.score_threshold and [l.case_ids for l in links2] == [["C0", "C1", "C2"]]
    # ...and beyond what the table supports, no face link at all
    links3, method3 = face_links(many, CAL, alpha=0.01, tail=table(floor=-6.0))
    assert links3 == [] and method3.reachable is False and "no face link can be declared" in method3.note
    # no table for the calibration: no threshold, no link
    links4, method4 = face_links(es, CAL, alpha=0.01)
    assert links4 == [] and "no false-match table" in method4.note


def test_captured_face_matching_another_cases_id_photo_is_a_link():
    rng = np.random.default_rng(1)
    centres, faces = clustered(3, 4, rng)
    es = [entry("a", "A", sig("", ""), [("a.jpg", faces[0][0]), ("b.jpg", faces[0][1])], ("id/id.jpg", faces[1][0])),
          entry("b", "B", sig("", ""), [("a.jpg", faces[2][0])], ("id/id.jpg", faces[0][2])),
          entry("c", "C", sig("", ""), [], ("id/id.jpg", faces[2][3]))]
    links, _ = face_links(es, CAL, alpha=0.01, tail=TAIL)
    kinds = sorted(tuple(l.case_ids) + (getattr(l.evidence[0], "id_photo_case", "-"),) for l in links)
    assert kinds == [("A", "B", "B"), ("B", "C", "C")]


def test_hnsw_index_finds_the_same_links_as_the_exact_one():
    rng = np.random.default_rng(2)
    centres, faces = clustered(60, 8, rng)
    es = [entry(f"c{k}", f"C{k}", sig("", ""), [(f"{j}.jpg", faces[k % 60][(k // 60) * 4 + j]) for j in range(4)])
          for k in range(120)]
    exact, m1 = face_links(es, CAL, alpha=1.0, index_kind="exact", tail=TAIL)
    approx, m2 = face_links(es, CAL, alpha=1.0, index_kind="hnsw", tail=TAIL)
    assert m1.index == "exact" and m2.index == "hnsw"
    assert len(exact) == 60 and exact == approx


def test_cosine_scores_link_like_the_calibration_says():
    """SFace's score is 1 - cosine similarity: searched as L2 between unit vectors, scored exactly."""
    rng = np.random.default_rng(4)
    base = rng.normal(size=(3, 128))
    cal = Calibration(name="cos", a=25.6, b=-35.2, log10_lower=-3.0, log10_upper=5.0, n_same=1, n_diff=1,
                      n_people=1, population="test", source="test", limits="", metrics={}, threshold_lr1=0.72)
    near = lambda v, s: 7.0 * (v + rng.normal(scale=s, size=128))      # scale does not matter for cosine
    es = [entry("a", "A", sig("", ""), [("f.jpg", near(base[0], 0.05))]),
          entry("b", "B", sig("", ""), [("f.jpg", near(base[0], 0.05))]),
          entry("c", "C", sig("", ""), [("f.jpg", near(base[1], 0.05))])]
    links, method = face_links(es, cal, alpha=0.01, metric="cosine", tail=TAIL)
    assert method.metric == "cosine" and [l.case_ids for l in links] == [["A", "B"]]
    ev = links[0].evidence[0]
    a, b = es[0]["captured"][0][1], es[1]["captured"][0][1]
    assert ev.median_score == pytest.approx(1 - a @ b / np.linalg.norm(a) / np.linalg.norm(b), abs=1e-6)


def test_separate_calibration_for_id_photos_and_partial_reachability():
    rng = np.random.default_rng(1)
    centres, faces = clustered(3, 4, rng)
    es = [entry("a", "A", sig("", ""), [("a.jpg", faces[0][0])], ("id/id.jpg", faces[1][0])),
          entry("b", "B", sig("", ""), [("a.jpg", faces[0][1])], ("id/id.jpg", faces[0][2]))]
    chip = Calibration(**(CAL.__dict__ | {"name": "chip"}))
    links, method = face_links(es, CAL, alpha=0.01, cal_id=chip, tail=TAIL, tail_id=table(floor=-2.0, name="chip"))
    assert method.calibration_id_photo == "chip" and "supports only captured-vs-captured" in method.note
    assert method.fmr_table_id_photo.name == "chip"
    assert [l.case_ids for l in links] == [["A", "B"]] and not links[0].is_id_photo_link
    links2, _ = face_links(es, CAL, alpha=0.01, tail=TAIL, tail_id=TAIL)
    assert [getattr(l.evidence[0], "id_photo_case", None) for l in links2] == [None, "B"]   # A's capture ~ B's ID photo
