"""A transaction-log row as the rules read it: the fields io/logs.py maps, as attributes.

``io.logs.read_log`` keeps each row's JSON data (``LogFile.rows``: what the pipeline sorts, the
timeline and the batch signals read); :meth:`LogRow.of` types it once where the rules take it
(``RuleContext.of``), so a rule names a declared field (``r.event``, ``r.phone``) instead of a
string key. A field the log has no column for is ``None`` (``""`` for ``event_raw``), exactly what
``row.get(key)`` gave. Columns a case's ``column_map`` maps to a name the app does not know are
kept in ``other`` (nothing read is dropped), unmapped columns in ``extra`` as before.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

# The fields a log column can be mapped to (docs/case-format.md "Transaction log"); io/logs.py maps
# headers to these names.
LOG_FIELDS = ("time", "serial", "terminal_id", "channel", "event", "account", "phone", "face_score",
              "threshold", "result", "device_id", "ip")


@dataclass(frozen=True, kw_only=True)
class LogRow:
    """One readable row of a transaction log."""
    file: str                         # the log, relative to the case folder
    row: int                          # its row number in that file (the header is row 1 in a CSV)
    time: str                         # ISO 8601 with the offset the log's timezone gives
    event: str                        # the event key (io.logs.EVENTS), "other" when not recognised
    time_utc: str = ""
    event_raw: str = ""               # the event as the log wrote it
    serial: str | None = None
    terminal_id: str | None = None
    channel: str | None = None
    account: str | None = None
    phone: str | None = None
    face_score: float | None = None
    threshold: float | None = None
    result: str | None = None
    device_id: str | None = None
    ip: str | None = None
    extra: dict = field(default_factory=dict)    # unmapped columns: header -> value as read
    other: dict = field(default_factory=dict)    # columns mapped to a field name not declared here

    @classmethod
    def of(cls, row: "LogRow | dict") -> "LogRow":
        """From a row's JSON data (``io.logs.read_log``); a LogRow is returned as it is."""
        if isinstance(row, cls):
            return row
        names = {f.name for f in dataclasses.fields(cls)} - {"other"}
        known = {k: v for k, v in row.items() if k in names}
        other = {k: v for k, v in row.items() if k not in names}
        if known.get("extra") is None:
            known.pop("extra", None)
        return cls(**known, other=other)

    def evidence(self) -> dict:
        """The row as a finding's evidence reference."""
        return {"file": self.file, "row": self.row, "event": self.event, "time": self.time}


@dataclass(frozen=True, kw_only=True)
class LogError:
    """A log row that could not be read: where, and why."""
    file: str
    row: int
    reason: str

    @classmethod
    def of(cls, e: "LogError | dict") -> "LogError":
        return e if isinstance(e, cls) else cls(file=e["file"], row=e["row"], reason=e["reason"])


@dataclass(frozen=True, kw_only=True)
class FrameTime:
    """When a delivered still says it was captured (its EXIF time)."""
    frame: str
    time: str
    source: str = "EXIF"

    @classmethod
    def of(cls, f: "FrameTime | dict") -> "FrameTime":
        return f if isinstance(f, cls) else cls(frame=f["frame"], time=f["time"], source=f.get("source", "EXIF"))

    def to_json(self) -> dict:
        return {"frame": self.frame, "time": self.time, "source": self.source}


@dataclass(frozen=True, kw_only=True)
class MediaTerminal:
    """The terminal case.json names for a frames folder or video."""
    terminal_id: str
    source: str

    @classmethod
    def of(cls, d: "MediaTerminal | dict") -> "MediaTerminal":
        return d if isinstance(d, cls) else cls(terminal_id=d["terminal_id"], source=d["source"])

    def to_json(self) -> dict:
        return {"terminal_id": self.terminal_id, "source": self.source}
