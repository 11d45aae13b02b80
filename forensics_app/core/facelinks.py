"""Face links between cases: the captured faces of one person in several cases.

Each pair of cases is one comparison scored like the case analysis scores a capture against the
ID photo: the median score over all pairs of their usable captured frames. A captured face is also
compared with every *other* case's ID photo (median over the captured frames).

The threshold accounts for the number of comparisons N: a comparison is a link only when its score
s has an upper-bound false-match rate FMR(s) <= alpha / (2 N) (core/linktail.py: measured on
different-person pairs, exponential tail beyond the data, people-level bootstrap), so the
expected number of false links over the whole portfolio is at most alpha. The factor 2 covers the
median over several frame pairs. Beyond the table's limit (a stated number of decades below what
the data resolve) no face link is declared and the method block says so. The strength of a link is
the calibrated likelihood ratio (bounded by the calibration's ELUB), reported, not used to decide.

Candidates come from a FAISS index (exact flat search up to ``EXACT_MAX`` faces, HNSW beyond), so a
million faces are not compared pair by pair; every candidate is then scored exactly.
"""

from __future__ import annotations

import math

import numpy as np

from .linktail import MEDIAN_FACTOR, cases_for_comparisons, max_comparisons, score_threshold
from .portfolio_model import FaceIdPhoto, FaceMethod, FacePair, FmrTable, Link, LinkKind

ALPHA = 0.01            # expected false face links over the whole portfolio, at most
EXACT_MAX = 20_000      # up to this many captured faces the index is exact (IndexFlatL2)
K_NEIGHBOURS = 64       # neighbours fetched per face; frames of one case are capped below this
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 32, 200, 256


class Metric:
    """The calibration's score between embeddings. ``euclidean``: L2 distance (dlib);
    ``cosine``: 1 - cosine similarity (SFace), searched as L2 between unit vectors
    (||a - b||^2 = 2 (1 - cos))."""

    def __init__(self, name: str = "euclidean"):
        if name not in ("euclidean", "cosine"):
            raise ValueError(f"unknown face score metric {name!r}")
        self.name = name

    def prepare(self, v: np.ndarray) -> np.ndarray:
        v = np.asarray(v, dtype=np.float64)
        if self.name == "cosine":
            v = v / np.linalg.norm(v, axis=-1, keepdims=True)
        return v

    def scores(self, A: np.ndarray, B: np.ndarray) -> np.ndarray:
        if self.name == "cosine":
            return 1.0 - A @ B.T
        return np.linalg.norm(A[:, None, :] - B[None, :, :], axis=2)

    def l2_radius(self, score: float) -> float:
        return math.sqrt(max(0.0, 2.0 * score)) if self.name == "cosine" else score


def build_index(vectors: np.ndarray, kind: str = "auto"):
    import faiss

    faiss.omp_set_num_threads(1)        # same graph whatever the machine: candidates are reproducible
    d = vectors.shape[1]
    if kind == "auto":
        kind = "exact" if len(vectors) <= EXACT_MAX else "hnsw"
    if kind == "exact":
        index = faiss.IndexFlatL2(d)
    else:
        index = faiss.IndexHNSWFlat(d, HNSW_M)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, kind


def _candidates(index, queries: np.ndarray, radius: float, k: int) -> list[tuple[int, int]]:
    if len(queries) == 0:
        return []
    k = min(k, index.ntotal)
    dist2, nbr = index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
    out = []
    r2 = radius * radius * (1 + 1e-6) + 1e-9      # float32 slack; exact scoring decides
    for qi in range(len(queries)):
        for d2, j in zip(dist2[qi], nbr[qi]):
            if j >= 0 and d2 <= r2:
                out.append((qi, int(j)))
    return out


def count_comparisons(entries: list[dict]) -> int:
    face = [e for e in entries if e["captured"]]
    ids = [e for e in entries if e["id_photo"] is not None]
    n = 0
    for i, a in enumerate(face):
        n += sum(1 for b in face[i + 1:] if b["case_id"] != a["case_id"])
        n += sum(1 for b in ids if b["case_id"] != a["case_id"])
    return n


def _table_info(table: dict | None) -> FmrTable | None:
    if table is None:
        return None
    return FmrTable(**{k: table.get(k) for k in ("name", "population", "protocol", "source", "n_people", "n_pairs",
                                                 "anchor_fmr", "anchor_score", "tail_scale", "log10_fmr_floor",
                                                 "made_by")})


