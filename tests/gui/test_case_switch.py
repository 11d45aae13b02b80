"""Opening a case replaces what every view shows, at once: A, then B, then an unanalysed C."""

import subprocess
import sys

from conftest import WAIT, open_case


def _col(table, col):
    return [table.item(i, col).text() for i in range(table.rowCount())]


def snapshot(w) -> dict:
    """What each view shows, read from the widgets (not from the session)."""
    return {
        "title": w.windowTitle(),
        "frames": list(w.frames.positions),
        "film": [w.frames.film.item(i).text() for i in range(w.frames.film.count())],
        "frame_info": w.frames.info.text(),
        "scene_items": len(w.frames.view.scene().items()),
        "distances": list(w.charts.dist_chart.values),
        "ear": list(w.charts.ear_chart.values),
        "timeline": [t.label for t in w.timeline.timeline.items],
        "log_rows": w.timeline.log_table.rowCount(),
        "findings": [w.findings.findings.item(i).text() for i in range(w.findings.findings.count())],
        "finding_text": w.findings.finding_text.toPlainText(),
        "rules": _col(w.rules.table, 0),
        "evidence": _col(w.evidence.table, 0),
        "audit": _col(w.audit.table, 2),
        "preview": not w.report.preview.pixmap().isNull(),
        "report_lang": w.report.lang_box.currentData(),
    }


def test_a_then_b_then_unanalysed_c(window, cases, qtbot, tmp_path):
    w = window
    open_case(w, qtbot, cases / "guangzhou-2019")
    with qtbot.waitSignal(w.reportExported, timeout=WAIT):
        w.report.export_report(str(tmp_path / "a.pdf"))
    a = snapshot(w)
    assert "GZIC-2019-DEMO" in a["title"]
    assert a["frames"] == ["stm/frames/0001.jpg"] and a["scene_items"] > 1
    assert len(a["distances"]) == 1 and a["ear"] == []
    assert a["log_rows"] > 0 and "PHONE_NOT_CLAIMANTS" in " ".join(a["findings"])
    assert "docs/telecom_reply.txt" in a["evidence"] and a["audit"][-1] == "export"
    assert a["preview"], "the exported report's first page is previewed"

    open_case(w, qtbot, cases / "print-attack-video")
    b = snapshot(w)
    assert "DEMO-PRINT-2020" in b["title"] and "GZIC" not in b["title"]
    assert len(b["frames"]) == 60 and all(f.startswith("stm/capture.mp4#") for f in b["frames"])
    assert len(b["film"]) == 60 and "capture.mp4#0" in b["frame_info"]
    assert len(b["distances"]) == 60 and len(b["ear"]) == 60
    assert b["timeline"] != a["timeline"]
    assert "PHONE_NOT_CLAIMANTS" not in " ".join(b["findings"])
    assert "PRESENTATION_ATTACK_SUSPECTED" in " ".join(b["findings"])
    assert b["finding_text"] != a["finding_text"]
    assert "docs/telecom_reply.txt" not in b["evidence"] and "stm/capture.mp4" in b["evidence"]
    assert "export" not in b["audit"], "B's audit log, not A's"
    assert not b["preview"], "A's report preview must not survive the switch"

    with qtbot.waitSignal(w.verified, timeout=WAIT):
        w.open_case(str(cases / "unanalysed"))
        opening = snapshot(w)            # asked for, not yet read: nothing of B may remain on screen
        banner = w.banner.text()
    assert "DEMO-PRINT" not in opening["title"] and opening["frames"] == [] and opening["film"] == []
    assert opening["findings"] == [] and opening["distances"] == [] and opening["evidence"] == []
    assert opening["audit"] == [] and opening["scene_items"] == 0 and "Opening" in banner
    c = snapshot(w)
    assert "DEMO-UNANALYSED" in c["title"]
    assert c["frames"] == [] and c["film"] == [] and c["scene_items"] == 0
    assert "No analysis yet" in c["frame_info"]
    assert c["distances"] == [] and c["ear"] == [] and c["timeline"] == [] and c["log_rows"] == 0
    assert len(c["findings"]) == 1 and "No analysis yet" in c["findings"][0] and c["finding_text"] == ""
    assert c["rules"] == []
    assert "stm/capture.mp4" in c["evidence"]
    assert c["audit"] == ["intake"]
    assert not c["preview"]
    assert not w.report.export_btn.isEnabled() and "analysis" in w.report.export_btn.toolTip()


def test_late_answers_for_the_previous_case_are_dropped(window, cases, qtbot):
    w = window
    s = open_case(w, qtbot, cases / "guangzhou-2019")
    old_gen, a_results = s.generation, s.results
    open_case(w, qtbot, cases / "unanalysed")
    w._on_result(a_results, old_gen)                 # A's analysis finishing after C was opened
    assert s.results is None and w.charts.dist_chart.values == []
    assert w.findings.findings.count() == 1
    from forensics_app.gui.session import Verification
    w._verified(Verification("failed", {"modified": [{"path": "x"}]}), old_gen)
    assert s.verification.state == "ok" and "VERIFICATION FAILED" not in w.banner.text()


def test_late_answers_are_dropped_by_generation_even_for_the_same_case(window, cases, qtbot):
    """Reopening a case starts a new generation: an answer started before must not land."""
    w = window
    s = open_case(w, qtbot, cases / "guangzhou-2019")
    old_gen = s.generation
    stale = s.results.to_json() | {"findings": []}
    open_case(w, qtbot, cases / "guangzhou-2019")
    assert s.generation != old_gen
    w._on_result(stale, old_gen)
    assert s.results.findings and w.findings.findings.count() == len(s.results.findings)


def test_analysis_of_a_case_reaches_only_that_case(window, cases, qtbot):
    """A real analysis of C still running when B is opened: its results must not show on B."""
    w = window
    open_case(w, qtbot, cases / "unanalysed")
    worker = w.run_analysis()
    open_case(w, qtbot, cases / "print-attack-video")
    qtbot.waitUntil(lambda: w.worker is None, timeout=WAIT)
    assert "DEMO-PRINT-2020" in w.windowTitle()
    assert w.session.results.case_id == "DEMO-PRINT-2020"
    assert worker is not None


def test_session_is_qt_free():
    code = ("import sys; import forensics_app.gui.session, forensics_app.gui.loading; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
