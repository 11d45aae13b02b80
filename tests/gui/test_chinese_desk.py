"""The Chinese desk shows no English: every text a user can see (titles, menus, buttons, labels,
placeholders, tooltips, table headers and cells, list items, chart labels, the banner) in every
panel, on an analysed video case and on a case whose verification failed. Allowed, and listed here:
names and identifiers that are not English prose."""

import re

import pytest
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QLabel, QLineEdit, QListWidget,
                               QPlainTextEdit, QTableWidget, QTabBar, QTextBrowser, QWidget)

from conftest import open_case

A = r"(?<![A-Za-z0-9_])"            # ASCII word edges (Chinese characters count as word characters in \b)
Z = r"(?![A-Za-z0-9_])"
ALLOWED = [
    A + r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+" + Z,        # rule identifiers (ID_LOST_BEFORE_USE)
    r"[\w.\-]*(?:/[\w.\-#]+)+",                     # paths and frame labels (stm/capture.mp4#12)
    A + r"[\w\-]+\.(?:jpg|png|mp4|csv|txt|json|p12|pdf|xlsx)" + Z,   # file names
    A + r"[a-z]\w*(?:\.[a-z]\w*)+" + Z,               # field references (claimant.phone, records.id_loss_report)
    A + r"[a-z]+(?:_[a-z0-9\-]+)+" + Z,              # parameter and calibration names (capture_tolerance_s, east_asian)
    A + r"[0-9a-f]{12,64}" + Z,                       # hashes
    A + r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+" + Z,         # case and terminal identifiers (GZIC-2019-DEMO, STM-YX-0007)
    A + r"[A-Z]{2,5}(?:#12|-256)?" + Z,               # acronyms kept in Chinese text (LR, PAD, JSON, UTC, PKCS#12, SHA-256)
    A + r"(?:SFace|dlib)" + Z,                        # face algorithms named in a calibration's description
    A + r"forensics-app" + Z, "English",             # program name; the language menu names itself
    r"「[^」]*」",                                     # case data quoted as delivered (a vendor's name, a lab's words)
]
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def english_left(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)             # rich text: the markup is not shown
    text = text.replace("\u200b", "")                 # a zero-width break point (long names wrap) is not a letter
    for pattern in ALLOWED:
        text = re.sub(pattern, " ", text)
    return ENGLISH.findall(text)


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every string on the window, its docks and menus."""
    out = [("title", window.windowTitle()), ("status bar", window.statusBar().currentMessage())]
    widgets = [window] + [w for w in window.findChildren(QWidget) if w.isVisible()]
    for w in widgets:
        name = type(w).__name__
        if w.toolTip():
            out.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        if isinstance(w, QLineEdit):
            out.append((f"{name} placeholder", w.placeholderText()))
        if isinstance(w, QPlainTextEdit):
            out.append((f"{name} placeholder", w.placeholderText()))
        if isinstance(w, QTextBrowser):
            out.append((name, w.toPlainText()))
        if isinstance(w, QDockWidget):
            out.append(("dock", w.windowTitle()))
        if isinstance(w, QTabBar):
            out += [("tab", w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QListWidget):
            out += [(name, w.item(i).text()) for i in range(w.count())]
        if isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            for j in range(w.columnCount()):
                h = w.horizontalHeaderItem(j)
                out.append((f"{name} header", h.text() if h else ""))
            for i in range(w.rowCount()):
                for j in range(w.columnCount()):
                    it = w.item(i, j)
                    if it is not None and not (w is window.audit.table and j in (3, 4)):   # actor names, details as recorded
                        out.append((f"{name} cell", it.text()))
    menus = [a.menu() for a in window.menuBar().actions() if a.menu()]
    while menus:
        m = menus.pop()
        out.append(("menu", m.title()))
        for a in m.actions():
            out.append(("menu item", a.text()))
            if not a.isEnabled():
                out.append(("menu tooltip", a.toolTip()))
            if a.menu():
                menus.append(a.menu())
    for chart in (window.charts.dist_chart, window.charts.ear_chart):
        out += [("chart", t) for t in (chart.title, chart.x_label, chart.y_label, chart.empty_text)]
        out += [("chart line", t) for _v, _c, t in chart.lines]
    return [(where, t) for where, t in out if t]


def _problems(window):
    from PySide6.QtTest import QTest
    QTest.qWait(100)                                 # what is painted, not a layout half-way through
    return sorted({(where, t[:120], tuple(english_left(t))) for where, t in visible_texts(window) if english_left(t)})


@pytest.mark.parametrize("case", ["print-attack-video", "guangzhou-2019"])
def test_no_english_in_the_chinese_desk(window, cases, qtbot, case):
    window.set_language("zh")
    open_case(window, qtbot, cases / case)
    for name in window.docks:
        window.show_panel(name)
    assert _problems(window) == []


def test_no_english_when_verification_failed_or_nothing_is_open(window, cases, qtbot):
    window.set_language("zh")
    assert _problems(window) == []                       # no case open: disabled actions' tooltips too
    (cases / "guangzhou-2019/docs/telecom_reply.txt").write_text("edited", encoding="utf-8")
    open_case(window, qtbot, cases / "guangzhou-2019")
    assert window.session.stale
    assert _problems(window) == []


def test_no_english_in_the_status_bar_while_analysing(window, cases, qtbot):
    """Every progress message of a real (uncached) analysis, as the status bar shows it."""
    window.set_language("zh")
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    s.ws.db["cache"].delete_where()          # every stage computes, so every stage's messages appear
    shown = []
    window.statusBar().messageChanged.connect(shown.append)
    with qtbot.waitSignal(window.analysisFinished, timeout=120000):
        window.run_analysis()
    assert len(set(shown)) >= 5, shown
    assert [(t, english_left(t)) for t in shown if english_left(t)] == []
    assert "分析完成" in shown


def test_the_check_catches_planted_english(window, cases, qtbot):
    window.set_language("zh")
    open_case(window, qtbot, cases / "print-attack-video")
    window.frames.fit_btn.setText("Fit to window")
    assert ("QPushButton", "Fit to window", ("Fit", "window")) in _problems(window)
    window.frames.fit_btn.setText("适合窗口")
    window.docks["rules"].setWindowTitle("Rules checked")
    assert any(t == "Rules checked" for _w, t, _e in _problems(window))
    window.statusBar().showMessage("assembling results")
    assert any(w == "status bar" for w, _t, _e in _problems(window))


def _dialog_texts(dlg) -> list[tuple[str, str]]:
    out = [("title", dlg.windowTitle())]
    for w in dlg.findChildren(QWidget):
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((type(w).__name__, w.text()))
        if isinstance(w, QLineEdit):
            out.append(("placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            out += [("combo", w.itemText(i)) for i in range(w.count())]
    return [(where, t) for where, t in out if t and english_left(t)]


def test_no_english_in_the_chinese_dialogs(window):
    """The new-case and analysis-options dialogs, with every population's description."""
    from forensics_app.gui.dialogs import NewCaseDialog, OptionsDialog
    from forensics_app.io.calibrations import populations
    window.set_language("zh")
    assert _dialog_texts(NewCaseDialog(window)) == []
    dlg = OptionsDialog("", "", "east_asian", window)
    for key in populations():
        dlg.population.setCurrentIndex(dlg.population.findData(key))
        assert _dialog_texts(dlg) == [], key
    window.set_language("en")
    dlg = OptionsDialog("", "", "east_asian", window)
    dlg.population.setCurrentIndex(dlg.population.findData("general"))
    assert _dialog_texts(dlg)                       # the check can fail: the English dialog is English


