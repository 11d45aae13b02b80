import shutil

import pytest

from helpers import ROOT, run_cli

pytest.importorskip("pytestqt")


@pytest.fixture(scope="session")
def analysed_cases(tmp_path_factory):
    """Both demo cases, analysed once through the CLI, with their workspaces."""
    base = tmp_path_factory.mktemp("gui_cases")
    for name in ("guangzhou-2019", "print-attack-video"):
        shutil.copytree(ROOT / "sample_cases" / name, base / name)
        r = run_cli("analyze", base / name, "--out", base / f"{name}.out", "-q", "--no-report")
        assert r.returncode == 0, r.stderr
    return base


@pytest.fixture
def cases(analysed_cases, tmp_path):
    for p in analysed_cases.iterdir():
        if p.is_dir():
            shutil.copytree(p, tmp_path / p.name)
    return tmp_path


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(tmp_path / "settings"))
    from forensics_app.gui.main_window import MainWindow
    from forensics_app.gui.settings import Settings
    w = MainWindow(Settings())
    qtbot.addWidget(w)
    w.show()
    return w
