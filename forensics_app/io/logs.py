"""Transaction logs as banks deliver them: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), JSON Lines,
XLSX; Chinese or English headers. Unreadable rows are kept as errors with their row number.

A new export layout needs no code: give the evidence entry a ``column_map`` in case.json
(``{"TxnTime": "time", ...}``), or put the same mapping in a JSON file and pass it as ``aliases``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError

FIELDS = ("time", "serial", "terminal_id", "channel", "event", "account", "phone", "face_score",
          "threshold", "result", "device_id", "ip")

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
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y%m%d%H%M%S",
                "%Y%m%d %H:%M:%S", "%Y-%m-%d", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H时%M分%S秒")


@dataclass
class LogFile:
    path: str
    format: str
    encoding: str
    timezone: str
    columns: dict                       # original header -> field
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    unmapped_columns: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "timezone": self.timezone, "columns": self.columns,
                "unmapped_columns": self.unmapped_columns, "rows_read": len(self.rows),
                "rows_unreadable": len(self.errors), "errors": self.errors}


def parse_time(value: str, tz: ZoneInfo) -> dt.datetime:
    s = str(value).strip()
    if not s:
        raise ValueError("empty time")
    s2 = s.replace("/", "-").replace("Z", "+00:00")
    try:
        t = dt.datetime.fromisoformat(s2)
    except ValueError:
        for fmt in TIME_FORMATS:
            try:
                t = dt.datetime.strptime(s, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"unreadable time {s!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=tz)


def zone(name: str, where) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(where, f"unknown timezone {name!r}") from None


def map_columns(headers: list[str], column_map: dict | None = None) -> tuple[dict, list[str]]:
    lookup = {a.lower(): f for f, names in ALIASES.items() for a in names}
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


def _decode(raw: bytes, path: Path) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc), ("utf-8" if enc == "utf-8" else "gb18030 (GBK)")
        except UnicodeDecodeError:
            continue
    raise InputError(path, "transaction log is neither UTF-8 nor GBK/GB18030 text")


def _records(path: Path) -> tuple[str, str, list[str], list[tuple[int, dict | None, str]]]:
    """(format, encoding, headers, [(row_number, dict or None, problem)])."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _xlsx(path)
    raw = path.read_bytes()
    text, enc = _decode(raw, path)
    if suffix in (".jsonl", ".ndjson") or (suffix == ".json" and text.lstrip().startswith("{")):
        out, headers = [], []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("line is not a JSON object")
                for k in obj:
                    if k not in headers:
                        headers.append(k)
                out.append((n, obj, ""))
            except ValueError as exc:
                out.append((n, None, f"invalid JSON: {exc}"))
        return "jsonl", enc, headers, out
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        headers = next(reader)
    except StopIteration:
        raise InputError(path, "transaction log is empty (no header row)") from None
    out = []
    for n, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(headers):
            out.append((n, None, f"has {len(cells)} fields, the header has {len(headers)}"))
            continue
        out.append((n, dict(zip(headers, cells)), ""))
    return "csv", enc, headers, out


def _xlsx(path: Path):
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(path, f"not a readable XLSX workbook ({type(exc).__name__})") from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        headers = [str(h) if h is not None else "" for h in next(rows)]
    except StopIteration:
        raise InputError(path, "XLSX log is empty (no header row)") from None
    out = []
    for n, cells in enumerate(rows, start=2):
        if cells is None or all(c is None or str(c).strip() == "" for c in cells):
            continue
        vals = ["" if c is None else (c.isoformat(sep=" ") if isinstance(c, dt.datetime) else str(c))
                for c in cells]
        out.append((n, dict(zip(headers, vals)), ""))
    wb.close()
    return "xlsx", "xlsx", headers, out


def _num(v, name):
    if v is None or str(v).strip() == "":
        return None
    s = str(v).strip().rstrip("%")
    x = float(s)
    if str(v).strip().endswith("%"):
        x /= 100.0
    if not (0 <= x <= 100):
        raise ValueError(f"{name} {v!r} out of range")
    return x


def read_log(path: str | Path, rel: str, timezone: str = "Asia/Shanghai",
             column_map: dict | None = None) -> LogFile:
    path = Path(path)
    tz = zone(timezone, path)
    fmt, enc, headers, records = _records(path)
    mapping, unmapped = map_columns(headers, column_map)
    if "time" not in mapping.values():
        raise InputError(path, f"no time column found among headers {headers}; add a column_map "
                               "for this layout in case.json")
    log = LogFile(rel, fmt, enc, timezone, {str(k): v for k, v in mapping.items()},
                  unmapped_columns=[str(u) for u in unmapped])
    for n, rec, problem in records:
        if rec is None:
            log.errors.append({"row": n, "reason": problem})
            continue
        row = {"file": rel, "row": n}
        extra = {}
        for k, v in rec.items():
            f = mapping.get(k)
            if f:
                val = "" if v is None else str(v).strip()
                if val or f not in row:
                    row[f] = val
            else:
                extra[str(k)] = v
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
        except ValueError as exc:
            log.errors.append({"row": n, "reason": str(exc)})
            continue
        row["extra"] = extra
        log.rows.append(row)
    return log
