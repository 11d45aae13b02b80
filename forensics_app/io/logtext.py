"""The text of a transaction log as banks export it, before any field is interpreted.

- Encoding, line by line: UTF-8 if the line is valid UTF-8, else GB18030 (GBK); a whole file in
  UTF-16 (Excel's "Unicode text", with or without a byte-order mark) is decoded as such.
- Line endings: LF, CRLF, and CR alone (old Mac exports), which used to make the whole log one line.
- The CSV dialect (comma, semicolon, tab, bar) is sniffed from the header row on.
- The header row may sit below a title or a note ("账户交易明细", "查询日期：..."): it is the first of
  the first lines that names a time column. The lines above it are reported as skipped rows.
- A repeated header row (two exports pasted together) is a skipped row, not an unreadable event.
- A trailing delimiter on every data row (one empty cell more than the header) is dropped when
  most rows carry it; a row that then has a different count is an unreadable row as before.
- Excel's text cells ``="6222..."`` (written so that long numbers keep their digits) are unwrapped.

Nothing is guessed silently: every line that is not read as an event is in ``errors`` (cannot be
read) or ``skipped`` (not an event: title, note, repeated header), with its line number.
"""

from __future__ import annotations

import csv
import re
from typing import Callable

from ..errors import InputError, quoted
from ..i18n import N_

MAX_CELL = 10_000                    # characters in one cell
MAX_PREAMBLE = 20                    # lines above the header row that are looked through
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)


