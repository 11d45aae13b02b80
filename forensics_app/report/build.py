"""Layout of the report: sections in the order a court reads them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
from xml.sax.saxutils import escape

from .. import SOFTWARE_NAME, __version__
from .fonts import register
from .mask import mask_text

SEV_COLOURS = {"critical": "#9b1c1c", "major": "#c05621", "minor": "#8a6d00", "info": "#2b6cb0"}


class Ctx:
    def __init__(self, lang: str, mask: bool, font: str):
        self.lang, self.mask, self.font = lang, mask, font
        base = dict(fontName=font, leading=14, fontSize=9.5, wordWrap="CJK")
        self.body = ParagraphStyle("body", **base)
        self.small = ParagraphStyle("small", **(base | {"fontSize": 7.5, "leading": 10}))
        self.tiny = ParagraphStyle("tiny", **(base | {"fontSize": 6.5, "leading": 8.5}))
        self.h1 = ParagraphStyle("h1", **(base | {"fontSize": 15, "leading": 20, "spaceBefore": 6,
                                                  "spaceAfter": 6, "textColor": colors.HexColor("#1a365d")}))
        self.h2 = ParagraphStyle("h2", **(base | {"fontSize": 11.5, "leading": 16, "spaceBefore": 8,
                                                  "spaceAfter": 4, "textColor": colors.HexColor("#1a365d")}))
        self.title = ParagraphStyle("title", **(base | {"fontSize": 20, "leading": 28, "alignment": TA_CENTER}))
        self.centre = ParagraphStyle("centre", **(base | {"alignment": TA_CENTER}))

    def t(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" else en

    def clean(self, s) -> str:
        s = "" if s is None else str(s)
        return escape(mask_text(s) if self.mask else s)

    def p(self, s, style=None, raw=False) -> Paragraph:
        return Paragraph(s if raw else self.clean(s), style or self.body)

    def table(self, rows, widths, header=True, style=None, zebra=True) -> Table:
        st = style or self.small
        data = [[c if hasattr(c, "wrap") else Paragraph(self.clean(c), st) for c in r] for r in rows]
        tb = Table(data, colWidths=widths, repeatRows=1 if header else 0)
        cmds = [("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
                ("FONTNAME", (0, 0), (-1, -1), self.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e2e8f0")))
        tb.setStyle(TableStyle(cmds))
        return tb


def _numbered_canvas(case_id: str, digest: str, lang: str, font: str, created: dt.datetime,
                     audit_head: str = "", stamp: list[str] | None = None):
    from reportlab.lib.utils import TimeStamp

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *a, **kw):
            kw["invariant"] = 1
            kw["initialFontName"] = font
            super().__init__(*a, **kw)
            ts = TimeStamp(invariant=1)
            ts.t = created.timestamp()
            ts.lt = created.utctimetuple()
            ts.YMDhms = tuple(ts.lt)[:6]
            self._doc._timeStamp = ts
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(n)
                super().showPage()
            super().save()

        def _footer(self, n):
            self.setFont(font, 7)
            self.setFillColor(colors.HexColor("#555555"))
            page = (f"第 {self._pageNumber} 页 / 共 {n} 页" if lang == "zh"
                    else f"page {self._pageNumber} of {n}")
            self.drawString(18 * mm, 10 * mm, f"{case_id}  ·  results.json SHA-256 {digest}")
            self.drawRightString(A4[0] - 18 * mm, 10 * mm, page)
            if audit_head:
                self.drawString(18 * mm, 6.5 * mm, ("审计链头 " if lang == "zh" else "audit chain head ")
                                + audit_head)
            self.line(18 * mm, 13.5 * mm, A4[0] - 18 * mm, 13.5 * mm)
            if stamp:
                from .stamp import draw_stamp
                draw_stamp(self, stamp, font)
    return NumberedCanvas


def render(results: dict, results_text: str, digest: str, lang: str, mask: bool,
           case_root: Path | None, created: str | None, verification: dict | None = None) -> bytes:
    font = register()
    c = Ctx(lang, mask, font)
    created_dt = dt.datetime.fromisoformat(created) if created else dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    buf = io.BytesIO()
    title = c.t("Forensic examination report", "司法鉴定（检验）报告")
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=20 * mm, title=f"{title} — {results['case_id']}",
                            author=results.get("examiner") or SOFTWARE_NAME,
                            subject=c.t("Face verification dispute: evidence chain, face comparison, liveness",
                                        "人脸核验争议：证据链、人脸比对、活体检测"),
                            creator=f"{SOFTWARE_NAME} {__version__}",
                            keywords=f"case {results['case_id']}; results sha256 {digest}"
                                     + (f"; audit chain head {results['audit_head']}" if results.get("audit_head") else ""))
    story = []
    from . import sections
    for section in sections.ALL:
        story += section(c, results, digest, created_dt, case_root)
    from .stamp import stamp_lines
    stamp = stamp_lines(verification, lang, mask)
    doc.build(story, canvasmaker=_numbered_canvas(results["case_id"], digest, lang, font, created_dt,
                                                  results.get("audit_head", ""), stamp))
    return _attach(buf.getvalue(), results_text)


def _attach(pdf: bytes, results_text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    w = PdfWriter(clone_from=reader)
    w.add_attachment("results.json", results_text.encode("utf-8"))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


