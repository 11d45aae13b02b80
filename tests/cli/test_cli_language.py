"""The command line speaks the user's language: in Chinese (the default), a refused input is one
Chinese line naming the file (exit 2, no traceback, evidence unchanged), and --help is Chinese.

The English detector is the report's (tests/report/english.py): file names and paths, identifiers,
acronyms and quoted evidence in 「」 may stay in Latin letters, nothing else. Each check is first
run in English, where the detector must find English: a test that passes could have failed.
"""

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DEMO, ROOT, tree_hashes

sys.path.insert(0, str(ROOT / "tests" / "report"))
from english import english_words  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def speak(tmp_path, monkeypatch, capsys):
    """Run the CLI in-process in ``lang`` with a settings folder of its own (language unset: zh)."""
    settings = tmp_path / "settings"
    settings.mkdir()
    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(settings))

    def run(lang, *args):
        from forensics_app.cli import main
        if lang is None:
            monkeypatch.delenv("FORENSICS_LANG", raising=False)
        else:
            monkeypatch.setenv("FORENSICS_LANG", lang)
        capsys.readouterr()
        try:
            rc = main([str(a) for a in args])
        except SystemExit as exc:
            rc = exc.code
        out, err = capsys.readouterr()
        return rc, out, err
    run.settings = settings
    return run


@pytest.fixture
def case(tmp_path):
    dest = tmp_path / "CASE"
    shutil.copytree(DEMO, dest)
    return dest


def _bad_json(case):
    (case / "case.json").write_text('{"case_id": "X",', "utf-8")


def _unreadable_image(case):
    m = json.loads((case / "case.json").read_text("utf-8"))
    photo = next(e["path"] for e in m["evidence"] if e["role"] == "id_photo")
    (case / photo).write_bytes(b"\xff\xd8\xff\xe0 not a jpeg at all" * 10)


def _non_workspace(case):
    ws = case.parent / "CASE.forensics"
    ws.mkdir()
    (ws / "notes.txt").write_text("someone else's folder", "utf-8")


def _bad_settings_file(case):
    pass      # the settings file is written by the test (it needs the settings folder)


# (what is wrong, how to break the input, the command, a word the Chinese line must hold)
BAD = [
    ("missing case", None, ["analyze", "{tmp}/NOPE", "--out", "{tmp}/out"], "不存在"),
    ("bad case.json", _bad_json, ["analyze", "{case}", "--out", "{tmp}/out"], "JSON"),
    ("unreadable image", _unreadable_image, ["analyze", "{case}", "--out", "{tmp}/out"], "图像"),
    ("output inside the evidence", None, ["analyze", "{case}", "--out", "{case}/out"], "检材"),
    ("workspace inside the evidence", None, ["analyze", "{case}", "--out", "{tmp}/out", "--workspace", "{case}/ws"],
     "工作区"),
    ("folder that is not a workspace", _non_workspace, ["analyze", "{case}", "--out", "{tmp}/out"], "工作区"),
    ("no workspace yet", None, ["verify", "{case}"], "工作区"),
    ("bad number", None, ["analyze", "{case}", "--out", "{tmp}/out", "--max-file-mb", "abc"], "数字"),
    ("missing argument", None, ["analyze", "{case}"], "缺少"),
    ("unknown argument", None, ["verify", "{case}", "--frobnicate"], "无法识别"),
    ("bad choice", None, ["analyze", "{case}", "--out", "{tmp}/out", "--protocol", "film"], "无效"),
    ("unknown setting", None, ["settings", "examinr_name", "x"], "设置项"),
    ("bad setting value", None, ["settings", "max_recent", '"eight"'], "整数"),
    ("setting not among its choices", None, ["settings", "language", "fr"], "设置项"),
    ("unknown population", None, ["analyze", "{case}", "--out", "{tmp}/out", "--population", "martians"], "校准"),
    ("note too", None, ["note", "{case}", "x", "--target", "nothing-such"], "备注"),
    ("bad settings file", "settings-file", ["analyze", "{case}", "--out", "{tmp}/out"], "设置"),
]


@pytest.mark.parametrize("what, breaker, args, word", BAD, ids=[b[0] for b in BAD])
def test_a_refused_input_is_one_chinese_line(speak, case, tmp_path, what, breaker, args, word):
    if breaker == "settings-file":
        (speak.settings / "settings.json").write_text('{"language": "zh", "max_recent": "eight"}', "utf-8")
    elif breaker:
        breaker(case)
    argv = [a.format(tmp=tmp_path, case=case) for a in args]
    before = tree_hashes(case)
    rc_en, _o, err_en = speak("en", *argv)
    rc, out, err = speak(None, *argv)            # no --lang, no FORENSICS_LANG: the setting, zh by default
    assert rc == rc_en == 2, (rc, err)
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("forensics-app: "), err
    assert "Traceback" not in err
    line = lines[0]
    assert word in line and CJK.search(line), line
    assert english_words(line) == [], line
    assert english_words(err_en.strip()) != [], err_en       # the detector sees the English line
    assert tree_hashes(case) == before, "the evidence folder changed"
    assert not (tmp_path / "out").exists()


