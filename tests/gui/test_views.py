"""The views an examiner expects: playback and stepping, charts, rules, options, layout, Quit,
disabled actions that say why, previews of single panels."""

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from conftest import WAIT, open_case
from helpers import ROOT


def _shown_pixels(view):
    from PySide6.QtWidgets import QGraphicsPixmapItem
    from PySide6.QtGui import QImage
    item = next(i for i in view.scene().items() if isinstance(i, QGraphicsPixmapItem))
    img = item.pixmap().toImage().convertToFormat(QImage.Format_RGB888)
    h, w = img.height(), img.width()
    raw = np.array(img.constBits(), np.uint8).reshape(h, img.bytesPerLine())
    return raw[:, : 3 * w].reshape(h, w, 3)


def test_stepping_shows_the_decoded_frame_with_overlays(window, cases, qtbot):
    from forensics_app.io.video import frame_at
    open_case(window, qtbot, cases / "print-attack-video")
    f = window.frames
    assert f.pos == 0 and f.positions[0] == "stm/capture.mp4#0"
    f.next_btn.click()
    f.next_btn.click()
    assert f.pos == 2 and f.film.currentRow() == 2 and f.slider.value() == 2
    # the face stage compares a sample of the usable frames: a compared frame shows its distance and
    # LR, another one says it was not in the sample
    compared = f.rows[2].get("distance") is not None
    assert "capture.mp4#2" in f.info.text()
    assert ("distance" in f.info.text() and "LR" in f.info.text()) if compared else "sample" in f.info.text()
    assert np.array_equal(_shown_pixels(f.view), frame_at(cases / "print-attack-video/stm/capture.mp4", 2))
    assert len(f.view.scene().items()) > 3, "face box, landmarks and label over the frame"
    qtbot.keyClick(f.view, Qt.Key_Left)
    assert f.pos == 1
    f.prev_btn.click()
    f.prev_btn.click()
    assert f.pos == 0, "stepping stops at the first frame"
    f.slider.setValue(59)
    f.next_btn.click()
    assert f.pos == 59, "and at the last"


def test_frame_info_names_the_population_and_why_and_wraps_long_names(window, cases, qtbot):
    """The face panel states the population the LRs are computed against and why (the report's
    wording), and the long calibration names wrap: the box never scrolls sideways."""
    open_case(window, qtbot, cases / "print-attack-video")
    f = window.frames
    f.slider.setValue(next(k for k, r in enumerate(f.rows) if r.get("distance") is not None))   # a compared frame
    text = f.info.text().replace("\u200b", "")
    pop = window.session.results.face_comparison.population
    assert pop["key"] in text and "the case's default" in text and "false-match rate" in text, text
    assert "sface_chip_" in text
    scroll = f.info.parentWidget().parentWidget()
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarAlwaysOff
    # the longest unbreakable run fits: the label wraps inside the box instead of widening it
    assert f.info.minimumSizeHint().width() <= scroll.viewport().width() and f.info.width() <= scroll.width()


def test_playback_runs_at_the_clip_rate_and_pauses(window, cases, qtbot):
    open_case(window, qtbot, cases / "print-attack-video")
    f = window.frames
    f.play_btn.click()
    assert f.timer.isActive() and f.timer.interval() == int(1000 / 15)
    assert f.play_btn.text() == "Pause"
    qtbot.waitUntil(lambda: f.pos >= 6, timeout=10000)
    f.play_btn.click()
    assert not f.timer.isActive()
    stopped = f.pos
    qtbot.wait(300)
    assert f.pos == stopped
    f.slider.setValue(57)
    f.play_btn.click()
    qtbot.waitUntil(lambda: not f.timer.isActive(), timeout=5000)
    assert f.pos == 59 and f.play_btn.text() == "Play", "playback stops at the end"


def test_zoom_is_kept_while_stepping_and_fit_restores(window, cases, qtbot):
    open_case(window, qtbot, cases / "print-attack-video")
    f = window.frames
    fitted = f.view.transform().m11()
    f.view.scale(2, 2)
    f.view.zoomed = True
    f.step(1)
    assert abs(f.view.transform().m11() - 2 * fitted) < 1e-6
    f.fit_btn.click()
    assert abs(f.view.transform().m11() - fitted) < 1e-6


def test_filmstrip_thumbnails_are_made_once_and_cached(window, cases, qtbot):
    from forensics_app.gui import thumbs
    thumbs._CACHE.clear()
    open_case(window, qtbot, cases / "print-attack-video")
    f = window.frames
    qtbot.waitUntil(lambda: all(not f.film.item(i).icon().isNull() for i in range(f.film.count())), timeout=WAIT)
    calls = []
    real = thumbs.make
    thumbs.make = lambda *a, **k: calls.append(1) or real(*a, **k)
    try:
        open_case(window, qtbot, cases / "guangzhou-2019")
        open_case(window, qtbot, cases / "print-attack-video")
        qtbot.wait(200)
        assert all(not f.film.item(i).icon().isNull() for i in range(f.film.count()))
        assert len(calls) == 1, "only guangzhou's one still was decoded; print-attack came from the cache"
    finally:
        thumbs.make = real


