"""Do two revisions give the same results.json for every demo case?

    python tools/compare_demo_results.py main            # main against the working tree
    python tools/compare_demo_results.py main HEAD~3     # two revisions

Each side's code (``git archive`` of the revision, or the working tree) analyses a fresh copy of
each case in ``sample_cases/`` into a temporary folder, with the same interpreter; the results are
compared byte for byte except the one top-level ``audit_head`` line, which differs between any two
analyses (it is the hash of the workspace's newest audit entry, whose time is recorded): this is
``core.hashing.analysis_digest``. Prints one line per case; exit 1 if any differs (with a diff),
2 if an analysis fails.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = ("import sys, forensics_app, forensics_app.cli as c; "
       "assert forensics_app.__file__.startswith(sys.argv[1]), forensics_app.__file__; "
       "sys.exit(c.main(sys.argv[2:]))")


def source(rev: str | None, dest: Path) -> Path:
    """The code of ``rev`` (None: the working tree) as a folder."""
    if rev is None:
        return ROOT
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def analyse(src: Path, out: Path) -> dict[str, bytes]:
    """results.json of each demo case analysed with the code in ``src``."""
    res = {}
    for case in sorted(p for p in (src / "sample_cases").iterdir() if (p / "case.json").is_file()):
        copy = out / "cases" / case.name
        shutil.copytree(case, copy)
        env = dict(os.environ, PYTHONPATH=str(src), QT_QPA_PLATFORM="offscreen")
        r = subprocess.run([sys.executable, "-c", RUN, str(src), "analyze", str(copy), "--out",
                            str(out / case.name), "-q", "--no-report"], cwd=src, env=env, capture_output=True,
                           text=True)
        if r.returncode:
            sys.exit(f"{case.name}: analysis with {src} failed (exit {r.returncode}):\n{r.stderr[-2000:]}")
        res[case.name] = (out / case.name / "results.json").read_bytes()
    return res


def without_anchor(data: bytes) -> list[str]:
    return [ln for ln in data.decode("utf-8").splitlines(keepends=True) if not ln.startswith('  "audit_head": ')]


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__)
        return 2
    revs = [argv[0], argv[1] if len(argv) == 2 else None]
    with tempfile.TemporaryDirectory(prefix="demo-results-") as tmp:
        sides = [analyse(source(rev, Path(tmp) / f"src{i}"), Path(tmp) / f"out{i}") for i, rev in enumerate(revs)]
    names = [r or "working tree" for r in revs]
    status = 0
    for case in sorted(set(sides[0]) | set(sides[1])):
        a, b = (without_anchor(s[case]) if case in s else [] for s in sides)
        if a == b:
            print(f"{case}: identical but for audit_head ({len(sides[0][case])} bytes)")
            continue
        status = 1
        print(f"{case}: DIFFERS")
        sys.stdout.writelines(list(difflib.unified_diff(a, b, names[0], names[1], n=2))[:200])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
