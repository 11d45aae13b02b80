"""Signing from the desk asks for the certificate's password in a dialog (hidden, never stored)."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from conftest import WAIT, open_case
from helpers import make_p12


def _answer(password: str, seen: list):
    def fill():
        from forensics_app.gui.dialogs import PasswordDialog
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, PasswordDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dlg.password.echoMode())
        dlg.password.setText(password)
        dlg.accept()
    QTimer.singleShot(0, fill)


def test_password_dialog_signs_with_a_protected_certificate(window, cases, qtbot, tmp_path, settings):
    from forensics_app.report.signing import verify_pdf
    p12 = make_p12(tmp_path / "examiner.p12", "correct horse")
    open_case(window, qtbot, cases / "guangzhou-2019")
    window.report.sign_edit.setText(str(p12))
    seen = []
    _answer("correct horse", seen)
    with qtbot.waitSignal(window.reportExported, timeout=WAIT):
        window.report.export_report(str(tmp_path / "signed.pdf"))
    assert seen == [QLineEdit.Password], "asked in a dialog, typed hidden"
    sig = verify_pdf(tmp_path / "signed.pdf")
    assert sig["valid"] and sig["signatures"], sig
    assert "correct horse" not in settings.path.read_text(encoding="utf-8")
    assert all("correct horse" not in e["details"] for e in window.session.ws.audit_entries())


def test_wrong_password_is_an_error_not_a_report(window, cases, qtbot, tmp_path):
    p12 = make_p12(tmp_path / "examiner.p12", "correct horse")
    open_case(window, qtbot, cases / "guangzhou-2019")
    window.report.sign_edit.setText(str(p12))
    _answer("wrong", [])
    with qtbot.waitSignal(window.report.failed, timeout=WAIT) as got:
        window.report.export_report(str(tmp_path / "x.pdf"))
    assert "examiner.p12" in got.args[0] and "password" in got.args[0]
    assert not (tmp_path / "x.pdf").exists()
