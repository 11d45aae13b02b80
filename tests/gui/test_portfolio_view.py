"""The portfolio view: tables, graph, masking, and the cases and frames behind a link."""

import json

import numpy as np
import pytest

from forensics_app.batch.records import BatchFile
from forensics_app.batch.synth import fictitious_id, write_case

pytest.importorskip("pytestqt")


@pytest.fixture
def out(tmp_path):
    rng = np.random.default_rng(0)
    cases, out = tmp_path / "cases", tmp_path / "out"
    for i in range(3):
        img = rng.integers(0, 255, (60, 80, 3), dtype=np.uint8)
        write_case(cases / f"c{i}", f"C{i}", name=f"P{i}", id_number=fictitious_id(i), phone="13900001111",
                   id_photo=img, frames=[img], log_rows=[])
        d = out / "cases" / f"C{i}"
        d.mkdir(parents=True)
        (d / "batch.json").write_text(BatchFile(case_id=f"C{i}", status="analysed", message="", run_key=None,
                                                folder=f"c{i}", case_path=str(cases / f"c{i}")).text())
    face_ev = [{"case_ids": ["C0", "C1"], "paths": ["c0", "c1"], "frames": [["stm/frames/0001.jpg"]] * 2,
                "closest_frames": ["stm/frames/0001.jpg", "stm/frames/0001.jpg"], "likelihood_ratio": 20000.0,
                "closest_score": 0.1, "median_score": 0.1, "log10_lr": 4.301}]
    portfolio = {"format": "forensics-portfolio/1",
                 "cases": [{"case_id": f"C{i}", "path": f"c{i}", "status": "analysed" if i < 2 else "refused",
                            "results_sha256": None, "message": "" if i < 2 else "c2/case.json: bad"}
                           for i in range(3)],
                 "links": [{"kind": "face", "case_ids": ["C0", "C1"], "value": "captured faces of one person",
                            "evidence": face_ev, "strength": 20000.0},
                           {"kind": "phone", "case_ids": ["C1", "C2"], "value": "13900001111",
                            "evidence": [{"case_id": "C1", "path": "c1", "source": "log row 2", "raw": "13900001111"}],
                            "strength": None}],
                 "method": {"values": "v", "terminal_window_minutes": 10, "terminal_rule": "t", "strength": "s",
                            "results_sha256": "r", "face": {"reachable": False, "note": "no case had a usable face"}}}
    (out / "portfolio.json").write_text(json.dumps(portfolio))
    return out


def test_tables_graph_masking_and_frames_behind_a_link(qtbot, out, monkeypatch, tmp_path):
    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(tmp_path / "settings"))
    from forensics_app.gui import main_window
    from forensics_app.gui.portfolio_view import PortfolioWindow

    opened = []
    monkeypatch.setattr(main_window.MainWindow, "open_case", lambda self, p: opened.append(p) or True)
    w = PortfolioWindow(out)
    qtbot.addWidget(w)
    assert w.cases.rowCount() == 3 and w.links.rowCount() == 2
    assert w.cases.item(2, 2).text() == "拒收"                  # the desk's language (Chinese by default)
    assert w.links.item(1, 2).text() == "「139****1111」"        # masked by default; data quoted in the Chinese desk
    w.unmask.setChecked(True)
    assert w.links.item(1, 2).text() == "「13900001111」"
    assert len([i for i in w.scene.items() if i.type() == 6]) == 2   # one line per linked pair
    w.links.selectRow(0)
    assert w.behind.count() == 2 and w.frames.count() == 2
    assert all(not w.frames.item(k).icon().isNull() for k in range(2))
    w.open_btn.click()
    assert opened == [str(out.parent / "cases" / "c0")]
    for win in w.case_windows:
        win.close()


def test_the_view_speaks_the_users_language_whatever_ran_before(qtbot, out, monkeypatch, tmp_path):
    """The language comes from the user's settings when the window opens, not from whichever desk
    window last set it (an English desk opened earlier once left the default Chinese view in English)."""
    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(tmp_path / "settings"))
    from forensics_app.gui import text
    from forensics_app.gui.portfolio_view import PortfolioWindow
    from forensics_app.settings import Settings

    text.set_language("en")                                     # as an English desk window leaves it
    w = PortfolioWindow(out)
    qtbot.addWidget(w)
    assert w.cases.item(2, 2).text() == "拒收"                  # settings unset: Chinese, the default
    s = Settings()
    s.set("language", "en")
    w2 = PortfolioWindow(out, s)
    qtbot.addWidget(w2)
    assert w2.cases.item(2, 2).text() == "refused"


def test_the_chinese_view_shows_no_english(qtbot, tmp_path_factory, monkeypatch, tmp_path):
    """Every text the Chinese portfolio view shows (summary, headers, tabs, cells, each link's detail,
    labels and buttons) is Chinese: names, paths, hashes, case ids and quoted evidence aside."""
    import sys
    from pathlib import Path

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from portfolio_backlog import analysed_portfolio

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
    from english import english_words

    from forensics_app.gui.portfolio_view import PortfolioWindow

    monkeypatch.setenv("FORENSICS_SETTINGS_DIR", str(tmp_path / "settings"))      # unset: Chinese, the default
    out = analysed_portfolio(tmp_path_factory.mktemp("zhview"))
    w = PortfolioWindow(out)
    qtbot.addWidget(w)
    texts = [w.windowTitle().split(" — ")[0], w.summary.text()]
    texts += [t.text() for t in w.findChildren(QLabel)] + [b.text() for b in w.findChildren(QAbstractButton)]
    texts += [w.tabs.tabText(i) for i in range(w.tabs.count())]
    for table in (w.cases, w.links):
        texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                  if table.item(r, c) is not None]
    for r in range(w.links.rowCount()):
        w.links.selectRow(r)
        texts.append(w.detail.toPlainText())
    assert w.cases.rowCount() == 10 and w.links.rowCount() > 3
    shown = "\n".join(t for t in texts if t)
    assert "拒收" in shown and "工作进程" in shown
    assert english_words(shown, {"KilledWorker"}) == []        # the name of Dask's exception, cited
