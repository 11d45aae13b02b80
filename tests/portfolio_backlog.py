"""Backlogs for the batch and portfolio tests (import as ``from portfolio_backlog import ...``).

:func:`small_backlog` is the backlog the Dask tests run; :func:`analysed_portfolio` analyses a
backlog with every kind of link and every kind of case message in this process (no cluster: the
same process_case and build the batch runs, a few seconds) for the report and view tests.
"""

import shutil
from pathlib import Path

import numpy as np
from PIL import Image

from helpers import DEMO

from forensics_app.batch.synth import fictitious_id, fictitious_phone, stm_rows, write_case


def demo_images():
    idp = np.asarray(Image.open(DEMO / "id/id_photo.jpg").convert("RGB"))
    fr = np.asarray(Image.open(DEMO / "stm/frames/0001.jpg").convert("RGB"))
    return idp, fr


def small_backlog(root: Path) -> Path:
    """Four good cases (our public-domain demo face), a phone shared by C000 and C001, a second
    folder with case_id C000, a refused case and a corrupt one."""
    idp, fr = demo_images()
    for i in range(4):
        phone = fictitious_phone(1) if i in (0, 1) else fictitious_phone(100 + i)
        write_case(root / f"c{i}", f"C00{i}", name=f"Person {i}", id_number=fictitious_id(i),
                   phone=fictitious_phone(i), id_photo=idp, frames=[np.roll(fr, 4 * i, axis=1)],
                   log_rows=stm_rows(f"2020-01-0{1 + i} 10:00", f"STM-{i}", f"6222000{i}", phone,
                                     f"device-{i:04d}xy", f"113.108.{i}.10", "2020-02-01"),
                   terminal_id=f"STM-{i}")
    shutil.copytree(root / "c0", root / "sub" / "c0-again")
    bad = write_case(root / "refused", "R1", name="R", id_number=fictitious_id(9), phone=fictitious_phone(9),
                     id_photo=idp, frames=[fr], log_rows=[])
    text = (bad / "case.json").read_text().replace('"id/id_photo.jpg"', '"../c0/id/id_photo.jpg"')
    (bad / "case.json").write_text(text)
    corrupt = write_case(root / "corrupt", "K1", name="K", id_number=fictitious_id(8), phone=fictitious_phone(8),
                         id_photo=idp, frames=[fr], log_rows=[])
    (corrupt / "stm" / "frames" / "0001.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    return root


class KilledWorker(Exception):
    """Stands for distributed's KilledWorker (the batch recognises it by name)."""


def analysed_portfolio(root: Path) -> Path:
    """The small backlog plus two claimants minutes apart at one terminal and a case whose worker
    died every time, analysed and linked in this process; returns the output folder (portfolio.json,
    portfolio.anchors.json, cases/)."""
    from forensics_app.batch import _task_error
    from forensics_app.batch.discover import plan
    from forensics_app.batch.portfolio import build, write
    from forensics_app.batch.records import STATUS_FAILED, TaskRecord
    from forensics_app.batch.task import process_case
    from forensics_app.pipeline import Options

    cases, out = small_backlog(root / "cases"), root / "out"
    idp, fr = demo_images()
    for i, (name, t) in enumerate([("Term A", "2020-03-01 10:00"), ("Term B", "2020-03-01 10:04")]):
        write_case(cases / f"t{i}", f"T00{i}", name=name, id_number=fictitious_id(50 + i),
                   phone=fictitious_phone(50 + i), id_photo=idp, frames=[np.roll(fr, 9 * i, axis=0)],
                   log_rows=stm_rows(t, "STM-77", f"62220099{i}", fictitious_phone(50 + i), f"dev-t{i}",
                                     f"113.109.{i}.1", "2020-04-01"), terminal_id="STM-77")
    write_case(cases / "killed", "X1", name="X", id_number=fictitious_id(60), phone=fictitious_phone(60),
               id_photo=idp, frames=[fr], log_rows=[])
    specs = plan(cases, out)
    records = {}
    for s in specs:
        if s.key == "killed":
            why = _task_error(KilledWorker())
            records[s.key] = TaskRecord(key=s.key, case_id=s.case_id, status=STATUS_FAILED, message=why.message,
                                        parts=[why.part()])
        else:
            records[s.key] = process_case(s, Options(), False)
    anchors = []
    write(build(specs, records, anchors=anchors), out, anchors)
    return out
