"""What travels between the batch's parts: a case's plan (:class:`CaseSpec`, to the worker), what
became of it (:class:`TaskRecord`, back to the client) and its ``batch.json`` (:class:`BatchFile`,
on disk beside its outputs: read by re-runs, ``verify-portfolio`` and the portfolio view).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..core.portfolio_model import CaseStatus
from ..core.record import ABSENT, Record

STATUS_ANALYSED, STATUS_REFUSED, STATUS_FAILED = CaseStatus.analysed, CaseStatus.refused, CaseStatus.failed


@dataclass
class CaseSpec:
    """One case folder of the backlog and where its outputs go."""
    key: str                          # the folder relative to CASES_DIR (the portfolio's ``path``)
    path: str                         # the folder on disk
    case_id: str | None               # as case.json says (None: unreadable)
    out_dir: str = ""                 # OUT/cases/<dir>
    duplicate_of: list[str] = field(default_factory=list)   # other folders with this case_id


@dataclass
class TaskRecord:
    """What became of one case in this run."""
    key: str
    case_id: str | None
    status: CaseStatus = STATUS_FAILED
    message: str = ""                 # English, as recorded
    parts: list[dict] = field(default_factory=list)   # the message as catalogue templates (errors.message_part)
    results_sha256: str | None = None  # the results.json file's SHA-256 (the portfolio uses the analysis digest)
    skipped: bool = False             # unchanged since the last run: not analysed again


@dataclass(kw_only=True)
class BatchFile(Record):
    """OUT/cases/<dir>/batch.json: the case's status and the key of what it was computed from."""
    case_id: str | None
    status: CaseStatus
    message: str
    run_key: str | None               # None: not analysed (refused or failed)
    case_path: str
    folder: str
    results_sha256: str = ABSENT      # analysed: the results.json file's SHA-256
    pid: int = ABSENT                 # analysed: the worker process that wrote it

    @classmethod
    def read(cls, path: Path) -> "BatchFile | None":
        """The batch.json at ``path``, or None when it is missing or not one."""
        try:
            data = json.loads(Path(path).read_text("utf-8"))
            return cls.from_json(data) if isinstance(data, dict) else None
        except (OSError, ValueError):
            return None

    def text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)
