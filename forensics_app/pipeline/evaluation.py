"""``eval-liveness``: the liveness verdict measured on real material, split by subject.

Reads a folder with ``MANIFEST.tsv`` (path, subject, kind, class; clips and frame-sequence
folders, as ../shared/data/liveness_real) or, without a manifest, sub-folders ``live/``,
``print/``, ``replay/``, ``injection/`` (each item its own subject). Every item is measured once
(cached by file hashes and software version), then judged:

- the learned score's operating point is fitted on split A (live items only, rule in
  core.liveness_eval.fit_pad_threshold) and the error rates are reported on split B, and the same
  the other way round; the "held-out" figures pool both: every item judged with a threshold fitted
  without its subject. The shipped operating point is the one fitted on split A.
- the injection cues' separation is measured on the face-swap pairs (original vs swap).

Items, measurements and verdicts are typed (:class:`EvalItem`, :class:`Measured`, core.model's
``Liveness``); the figures written are plain JSON.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .. import __version__
from ..core import liveness_eval as ev
from ..core.hashing import sha256_file
from ..core.injection import INJECTION_CUES
from ..core.liveness import assess
from ..core.liveness_verdict import pad_operating_point
from ..core.model import Liveness
from ..core.progress import check, never_cancel, no_progress
from ..core.record import Record
from ..errors import InputError, quoted
from ..io.video import VIDEO_EXTS
from ..i18n import N_

CI_SUBSET = {"nuaa/live/0002_01_00_01/", "nuaa/print/0001_00_01_02/", "clips/replay/lestari15_fake.mp4",
             "clips/live/liveportrait_d0.mp4", "clips/deepfake/deepfacelive_Dean_Wiesel_0__right_swapped.mp4"}


@dataclass(frozen=True)
class EvalItem:
    """One clip or frame-sequence folder of the evaluation set."""
    path: str           # relative to the set's root; a folder (frame sequence) ends in "/"
    subject: str
    truth: str          # "live" or the attack species
    group: str          # subjects alternate between the splits within their group


@dataclass(kw_only=True)
class Measured(Record):
    """One item's measurements, as cached: the clip, the per-frame measures, whether the clip is a
    palette GIF, and the PAD model that scored it."""
    clip: dict
    measurements: dict
    palette: bool
    pad_name: str | None


def read_items(root: Path) -> list[EvalItem]:
    root = Path(root)
    if not root.is_dir():
        raise InputError(root, N_("not a folder (expected MANIFEST.tsv, or live/ print/ replay/ sub-folders)"))
    man = root / "MANIFEST.tsv"
    items = []
    if man.is_file() and _manifest_has_subjects(man):
        with open(man, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                try:
                    cls = row["class"].strip()
                    subject = row["subject"].strip()
                    items.append(EvalItem(path=row["path"].strip(), subject=subject,
                                          truth="live" if cls == "live" else ev.CLASS_TO_SPECIES[cls],
                                          group=_group(subject)))
                except KeyError as exc:
                    raise InputError(man, N_("row {value}: missing column or unknown class ({reason})"),
                                          value=len(items) + 2, reason=quoted(exc)) from None
    else:
        for kind in ("live",) + ev.SPECIES:
            if (root / kind).is_dir():
                for p in sorted((root / kind).iterdir()):
                    if p.is_dir() or p.suffix.lower() in VIDEO_EXTS:
                        rel = p.relative_to(root).as_posix() + ("/" if p.is_dir() else "")
                        items.append(EvalItem(path=rel, subject=rel, truth=kind, group="folder"))
    if not items:
        raise InputError(root, N_("no clips or frame-sequence folders found"))
    for it in items:
        if not (root / it.path).exists():
            raise InputError(root / it.path, N_("named in the manifest but missing"))
    return items


def _manifest_has_subjects(man: Path) -> bool:
    with open(man, encoding="utf-8") as fh:
        return {"path", "subject", "class"} <= set(fh.readline().rstrip("\n").split("\t"))


def _group(subject: str) -> str:
    return subject.split("_")[0] if "_" in subject else "recording"


def _item_hash(p: Path) -> str:
    if p.is_dir():
        h = hashlib.sha256()
        for f in sorted(x for x in p.iterdir() if x.is_file()):
            h.update(f.name.encode() + sha256_file(f).encode())
        return h.hexdigest()
    return sha256_file(p)


def measure_item(root: Path, item: EvalItem, models, pad, cache: Path | None,
                 cancel: Callable[[], bool] = never_cancel) -> Measured:
    """Measurements of one item (cached under ``cache`` by content hash, ``MEASURE_VERSION`` and PAD
    model; a cached file that does not read as :class:`Measured` is measured again)."""
    from .clips import analyse_clip, analyse_sequence, sequence_paths
    p = root / item.path
    from .clips import MEASURE_VERSION
    key = hashlib.sha256(json.dumps(["measure", MEASURE_VERSION, _item_hash(p), [m["sha256"] for m in (pad.info if pad else [])]])
                         .encode()).hexdigest()[:24]
    cf = cache / f"{key}.json" if cache else None
    if cf and cf.is_file():
        try:
            return Measured.from_json(json.loads(cf.read_text("utf-8")), cf.name)
        except ValueError:          # not JSON, or of another format: measured again and rewritten
            pass
    if p.is_dir():
        r = analyse_sequence(models, sequence_paths(p), pad=pad, label=item.path, keep_measurements=True,
                             cancel=cancel)
    else:
        r = analyse_clip(models, p, pad=pad, label=item.path, keep_measurements=True, cancel=cancel)
    out = Measured(clip=r["clip"], measurements=r["measurements"], palette=p.suffix.lower() == ".gif",
                   pad_name=pad.name if pad else None)
    if cf:
        cache.mkdir(parents=True, exist_ok=True)
        cf.write_text(json.dumps(out.to_json()), "utf-8")
    return out


def judge(m: Measured, pad_op: dict | None) -> Liveness:
    c = m.clip
    return Liveness.from_json(assess(m.measurements, c.get("fps") or 0.0, c.get("duration_s") or 0.0,
                                     pad_name=m.pad_name, sources=[c["path"]], palette=m.palette, pad_op=pad_op),
                              c["path"])


def _pad_median(m: Measured) -> float | None:
    s = [f["pad"] for f in m.measurements["frames"] if f.get("pad") is not None and not f.get("repeat")]
    return sorted(s)[len(s) // 2] if s else None


def evaluate(root: Path, pad=None, models=None, cache: Path | None = None, subset: bool = False,
             progress: Callable[..., None] = no_progress, cancel: Callable[[], bool] = never_cancel) -> dict:
    from ..core.faces import FaceModels
    root = Path(root)
    items = read_items(root)
    if subset:
        items = [i for i in items if i.path in CI_SUBSET] or items[:1]
    models = models or FaceModels.load(with_68=True)
    meas: dict[str, Measured] = {}
    for k, it in enumerate(items):
        progress(k / len(items), f"{k + 1}/{len(items)} {it.path}")
        check(cancel)
        meas[it.path] = measure_item(root, it, models, pad, cache, cancel)
    groups: dict[str, list[str]] = {}
    for it in items:
        groups.setdefault(it.group, []).append(it.subject)
    split = ev.split_subjects(groups)
    hashes = [m["sha256"] for m in pad.info] if pad else []
    by_subject = all(g != "folder" for g in groups)
    fits = {}
    for s in "AB":
        live = [_pad_median(meas[i.path]) for i in items if split[i.subject] == s and i.truth == "live"]
        fits[s] = ev.fit_pad_threshold([x for x in live if x is not None])
    shipped = pad_operating_point(hashes)
    rows, rows_no_pad = [], []
    for it in items:
        m = meas[it.path]
        fit_on = "B" if split[it.subject] == "A" else "A"
        if not pad:
            op = None
        elif by_subject:
            op = {"threshold": fits[fit_on]["threshold"], "validated": True, "training_data": None,
                  "source": f"fitted on split {fit_on}"}
        else:
            op = shipped
        rows.append(_row(it, m, judge(m, op), split[it.subject], fit_on if by_subject and pad else None))
        rows_no_pad.append(_row(it, m, judge(replace(m, pad_name=None), None), split[it.subject], None))
    out = {"format": "liveness-evaluation/1", "software_version": __version__, "data": _data_note(root),
           "n_items": len(rows), "subset": subset,
           "pad": {"name": pad.name if pad else None, "models_sha256": hashes,
                   "training_data": (pad.descriptor.get("training_data") if pad else None),
                   "fits": fits},
           "split_rule": "by subject (NUAA subject; a recording's person; a face-swap original and its swap share "
                         "a subject); within each group subjects alternate A/B in the order of the SHA-256 of their name",
           "items": rows}
    out["held_out"] = ev.error_rates(rows)
    out["held_out"]["source"] = "real (" + out["data"]["name"] + "), " + (
        "each item judged with the operating point fitted on the other split" if by_subject else
        "no subject information: judged with the shipped operating point (" + shipped["source"] + ")")
    out["without_learned_score"] = ev.error_rates(rows_no_pad)
    out["without_learned_score"]["source"] = "the same measurements judged without the learned PAD score"
    out["items_without_learned_score"] = [{k: r[k] for k in ("path", "verdict", "species")} for r in rows_no_pad]
    for s in "AB":
        out[f"split_{s}_held_out"] = ev.error_rates([r for r in rows if r["split"] == s])
    out["injection_separation"] = injection_separation(rows)
    return out


def _row(it: EvalItem, m: Measured, r: Liveness, split: str, fit_on: str | None) -> dict:
    """One item's line of the figures (JSON)."""
    c = m.clip
    long = (c.get("duration_s") or 0) >= 3.0 or (c.get("frames") or 0) >= 20
    return {"path": it.path, "subject": it.subject, "split": split, "truth": it.truth,
            "kind": c["kind"], "frames": c["frames"], "distinct_frames": r.distinct_frames,
            "frames_with_face": r.frames_with_face, "long": long, "verdict": r.verdict.value,
            "species": r.species.value if r.species else None, "basis": r.basis, "threshold_from": fit_on,
            "reason_codes": [x["code"] for x in r.reasons],
            "cues": {q.name: [q.value, q.points_to.value] for q in r.cues}}


