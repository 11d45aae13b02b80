"""Transaction logs as banks deliver them: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), JSON Lines,
XLSX; Chinese or English headers. Unreadable rows are kept as errors with their row number.

A new export layout needs no code: give the evidence entry a ``column_map`` in case.json
(``{"TxnTime": "time", ...}``), or put the same mapping in a JSON file and pass it as ``aliases``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.logrow import LOG_FIELDS, LogRow
from ..errors import InputError, literal, quoted
from ..i18n import N_
from .logtext import RowProblem, decode_lines, parse_csv, problem, refuse_other_kind
from .logxlsx import read_xlsx

FIELDS = LOG_FIELDS                    # what a column can map to: the fields core.logrow.LogRow declares

ALIASES = {
    "time": ["time", "timestamp", "datetime", "event_time", "交易时间", "时间", "发生时间", "交易日期时间"],
    "serial": ["serial", "serial_no", "txn_id", "流水号", "交易流水号", "流水"],
    "terminal_id": ["terminal_id", "terminal", "device", "终端号", "设备号", "终端编号"],
    "channel": ["channel", "渠道", "交易渠道"],
    "event": ["event", "event_type", "type", "交易类型", "业务类型", "事件"],
    "account": ["account", "card", "account_no", "账号", "卡号", "账户"],
    "phone": ["phone", "mobile", "phone_number", "手机号", "预留手机号", "手机号码"],
    "face_score": ["face_score", "similarity", "score", "人脸比对分数", "相似度", "比对分数"],
    "threshold": ["threshold", "阈值"],
    "result": ["result", "status", "结果", "交易结果", "状态"],
    "device_id": ["device_id", "device_fingerprint", "设备指纹", "设备id", "设备ID"],
    "ip": ["ip", "ip_address", "IP", "IP地址", "ip地址"],
}

# A date column beside a time column that holds only the time of day (交易日期 + 交易时间, as many
# Chinese bank statements export them): the two are read together as one time.
DATE_ALIASES = ["date", "txn_date", "交易日期", "日期"]
# A statement's totals line (合计 12笔 ...): listed as skipped when its time cannot be read.
_TOTALS = re.compile(r"^\s*(?:合计|总计|小计|共计|本页合计|本页小计|累计|(?:total|sum|subtotal)\b)", re.I)
_TIME_OF_DAY = re.compile(r"^\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?$")

EVENTS = {
    "open_account": ["open_account", "开户", "账户开立", "开立账户"],
    "face_verify": ["face_verify", "人脸识别", "人脸核验", "人脸比对", "刷脸认证"],
    "card_issue": ["card_issue", "发卡", "制卡", "领卡"],
    "ebanking_enable": ["ebanking_enable", "开通网银", "开通手机银行", "电子银行开通"],
    "loan_apply": ["loan_apply", "贷款申请"],
    "loan_contract": ["loan_contract", "贷款合同", "签约", "合同签署"],
    "loan_disburse": ["loan_disburse", "放款", "贷款发放"],
    "repayment_due": ["repayment_due", "还款到期", "应还款"],
    "repayment_overdue": ["repayment_overdue", "逾期"],
    "otp_sent": ["otp_sent", "短信验证码", "发送验证码", "动态密码"],
    "login": ["login", "登录"],
    "other": ["other", "其他"],
}
_EVENT_LOOKUP = {alias.lower(): key for key, names in EVENTS.items() for alias in names}
# The documented list (docs/case-format.md): anything else is an unreadable row, never a guess.
# Pure digit strings are read only as YYYYMMDDHHMMSS or YYYYMMDDHHMM; epoch seconds are refused
# (seconds or milliseconds, and in which zone, cannot be known from the value).
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M", "%Y%m%d%H%M%S", "%Y%m%d%H%M", "%Y%m%d %H:%M:%S",
                "%Y-%m-%d", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H时%M分%S秒", "%Y年%m月%d日%H:%M:%S",
                "%Y年%m月%d日")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
YEARS = (1990, 2100)
MAX_LOG_ROWS = 200_000               # rows per log, --max-log-rows
MAX_XLSX_BYTES = 200 * 1024 * 1024   # decompressed size of an XLSX, --max-xlsx-mb


@dataclass
class LogFile:
    path: str
    format: str
    encoding: str
    timezone: str
    columns: dict                       # original header -> field
    rows: list[LogRow] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    unmapped_columns: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)     # rows that are not events: titles, repeated headers

    def summary(self) -> dict:
        out = {"path": self.path, "format": self.format, "encoding": self.encoding,
               "timezone": self.timezone, "columns": self.columns,
               "unmapped_columns": self.unmapped_columns, "rows_read": len(self.rows),
               "rows_unreadable": len(self.errors), "errors": self.errors}
        return out | ({"skipped": self.skipped} if self.skipped else {})


def parse_time(value: str, tz: ZoneInfo) -> dt.datetime:
    """A time in one of TIME_FORMATS (with an optional UTC offset or Z); else ValueError."""
    s = unicodedata.normalize("NFKC", str(value)).strip().replace("/", "-")   # full-width digits and colons
    if not s:
        raise RowProblem("LOGROW.time_empty")
    off = _OFFSET.search(s)
    body, offset = (s[:off.start()].strip(), off.group(0)) if off and not s.isdigit() else (s, "")
    if body.isdigit():           # widths are fixed: strptime alone would read 201911181002 as 10:00:02
        formats = {14: ("%Y%m%d%H%M%S",), 12: ("%Y%m%d%H%M",), 8: ("%Y%m%d",)}.get(len(body), ())
    else:
        formats = [f for f in TIME_FORMATS if not f.startswith("%Y%m%d%H")]
    for fmt in formats:
        try:
            t = dt.datetime.strptime(body, fmt)
            break
        except ValueError:
            continue
    else:
        raise RowProblem("LOGROW.time_format", value=str(value)[:40])
    if not (YEARS[0] <= t.year <= YEARS[1]):
        raise RowProblem("LOGROW.time_year", value=str(value)[:40], year=t.year, low=YEARS[0], high=YEARS[1])
    if offset:
        o = offset.replace("Z", "+00:00")
        sign = 1 if o[0] == "+" else -1
        hh, mm = int(o[1:3]), int(o[-2:])
        if hh > 14 or mm > 59:
            raise RowProblem("LOGROW.time_offset", value=str(value)[:40])
        return t.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hh, minutes=mm)))
    return t.replace(tzinfo=tz)


def zone(name: str, where) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(where, N_("unknown timezone {name}"), name=literal(name)) from None


def map_columns(headers: list[str], column_map: dict | None = None) -> tuple[dict, list[str]]:
    lookup = {a.lower(): f for f, names in ALIASES.items() for a in names}
    lookup |= {a.lower(): "date" for a in DATE_ALIASES}
    for src, dst in (column_map or {}).items():
        lookup[src.lower()] = dst
    mapping, unmapped = {}, []
    for h in headers:
        key = lookup.get(str(h).strip().lower())
        if key:
            mapping[h] = key
        else:
            unmapped.append(h)
    return mapping, unmapped


def _records(path: Path, max_rows: int = MAX_LOG_ROWS, max_xlsx: int = MAX_XLSX_BYTES, is_header=None,
             sheet: str | None = None):
    """(format, encoding, headers, [(row_number, dict or None, problem)], skipped rows)."""
    is_header = is_header or (lambda cells: False)
    suffix = path.suffix.lower()
    with open(path, "rb") as fh:
        zipped = fh.read(4) == b"PK\x03\x04"
    if zipped and (suffix == ".xlsx" or is_xlsx(path)):      # by content: an XLSX saved as .csv is read too
        return read_xlsx(path, max_rows, max_xlsx, is_header, sheet)
    raw = path.read_bytes()
    refuse_other_kind(path, raw)                  # .xls, PDF, HTML, ODS or another ZIP under a log's name
    lines, enc = decode_lines(raw, path)
    if sum(1 for x in lines if x is not None and x.strip()) > max_rows + 1:
        raise InputError(path, N_("log has more than {max_rows} rows, over the limit (--max-log-rows)"),
                               max_rows=max_rows)
    first = next((x for x in lines if x is not None and x.strip()), None)
    if first is None:
        raise InputError(path, N_("transaction log is empty or unreadable (no header row)"))
    if suffix == ".json" and first.lstrip().startswith("["):
        return _json_array(path, lines, enc)
    if suffix in (".jsonl", ".ndjson") or (suffix == ".json" and first.lstrip().startswith("{")):
        out, headers = [], []
        for n, line in enumerate(lines, start=1):
            if line is None:
                out.append((n, None, problem("LOGROW.encoding")))
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    out.append((n, None, problem("LOGROW.not_object")))
                    continue
                for k in obj:
                    if k not in headers:
                        headers.append(k)
                out.append((n, obj, ""))
            except RecursionError:
                out.append((n, None, problem("LOGROW.json_nested")))
            except ValueError as exc:
                out.append((n, None, problem("LOGROW.json", reason={"quote": str(exc)[:80]})))
        return "jsonl", enc, headers, out, []
    headers, out, skipped = parse_csv(path, lines, is_header)
    return "csv", enc, headers, out, skipped


def _json_array(path: Path, lines: list[str | None], enc: str):
    """A .json file holding one array of objects: each element is a row, numbered from 1."""
    if any(x is None for x in lines):
        raise InputError(path, N_("JSON log is neither UTF-8 nor GBK text"))
    try:
        data = json.loads("\n".join(lines))
    except (ValueError, RecursionError) as exc:
        raise InputError(path, N_("invalid JSON ({reason})"), reason=quoted(str(exc)[:80])) from None
    out, headers = [], []
    for n, obj in enumerate(data, start=1):
        if not isinstance(obj, dict):
            out.append((n, None, problem("LOGROW.element")))
            continue
        headers += [k for k in obj if k not in headers]
        out.append((n, obj, ""))
    return "json", enc, headers, out, []


def is_xlsx(path: Path) -> bool:
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            return "xl/workbook.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _num(v, name):
    if v is None or str(v).strip() == "":
        return None
    s = str(v).strip().rstrip("%")
    try:
        x = float(s)
    except ValueError:
        raise RowProblem("LOGROW.number", field=name, value=str(v)[:40]) from None
    if str(v).strip().endswith("%"):
        x /= 100.0
    if not (0 <= x <= 100):
        raise RowProblem("LOGROW.range", field=name, value=str(v)[:40])
    return x


def read_log(path: str | Path, rel: str, timezone: str = "Asia/Shanghai",
             column_map: dict | None = None, max_rows: int = MAX_LOG_ROWS,
             max_xlsx_bytes: int = MAX_XLSX_BYTES, sheet: str | None = None) -> LogFile:
    """Read one log; ``sheet`` names the worksheet of an XLSX that holds several (case.json ``sheet``)."""
    path = Path(path)
    tz = zone(timezone, path)
    fmt, enc, headers, records, skipped = _records(
        path, max_rows, max_xlsx_bytes, lambda cells: "time" in map_columns(cells, column_map)[0].values(), sheet)
    mapping, unmapped = map_columns(headers, column_map)
    if "time" not in mapping.values():
        raise InputError(path, N_("no time column found among headers {headers} (text read as {encoding}); add a "
                                  "column_map for this layout in case.json, or re-save the log as UTF-8 if it is in "
                                  "another encoding"), headers=quoted(', '.join(map(str, headers))), encoding=enc)
    log = LogFile(rel, fmt, enc, timezone, {str(k): v for k, v in mapping.items()},
                  unmapped_columns=[str(u) for u in unmapped], skipped=skipped)
    for n, rec, why in records:
        if rec is None:
            log.errors.append({"row": n, **why})
            continue
        row = LogRow(file=rel, row=n)          # a dict whose declared fields are also attributes
        extra = {}
        for k, v in rec.items():
            f = mapping.get(k)
            if f:
                val = "" if v is None else str(v).strip()
                if val or f not in row:
                    row[f] = val
            else:
                extra[str(k)] = v
        day = re.sub(r"[ T]00:00(?::00(?:\.0+)?)?$", "", row.pop("date", ""))     # an XLSX date cell reads as midnight
        if day and _TIME_OF_DAY.match(unicodedata.normalize("NFKC", row.get("time", ""))):
            row["time"] = f"{day} {row['time']}"
        try:
            t = parse_time(row.get("time", ""), tz)
            row["time"] = t.isoformat()
            row["time_utc"] = t.astimezone(dt.timezone.utc).isoformat()
            raw_event = row.get("event", "")
            row["event_raw"] = raw_event
            row["event"] = _EVENT_LOOKUP.get(raw_event.lower(), "other") if raw_event else "other"
            for k in ("face_score", "threshold"):
                if k in row:
                    row[k] = _num(row[k], k)
        except (ValueError, OverflowError) as exc:
            if _TOTALS.match(str(next(iter(rec.values()), "") or "")):
                log.skipped.append({"row": n, **problem("LOGSKIP.totals")})
            else:
                log.errors.append({"row": n, **(exc.info if isinstance(exc, RowProblem)
                                                else problem("LOGROW.value", reason={"quote": str(exc)[:80]}))})
            continue
        row["extra"] = extra
        log.rows.append(row)
    log.skipped.sort(key=lambda e: e["row"])
    return log
