"""A transaction log delivered as an XLSX workbook.

Every row is read without trusting the sheet's <dimension> (a stale one used to hide rows); the
workbook's decompressed size is checked first (zip bombs). The header row may sit below a title,
as in a CSV; the rows above it are skipped rows.

Which sheet: the one whose header names a time column. A workbook whose first sheet is a cover or
a note ("说明") is read from the sheet that holds the transactions; a workbook with several such
sheets (one per month, one per account) is refused unless case.json names the sheet (``"sheet"``
in the log's evidence entry), since reading one and ignoring the others would lose events without
a word.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from pathlib import Path
from typing import Callable

from ..errors import InputError, literal, quoted
from ..i18n import N_
from .logtext import header_index, preamble, problem, refuse_other_kind

TOP = 21          # rows of each sheet looked through for its header


def _cell(c) -> str:
    if c is None:
        return ""
    return c.isoformat(sep=" ") if isinstance(c, dt.datetime) else str(c)


def _open(path: Path, max_bytes: int):
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(path) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        refuse_other_kind(path, path.read_bytes()[:1024] if path.is_file() else b"")
        raise InputError(path, N_("not a readable XLSX workbook ({error})"), error=quoted(type(exc).__name__)) from None
    if total > max_bytes:
        raise InputError(path, N_("XLSX would decompress to {total} bytes, over the limit of {max_bytes} (--max-xlsx-mb)"),
                               total=total, max_bytes=max_bytes)
    try:
        # openpyxl goes by the file name's extension: a workbook saved under another name is read from memory
        src = path if path.suffix.lower() in (".xlsx", ".xlsm") else io.BytesIO(path.read_bytes())
        return openpyxl.load_workbook(src, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(path, N_("not a readable XLSX workbook ({error})"), error=quoted(type(exc).__name__)) from None


def _choose(path: Path, sheets: list, sheet: str | None):
    """(worksheet, its row iterator, its top rows, header index) of the sheet to read."""
    names = [s[0].title for s in sheets]
    if sheet is not None:
        found = [s for s in sheets if s[0].title == sheet]
        if not found:
            raise InputError(path, N_("has no sheet {sheet}; its sheets are {names}"), sheet=literal(sheet),
                             names=quoted(", ".join(names)))
        return found[0]
    logs = [s for s in sheets if s[4]]
    if len(logs) > 1:
        raise InputError(path, N_("has {n} sheets with a time column ({names}); name the one to read with \"sheet\" "
                                  "in its case.json entry, or deliver each sheet as its own file"),
                         n=len(logs), names=quoted(", ".join(s[0].title for s in logs)))
    return logs[0] if logs else sheets[0]


def read_xlsx(path: Path, max_rows: int, max_bytes: int, is_header: Callable[[list[str]], bool],
              sheet: str | None = None):
    """(format, encoding, headers, [(row_number, dict or None, problem)], skipped rows)."""
    wb = _open(path, max_bytes)
    try:
        sheets = []
        for ws in wb.worksheets:
            ws.reset_dimensions()              # read to the last row really present
            rows = ws.iter_rows(values_only=True)
            top = [[_cell(c) for c in r] if r is not None else None for r in itertools.islice(rows, TOP)]
            hdr = header_index(top, is_header)
            sheets.append((ws, rows, top, hdr, hdr >= 0 and is_header(top[hdr])))
        if not sheets:
            raise InputError(path, N_("XLSX log is empty (no header row)"))
        ws, rows, top, hdr, _ = _choose(path, sheets, sheet)
        if hdr < 0:
            raise InputError(path, N_("XLSX log is empty (no header row)"))
        headers = top[hdr]
        while headers and headers[-1] == "":
            headers.pop()
        skipped = preamble(top, hdr, lambda i: i + 1)
        key = [h.strip() for h in headers]
        out = []
        for n, vals in enumerate(itertools.chain(top[hdr + 1:], ([_cell(c) for c in r] for r in rows)),
                                 start=hdr + 2):
            if n > max_rows + 1:
                raise InputError(path, N_("log has more than {max_rows} rows, over the limit (--max-log-rows)"),
                                       max_rows=max_rows)
            if vals is None or all(v.strip() == "" for v in vals):
                continue
            vals = list(vals)
            while len(vals) > len(headers) and vals[-1] == "":
                vals.pop()
            if [v.strip() for v in vals] == key:
                skipped.append({"row": n, **problem("LOGSKIP.header")})
                continue
            if len(vals) > len(headers):
                out.append((n, None, problem("LOGROW.cells", n=len(vals), header=len(headers))))
                continue
            out.append((n, dict(zip(headers, vals)), ""))
    finally:
        wb.close()
    return "xlsx", "xlsx", headers, out, skipped
