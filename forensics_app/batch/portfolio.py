"""OUT/portfolio.json: every case of the batch with its status, and the links between cases."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import numpy as np

from ..core.facelinks import ALPHA, face_links
from ..core.links import KINDS, TERMINAL_WINDOW_MIN, terminal_links, value_links
from .faces import MAX_PER_CASE

FORMAT = "forensics-portfolio/1"


def _entries(specs: list[dict], records: dict[str, dict]) -> list[dict]:
    out = []
    for s in specs:
        rec = records[s["key"]]
        if rec["status"] != "analysed":
            continue
        data = json.loads((Path(s["out_dir"]) / "link_data.json").read_text("utf-8"))
        faces = data["faces"]
        out.append({"key": s["key"], "case_id": data["case_id"], "path": s["key"], "signals": data["signals"],
                    "calibration": faces.get("calibration"), "algorithm": faces.get("algorithm"),
                    "metric": faces.get("metric", "euclidean"),
                    "calibration_id_photo": faces.get("calibration_id_photo") or faces.get("calibration"),
                    "captured": [(c["frame"], np.asarray(c["embedding"])) for c in faces["captured"]],
                    "id_photo": (faces["id_photo_path"], np.asarray(faces["id_photo"]))
                    if faces.get("id_photo") is not None else None})
    return out


def link_tables() -> dict[str, dict]:
    """The shipped false-match tables (tools/fit_link_tails.py), by calibration name."""
    from importlib.resources import files

    doc = json.loads((files("forensics_app") / "data" / "link_tails.json").read_text("utf-8"))
    return {name: t | {"name": name, "made_by": f"{doc['made_by']} ({doc['made']})"} for name, t in doc["tables"].items()}


def compute_links(entries: list[dict], alpha: float = ALPHA, index_kind: str = "auto") -> tuple[list[dict], dict]:
    from ..io import calibrations

    method = {"values": "normalised before matching (phone: +86/0086/86, spaces, hyphens; ID numbers: "
                        "15-digit converted to 18; device: case and separators ignored; IP: public "
                        "addresses only); a masked value (with *) never matches",
              "terminal_window_minutes": TERMINAL_WINDOW_MIN,
              "terminal_rule": "a terminal links cases only when different claimants (ID numbers or names "
                               "contradict) used it within the window",
              "strength": "face links: the calibrated likelihood ratio (for a group, the weakest link that "
                          "holds it together); other kinds: null (a shared value is a fact, not a score)"}
    links = value_links(entries) + terminal_links(entries)
    cals = Counter(e["calibration"] for e in entries if e["captured"] or e["id_photo"] is not None)
    if cals:
        name = sorted(cals.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        metrics = {e["metric"] for e in entries if e["calibration"] == name}
        if len(metrics) != 1:
            raise ValueError(f"cases calibrated with {name} report different face scores {sorted(metrics)}")
        id_names = sorted({e["calibration_id_photo"] for e in entries if e["calibration"] == name})
        tables = link_tables()
        f_links, f_method = face_links([e for e in entries if e["calibration"] == name] if len(cals) > 1 else entries,
                                       calibrations.load(name), alpha, index_kind, metrics.pop(),
                                       cal_id=calibrations.load(id_names[0]) if id_names[0] != name else None,
                                       tail=tables.get(name), tail_id=tables.get(id_names[0]))
        f_method |= {"algorithm": sorted({e["algorithm"] for e in entries if e["calibration"] == name})[0],
                     "max_frames_per_case": MAX_PER_CASE,
                     "calibrations_used_by_cases": dict(sorted(cals.items()))}
        links += f_links
    else:
        f_method = {"reachable": False, "note": "no case had a usable face"}
    method["face"] = f_method
    order = {k: i for i, k in enumerate(KINDS)}
    links.sort(key=lambda l: (order[l["kind"]], l["case_ids"], str(l["value"])))
    return links, method


DIGEST_RULE = ("results_sha256: SHA-256 of the case's results.json without its audit_head line (the file's "
               "bytes with the one top-level line starting '  \"audit_head\": ' removed), i.e. of the analysis "
               "content without the workspace-specific anchor; each results.json's own file digest and "
               "audit_head are in portfolio.anchors.json and the portfolio report, and "
               "'forensics-app verify-portfolio OUT' checks both against the files and the workspaces")
ANCHORS_FORMAT = "forensics-portfolio-anchors/1"


def _results(spec: dict, rec: dict) -> tuple[str, dict] | str:
    """(analysis digest, anchor) of an analysed case's results.json, or the problem as a message."""
    from ..core.hashing import analysis_digest

    path = Path(spec["out_dir"]) / "results.json"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return f"results.json cannot be read: {exc.strerror or exc}"
    if hashlib.sha256(data).hexdigest() != rec.get("results_sha256"):
        return "results.json changed after the analysis wrote it: not used"
    try:
        digest, head = analysis_digest(data), json.loads(data)["audit_head"]
    except (ValueError, KeyError, TypeError):
        return "results.json is not as the analysis writes it: not used"
    return digest, {"path": spec["key"], "case_id": rec.get("case_id"), "results_file_sha256": rec["results_sha256"],
                    "audit_head": head}


def build(specs: list[dict], records: dict[str, dict], alpha: float = ALPHA, index_kind: str = "auto",
          anchors: list | None = None) -> dict:
    """The portfolio (the same for the same backlog, whoever ran it where); the run-specific anchors
    of each case's results.json are appended to ``anchors`` when a list is given."""
    cases = []
    for s in sorted(specs, key=lambda s: s["key"]):
        rec = records[s["key"]]
        if rec["status"] == "analysed":
            got = _results(s, rec)
            if isinstance(got, str):
                rec = rec | {"status": "failed", "message": got}
                records[s["key"]] = rec
            else:
                rec = rec | {"results_sha256": got[0]}
                if anchors is not None:
                    anchors.append(got[1])
        msg = rec.get("message") or ""
        if s.get("duplicate_of"):
            note = (f"case_id also used by {', '.join(s['duplicate_of'])}; each folder analysed on its own "
                    f"(outputs in cases/{Path(s['out_dir']).name}), never merged")
            msg = f"{msg}; {note}" if msg else note
        cases.append({"case_id": rec.get("case_id") or s.get("case_id"), "path": s["key"],
                      "status": rec["status"], "results_sha256": rec.get("results_sha256"), "message": msg})
    entries = _entries(specs, records)
    links, method = compute_links(entries, alpha, index_kind)
    method["results_sha256"] = DIGEST_RULE
    return {"format": FORMAT, "cases": cases, "links": links, "method": method}


def _atomic(dest: Path, text: str) -> None:
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(dest)


def write(portfolio: dict, out: Path, anchors: list[dict] | None = None) -> Path:
    """portfolio.json, then portfolio.anchors.json: the portfolio's SHA-256 and, for every analysed
    case, its results.json's file SHA-256 and audit_head (this run's, in this output folder)."""
    out.mkdir(parents=True, exist_ok=True)
    dest = out / "portfolio.json"
    text = json.dumps(portfolio, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    _atomic(dest, text)
    if anchors is not None:
        _atomic(out / "portfolio.anchors.json", json.dumps(
            {"format": ANCHORS_FORMAT, "portfolio_sha256": hashlib.sha256(text.encode()).hexdigest(),
             "cases": sorted(anchors, key=lambda a: a["path"])}, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return dest