def test_the_language_setting_and_lang_choose_the_language(speak, case, tmp_path):
    args = ["analyze", tmp_path / "NOPE", "--out", tmp_path / "out"]
    (speak.settings / "settings.json").write_text('{"language": "en"}', "utf-8")
    assert "does not exist" in speak(None, *args)[2]
    assert "不存在" in speak(None, *args, "--lang", "zh")[2]
    (speak.settings / "settings.json").write_text('{"language": "zh"}', "utf-8")
    assert "不存在" in speak(None, *args)[2]
    assert "does not exist" in speak(None, *args, "--lang=en")[2]


def _help_words(text: str, commands: list[str]) -> list[str]:
    """English left in a help text once what the user types is set aside: option strings, the
    command names and a choice list ({zh,en})."""
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    text = re.sub(r"\{[\w,.-]+\}", " ", text)
    names = "|".join(map(re.escape, sorted(commands, key=len, reverse=True)))
    text = re.sub(r"(?<![\w./-])(?:%s)(?![\w./-])" % names, " ", text)
    return english_words(text)


def _commands() -> list[str]:
    from forensics_app.cli import build_parser
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return list(sub.choices)


def _help(lang: str, *args) -> str:
    env = {"FORENSICS_LANG": lang}
    r = subprocess.run([sys.executable, "-m", "forensics_app", *args, "--help"], capture_output=True,
                       text=True, timeout=120, env={**__import__("os").environ, **env})
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_help_is_chinese():
    commands = _commands()
    top = _help("zh")
    assert "用法" in top and "选项" in top and "usage" not in top
    assert _help_words(top, commands) == [], top
    assert _help_words(_help("en"), commands) != []                 # the check sees English
    for cmd in commands:
        text = _help("zh", cmd)
        assert "用法" in text and "示例" in text, text
        assert _help_words(text, commands + ["forensics-app"]) == [], (cmd, text)


# ---- every error the sources raise is a catalogue template with a Chinese entry -----------------

RAISED = {"InputError", "ModelError", "ModelFileError", "Cancelled", "ResultsInvalid", "PortfolioInvalid"}
# (CacheError is never shown: the runner recomputes the stage)
# problem arguments that are not an N_(...) literal where raised, each checked where it is defined
INDIRECT = {"stale", "exc.template", "problem"}      # cli.py, io/case.py, io/logs.py (_NOT_A_LOG)


def _templates(root: Path = ROOT / "forensics_app"):
    """(file:line, template) for every InputError & family constructed under ``root``."""
    found, bad = [], []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in RAISED):
                continue
            pos = 1 if node.func.id in ("InputError", "ModelError", "ModelFileError") else 0
            if len(node.args) <= pos:
                continue
            arg = node.args[pos]
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            if isinstance(arg, ast.Call) and getattr(arg.func, "id", None) == "N_":
                found.append((where, "".join(c.value for c in arg.args)))
            elif ast.unparse(arg) not in INDIRECT:
                bad.append((where, ast.unparse(arg)[:80]))
    return found, bad


def test_every_error_template_has_a_chinese_entry():
    import gettext
    from forensics_app.i18n import DOMAIN, LOCALEDIR
    zh = gettext.translation(DOMAIN, LOCALEDIR, languages=["zh"])
    found, bad = _templates()
    assert len(found) > 150, len(found)
    assert bad == [], "errors raised with English text instead of a catalogue template: %s" % bad
    untranslated = [(w, t) for w, t in found if zh.gettext(t) == t]
    assert untranslated == []
    # every placeholder of the English is in the Chinese, so no parameter is dropped
    for w, t in found:
        names = lambda s: sorted(set(re.findall(r"\{(\w*)[:}]", s)))     # noqa: E731
        assert names(zh.gettext(t)) == names(t), (w, t, zh.gettext(t))


def test_the_scan_catches_a_planted_english_error(tmp_path):
    """The static scan fails on an error raised with English text, and finds a template."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "planted.py").write_text('from .errors import InputError\n\n\ndef f(p):\n'
                                    '    raise InputError(p, f"bad {p}")\n\n\ndef g(p):\n'
                                    '    raise InputError(p, N_("cannot read {p}"), p=p)\n', "utf-8")
    found, bad = _templates(pkg)
    assert bad == [("pkg/planted.py:5", "f'bad {p}'")]
    assert found == [("pkg/planted.py:9", "cannot read {p}")]