def face_links(entries: list[dict], cal, alpha: float = ALPHA, index_kind: str = "auto",
               metric: str = "euclidean", cal_id=None, tail: dict | None = None,
               tail_id: dict | None = None) -> tuple[list[Link], FaceMethod]:
    """entries: ``{"key", "case_id", "path", "captured": [(frame, vector)], "id_photo": (path, vector) | None}``.

    ``cal`` gives captured-vs-captured pairs their LR, ``cal_id`` (default ``cal``) captured-vs-ID-photo
    pairs; ``tail``/``tail_id`` are the false-match tables (core/linktail.py) that set the thresholds."""
    m = Metric(metric)
    if cal_id is None:                      # one calibration (and table) for both kinds of comparison
        cal_id, tail_id = cal, tail_id or tail
    entries = [e | {"captured": [(f, m.prepare(v)) for f, v in e["captured"]],
                    "id_photo": (e["id_photo"][0], m.prepare(e["id_photo"][1])) if e["id_photo"] is not None else None}
               for e in entries]
    n = count_comparisons(entries)
    p = alpha / (MEDIAN_FACTOR * n) if n else 0.0
    method = FaceMethod(
        reachable=False, comparisons=n, expected_false_links_at_most=alpha,
        fmr_per_comparison=float(f"{p:.4g}") if n else None, median_factor=MEDIAN_FACTOR,
        fmr_table=_table_info(tail), calibration=cal.name, calibration_log10_upper_bound=round(cal.log10_upper, 4),
        rule="link when a comparison's score is at most the score whose upper-bound false-match rate is "
             "expected false links / (2 x comparisons), and its LR favours the same person; the expected "
             "number of false face links over the portfolio is then at most the stated figure",
        score="median score (the calibration's distance) over all pairs of usable captured frames "
              "(captured vs ID photo: median over the captured frames)",
        strength="the calibrated likelihood ratio (bounded by the calibration's upper bound), reported "
                 "for each link; the threshold is set by the false-match rate, not by the LR")
    if cal_id is not cal or tail_id is not tail:
        method.calibration_id_photo = cal_id.name
        method.calibration_id_photo_log10_upper_bound = round(cal_id.log10_upper, 4)
        method.fmr_table_id_photo = _table_info(tail_id)
    if not n:
        method.note = "fewer than two cases with usable captured faces: nothing to compare"
        return [], method
    score_cc = score_threshold(tail, p) if tail else None
    score_id = score_threshold(tail_id, p) if tail_id else None
    if score_cc is None and score_id is None:
        if tail is None and tail_id is None:
            method.note = (f"no false-match table for calibration {cal.name}: the threshold cannot be set, so no "
                           "face link is declared")
        else:
            most = max(max_comparisons(t, alpha) for t in (tail, tail_id) if t)
            method.note = (f"{n} comparisons need a false-match rate of {p:.2g} per comparison, below what the "
                           f"measured table supports (at most {most} comparisons, about "
                           f"{cases_for_comparisons(most)} cases): no face link can be declared for a portfolio "
                           "this large; split it into portfolios chosen before looking at the faces")
        return [], method
    if score_cc is None or score_id is None:
        method.note = ("at this size the false-match table supports only "
                       + ("captured-vs-captured" if score_id is None else "captured-vs-ID-photo")
                       + " comparisons; the others declare no link")
    vecs, owner = [], []
    for ci, e in enumerate(entries):
        for fi, (_frame, v) in enumerate(e["captured"]):
            vecs.append(v)
            owner.append((ci, fi))
    vecs = np.asarray(vecs, dtype=np.float64)
    index, kind = build_index(vecs, index_kind)
    method.reachable, method.score_threshold, method.score_threshold_id_photo = True, score_cc, score_id
    method.metric, method.index, method.faces_indexed = metric, kind, len(vecs)
    method.neighbours_per_query = min(K_NEIGHBOURS, len(vecs))
    links = _captured_links(entries, index, vecs, owner, m, cal, score_cc) if score_cc is not None else []
    if score_id is not None:
        links += _id_photo_links(entries, index, owner, m, cal_id, score_id)
    return links, method


