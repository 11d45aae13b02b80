"""Every setting in one place, with its type and default, on top of QSettings.

Tests point QSettings at a temporary folder with FORENSICS_SETTINGS_DIR (or ``Settings(path=...)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: object
    doc: str


KEYS = {k.name: k for k in (
    Key("language", str, "zh", "UI and default report language: zh or en"),
    Key("recent_cases", list, [], "recently opened case folders, newest first"),
    Key("max_recent", int, 8, "how many recent cases to keep"),
    Key("mask_reports", bool, True, "mask ID and phone numbers in exported reports"),
    Key("workspace_root", str, "", "folder for workspaces (empty: beside each case)"),
    Key("pad_model", str, "", "descriptor JSON of an ONNX PAD model (optional)"),
    Key("last_dir", str, "", "last folder used in a file dialog"),
)}


class Settings:
    def __init__(self, path: str | Path | None = None):
        path = path or os.environ.get("FORENSICS_SETTINGS_DIR")
        if path:
            self.q = QSettings(str(Path(path) / "forensics-app.ini"), QSettings.IniFormat)
        else:
            self.q = QSettings("forensics-app", "forensics-app")

    def get(self, name: str):
        k = KEYS[name]
        v = self.q.value(name, k.default)
        if k.type is bool:
            return v if isinstance(v, bool) else str(v).lower() in ("1", "true", "yes")
        if k.type is list:
            return [] if v in (None, "") else (list(v) if isinstance(v, (list, tuple)) else [v])
        return k.type(v)

    def set(self, name: str, value) -> None:
        if name not in KEYS:
            raise KeyError(name)
        self.q.setValue(name, value)
        self.q.sync()

    def add_recent(self, case: str) -> list[str]:
        rec = [c for c in self.get("recent_cases") if c != case]
        rec = [case] + rec
        self.set("recent_cases", rec[: self.get("max_recent")])
        return self.get("recent_cases")
