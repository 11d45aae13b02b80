import shutil
from pathlib import Path

import pytest

from helpers import ROOT, run_cli

pytest.importorskip("pytestqt")
pytest.importorskip("PySide6")

WAIT = 120000


@pytest.fixture(scope="session")
def analysed_cases(tmp_path_factory):
    """Both demo cases, analysed once through the CLI, with their workspaces.
    FORENSICS_GUI_TEST_CASES names a folder to keep them in between runs (made on first use);
    used when the same tests run many times, e.g. to check that each fails when its feature breaks."""
    import os
    keep = os.environ.get("FORENSICS_GUI_TEST_CASES")
    if keep and (Path(keep) / "done").is_file():
        return Path(keep)
    base = Path(keep) if keep else tmp_path_factory.mktemp("gui_cases")
    for name in ("guangzhou-2019", "print-attack-video"):
        shutil.copytree(ROOT / "sample_cases" / name, base / name)
        r = run_cli("analyze", base / name, "--out", base / f"{name}.out", "-q", "--no-report")
        assert r.returncode == 0, r.stderr
    (base / "done").write_text("")
    return base


@pytest.fixture
def cases(analysed_cases, tmp_path):
    """Private copies: A = guangzhou-2019 and B = print-attack-video (analysed), C = an
    unanalysed case (the print-attack material under another id, never opened)."""
    for p in analysed_cases.iterdir():
        if p.is_dir():
            shutil.copytree(p, tmp_path / p.name)
    c = tmp_path / "unanalysed"
    shutil.copytree(ROOT / "sample_cases" / "print-attack-video", c)
    manifest = (c / "case.json").read_text(encoding="utf-8").replace("DEMO-PRINT-2020", "DEMO-UNANALYSED")
    (c / "case.json").write_text(manifest, encoding="utf-8")
    return tmp_path


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(tmp_path / "settings"))
    from forensics_app.settings import Settings
    s = Settings()
    s.set("language", "en")
    return s


@pytest.fixture
def window(qtbot, settings):
    from forensics_app.gui.main_window import MainWindow
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    return w


def open_case(window, qtbot, path):
    """Open through the desk as a user does and wait until it is shown and verified."""
    with qtbot.waitSignal(window.verified, timeout=WAIT):
        window.open_case(str(path))
    return window.session