def _captured_links(entries, index, vecs, owner, m, cal, score_t) -> list[dict]:
    pairs = set()
    for qi, j in _candidates(index, vecs, m.l2_radius(score_t), K_NEIGHBOURS):
        a, b = owner[qi][0], owner[j][0]
        if a != b and entries[a]["case_id"] != entries[b]["case_id"]:
            pairs.add((min(a, b), max(a, b)))
    edges = []
    for a, b in sorted(pairs):
        A = np.array([v for _, v in entries[a]["captured"]])
        B = np.array([v for _, v in entries[b]["captured"]])
        d = m.scores(A, B)
        med = float(np.median(d))
        llr = cal.log10_lr(med)
        if med <= score_t and llr > 0:
            i, j = np.unravel_index(int(np.argmin(d)), d.shape)
            edges.append((a, b, llr, med, (entries[a]["captured"][i][0], entries[b]["captured"][j][0], float(d[i, j]))))
    return _group_links(entries, edges)


def _id_photo_links(entries, index, owner, m, cal, score_t) -> list[dict]:
    ids = [(ci, e) for ci, e in enumerate(entries) if e["id_photo"] is not None]
    if not ids:
        return []
    q = np.array([e["id_photo"][1] for _, e in ids])
    id_pairs = set()
    for qi, j in _candidates(index, q, m.l2_radius(score_t), K_NEIGHBOURS):
        holder, cap = ids[qi][0], owner[j][0]
        if entries[holder]["case_id"] != entries[cap]["case_id"]:
            id_pairs.add((cap, holder))
    links = []
    for cap, holder in sorted(id_pairs):
        C = np.array([v for _, v in entries[cap]["captured"]])
        d = m.scores(C, np.asarray(entries[holder]["id_photo"][1])[None, :])[:, 0]
        med = float(np.median(d))
        llr = cal.log10_lr(med)
        if med <= score_t and llr > 0:
            links.append(_id_link(entries[cap], entries[holder], llr, med, d))
    return links


def _lr(llr: float) -> float:
    return float(f"{10 ** llr:.6g}")


def _group_links(entries, edges) -> list[dict]:
    """Connected groups of pairwise links; strength = the weakest LR needed to hold the group together."""
    parent = list(range(len(entries)))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    spanning: dict[int, list[float]] = {}
    for a, b, llr, _m, _f in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):   # maximum spanning forest
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            spanning.setdefault(rb, []).extend(spanning.pop(ra, []) + [llr])
    groups: dict[int, list[tuple]] = {}
    for e in edges:
        groups.setdefault(find(e[0]), []).append(e)
    links = []
    for root, es in groups.items():
        members = sorted({x for e in es for x in (e[0], e[1])})
        weakest = min(spanning[find(root)])
        evidence = [FacePair(case_ids=[entries[a]["case_id"], entries[b]["case_id"]],
                             paths=[entries[a]["path"], entries[b]["path"]],
                             frames=[[f for f, _ in entries[a]["captured"]], [f for f, _ in entries[b]["captured"]]],
                             closest_frames=[fa, fb], closest_score=round(dmin, 6),
                             median_score=round(med, 6), log10_lr=round(llr, 4), likelihood_ratio=_lr(llr))
                    for a, b, llr, med, (fa, fb, dmin) in sorted(es, key=lambda e: (entries[e[0]]["path"], entries[e[1]]["path"]))]
        n_pairs = len(members) * (len(members) - 1) // 2
        links.append(Link(kind=LinkKind.face, case_ids=sorted({entries[m]["case_id"] for m in members}),
                          value="captured faces of one person" if len(es) == n_pairs else
                                "captured faces linked pair by pair (not every pair reaches the threshold)",
                          evidence=evidence, strength=_lr(weakest)))
    return links


def _id_link(cap: dict, holder: dict, llr: float, med: float, d: np.ndarray) -> Link:
    i = int(np.argmin(d))
    ev = FaceIdPhoto(captured_case=cap["case_id"], captured_path=cap["path"],
                     frames=[f for f, _ in cap["captured"]], closest_frame=cap["captured"][i][0],
                     id_photo_case=holder["case_id"], id_photo_path=holder["path"], id_photo=holder["id_photo"][0],
                     closest_score=round(float(d[i]), 6), median_score=round(med, 6), log10_lr=round(llr, 4),
                     likelihood_ratio=_lr(llr))
    return Link(kind=LinkKind.face, case_ids=sorted({cap["case_id"], holder["case_id"]}),
                value=f"captured face in case {cap['case_id']} matches the ID photo of case {holder['case_id']}",
                evidence=[ev], strength=_lr(llr))
