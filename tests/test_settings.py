"""The Qt-free settings store: declared keys, types checked, one file, atomic, read by the CLI."""

import json

import pytest

from forensics_app import settings as st_mod
from forensics_app.errors import InputError
from forensics_app.settings import KEYS, Settings
from helpers import run_cli


def test_defaults_then_round_trip(tmp_path):
    s = Settings(tmp_path / "settings.json")
    assert s.get("examiner_name") == "" and s.get("language") == "zh" and s.get("mask_reports") is True
    s.set("examiner_name", "Dr. Li Wei")
    s.set("max_recent", 2)
    again = Settings(tmp_path / "settings.json")
    assert again.get("examiner_name") == "Dr. Li Wei" and again.get("max_recent") == 2
    assert json.loads((tmp_path / "settings.json").read_text()) == {"examiner_name": "Dr. Li Wei", "max_recent": 2}
    assert not [p for p in tmp_path.iterdir() if p.name != "settings.json"]      # no temp file left behind


def test_env_var_points_at_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(st_mod.ENV_DIR, str(tmp_path / "cfg"))
    s = st_mod.load()
    assert s.path == tmp_path / "cfg" / "settings.json"
    s.set("population", "east_asian")
    assert (tmp_path / "cfg" / "settings.json").is_file()


def test_every_key_default_has_its_declared_type():
    for k in KEYS.values():
        assert isinstance(k.default, k.type), k.name
        assert not k.choices or k.default in k.choices


@pytest.mark.parametrize("content, problem", [
    ("{not json", "unreadable"),
    ("[1, 2]", "JSON object"),
    ('{"examinr_name": "x"}', "unknown setting 'examinr_name'"),
    ('{"max_recent": "8"}', "must be int"),
    ('{"max_recent": true}', "must be int"),
    ('{"language": "fr"}', "one of zh, en"),
    ('{"recent_cases": [1]}', "must be list"),
])
def test_bad_file_names_the_file_and_the_problem(tmp_path, content, problem):
    f = tmp_path / "settings.json"
    f.write_text(content)
    with pytest.raises(InputError) as e:
        Settings(f)
    assert e.value.path == str(f) and problem in e.value.problem


def test_set_rejects_wrong_type_and_unknown_key(tmp_path):
    s = Settings(tmp_path / "s.json")
    with pytest.raises(InputError):
        s.set("mask_reports", "yes")
    with pytest.raises(KeyError):
        s.set("nope", 1)
    assert not (tmp_path / "s.json").exists()


def test_recent_cases_newest_first_and_capped(tmp_path):
    s = Settings(tmp_path / "s.json")
    s.set("max_recent", 2)
    for c in ("a", "b", "a", "c"):
        s.add_recent(c)
    assert s.get("recent_cases") == ["c", "a"]


def test_cli_sets_and_shows(tmp_path):
    env_dir = tmp_path / "cfg"
    import os
    old = os.environ["FORENSICS_SETTINGS_DIR"]
    os.environ["FORENSICS_SETTINGS_DIR"] = str(env_dir)
    try:
        r = run_cli("settings", "examiner_qualifications", "Certified forensic examiner")
        assert r.returncode == 0, r.stderr
        assert Settings(env_dir / "settings.json").get("examiner_qualifications") == "Certified forensic examiner"
        r = run_cli("settings", "max_recent", "not-a-number")
        assert r.returncode == 2 and "max_recent" in r.stderr and "Traceback" not in r.stderr
        r = run_cli("settings")
        assert r.returncode == 0 and "examiner_name" in r.stdout
    finally:
        os.environ["FORENSICS_SETTINGS_DIR"] = old


def test_examiner_block(tmp_path):
    s = Settings(tmp_path / "s.json")
    s.set("examiner_name", "Wang Fang")
    assert st_mod.examiner(s) == {"name": "Wang Fang", "qualifications": "", "organisation": ""}
