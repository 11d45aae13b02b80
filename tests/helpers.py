"""Helpers shared by the tests (import as `from helpers import ...`)."""

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "sample_cases" / "guangzhou-2019"
SHARED = ROOT.parent / "shared" / "data"


def tree_hashes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_cli(*args, cwd=None):
    """Run the real command line in a subprocess (what a user types)."""
    return subprocess.run([sys.executable, "-m", "forensics_app", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=600)
