"""One error family and one progress protocol."""

import pytest

from forensics_app.core.progress import check, scaled
from forensics_app.errors import CacheError, Cancelled, ForensicsError, InputError, ModelError


def test_family():
    for cls in (InputError, Cancelled, ModelError, CacheError):
        assert issubclass(cls, ForensicsError)
    e = InputError("case.json", "missing key 'case_id'")
    assert e.message == "case.json: missing key 'case_id'" and e.path == "case.json" and str(e) == e.message
    assert InputError(None, "no case").message == "no case"
    assert ModelError("pad.json", "hash differs").message == "pad.json: hash differs"
    assert Cancelled().message == "cancelled"


def test_template_and_params_render_in_each_language():
    """The problem is a catalogue template with parameters, rendered when shown; English stays the
    message (logs, existing callers); quoted evidence is marked, numbers keep their format spec."""
    import pickle

    from forensics_app.errors import quoted
    e = InputError("a.jpg", "cannot read {what} ({reason}), {size:.1f} MB", what="x",
                   reason=quoted("Permission denied"), size=3.14159)
    assert e.message == str(e) == "a.jpg: cannot read x (Permission denied), 3.1 MB"
    assert e.problem == "cannot read x (Permission denied), 3.1 MB"
    assert "「Permission denied」" in e.text("zh") and e.text("zh").startswith("a.jpg: ")
    for again in (pickle.loads(pickle.dumps(e)), ForensicsError.from_dict(e.to_dict())):
        assert type(again) is InputError and again.message == e.message and again.path == "a.jpg"
    assert InputError(None, "a {literal} brace").message == "a {literal} brace"    # no params: as is


def test_check_and_scaled():
    check(lambda: False)
    with pytest.raises(Cancelled):
        check(lambda: True)
    seen = []
    sub = scaled(lambda f, m="": seen.append((round(f, 3), m)), 0.5, 0.75, "faces: ")
    sub(0.0, "a")
    sub(2.0, "b")
    assert seen == [(0.5, "faces: a"), (0.75, "faces: b")]


def test_photosets_and_clips_use_the_protocol(tmp_path):
    """io/photosets and pipeline/evaluation take progress(fraction, message) and cancel()."""
    import inspect

    from forensics_app.io.photosets import describe_folder
    from forensics_app.pipeline.evaluation import evaluate
    for fn in (describe_folder, evaluate):
        params = inspect.signature(fn).parameters
        assert "progress" in params and "cancel" in params, fn.__name__


def test_describe_folder_cancel_and_progress(tmp_path, engines):
    from forensics_app.io.photosets import describe_folder
    (tmp_path / "p1").mkdir()
    from PIL import Image
    Image.new("RGB", (40, 40)).save(tmp_path / "p1" / "a.jpg")
    seen = []
    _z, skipped = describe_folder(engines, tmp_path, progress=lambda f, m="": seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and skipped
    with pytest.raises(Cancelled):
        describe_folder(engines, tmp_path, cancel=lambda: True)
