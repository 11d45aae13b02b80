"""What the rules read: the case's records, the transaction log and the analyses' typed results.

The stage results are the core.model types (``FaceComparison``, ``Liveness``, ``Authenticity``,
``InputFile``, ``LogSummary``), the case's records are core.caserecords' ``CaseRecords`` and the log
rows core.logrow's ``LogRow`` (with ``LogError``, ``FrameTime``, ``MediaTerminal``), so a rule names
a field a type declares, not a string key that can drift from what the reader or stage writes.
``None`` for a stage result means the stage did not run. Roles stay plain lists of paths.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Claimant
from ..caserecords import CaseRecords
from ..logrow import FrameTime, LogError, LogRow, MediaTerminal
from ..model import Authenticity, FaceComparison, InputFile, Liveness, LogSummary, StageStatus


@dataclass
class RuleContext:
    manifest: dict
    records: CaseRecords
    tz: str
    roles: dict                                   # role -> relative paths (and stm_frames_members)
    log_rows: list[LogRow]
    log_errors: list[LogError] = field(default_factory=list)
    logs: list[LogSummary] = field(default_factory=list)
    face: FaceComparison | None = None
    liveness: Liveness | None = None
    authenticity: Authenticity | None = None
    inputs: list[InputFile] = field(default_factory=list)
    frame_times: list[FrameTime] = field(default_factory=list)
    media_terminals: list[MediaTerminal] = field(default_factory=list)
    capture_tolerance_s: float = 120.0
    language: str | None = None

    @classmethod
    def of(cls, ctx: "RuleContext | dict") -> "RuleContext":
        """From the chain stage's dict (stage outputs as JSON data): each result read once through
        its type (a ``ValueError`` naming the field if a stage wrote something the model lacks);
        an empty or absent result is a stage that did not run."""
        if isinstance(ctx, cls):
            return ctx
        d = dict(ctx)

        def typed(key, kind):
            value = d.get(key)
            if not value:
                return None
            if isinstance(value, kind):     # a stage may have filled a block as a plain dict: type it all
                value = value.to_json()
            return kind.from_json({k: v for k, v in value.items() if k != "models"}, key)

        return cls(manifest=d.get("manifest") or {}, records=CaseRecords.of(d.get("records")), tz=d["tz"],
                   roles=d.get("roles") or {}, log_rows=[LogRow.of(r) for r in d.get("log_rows") or []],
                   log_errors=[LogError.of(e) for e in d.get("log_errors") or []],
                   logs=[x if isinstance(x, LogSummary) else LogSummary.from_json(x, "logs")
                         for x in d.get("logs") or []],
                   face=typed("face", FaceComparison), liveness=typed("liveness", Liveness),
                   authenticity=typed("authenticity", Authenticity),
                   inputs=[x if isinstance(x, InputFile) else InputFile.from_json(x, "inputs")
                           for x in d.get("inputs") or []],
                   frame_times=[FrameTime.of(f) for f in d.get("frame_times") or []],
                   media_terminals=[MediaTerminal.of(m) for m in d.get("media_terminals") or []],
                   capture_tolerance_s=d.get("capture_tolerance_s", 120.0), language=d.get("language"))

    def analysed(self, result) -> bool:
        """Whether a stage analysed the material (a result with status ``analysed``)."""
        return result is not None and result.status == StageStatus.analysed

    @property
    def claimant_phone(self) -> str | None:
        """The claimant's own number as case.json states it (``claimant.phone``)."""
        return Claimant.from_json(self.manifest.get("claimant") or {}, "claimant").phone

    def role(self, name: str) -> list[str]:
        return self.roles.get(name) or []
