import json
import sqlite3

from helpers import run_cli, tree_hashes


def _intake(case, tmp_path):
    r = run_cli("analyze", case, "--out", tmp_path / "out", "-q", "--no-report")
    assert r.returncode == 0, r.stderr
    return case.parent / f"{case.name}.forensics"


def _verify(case):
    r = run_cli("verify", case, "--json")
    return r.returncode, (json.loads(r.stdout) if r.stdout.strip().startswith("{") else r.stderr)


def test_intact_case_verifies_and_is_not_altered(demo_case, tmp_path):
    _intake(demo_case, tmp_path)
    before = tree_hashes(demo_case)
    code, rep = _verify(demo_case)
    assert code == 0 and rep["ok"]
    assert tree_hashes(demo_case) == before


def test_one_changed_byte_in_a_frame(demo_case, tmp_path):
    _intake(demo_case, tmp_path)
    f = demo_case / "stm/frames/0001.jpg"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0x01
    f.write_bytes(bytes(data))
    code, rep = _verify(demo_case)
    assert code == 1
    assert [m["path"] for m in rep["modified"]] == ["stm/frames/0001.jpg"]
    assert any(m["path"] == "stm/frames/0001.jpg" for m in rep["declared_hash_mismatch"])


def test_deleted_file(demo_case, tmp_path):
    _intake(demo_case, tmp_path)
    (demo_case / "docs/telecom_reply.txt").unlink()
    code, rep = _verify(demo_case)
    assert code == 1 and rep["missing"] == ["docs/telecom_reply.txt"]


def test_added_file(demo_case, tmp_path):
    _intake(demo_case, tmp_path)
    (demo_case / "stm/frames/0002.jpg").write_bytes((demo_case / "stm/frames/0001.jpg").read_bytes())
    code, rep = _verify(demo_case)
    assert code == 1 and rep["added"] == ["stm/frames/0002.jpg"]


def test_edited_audit_entry(demo_case, tmp_path):
    ws = _intake(demo_case, tmp_path)
    con = sqlite3.connect(ws / "workspace.sqlite")
    con.execute("update audit set details = replace(details, 'intake', 'x') where seq = 1")
    con.execute("update audit set ts = '2000-01-01T00:00:00+00:00' where seq = 2")
    con.commit()
    con.close()
    code, rep = _verify(demo_case)
    assert code == 1
    assert any("entry 2" in p and "altered" in p for p in rep["audit_problems"])


def test_deleted_newest_audit_entry(demo_case, tmp_path):
    ws = _intake(demo_case, tmp_path)
    con = sqlite3.connect(ws / "workspace.sqlite")
    con.execute("delete from audit where seq = (select max(seq) from audit)")
    con.commit()
    con.close()
    code, rep = _verify(demo_case)
    assert code == 1 and rep["audit_problems"]


def test_hash_differs_from_bank_declared(demo_case, tmp_path):
    m = json.loads((demo_case / "case.json").read_text("utf-8"))
    m["records"]["bank_claims"]["declared_hashes"]["id/id_photo.jpg"] = "0" * 64
    (demo_case / "case.json").write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")
    _intake(demo_case, tmp_path)
    code, rep = _verify(demo_case)
    assert code == 1
    assert [d["path"] for d in rep["declared_hash_mismatch"]] == ["id/id_photo.jpg"]
    res = json.loads((tmp_path / "out/results.json").read_text("utf-8"))
    assert "HASH_MISMATCH" in {f["rule"] for f in res["findings"]}


def test_verify_without_workspace_is_bad_input(demo_case):
    r = run_cli("verify", demo_case)
    assert r.returncode == 2 and "no workspace yet" in r.stderr and "Traceback" not in r.stderr
