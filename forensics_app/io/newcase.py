"""Creating a case folder from loose files: copies them in and writes case.json.

Copies are byte-for-byte (hash-checked); the source files are only read. An existing
case.json is never overwritten.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..core.hashing import sha256_file
from ..errors import InputError
from .case import MANIFEST, load_case
from .images import IMAGE_SUFFIXES
from ..i18n import N_


def _copy(src: Path, dest: Path) -> None:
    if not src.is_file():
        raise InputError(src, N_("missing or not a file"))
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    if sha256_file(src) != sha256_file(dest):
        raise InputError(dest, N_("copy does not match its source (disk error?)"))


def create_case(root: Path, case_id: str, id_photo: Path, frames: Path | None = None,
                video: Path | None = None, logs: list[Path] = (), documents: list[Path] = (),
                population: str | None = None, language: str = "zh", title: str = "",
                timezone: str = "Asia/Shanghai") -> Path:
    root = Path(root)
    if (root / MANIFEST).exists():
        raise InputError(root / MANIFEST, N_("already exists; a case manifest is never overwritten"))
    if root.exists() and any(root.iterdir()):
        raise InputError(root, N_("folder is not empty; choose a new folder for the case"))
    evidence = []
    try:
        _copy(Path(id_photo), root / "id" / ("id_photo" + Path(id_photo).suffix.lower()))
        evidence.append({"role": "id_photo", "path": "id/id_photo" + Path(id_photo).suffix.lower()})
        if frames:
            frames = Path(frames)
            if not frames.is_dir():
                raise InputError(frames, N_("--frames must be a folder of stills"))
            stills = sorted(p for p in frames.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            if not stills:
                raise InputError(frames, N_("holds no image files"))
            for p in stills:
                _copy(p, root / "stm/frames" / p.name)
            evidence.append({"role": "stm_frames", "path": "stm/frames"})
        if video:
            _copy(Path(video), root / "stm" / Path(video).name)
            evidence.append({"role": "stm_video", "path": f"stm/{Path(video).name}"})
        for lg in logs:
            _copy(Path(lg), root / "logs" / Path(lg).name)
            evidence.append({"role": "transaction_log", "path": f"logs/{Path(lg).name}", "timezone": timezone})
        for d in documents:
            _copy(Path(d), root / "docs" / Path(d).name)
            evidence.append({"role": "document", "path": f"docs/{Path(d).name}"})
        manifest = {"format": "forensics-case/1", "case_id": case_id, "title": title, "language": language,
                    "timezone": timezone, "evidence": evidence, "records": {}}
        if population:
            manifest["reference_population"] = population
        (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        load_case(root)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)    # the folder was new and empty: leave nothing half-made
        raise
    return root / MANIFEST
