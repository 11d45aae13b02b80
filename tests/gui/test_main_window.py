"""The review desk, driven as an examiner would (pytest-qt, offscreen)."""

import json


from PySide6.QtCore import Qt



def _col(table, col):
    return [table.item(i, col).text() for i in range(table.rowCount())]


def test_open_case_lists_every_file_with_hash_status(window, cases):
    assert window.open_case(str(cases / "guangzhou-2019"))
    files = _col(window.evidence, 0)
    assert "stm/frames/0001.jpg" in files and "case.json" in files
    assert set(_col(window.evidence, 3)) == {"verified"}
    assert window.results is not None, "the workspace's last analysis should load"
    assert window.findings.count() == len(window.results["findings"])
    assert "GZIC-2019-DEMO" in window.windowTitle()


def test_changed_and_missing_files_are_marked(window, cases):
    case = cases / "guangzhou-2019"
    (case / "docs/telecom_reply.txt").write_text("edited")
    (case / "docs/loan_contract.txt").unlink()
    assert window.open_case(str(case))
    status = dict(zip(_col(window.evidence, 0), _col(window.evidence, 3)))
    assert status["docs/telecom_reply.txt"] == "changed"
    assert status["docs/loan_contract.txt"] == "missing"


def test_stepping_frames_shows_distance_and_lr(window, cases):
    window.open_case(str(cases / "print-attack-video"))
    v = window.viewer
    assert len(v.rows) == 60 and v.index == 0
    v.step(1)
    v.step(1)
    assert v.index == 2 and v.film.currentRow() == 2
    assert "capture.mp4#2" in v.info.text()
    assert "distance" in v.info.text() and "LR" in v.info.text()
    v.step(-5)
    assert v.index == 0
    assert len(v.view.scene().items()) > 2, "face box and landmarks drawn over the frame"


def test_zoom_and_fit(window, cases, qtbot):
    window.open_case(str(cases / "guangzhou-2019"))
    view = window.viewer.view
    before = view.transform().m11()
    view.scale(2, 2)
    assert view.transform().m11() > before
    window.viewer.fit_btn.click()
    assert abs(view.transform().m11() - before) < 1e-6


def test_selecting_a_finding_lands_on_its_evidence(window, cases):
    window.open_case(str(cases / "guangzhou-2019"))
    rules = [f["rule"] for f in window.results["findings"]]
    window.findings.setCurrentRow(rules.index("PHONE_NOT_CLAIMANTS"))
    assert "PHONE_NOT_CLAIMANTS" in window.finding_text.toPlainText()
    target = window.goto_evidence()
    assert target == "logs/transactions.csv#row2"
    assert window.tabs.currentIndex() == 2
    assert window.log_table.selectionModel().selectedRows()[0].row() == 0
    window.findings.setCurrentRow(rules.index("NO_FULL_VIDEO"))
    assert window.goto_evidence() == "stm/frames/0001.jpg"
    assert window.tabs.currentIndex() == 1


def test_note_is_saved_and_audit_logged(window, cases):
    window.open_case(str(cases / "guangzhou-2019"))
    window.findings.setCurrentRow(0)
    rule = window.current_finding()["rule"]
    window.note_edit.setPlainText("Police receipt checked against the original.")
    pk = window.add_note()
    assert pk and "Police receipt" in window.notes_view.toPlainText()
    notes = window.ws.notes(rule)
    assert notes[-1]["text"] == "Police receipt checked against the original."
    assert window.ws.audit_entries()[-1]["action"] == "note"
    assert window.ws.check_audit() == []


def test_run_analysis_reports_progress_and_result(window, cases, qtbot):
    window.open_case(str(cases / "guangzhou-2019"))
    seen = []
    with qtbot.waitSignal(window.analysisFinished, timeout=120000) as blocker:
        w = window.run_analysis()
        w.signals.progress.connect(lambda f, t: seen.append(f))
    assert blocker.args[0]["case_id"] == "GZIC-2019-DEMO"
    assert seen and max(seen) == 1.0
    qtbot.waitUntil(lambda: window.worker is None, timeout=10000)
    assert not window.progress.isVisible()
    assert window.max_stall_ms < 1000    # the GUI thread never froze for a second while the analysis ran


def test_cancel_analysis(window, cases, qtbot):
    window.open_case(str(cases / "print-attack-video"))
    window.ws.db["cache"].delete_where()          # force real work so there is something to cancel
    n_before = window.ws.db["analyses"].count
    w = window.run_analysis()
    with qtbot.waitSignal(w.signals.cancelled, timeout=120000):
        window.cancel_btn.click()
    qtbot.waitUntil(lambda: window.worker is None, timeout=20000)
    assert window.ws.db["analyses"].count == n_before, "a cancelled analysis must not be saved"


def test_export_report(window, cases, qtbot, tmp_path):
    window.open_case(str(cases / "guangzhou-2019"))
    window.lang_box.setCurrentText("en")
    out = tmp_path / "exported.pdf"
    with qtbot.waitSignal(window.reportExported, timeout=120000):
        window.export_report(str(out))
    assert out.stat().st_size > 10000
    assert window.ws.audit_entries()[-1]["action"] == "export"
    details = json.loads(window.ws.audit_entries()[-1]["details"])
    assert details["lang"] == "en" and details["masked"] is True


def test_chart_click_jumps_to_frame(window, cases, qtbot):
    window.open_case(str(cases / "print-attack-video"))
    window.tabs.setCurrentIndex(2)
    chart = window.dist_chart
    chart.resize(600, 200)
    r, lo, hi = chart._geom()
    pt = chart._pt(10, chart.values[10], r, lo, hi)
    qtbot.mouseClick(chart, Qt.LeftButton, pos=pt.toPoint())
    assert window.viewer.index == 10 and window.tabs.currentIndex() == 1


def test_timeline_click_selects_log_row(window, cases, qtbot):
    window.open_case(str(cases / "guangzhou-2019"))
    items = window.results["timeline"]
    k = next(i for i, t in enumerate(items) if t["kind"] == "log" and t["evidence"]["row"] == 3)
    window.timeline.itemClicked.emit(k)
    row = window.log_table.selectionModel().selectedRows()[0].row()
    assert window.log_table.item(row, 4).text() == "3"


def test_language_switch(window, cases):
    window.open_case(str(cases / "guangzhou-2019"))
    window.set_language("zh")
    assert window.tabs.tabText(0) == "证据"
    assert "身份证件在使用前已报失" in window.findings.item(0).text()
    window.set_language("en")
    assert window.tabs.tabText(0) == "Evidence"
    assert window.settings.get("language") == "en"


def test_bad_case_shows_an_error_not_a_crash(window, tmp_path, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("forensics_app.gui.main_window.show_error", lambda *a, **k: shown.append(a))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken/case.json").write_text("{not json")
    assert not window.open_case(str(tmp_path / "broken"))
    assert shown and "invalid JSON" in shown[0][1]
    assert window.case is None


def test_recent_cases_are_remembered(window, cases):
    window.open_case(str(cases / "guangzhou-2019"))
    window.open_case(str(cases / "print-attack-video"))
    rec = window.settings.get("recent_cases")
    assert rec[0].endswith("print-attack-video") and rec[1].endswith("guangzhou-2019")
    assert [a.text() for a in window.menu_recent.actions()] == rec


