"""Integrity first: verification on open as a banner, stale findings and the export rule when it
fails, the audit log with its chain status and actors."""

import json
import sqlite3
import subprocess

from conftest import WAIT, open_case


def _tamper(case):
    """A modified document, an added file and an edited audit entry."""
    (case / "docs/telecom_reply.txt").write_text("edited", encoding="utf-8")
    (case / "docs/extra.txt").write_text("slipped in", encoding="utf-8")
    db = sqlite3.connect(case.parent / f"{case.name}.forensics" / "workspace.sqlite")
    db.execute("update audit set details = replace(details, 'GZIC', 'XXXX') where seq = 1")
    db.commit()
    db.close()


def test_intact_case_shows_a_green_banner(window, cases, qtbot):
    s = open_case(window, qtbot, cases / "guangzhou-2019")
    assert s.verification.state == "ok" and not s.stale
    assert "Evidence verified" in window.banner.text() and window.banner.state() == "ok"
    assert not window.findings.stale_label.isVisible()
    assert window.report.export_btn.isEnabled()
    assert "intact" in window.audit.chain.text()


def test_failed_verification_marks_findings_stale_and_refuses_export(window, cases, qtbot, tmp_path):
    case = cases / "guangzhou-2019"
    _tamper(case)
    s = open_case(window, qtbot, case)
    assert s.verification.state == "failed"
    b = window.banner.text()
    assert "VERIFICATION FAILED" in b and "1 changed" in b and "1 added" in b and "audit" in b
    assert window.banner.state() == "failed"
    assert "verification failed" in window.windowTitle()
    assert window.findings.stale_label.isVisible()
    items = [window.findings.findings.item(i) for i in range(window.findings.findings.count())]
    assert items and all(it.text().startswith("(stale)") and it.font().italic() for it in items)
    assert "Stale" in window.findings.finding_text.toPlainText()
    status = dict(zip((window.evidence.table.item(i, 0).text() for i in range(window.evidence.table.rowCount())),
                      (window.evidence.table.item(i, 3).text() for i in range(window.evidence.table.rowCount()))))
    assert status["docs/telecom_reply.txt"] == "changed" and status["docs/extra.txt"] == "added"
    assert "BROKEN" in window.audit.chain.text() and "entry 1" in window.audit.chain.text()
    # refused without the override
    rp = window.report
    assert not rp.export_btn.isEnabled() and "verification failed" in rp.export_btn.toolTip().lower()
    assert rp.export_report(str(tmp_path / "refused.pdf")) is None
    assert not (tmp_path / "refused.pdf").exists()
    assert rp.override_box.isVisible()
    rp.override_box.setChecked(True)
    assert rp.export_btn.isEnabled()
    with qtbot.waitSignal(window.reportExported, timeout=WAIT):
        rp.export_report(str(tmp_path / "stamped.pdf"))
    last = window.session.ws.audit_entries()[-1]
    d = json.loads(last["details"])
    assert last["action"] == "export" and d["verification_failed"] is True and d["report_sha256"]
    text = subprocess.run(["pdftotext", str(tmp_path / "stamped.pdf"), "-"], capture_output=True, text=True).stdout
    assert "核验未通过" in text and "收案后被修改：docs/telecom_reply.txt" in text   # the case is zh: the stamp speaks Chinese
    # switching to an intact case clears the override and the stale marks
    open_case(window, qtbot, cases / "print-attack-video")
    assert not rp.override_box.isChecked() and not rp.override_box.isVisible()
    assert not window.findings.stale_label.isVisible()


def test_audit_view_shows_the_examiner_as_actor(window, cases, qtbot, settings, tmp_path):
    settings.set("examiner_name", "Dr. Li Wei")
    from forensics_app.gui.main_window import MainWindow
    w = MainWindow(settings)
    qtbot.addWidget(w)
    s = open_case(w, qtbot, cases / "unanalysed")
    actors = [w.audit.table.item(i, 3).text() for i in range(w.audit.table.rowCount())]
    assert actors == ["Dr. Li Wei"], "intake made from the desk carries the examiner"
    w.findings.note_edit.setPlainText("Checked the original video with the bank.")
    assert w.findings.add_note()
    assert "Dr. Li Wei" in w.findings.notes_view.toPlainText()
    assert s.ws.notes("case")[-1]["author"] == "Dr. Li Wei"
    rows = {w.audit.table.item(i, 2).text(): w.audit.table.item(i, 3).text() for i in range(w.audit.table.rowCount())}
    assert rows["note"] == "Dr. Li Wei"
    assert w.audit.chain.text().startswith("Audit chain intact")
    with qtbot.waitSignal(w.analysisFinished, timeout=WAIT):
        w.run_analysis()
    last = w.audit.table.rowCount() - 1
    assert w.audit.table.item(last, 2).text() == "analysis" and w.audit.table.item(last, 3).text() == "Dr. Li Wei"


def test_export_verifies_again_and_refuses_evidence_changed_since_open(window, cases, qtbot, tmp_path):
    case = cases / "guangzhou-2019"
    open_case(window, qtbot, case)
    assert window.report.export_btn.isEnabled()
    (case / "docs/loan_contract.txt").write_text("changed while the desk was open", encoding="utf-8")
    with qtbot.waitSignal(window.report.failed, timeout=WAIT) as got:
        window.report.export_report(str(tmp_path / "late.pdf"))
    assert "verification failed" in got.args[0] and "loan_contract.txt" in got.args[0]
    assert not (tmp_path / "late.pdf").exists()
    assert window.session.ws.audit_entries()[-1]["action"] != "export"
