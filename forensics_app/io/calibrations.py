"""Shipped and lab-made calibrations (JSON files of fitted numbers, never images)."""

from __future__ import annotations

import json
import os
from importlib.resources import files
from pathlib import Path

from ..core.lr import Calibration
from ..errors import InputError

SHIPPED = ("general", "east_asian")
CHINESE_TZ = ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "Asia/Hong_Kong",
              "Asia/Macau", "Asia/Taipei")


def user_dir() -> Path:
    return Path(os.environ.get("FORENSICS_CALIBRATIONS",
                               Path.home() / ".local/share/forensics-app/calibrations"))


def available() -> list[str]:
    names = set(SHIPPED)
    if user_dir().is_dir():
        names |= {p.stem for p in user_dir().glob("*.json")}
    return sorted(names)


def load(name: str) -> Calibration:
    p = user_dir() / f"{name}.json"
    try:
        if p.is_file():
            return Calibration.from_dict(json.loads(p.read_text("utf-8")))
        if name in SHIPPED:
            text = (files("forensics_app") / f"data/calibrations/{name}.json").read_text("utf-8")
            return Calibration.from_dict(json.loads(text))
    except (KeyError, ValueError, TypeError) as exc:
        raise InputError(p, f"calibration file is damaged ({exc})") from None
    raise InputError(None, f"unknown calibration '{name}'; available: {', '.join(available())}")


def choose(requested: str | None, manifest: dict, is_chinese: bool) -> tuple[str, str]:
    """(calibration name, how it was chosen)."""
    if requested:
        return requested, "requested for this run"
    if manifest.get("reference_population"):
        return manifest["reference_population"], "case.json reference_population"
    if is_chinese:
        return "east_asian", "not stated in case.json; the case is Chinese (language/timezone), so east_asian"
    return "general", "not stated in case.json and no sign of a Chinese case, so general"


def save(cal: Calibration, out_dir: Path | None = None) -> Path:
    d = Path(out_dir) if out_dir else user_dir()
    d.mkdir(parents=True, exist_ok=True)
    p = d / f"{cal.name}.json"
    p.write_text(json.dumps(cal.as_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return p
