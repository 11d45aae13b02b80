import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import DEMO, SHARED  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The examiner's real settings must never steer a test (nor be written by one): every test and
# every CLI subprocess reads an empty settings folder of its own session.
import tempfile  # noqa: E402

os.environ["FORENSICS_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="forensics-test-settings-")


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
