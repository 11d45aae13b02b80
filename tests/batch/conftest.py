from pathlib import Path

import pytest

from portfolio_backlog import small_backlog


@pytest.fixture(scope="module")
def backlog(tmp_path_factory) -> Path:
    return small_backlog(tmp_path_factory.mktemp("backlog") / "cases")
