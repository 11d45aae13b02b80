"""Outputs: never into the evidence folder, checked before any work, nothing half-written."""

import errno
import os
import subprocess

import pytest


def test_analyze_out_inside_evidence_is_refused(world):
    world.attack("analyze", world.case, "--out", world.case / "out", "-q", message="inside the evidence folder")


def test_analyze_out_is_the_evidence_folder_itself(world):
    world.attack("analyze", world.case, "--out", world.case, "-q", message="inside the evidence folder")


def test_report_out_inside_evidence_is_refused(analysed):
    w = analysed
    w.attack("report", w.case, "--out", w.case / "stm" / "report.pdf", message="inside the evidence folder")


def test_out_through_a_link_into_the_evidence_is_refused(world):
    link = world.tmp / "sneaky"
    link.symlink_to(world.case / "docs")
    world.attack("analyze", world.case, "--out", link / "o", "-q", message="inside the evidence folder")


def test_out_inside_the_workspace_is_refused(analysed):
    w = analysed
    w.attack("report", w.case, "--out", w.ws / "r.pdf", message="inside the workspace")


def test_analyze_out_that_is_a_file_is_refused(world):
    f = world.tmp / "afile"
    f.write_text("x")
    world.attack("analyze", world.case, "--out", f, "-q", message="is a file")


def test_analyze_out_below_a_file_is_refused(world):
    f = world.tmp / "afile"
    f.write_text("x")
    world.attack("analyze", world.case, "--out", f / "sub", "-q", message="is a file, so the output cannot")


def test_report_out_that_is_a_folder_is_refused(analysed):
    w = analysed
    (w.tmp / "folder").mkdir()
    w.attack("report", w.case, "--out", w.tmp / "folder", message="is a folder")


def test_read_only_output_by_monkeypatch(world, monkeypatch):
    """Read-only media (as root, permissions do not stop writes; the medium does)."""
    import tempfile
    real = tempfile.mkstemp

    def ro(*a, **kw):
        if str(world.tmp / "ro") in str(kw.get("dir", "")):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(*a, **kw)
    (world.tmp / "ro").mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", ro)
    world.attack("analyze", world.case, "--out", world.tmp / "ro" / "o", "-q", message="read-only")


@pytest.fixture
def ro_mount(world):
    src, dst = world.tmp / "ro-src", world.tmp / "ro"
    src.mkdir()
    dst.mkdir()
    r = subprocess.run(["mount", "--bind", str(src), str(dst)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("bind mounts not permitted here (the monkeypatched read-only test still runs)")
    try:
        r = subprocess.run(["mount", "-o", "remount,ro,bind", str(dst)], capture_output=True)
        if r.returncode != 0:
            pytest.skip("read-only remount not permitted here")
        with pytest.raises(OSError):       # proves the test is not vacuous as root
            (dst / "probe").write_text("x")
        yield dst
    finally:
        subprocess.run(["umount", str(dst)], capture_output=True)


def test_read_only_output_on_a_real_read_only_mount(world, ro_mount):
    world.attack("analyze", world.case, "--out", ro_mount / "o", "-q", message="read-only")


def test_full_disk_while_writing_leaves_nothing(world, monkeypatch):
    """The disk fills while the report is written: no results.json, no temporary file, no audit entry."""
    import forensics_app.io.outputs as outputs
    world.analyse("--no-report")                    # a workspace with an analysis already
    real = outputs.os.fsync
    calls = {"n": 0}

    def full(fd):
        calls["n"] += 1
        if calls["n"] >= 2:                         # results.json staged, then the report fails
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)
    monkeypatch.setattr(outputs.os, "fsync", full)
    world.attack("analyze", world.case, "--out", world.tmp / "o2", "-q", message="No space left")
    assert not (world.tmp / "o2" / "results.json").exists()


@pytest.fixture
def tiny_fs(world):
    d = world.tmp / "tiny"
    d.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(d)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("tmpfs mounts not permitted here (the monkeypatched full-disk test still runs)")
    try:
        yield d
    finally:
        subprocess.run(["umount", str(d)], capture_output=True)


def test_full_disk_on_a_real_small_filesystem(world, tiny_fs):
    world.analyse("--no-report")
    world.attack("analyze", world.case, "--out", tiny_fs, "-q", message="No space left")
    assert sorted(os.listdir(tiny_fs)) == []
