import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_cases" / "guangzhou-2019"
SHARED = ROOT.parent / "shared" / "data"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def tree_hashes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(*args, cwd=None):
    """Run the real command line in a subprocess (what a user types)."""
    return subprocess.run([sys.executable, "-m", "forensics_app", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture
def demo_case(tmp_path) -> Path:
    """A private copy of the demo case (tests never touch sample_cases/)."""
    dest = tmp_path / "GZ-DEMO"
    shutil.copytree(DEMO, dest)
    return dest


@pytest.fixture
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared test data not present at {SHARED} (third-party data, not redistributed)")
    return SHARED


@pytest.fixture(scope="session")
def face_models():
    from forensics_app.core.faces import FaceModels
    return FaceModels.load()