def utf16_codec(raw: bytes) -> tuple[str, int] | None:
    """(codec, bytes to skip) when the file is UTF-16: a byte-order mark, or (no mark) NUL bytes in
    every other position, which neither UTF-8 nor GBK text has."""
    if raw.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if raw.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    sample = raw[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le", 0
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be", 0
    return None


def _split(data, lf, cr):
    """Lines on LF (CRLF counts as LF); on CR alone when the file has no LF at all."""
    data = data.replace(cr + lf, lf)
    return data.split(lf) if lf in data or cr not in data else data.split(cr)


def decode_lines(raw: bytes, path) -> tuple[list[str | None], str]:
    """(lines, encoding summary). A line that is neither UTF-8 nor GBK is None."""
    wide = utf16_codec(raw)
    if wide:
        codec, skip = wide
        try:
            text = raw[skip:].decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(path, N_("is UTF-16 text with an invalid byte sequence at byte {offset}"),
                             offset=exc.start + skip) from None
        return _split(text, "\n", "\r"), "utf-16"
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    lines, kinds = [], []
    for chunk in _split(raw, b"\n", b"\r"):
        try:
            lines.append(chunk.decode("utf-8"))
            kinds.append("utf-8" if any(b > 127 for b in chunk) else "ascii")
            continue
        except UnicodeDecodeError:
            pass
        try:
            lines.append(chunk.decode("gb18030"))
            kinds.append("gb18030")
        except UnicodeDecodeError:
            lines.append(None)
            kinds.append("unreadable")
    n_utf, n_gb = kinds.count("utf-8"), kinds.count("gb18030")
    if n_utf and n_gb:
        minority = "utf-8" if n_utf < n_gb else "gb18030"
        odd = [i + 1 for i, k in enumerate(kinds) if k == minority]
        main = "gb18030 (GBK)" if minority == "utf-8" else "utf-8"
        return lines, f"{main}; rows {_ranges(odd)} in {'UTF-8' if minority == 'utf-8' else 'GBK'}"
    return lines, ("gb18030 (GBK)" if n_gb else "utf-8-sig" if bom else "utf-8")


def _ranges(nums: list[int]) -> str:
    return ", ".join(map(str, nums[:20])) + (f" and {len(nums) - 20} more" if len(nums) > 20 else "")


class RowProblem(ValueError):
    """Why a log row cannot be read: a catalogue code (i18n/messages.py LOGROW.*) with its values."""

    def __init__(self, code: str, **params):
        self.info = problem(code, **params)
        super().__init__(self.info["reason"])


def problem(code: str, **params) -> dict:
    """A row's problem as results record it: ``reason`` (the English text, as before), ``code`` and
    ``params``, so the report and the findings say it in the reader's language."""
    from ..i18n import translator
    from ..i18n.render import render
    return {"reason": render(code, params, translator("en")), "code": code, "params": params}


def _sniff(text_lines: list[str]):
    try:
        return csv.Sniffer().sniff("\n".join(text_lines[:50])[:4096], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _cell(c: str) -> str:
    m = _EXCEL_TEXT.match(c.strip())
    return m.group(1) if m else c


def header_index(rows: list[list[str] | None], is_header: Callable[[list[str]], bool]) -> int:
    """The first of the first non-empty rows that ``is_header`` accepts; else the first non-empty row."""
    filled = [i for i, r in enumerate(rows) if r is not None and any(str(c).strip() for c in r)]
    if not filled:
        return -1
    return next((i for i in filled[:MAX_PREAMBLE + 1] if is_header(rows[i])), filled[0])


def preamble(rows: list, hdr: int, number: Callable[[int], int]) -> list[dict]:
    """Rows above the header row that are not empty (or cannot be decoded), as skipped rows."""
    def filled(r):
        return r is None or (any(str(c).strip() for c in r if c is not None) if isinstance(r, (list, tuple))
                             else bool(str(r).strip()))
    return [{"row": number(i), **problem("LOGSKIP.preamble")}
            for i in range(hdr) if filled(rows[i])]


def parse_csv(path, lines: list[str | None], is_header: Callable[[list[str]], bool]):
    """(headers, [(line number, dict or None, problem)], skipped rows)."""
    text_lines = [("" if x is None else x.replace("\r", "\ufffd")) for x in lines]
    first_cells: list[list[str] | None] = [None] * len(lines)
    for i in [i for i, x in enumerate(lines) if x is not None and x.strip()][:MAX_PREAMBLE + 1]:
        try:
            first_cells[i] = [_cell(c) for c in next(csv.reader([text_lines[i]], _sniff(text_lines[i:])), [])]
        except csv.Error:
            pass
    hdr = header_index(first_cells, is_header)
    if hdr < 0:
        raise InputError(path, N_("transaction log is empty or unreadable (no header row)"))
    dialect = _sniff(text_lines[hdr:])
    try:
        headers = [_cell(c) for c in next(csv.reader([text_lines[hdr]], dialect))]
    except csv.Error as exc:
        raise InputError(path, N_("header row cannot be read ({reason})"), reason=quoted(exc)) from None
    skipped = preamble(lines, hdr, lambda i: i + 1)
    parsed = []
    reader = csv.reader(iter(text_lines[hdr + 1:]), dialect)
    while True:
        start = hdr + 2 + reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            parsed.append((start, None, problem("LOGROW.csv", reason={"quote": str(exc)[:60]})))
            continue
        parsed.append((hdr + 1 + reader.line_num, [_cell(c) for c in cells], ""))
    n = len(headers)
    data = [c for _, c, _ in parsed if c is not None and any(x.strip() for x in c)]
    trailing = sum(1 for c in data if len(c) == n + 1 and not c[-1].strip()) > len(data) / 2
    key = [h.strip() for h in headers]
    out = []
    for row, cells, why in parsed:
        if cells is None:
            out.append((row, None, why))
            continue
        if lines[row - 1] is None:
            out.append((row, None, problem("LOGROW.encoding")))
            continue
        if not any(c.strip() for c in cells):
            continue
        if "\ufffd" in "".join(cells) and "\r" in (lines[row - 1] or ""):
            out.append((row, None, problem("LOGROW.stray_cr")))
            continue
        if trailing:
            if len(cells) == n:
                out.append((row, None, problem("LOGROW.no_trailing")))
                continue
            if len(cells) == n + 1 and not cells[-1].strip():
                cells = cells[:-1]
        if [c.strip() for c in cells] == key:
            skipped.append({"row": row, **problem("LOGSKIP.header")})
            continue
        if len(cells) != n:
            out.append((row, None, problem("LOGROW.fields", n=len(cells), header=n)))
            continue
        if any(len(c) > MAX_CELL for c in cells):
            out.append((row, None, problem("LOGROW.long_cell", n=MAX_CELL)))
            continue
        out.append((row, dict(zip(headers, cells)), ""))
    return headers, out, skipped


def refuse_other_kind(path: Path, raw: bytes) -> None:
    """Refuse, in one line, a log that is some other kind of file under a log's name."""
    head = raw[:1024].lstrip()
    if raw.startswith(b"PK\x03\x04") and b"opendocument.spreadsheet" in raw[:200]:
        raise InputError(path, N_("is an OpenDocument spreadsheet (.ods); this version reads CSV, JSON Lines and "
                                  "XLSX: ask for the log as CSV or XLSX"))
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, N_("is an Excel 97-2003 workbook (.xls) or another OLE file; this version reads "
                                  "CSV, JSON Lines and XLSX: ask for the log as CSV or XLSX"))
    if raw.startswith(b"%PDF"):
        raise InputError(path, N_("is a PDF document, not a transaction log in CSV, JSON Lines or XLSX"))
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(path, N_("is a ZIP archive but not an XLSX workbook (name it .xlsx if it is one)"))
    if head[:1] == b"<" and re.match(rb"<(\?xml|!doctype html|html|table|meta)", head, re.I):
        raise InputError(path, N_("is an HTML or XML page (some systems export a web page under a spreadsheet's "
                                  "name); ask for the log as CSV or XLSX"))
