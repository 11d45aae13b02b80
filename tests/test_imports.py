"""Every module outside gui/ imports without Qt (the Qt-free venv runs this with PySide6 absent)."""

import importlib
import pkgutil
import sys

import forensics_app


def test_every_non_gui_module_imports_without_pulling_in_qt():
    names = [m.name for m in pkgutil.walk_packages(forensics_app.__path__, "forensics_app.")
             if not m.name.startswith("forensics_app.gui") and not m.name.endswith("__main__")]
    assert len(names) > 20
    before = set(sys.modules)
    for name in names:
        importlib.import_module(name)
    pulled = {m for m in set(sys.modules) - before if m.split(".")[0] in ("PySide6", "shiboken6")}
    assert not pulled, f"importing non-gui modules pulled in {sorted(pulled)}"
