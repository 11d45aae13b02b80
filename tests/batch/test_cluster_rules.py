"""Fast checks of planning and cluster addresses (no cluster started)."""

import json

import pytest

from forensics_app.batch.cluster import TlsFiles, check_address
from forensics_app.batch.discover import plan
from forensics_app.errors import InputError

from helpers import run_cli


def test_plain_tcp_only_on_loopback_or_with_the_flag():
    assert check_address("tcp://127.0.0.1:8786", TlsFiles())
    assert check_address("tcp://localhost:8786", TlsFiles())
    with pytest.raises(InputError, match="unencrypted"):
        check_address("tcp://192.0.2.7:8786", TlsFiles())
    assert check_address("tcp://192.0.2.7:8786", TlsFiles(), allow_insecure=True)
    with pytest.raises(InputError, match="--tls-ca"):
        check_address("tls://192.0.2.7:8786", TlsFiles(cert="c.pem", key="k.pem"))
    assert check_address("tls://192.0.2.7:8786", TlsFiles("ca.pem", "c.pem", "k.pem"))
    with pytest.raises(InputError):
        check_address("ws://192.0.2.7:8786", TlsFiles())


def test_plan_gives_every_folder_its_own_output(backlog, tmp_path):
    specs = {s.key: s for s in plan(backlog, tmp_path / "out")}
    assert sorted(specs) == ["c0", "c1", "c2", "c3", "corrupt", "refused", "sub/c0-again"]
    assert specs["c1"].out_dir.endswith("cases/C001")
    a, b = specs["c0"].out_dir, specs["sub/c0-again"].out_dir
    assert a != b and "C000~" in a and "C000~" in b
    assert specs["c0"].duplicate_of == ["sub/c0-again"]


def test_out_inside_the_cases_folder_is_refused(backlog):
    r = run_cli("batch", backlog, "--out", backlog / "out")
    assert r.returncode == 2 and "must not be inside the cases folder" in r.stderr
    assert "Traceback" not in r.stderr and not (backlog / "out").exists()


def test_remote_plain_tcp_is_refused_before_connecting(backlog, tmp_path):
    r = run_cli("batch", backlog, "--out", tmp_path / "o", "--scheduler", "tcp://192.0.2.7:8786")
    assert r.returncode == 2 and "unencrypted" in r.stderr and "Traceback" not in r.stderr


def test_run_key_changes_with_inputs_options_and_reports(demo_case):
    from forensics_app.batch.task import run_key
    from forensics_app.io.case import load_case
    from forensics_app.pipeline import Options

    case = load_case(demo_case)
    k = run_key(case, Options(), True)
    assert run_key(load_case(demo_case), Options(), True) == k
    assert run_key(case, Options(capture_tolerance_s=30.0), True) != k
    assert run_key(case, Options(), False) != k
    log = demo_case / "logs" / "transactions.csv"
    log.write_bytes(log.read_bytes() + b"\n")
    assert run_key(load_case(demo_case), Options(), True) != k
