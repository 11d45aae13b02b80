"""The desk's everyday work: evidence jumps, notes, analysis with progress and cancel, export,
the timeline, bad cases and recent cases."""

import json

from conftest import WAIT, open_case


def test_selecting_a_finding_lands_on_its_evidence(window, cases, qtbot):
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    rules = [f.rule for f in s.results.findings]
    window.findings.findings.setCurrentRow(rules.index("PHONE_NOT_CLAIMANTS"))
    assert "PHONE_NOT_CLAIMANTS" in window.findings.finding_text.toPlainText()
    assert window.goto_evidence(s.finding().evidence) == "logs/transactions.csv#row2"
    t = window.timeline.log_table
    assert t.item(t.selectionModel().selectedRows()[0].row(), 4).text() == "2"
    window.findings.findings.setCurrentRow(rules.index("NO_FULL_VIDEO"))
    assert window.goto_evidence(s.finding().evidence) == "stm/frames/0001.jpg"
    assert window.frames.positions[window.frames.pos] == "stm/frames/0001.jpg"


def test_note_is_saved_and_audit_logged(window, cases, qtbot):
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    window.findings.findings.setCurrentRow(0)
    rule = s.finding().rule
    window.findings.note_edit.setPlainText("Police receipt checked against the original.")
    pk = window.findings.add_note()
    assert pk and "Police receipt" in window.findings.notes_view.toPlainText()
    assert s.ws.notes(rule)[-1]["text"] == "Police receipt checked against the original."
    assert s.ws.audit_entries()[-1]["action"] == "note"
    assert window.audit.table.item(window.audit.table.rowCount() - 1, 2).text() == "note"
    assert s.ws.check_audit() == []


def test_run_analysis_reports_progress_and_result(window, cases, qtbot):
    open_case(window, qtbot, cases / "guangzhou-2019")
    seen = []
    with qtbot.waitSignal(window.analysisFinished, timeout=WAIT) as blocker:
        w = window.run_analysis()
        w.signals.progress.connect(lambda f, t: seen.append(f))
        assert not window.act_run.isEnabled() and window.act_cancel.isEnabled()
    assert blocker.args[0].case_id == "GZIC-2019-DEMO"
    assert seen and max(seen) == 1.0
    qtbot.waitUntil(lambda: window.worker is None, timeout=10000)
    assert not window.progress.isVisible() and window.act_run.isEnabled()
    assert window.max_stall_ms < 1000, "the window kept responding during the analysis"
    assert window.session.ws.audit_entries()[-1]["action"] == "analysis"


def test_cancel_analysis(window, cases, qtbot):
    s = open_case(window, qtbot, cases / "print-attack-video")
    s.ws.db["cache"].delete_where()          # force real work so there is something to cancel
    n_before = s.ws.db["analyses"].count
    w = window.run_analysis()
    with qtbot.waitSignal(w.signals.cancelled, timeout=WAIT):
        window.cancel_btn.click()
    qtbot.waitUntil(lambda: window.worker is None, timeout=20000)
    assert s.ws.db["analyses"].count == n_before, "a cancelled analysis must not be saved"


def test_export_report(window, cases, qtbot, tmp_path):
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    window.report.lang_box.setCurrentIndex(window.report.lang_box.findData("en"))
    out = tmp_path / "exported.pdf"
    with qtbot.waitSignal(window.reportExported, timeout=WAIT):
        window.report.export_report(str(out))
    assert out.stat().st_size > 10000
    last = s.ws.audit_entries()[-1]
    assert last["action"] == "export"
    details = json.loads(last["details"])
    assert details["lang"] == "en" and details["masked"] is True and details["verification_failed"] is False and details["report_sha256"]
    assert window.audit.table.item(window.audit.table.rowCount() - 1, 2).text() == "export"


def test_timeline_click_selects_log_row(window, cases, qtbot):
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    items = s.results.timeline
    k = next(i for i, t in enumerate(items) if t.kind == "log" and t.evidence["row"] == 3)
    window.timeline.timeline.itemClicked.emit(k)
    t = window.timeline.log_table
    assert t.item(t.selectionModel().selectedRows()[0].row(), 4).text() == "3"


def test_bad_case_shows_an_error_not_a_crash(window, tmp_path, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("forensics_app.gui.main_window.show_error", lambda *a, **k: shown.append(a))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken/case.json").write_text("{not json")
    w = window.open_case(str(tmp_path / "broken"))
    with qtbot.waitSignal(w.signals.finished, timeout=WAIT):
        pass
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "invalid JSON" in shown[0][1] and "Traceback" not in shown[0][1]
    assert window.session.case is None and "No case open" in window.banner.text()


def test_recent_cases_are_remembered(window, cases, qtbot, settings):
    open_case(window, qtbot, cases / "guangzhou-2019")
    open_case(window, qtbot, cases / "print-attack-video")
    rec = settings.get("recent_cases")
    assert rec[0].endswith("print-attack-video") and rec[1].endswith("guangzhou-2019")
    assert [a.text() for a in window.menu_recent.actions()] == rec


def test_language_switch_relabels_every_panel(window, cases, qtbot, settings):
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    window.set_language("zh")
    assert settings.get("language") == "zh"
    assert window.docks["evidence"].windowTitle() == "证据"
    from forensics_app.i18n import translator
    from forensics_app.i18n.render import render
    first = s.results.findings[0].rule
    assert render(f"title.{first}", {}, translator("zh")) in window.findings.findings.item(0).text()
    window.set_language("en")
    assert window.docks["evidence"].windowTitle() == "Evidence"
    assert render(f"title.{first}", {}, translator("en")) in window.findings.findings.item(0).text()
