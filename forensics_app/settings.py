"""The examiner's settings: one JSON file in the user's configuration folder, Qt-free.

Read by the CLI, the report and the GUI alike (the GUI keeps only window layout in QSettings).
Every key is declared once below with its type, default and meaning; an unknown key or a value of
the wrong type in the file is an :class:`~forensics_app.errors.InputError` naming the file, never a
silent fallback, because the examiner's name and qualifications end up in a court report.

Where the file lives: ``$FORENSICS_SETTINGS_DIR/settings.json`` when that variable is set (tests
point it at a temporary folder), else ``%APPDATA%\\forensics-app`` on Windows,
``~/Library/Application Support/forensics-app`` on macOS and ``$XDG_CONFIG_HOME/forensics-app``
(default ``~/.config/forensics-app``) elsewhere.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, literal, phrase, quoted
from .i18n import N_

ENV_DIR = "FORENSICS_SETTINGS_DIR"
FILE_NAME = "settings.json"
APP_DIR = "forensics-app"


# The value types a setting can have, as the messages name them (the English is the JSON type).
TYPE_WORDS = {str: N_("str"), int: N_("int"), bool: N_("bool"), list: N_("list")}


def type_word(t: type) -> dict:
    return phrase(TYPE_WORDS[t])


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: object
    doc: str
    choices: tuple = ()


KEYS: dict[str, Key] = {k.name: k for k in (
    Key("examiner_name", str, "", N_("the examiner's name as printed in reports")),
    Key("examiner_qualifications", str, "", N_("the examiner's qualifications as printed in reports")),
    Key("examiner_organisation", str, "", N_("the examiner's laboratory or organisation")),
    Key("language", str, "zh", N_("UI and default report language"), ("zh", "en")),
    Key("population", str, "", N_("default reference population for the face comparison (empty: the case's)")),
    Key("pad_model", str, "", N_("learned PAD model: empty or 'builtin' = the shipped MiniFASNet pair, 'none' = off, or a descriptor JSON")),
    Key("mask_reports", bool, True, N_("mask ID and phone numbers in exported reports")),
    Key("workspace_root", str, "", N_("folder for workspaces (empty: beside each case)")),
    Key("recent_cases", list, [], N_("recently opened case folders, newest first")),
    Key("max_recent", int, 8, N_("how many recent cases to keep")),
    Key("last_dir", str, "", N_("last folder used in a file dialog")),
)}


def config_dir() -> Path:
    """The folder holding settings.json (not created here)."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_DIR


def _check(key: Key, value, where) -> object:
    ok = isinstance(value, key.type) and not (key.type is int and isinstance(value, bool))
    if key.type is list:
        ok = ok and all(isinstance(x, str) for x in value)
    if not ok:
        raise InputError(where, N_("setting {name} must be {type}, got {value}"), name=literal(key.name),
                                type=type_word(key.type), value=literal(value))
    if key.choices and value not in key.choices:
        raise InputError(where, N_("setting {name} must be one of {names}, got {value}"), name=literal(key.name),
                                names=', '.join(key.choices), value=literal(value))
    return value


class Settings:
    """The settings file. ``get`` returns the stored value or the declared default."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else config_dir() / FILE_NAME
        self._values = self._load()

    def _load(self) -> dict:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(self.path, N_("settings file is unreadable ({reason})"), reason=quoted(exc)) from None
        if not isinstance(data, dict):
            raise InputError(self.path, N_("settings file must hold a JSON object"))
        for name, value in data.items():
            if name not in KEYS:
                raise InputError(self.path, N_("unknown setting {name}"), name=literal(name))
            _check(KEYS[name], value, self.path)
        return data

    def get(self, name: str):
        key = KEYS[name]
        value = self._values.get(name, key.default)
        return list(value) if isinstance(value, list) else value

    def set(self, name: str, value) -> None:
        if name not in KEYS:
            raise KeyError(name)
        self._values[name] = _check(KEYS[name], value, None)     # the message names the setting
        self._save()

    def reset(self, name: str) -> None:
        self._values.pop(name, None)
        self._save()

    def as_dict(self) -> dict:
        return {name: self.get(name) for name in KEYS}

    def add_recent(self, case: str) -> list[str]:
        recent = [case] + [c for c in self.get("recent_cases") if c != case]
        self.set("recent_cases", recent[: self.get("max_recent")])
        return self.get("recent_cases")

    def _save(self) -> None:
        """Atomic write (temp file + rename): an interrupted save never leaves half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._values, fh, ensure_ascii=False, sort_keys=True, indent=2)
                fh.write("\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def load() -> Settings:
    """The current user's settings."""
    return Settings()


def examiner(settings: Settings | None = None) -> dict:
    """The examiner block a report prints: name, qualifications, organisation (empty when unset)."""
    st = settings or load()
    return {"name": st.get("examiner_name"), "qualifications": st.get("examiner_qualifications"),
            "organisation": st.get("examiner_organisation")}
