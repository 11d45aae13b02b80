"""A transaction-log row as the rules read it: the fields io/logs.py maps, as attributes.

``io.logs.read_log`` builds each row as a :class:`LogRow` where it reads it. A LogRow is a
:class:`~forensics_app.core.record.Block`: the row's dict as before (what the pipeline sorts, the
timeline and the batch signals read, what tests compare), whose declared fields are also typed
attributes (``r.event``, ``r.phone``; ``None`` when the log has no such column), so a rule names a
declared field instead of a string key. Columns a case's ``column_map`` maps to a name not declared
here, and the unmapped columns (``extra``), are kept as read.
"""

from __future__ import annotations

from typing import Any

from .record import Block

# The fields a log column can be mapped to (docs/case-format.md "Transaction log"); io/logs.py maps
# headers to these names.
LOG_FIELDS = ("time", "serial", "terminal_id", "channel", "event", "account", "phone", "face_score",
              "threshold", "result", "device_id", "ip")


class LogRow(Block):
    """One readable row of a transaction log."""
    file: str                         # the log, relative to the case folder
    row: int                          # its row number in that file (the header is row 1 in a CSV)
    time: str                         # ISO 8601 with the offset the log's timezone gives
    time_utc: str
    event: str                        # the event key (io.logs.EVENTS), "other" when not recognised
    event_raw: str                    # the event as the log wrote it
    serial: str
    terminal_id: str
    channel: str
    account: str
    phone: str
    face_score: float
    threshold: float
    result: str
    device_id: str
    ip: str
    extra: dict                       # unmapped columns: header -> value as read

    @classmethod
    def of(cls, row: dict) -> "LogRow":
        """From a row's JSON data; a LogRow is returned as it is."""
        return cls.from_json(row, f"{row.get('file')} row {row.get('row')}")

    def evidence(self) -> dict:
        """The row as a finding's evidence reference."""
        return {"file": self.file, "row": self.row, "event": self.event, "time": self.time}


class LogError(Block):
    """A log row that could not be read: where, and why."""
    file: str
    row: int
    reason: Any                       # English text
    code: str                         # its catalogue code (LOGROW.*), when the reader gives one
    params: dict | None

    @classmethod
    def of(cls, e: dict) -> "LogError":
        return cls.from_json(e, "log_errors")


class FrameTime(Block):
    """When a delivered still says it was captured (its EXIF time)."""
    frame: str
    time: str
    source: str

    @classmethod
    def of(cls, f: dict) -> "FrameTime":
        return cls.from_json(f, "frame_times")


class MediaTerminal(Block):
    """The terminal case.json names for a frames folder or video."""
    terminal_id: str
    source: str

    @classmethod
    def of(cls, d: dict) -> "MediaTerminal":
        return cls.from_json(d, "media_terminals")