def _data_note(root: Path) -> dict:
    man = root / "MANIFEST.tsv"
    return {"name": root.name, "manifest_sha256": sha256_file(man) if man.is_file() else None, "source": "real",
            "by_subject": man.is_file() and _manifest_has_subjects(man)}


def injection_separation(rows: list[dict]) -> dict:
    """Each injection cue on every face swap against its own original (same subject)."""
    by_subject: dict[str, dict] = {}
    for r in rows:
        if r["truth"] in ("live", "injection"):
            by_subject.setdefault(r["subject"], {})[r["truth"]] = r
    out = {}
    for cue in INJECTION_CUES:
        pairs = [(d["live"]["cues"].get(cue, [None])[0], d["injection"]["cues"].get(cue, [None])[0])
                 for d in by_subject.values() if "live" in d and "injection" in d]
        out[cue] = ev.separation(pairs)
    return out


def write_figures(rep: dict, dest: Path) -> Path:
    """The derived figures (verdicts, rates, intervals, thresholds, provenance; no material) as JSON,
    written atomically."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name("." + dest.name + ".tmp")
    tmp.write_text(json.dumps(rep, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    tmp.replace(dest)
    return dest


def validation_record(rep: dict) -> dict:
    """What the product ships (data/liveness_validation.json): the learned score's operating point
    fitted on split A, and the held-out figures with their provenance."""
    fit = rep["pad"]["fits"]["A"]
    return {
        "format": "liveness-validation/1",
        "pad": {"models_sha256": rep["pad"]["models_sha256"], "name": rep["pad"]["name"],
                "threshold": fit["threshold"], "fit": fit, "training_data": rep["pad"]["training_data"],
                "source": f"fitted on split A of {rep['data']['name']} ({fit.get('n_live', 0)} live items; "
                          f"{fit['rule']}); error rates on split B and pooled held-out in docs/liveness.md"},
        "data": rep["data"], "software_version": rep["software_version"], "split_rule": rep["split_rule"],
        "n_items": rep["n_items"],
        "held_out": rep["held_out"], "split_B_with_threshold_from_A": rep["split_B_held_out"],
        "injection_separation": rep["injection_separation"],
    }
