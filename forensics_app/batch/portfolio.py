"""OUT/portfolio.json: every case of the batch with its status, and the links between cases."""

from __future__ import annotations

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
        f_links, f_method = face_links([e for e in entries if e["calibration"] == name] if len(cals) > 1 else entries,
                                       calibrations.load(name), alpha, index_kind, metrics.pop(),
                                       cal_id=calibrations.load(id_names[0]) if id_names[0] != name else None)
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


def build(specs: list[dict], records: dict[str, dict], alpha: float = ALPHA, index_kind: str = "auto") -> dict:
    cases = []
    for s in sorted(specs, key=lambda s: s["key"]):
        rec = records[s["key"]]
        msg = rec.get("message") or ""
        if s.get("duplicate_of"):
            note = (f"case_id also used by {', '.join(s['duplicate_of'])}; each folder analysed on its own "
                    f"(outputs in cases/{Path(s['out_dir']).name}), never merged")
            msg = f"{msg}; {note}" if msg else note
        cases.append({"case_id": rec.get("case_id") or s.get("case_id"), "path": s["key"],
                      "status": rec["status"], "results_sha256": rec.get("results_sha256"), "message": msg})
    entries = _entries(specs, records)
    links, method = compute_links(entries, alpha, index_kind)
    return {"format": FORMAT, "cases": cases, "links": links, "method": method}


def write(portfolio: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    dest = out / "portfolio.json"
    tmp = out / ".portfolio.json.tmp"
    tmp.write_text(json.dumps(portfolio, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(dest)
    return dest
