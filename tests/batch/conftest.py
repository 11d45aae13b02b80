import shutil
from pathlib import Path

import numpy as np
import pytest
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


@pytest.fixture(scope="module")
def backlog(tmp_path_factory) -> Path:
    return small_backlog(tmp_path_factory.mktemp("backlog") / "cases")