def test_charts_have_axes_fixed_scales_and_the_blink_threshold(window, cases, qtbot):
    from forensics_app.core.liveness import blink_levels
    s = open_case(window, qtbot, cases / "print-attack-video")
    d, e = window.charts.dist_chart, window.charts.ear_chart
    assert d.x_label and d.y_label and e.x_label and e.y_label
    assert d._range() == (0.0, 1.0) and e._range() == (0.0, 0.5), "fixed scales, not fitted to the noise"
    thr = s.results.face_comparison.decision_threshold
    assert [v for v, _c, _t in d.lines] == [thr]
    open_level, cut = blink_levels(s.results.liveness.series[0]["values"])
    assert [round(v, 6) for v, _c, _t in e.lines] == [round(open_level, 6), round(cut, 6)]
    assert any("blink threshold" in t for _v, _c, t in e.lines)
    assert s.results.liveness.cues[0].threshold_msg["params"]["level"] == "0.348" and abs(open_level - 0.348) < 0.001
    window.charts.resize(700, 500)
    pt = e._pt(20, e.values[20])
    with qtbot.waitSignal(window.charts.frameRequested) as got:
        qtbot.mouseClick(e, Qt.LeftButton, pos=pt.toPoint())
    assert got.args == ["stm/capture.mp4#20"] and window.frames.pos == 20


def test_every_rule_is_listed_with_the_reason_it_could_not_be_evaluated(window, cases, qtbot):
    s = open_case(window, qtbot, cases / "print-attack-video")
    t = window.rules.table
    checked = s.results.rules_checked
    assert t.rowCount() == len(checked) >= 17
    rows = {t.item(i, 0).text(): (t.item(i, 1).text(), t.item(i, 2).text()) for i in range(t.rowCount())}
    ne = [c for c in checked if c.status == "not_evaluable"]
    assert ne, "the demo case has rules that cannot be evaluated"
    for c in ne:
        assert rows[c.rule] == ("not evaluable", c.reason) and c.reason
    assert "not evaluable" in window.rules.summary.text()


def test_analysis_options_population_and_pad_model(window, cases, qtbot, settings, monkeypatch):
    from forensics_app.gui.dialogs import OptionsDialog
    open_case(window, qtbot, cases / "print-attack-video")
    dlg = OptionsDialog("", "", "east_asian", window)
    assert "case file" in dlg.reason.text() and "East Asian" in dlg.reason.text()
    dlg.population.setCurrentIndex(dlg.population.findData("general"))
    assert "instead of the case's East Asian adults" in dlg.reason.text()
    dlg.pad.setText("/models/vendor_pad.json")
    monkeypatch.setattr("forensics_app.gui.dialogs.OptionsDialog.exec", lambda self: 1)
    chosen = dlg.values()
    monkeypatch.setattr("forensics_app.gui.dialogs.OptionsDialog.values", lambda self: chosen)
    window.edit_options()
    assert settings.get("population") == "general" and settings.get("pad_model") == "/models/vendor_pad.json"
    opts = window.analysis_options()
    assert opts.population == "general" and opts.pad_model == "/models/vendor_pad.json"
    settings.set("pad_model", "")
    with qtbot.waitSignal(window.analysisFinished, timeout=WAIT) as got:
        window.run_analysis()
    assert got.args[0].options.population == "general"
    assert got.args[0].face_comparison.calibration["name"] == "sface_chip_general"
    assert window.session.results.face_comparison.calibration["name"] == "sface_chip_general"


def test_disabled_actions_say_why(window):
    assert not window.act_run.isEnabled() and window.act_run.toolTip() == "Open a case first"
    assert not window.act_verify.isEnabled() and window.act_verify.toolTip()
    assert not window.act_cancel.isEnabled() and window.act_cancel.toolTip() == "No analysis is running"
    assert window.run_analysis() is None
    rp = window.report
    assert not rp.export_btn.isEnabled() and rp.export_btn.toolTip() == "Open a case first"
    assert rp.export_report("/tmp/never.pdf") is None
    assert not window.findings.note_btn.isEnabled() and window.findings.note_btn.toolTip()
    assert not window.findings.goto_btn.isEnabled() and window.findings.goto_btn.toolTip()


def test_ctrl_q_quits(window, qtbot):
    assert window.act_quit.shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(window, Qt.Key_Q, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_dock_layout_is_remembered(qtbot, settings):
    from forensics_app.gui.main_window import MainWindow
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    w.docks["audit"].setFloating(True)
    w.docks["rules"].hide()
    w.close()
    w2 = MainWindow(settings)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.docks["audit"].isFloating() and not w2.docks["rules"].isVisible()
    w2.reset_layout()
    assert not w2.docks["audit"].isFloating() and w2.docks["rules"].isVisible()


def test_a_panel_can_be_added_by_another_package(window, qtbot):
    from forensics_app.gui.panels import Panel

    class Portfolio(Panel):
        name, title = "portfolio", "Portfolio"

        def render(self, what):
            self.seen = what

    p = window.add_panel(Portfolio(window.session))
    assert window.docks["portfolio"].widget() is p
    assert "Portfolio" in [a.text() for a in window.menu_view.actions()]
    window.session.clear()
    assert p.seen == "case"


PANELS = ["audit", "charts", "evidence", "findings", "frames", "report", "rules", "timeline"]


@pytest.mark.parametrize("module", PANELS)
def test_each_panel_opens_alone(module, cases, qtbot):
    import importlib
    from forensics_app.gui.panels import Panel
    from forensics_app.gui.preview import preview
    mod = importlib.import_module(f"forensics_app.gui.panels.{module}")
    cls = next(v for v in vars(mod).values() if isinstance(v, type) and issubclass(v, Panel) and v is not Panel)
    panel = preview(cls, [str(cases / "print-attack-video")], run=False)
    qtbot.addWidget(panel)
    assert panel.session.results.case_id == "DEMO-PRINT-2020" and panel.session.verification.state == "ok"
    assert 'if __name__ == "__main__":' in (ROOT / f"forensics_app/gui/panels/{module}.py").read_text()


def test_panel_preview_runs_as_a_program(cases):
    env = dict(os.environ, FORENSICS_PREVIEW_QUIT_MS="300", QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "forensics_app.gui.panels.charts", str(cases / "print-attack-video")],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
