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
# The command line speaks the user's language (Chinese by default); the tests that read its English
# words choose English, as a script would (tests/cli/test_cli_language.py runs it in Chinese).
os.environ["FORENSICS_LANG"] = "en"


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


# ---- every results.json the suite writes must validate against the results schema ---------------
# The app validates each analysis before saving it (pipeline.run, pipeline.write_results); this
# also catches results.json written any other way. At the end of the session every results.json
# under pytest's temporary folder is checked; an invalid one fails the run (exit status 1) and
# the count of checked files is printed, so a check that found nothing is visible.
_results_checked: list = []
_portfolios_checked: list = []     # portfolio.json and portfolio.anchors.json, checked the same way


def _deliberately_broken(path) -> bool:
    """A test that breaks a portfolio on purpose (an edited copy for verify-portfolio) marks its folder."""
    return any((p / ".broken-on-purpose").exists() for p in path.parents)


def pytest_sessionfinish(session, exitstatus):
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None:
        return
    try:
        base = factory.getbasetemp()
    except Exception:          # no test asked for a temporary folder
        return
    import json

    from forensics_app.core.schema import schema_errors
    bad = []
    for path in sorted(base.rglob("results.json")):
        try:
            errors = schema_errors(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            errors = [f"unreadable: {exc}"]
        _results_checked.append(path)
        if errors:
            bad.append((path, errors))
    from forensics_app.core.portfolio_schema import anchors_errors, portfolio_errors
    for name, check in (("portfolio.json", portfolio_errors), ("portfolio.anchors.json", anchors_errors)):
        for path in sorted(base.rglob(name)):
            try:
                errors = check(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError) as exc:
                errors = [f"unreadable: {exc}"]
            _portfolios_checked.append(path)
            if errors and not _deliberately_broken(path):
                bad.append((path, errors))
    session.config._results_schema_failures = bad
    if bad and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    bad = getattr(config, "_results_schema_failures", [])
    terminalreporter.write_line(f"results schema: {len(_results_checked)} results.json file(s) written by the "
                                f"suite checked, {len(bad)} invalid; portfolio schemas: {len(_portfolios_checked)} "
                                "portfolio file(s) checked")
    for path, errors in bad:
        terminalreporter.write_line(f"INVALID {path}:", red=True)
        for e in errors[:10]:
            terminalreporter.write_line(f"    {e}", red=True)


@pytest.fixture(scope="session")
def engines():
    from forensics_app.core.facedesc import Engines
    return Engines.load(with_dlib=True)
