"""The desk's error dialogs say a refused input in the desk's language: the worker renders the
error when it reports it, and the analysis child sends the error itself (template and parameters)."""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from english import english_words  # noqa: E402

from forensics_app.errors import InputError, quoted  # noqa: E402
from forensics_app.i18n import N_  # noqa: E402


def _refuse(progress, cancel):
    raise InputError("case/case.json", N_("invalid JSON at line {lineno} column {colno}: {msg}"), lineno=3, colno=7,
                     msg=quoted("Expecting value"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_worker_reports_an_input_error_in_the_desk_language(qtbot, lang):
    from forensics_app.gui import text
    from forensics_app.gui.workers import Worker
    before = text.language()
    text.set_language(lang)
    try:
        w = Worker(_refuse)
        got = []
        w.signals.error.connect(lambda m, d: got.append((m, d)))
        w.run()                                     # on this thread: the same code the pool runs
    finally:
        text.set_language(before)
    (message, details), = got
    assert details == ""                            # expected: no traceback for the user
    assert message.startswith("case/case.json: ")
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", message) and english_words(message) == [], message
    else:
        assert message == "case/case.json: invalid JSON at line 3 column 7: Expecting value"


def test_the_analysis_child_sends_the_error_itself():
    """The error crosses the process boundary with its template (pickled), so it is rendered in the
    desk's language on arrival rather than as the child's English."""
    import pickle
    exc = pickle.loads(pickle.dumps(InputError("x.jpg", N_("does not exist"))))
    assert exc.text("zh") == "x.jpg: 不存在" and exc.message == "x.jpg: does not exist"