def _walk_selections(window) -> list:
    """Problems on every panel shown alone (tabified docks hide each other) and on what a panel shows
    only for a selection: each finding's text, each rule's reason, the frames panel at every
    still and at points through a video."""
    found = []
    for name in window.docks:
        window.show_panel(name)
        found += _problems(window)
    window.show_panel("findings")
    for i in range(window.findings.findings.count()):
        window.session.select(finding=i)
        found += [p for p in _problems(window) if p[0] in ("QTextBrowser", "QPushButton tooltip")]
    window.show_panel("rules")
    table = window.panels["rules"].table
    for r in range(table.rowCount()):
        table.setCurrentCell(r, 0)
        found += [p for p in _problems(window) if p[0] == "QLabel"]
    window.show_panel("frames")
    n = len(window.frames.positions)
    for p in sorted({0, n // 3, n // 2, (2 * n) // 3, n - 1} if n > 8 else set(range(n))):
        window.frames.show_position(p)
        found += _problems(window)
    return sorted(set(found))


@pytest.mark.parametrize("case", ["print-attack-video", "guangzhou-2019"])
def test_every_panel_and_selection_in_chinese(window, cases, qtbot, case):
    window.set_language("zh")
    open_case(window, qtbot, cases / case)
    assert window.findings.findings.count() >= 3 and window.panels["rules"].table.rowCount() >= 10
    assert _walk_selections(window) == []


def test_the_walk_catches_english_behind_a_selection(window, cases, qtbot):
    """English that shows only when a finding is selected is caught (the walk selects it)."""
    import dataclasses
    window.set_language("zh")
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    f = s.results.findings[1]
    s.results.findings[1] = dataclasses.replace(f, code=None, params=None, explanation="the phone was not hers")
    problems = _walk_selections(window)
    assert any(set(e) >= {"the", "phone", "was", "not", "hers"} for _w, _t, e in problems), problems


def test_no_english_in_the_examiner_and_password_dialogs(window):
    from forensics_app.gui.dialogs import ExaminerDialog, PasswordDialog
    window.set_language("zh")
    assert _dialog_texts(ExaminerDialog("", "", window)) == []
    assert _dialog_texts(PasswordDialog("lab.p12", window)) == []
    window.set_language("en")
    assert _dialog_texts(ExaminerDialog("", "", window))          # the check can fail


def test_a_lab_calibration_is_quoted_in_the_options_dialog(window, tmp_path, monkeypatch):
    """A lab's own calibration: its population and limits in the examiner's words, quoted (「」),
    everything around them Chinese; the shipped words are not borrowed."""
    import json
    from importlib.resources import files
    from forensics_app.core import caldesc
    from forensics_app.gui.dialogs import OptionsDialog
    monkeypatch.setenv("FORENSICS_CALIBRATIONS", str(tmp_path))
    for alg in ("sface", "dlib"):
        raw = json.loads((files("forensics_app") / f"data/calibrations/{alg}_chip_east_asian.json").read_text("utf-8"))
        raw |= {"name": f"{alg}_chip_lab7", "population_key": "lab7"} | caldesc.lab(
            alg, "chip", "Shenzhen branch volunteers", "daylight only", "/lab/photos", 9, 30, 0)
        (tmp_path / f"{alg}_chip_lab7.json").write_text(json.dumps(raw), encoding="utf-8")
    window.set_language("zh")
    dlg = OptionsDialog("lab7", "", "east_asian", window)
    text = dlg.reason.text()
    assert "「Shenzhen branch volunteers」" in text and "「daylight only」" in text, text
    assert _dialog_texts(dlg) == []
    dlg.population.setCurrentIndex(dlg.population.findData("lab7"))
    assert _dialog_texts(dlg) == []
