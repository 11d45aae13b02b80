"""The PKCS#12 password is never taken from the command line: a terminal prompt, a file or an
environment variable named by an option."""

import os
import pty
import subprocess
import sys

import pytest

from helpers import ROOT, make_p12, run_cli


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    import shutil
    base = tmp_path_factory.mktemp("signpw")
    case = base / "case"
    shutil.copytree(ROOT / "sample_cases" / "guangzhou-2019", case)
    r = run_cli("analyze", case, "--out", base / "out", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    return case, make_p12(base / "examiner.p12", "s3cret pass")


def _signed(case, pdf):
    r = run_cli("verify", case, "--pdf", pdf)
    return r.returncode == 0 and "signature intact" in r.stdout


def test_password_on_the_command_line_is_refused(analysed, tmp_path):
    case, p12 = analysed
    r = run_cli("report", case, "--out", tmp_path / "r.pdf", "--sign", p12, "--sign-password", "s3cret pass")
    assert r.returncode == 2 and "never taken on the command line" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_password_from_a_file(analysed, tmp_path):
    case, p12 = analysed
    (tmp_path / "pw").write_text("s3cret pass\n", encoding="utf-8")
    r = run_cli("report", case, "--out", tmp_path / "r.pdf", "--sign", p12, "--sign-password-file", tmp_path / "pw")
    assert r.returncode == 0, r.stderr
    assert _signed(case, tmp_path / "r.pdf")
    r = run_cli("report", case, "--out", tmp_path / "x.pdf", "--sign", p12, "--sign-password-file", tmp_path / "nope")
    assert r.returncode == 2 and "nope" in r.stderr and "Traceback" not in r.stderr


def test_password_from_an_environment_variable(analysed, tmp_path):
    case, p12 = analysed
    env = dict(os.environ, EXAMINER_P12_PW="s3cret pass")
    r = subprocess.run([sys.executable, "-m", "forensics_app", "report", str(case), "--out", str(tmp_path / "r.pdf"),
                        "--sign", str(p12), "--sign-password-env", "EXAMINER_P12_PW"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr
    assert _signed(case, tmp_path / "r.pdf")
    r = run_cli("report", case, "--out", tmp_path / "x.pdf", "--sign", p12, "--sign-password-env", "UNSET_VAR_X")
    assert r.returncode == 2 and "UNSET_VAR_X" in r.stderr


def test_password_asked_on_the_terminal(analysed, tmp_path):
    case, p12 = analysed
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "forensics_app", "report", str(case), "--out",
                             str(tmp_path / "r.pdf"), "--sign", str(p12)],
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True, start_new_session=True)
    os.close(slave)
    out = b""
    while b"password for examiner.p12" not in out:
        chunk = os.read(master, 1024)
        assert chunk, out
        out += chunk
    os.write(master, b"s3cret pass\n")
    assert proc.wait(timeout=600) == 0
    try:
        while chunk := os.read(master, 4096):
            out += chunk
    except OSError:
        pass
    os.close(master)
    assert b"s3cret pass" not in out.split(b"password for examiner.p12", 1)[1], "the password must not echo"
    assert _signed(case, tmp_path / "r.pdf")
