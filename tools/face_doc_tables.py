"""Write the calibration tables of docs/face-comparison.md from the shipped calibration JSONs
(run after tools/fit_face_calibrations.py; figures only, never per-photo values):

    .venv/bin/python tools/face_doc_tables.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forensics_app.core.liveness_eval import clopper_pearson  # noqa: E402
CAL = ROOT / "forensics_app/data/calibrations"
SPLIT_KEYS = ("eer", "cllr", "cllr_min")
POOLED_KEYS = ("misleading_same", "misleading_diff", "diff_strong", "same_lr_ge_10")


def _f(v, pct, dec=2):
    """Mean over the splits [2.5th-97.5th percentile of the splits: their spread, not a CI]."""
    lo, hi = v["ci95"]
    if pct:
        return f"{100 * v['point']:.{dec}f}% [{100 * lo:.{dec}f}–{100 * hi:.{dec}f}]"
    return f"{v['point']:.3f} [{lo:.3f}–{hi:.3f}]"


def _k(v, worst=False):
    """k/n units held out (pooled, a unit by its median LR), the rate and its Clopper-Pearson 95%
    interval; for an error rate also the units with at least one such photo pair (the worst case)."""
    lo, hi = v["ci95"]
    out = f"{v['k']}/{v['n']} = {100 * v['k'] / v['n']:.1f}% ({100 * lo:.1f}–{100 * hi:.1f})"
    if worst:
        m, n = v["units_with_any"], v["n"]
        wlo, whi = clopper_pearson(m, n, digits=6)
        out += f"; ≥ 1 photo pair: {m}/{n} = {100 * m / n:.1f}% ({100 * wlo:.1f}–{100 * whi:.1f})"
    return out


def _cell(c, k):
    if k == "diff_strong" and c["log10_upper"] < 3:
        return f"not reachable (LR ≤ {10 ** c['log10_upper']:,.0f})"
    return _k(c["metrics"]["cross_validation"]["pooled"][k], k != "same_lr_ge_10")


def table(names):
    rows = ["| calibration | people | same / different pairs (all people) | EER | Cllr | Cllr_min | misleading: LR<1, "
            "same person (people) | LR>1, different people (pairs of people) | different people at LR ≥ 1,000 (pairs of "
            "people) | same person at LR ≥ 10 (people) | LR bounds (log10) | scores fitted (min–max) |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for n in names:
        p = CAL / f"{n}.json"
        if not p.exists():
            continue
        c = json.loads(p.read_text())
        cv, ins = c["metrics"]["cross_validation"], c["metrics"]["in_sample"]
        rows.append(f"| `{n}` | {c['n_people']} | {c['n_same']} / {c['n_diff']} | "
                    + " | ".join(_f(cv[k], k == "eer") for k in SPLIT_KEYS) + " | "
                    + " | ".join(_cell(c, k) for k in POOLED_KEYS)
                    + f" | {c['log10_lower']:.2f} … {c['log10_upper']:.2f} | {ins['score_min']:.3f}–{ins['score_max']:.3f} |")
    return "\n".join(rows)


def verdict() -> str:
    """The issue's targets, checked on the shipped figures (no figure typed by hand)."""
    c = json.loads((CAL / "sface_chip_east_asian.json").read_text())["metrics"]["cross_validation"]
    d = json.loads((CAL / "dlib_chip_east_asian.json").read_text())["metrics"]["cross_validation"]
    occurrences = c["diff_strong"]["point"] * c["n_diff"]["point"] * c["splits"]
    pl = c["pooled"]
    rows = [("misleading evidence, same person < 2%", c["misleading_same"]["point"] < 0.02,
             _f(c["misleading_same"], 1) + f"; pooled, in people: {_k(pl['misleading_same'], True)}"),
            ("misleading evidence, different people < 2%", c["misleading_diff"]["point"] < 0.02,
             _f(c["misleading_diff"], 1) + f"; pooled, in pairs of people: {_k(pl['misleading_diff'], True)}"),
            ("no different-person pair at LR >= 1,000 ('strong')", c["diff_strong"]["point"] == 0,
             _f(c["diff_strong"], 1, 4) + f" (about {occurrences:.0f} held-out pair(s) over all {c['splits']} splits, "
             f"of about {c['n_diff']['point'] * c['splits']:,.0f}); pooled, in pairs of people: {_k(pl['diff_strong'], True)}"),
            ("Cllr <= 0.10", c["cllr"]["point"] <= 0.10, _f(c["cllr"], 0)),
            ("at least 80% of same-person pairs at LR >= 10", c["same_lr_ge_10"]["point"] >= 0.8,
             _f(c["same_lr_ge_10"], 1) + f"; pooled, in people: {_k(pl['same_lr_ge_10'])}"),
            ("largest held-out different-person LR (log10; mean of the splits' maxima, interval over splits)", None,
             _f(c["max_log10_lr_diff"], 0)),
            ("SFace's chip-photo Cllr below dlib's (so SFace is primary)", c["cllr"]["point"] < d["cllr"]["point"],
             f"{c['cllr']['point']:.3f} against {d['cllr']['point']:.3f}")]
    out = ["Chip-photo `east_asian` SFace calibration, held out by person (point = mean over splits):", "",
           "| target | holds | figure (mean over splits [spread over splits]; pooled k/n (Clopper-Pearson 95%)) |", "|---|---|---|"]
    out += [f"| {t} | {'—' if ok is None else 'yes' if ok else '**no**'} | {fig} |" for t, ok, fig in rows]
    return "\n".join(out)


def main():
    doc = ROOT / "docs/face-comparison.md"
    text = doc.read_text("utf-8")
    blocks = {}
    for pop in ("east_asian", "general"):
        names = [f"{a}_{p}_{pop}" for p in ("chip", "photo") for a in ("sface", "dlib")]
        names += [f"{a}_chip_{pop}_vendor_fmr_{f}" for f in ("1e-2", "1e-3", "1e-4") for a in ("sface", "dlib")]
        blocks[pop] = table(names)
    blocks["verdict"] = verdict()
    ex = json.loads((CAL / "exclusions.json").read_text())
    blocks["exclusions"] = "\n".join(f"- `{e['file']}`: {e['reason']}" for e in ex)
    for key, body in blocks.items():
        start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
        if start in text:
            text = text.split(start)[0] + start + "\n" + body + "\n" + end + text.split(end)[1]
    doc.write_text(text, "utf-8")
    print("\n\n".join(blocks.values()))


if __name__ == "__main__":
    main()
