"""Layout of the report: sections in the order a court reads them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import SimpleDocTemplate

from .. import SOFTWARE_NAME, __version__
from ..core.hashing import analysis_digest
from ..core.model import Results
from ..i18n import translator
from . import calplots, closing, evaluation, front, results
from .context import Ctx
from .fonts import register
from .mask import mask_text

# The order an evaluative report is read in (ENFSI 2015; ISO 21043-4).
SECTIONS = [front.cover, front.summary, front.circumstances, front.items, front.examiner, front.preassessment,
            front.propositions, results.methods, results.face, results.liveness, results.authenticity,
            results.bank_figure, results.timeline, evaluation.evaluation, evaluation.examiner_notes,
            closing.limitations, closing.validation, closing.declaration, closing.appendix, calplots.annex]


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
            page = translator(lang).gettext("page {page} of {pages}").format(page=self._pageNumber, pages=n)
            self.drawString(18 * mm, 10 * mm, f"{case_id}  ·  results.json SHA-256 {digest}")
            self.drawRightString(A4[0] - 18 * mm, 10 * mm, page)
            if audit_head:
                self.drawString(18 * mm, 6.5 * mm, translator(lang).gettext("audit chain head {head}").format(
                    head=audit_head))
            self.line(18 * mm, 13.5 * mm, A4[0] - 18 * mm, 13.5 * mm)
            if stamp:
                from .stamp import draw_stamp
                draw_stamp(self, stamp, font)
    return NumberedCanvas


def render(results: dict, results_text: str, digest: str, lang: str, mask: bool,
           case_root: Path | None, created: str | None, verification: dict | None = None,
           notes: list[dict] | None = None) -> bytes:
    font = register()
    c = Ctx(lang, mask, font)
    c.res = Results.from_json(results)             # read once through the model; sections use its types
    m = mask_text if mask else (lambda x: x)
    attach_name, attach_text = attachment(results, results_text, mask)
    c.attachment = (attach_name, hashlib.sha256(attach_text.encode("utf-8")).hexdigest())
    # what `reproduce` compares: the attachment without its audit_head anchor (core/hashing.py)
    try:
        c.analysis_digest = analysis_digest(attach_text.encode("utf-8"))
    except ValueError:          # results without an anchor (not written by an analysis): the plain digest
        c.analysis_digest = c.attachment[1]
    created_dt = dt.datetime.fromisoformat(created) if created else dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    buf = io.BytesIO()
    _ = c._
    title = _("Forensic examination report")
    examiner = front.examiner_info(c.res)[0]
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=20 * mm, title=m(f"{title} — {c.res.case_id}"),
                            author=m(examiner or SOFTWARE_NAME),
                            subject=_("Face verification dispute: evidence chain, face comparison, liveness"),
                            creator=f"{SOFTWARE_NAME} {__version__}",
                            keywords=m(f"case {c.res.case_id}; results sha256 {digest}")
                                     + (f"; audit chain head {c.res.audit_head}" if c.res.audit_head else ""))
    story = []
    for section in SECTIONS:
        story += section(c, results, digest, created_dt, case_root, notes or [])
    from .stamp import stamp_lines
    stamp = stamp_lines(verification, lang, mask)
    doc.build(story, canvasmaker=_numbered_canvas(m(c.res.case_id), digest, lang, font, created_dt,
                                                  c.res.audit_head, stamp))
    return _attach(buf.getvalue(), attach_name, attach_text)


def attachment(results: dict, results_text: str, mask: bool) -> tuple[str, str]:
    """What a copy carries: results.json itself (byte for byte, so verify can match it to the
    analysis), or in a masked copy results.masked.json: every string masked, so no attachment of a
    masked copy holds a full ID or phone number, and without the triage fields (``court_copy``)."""
    if not mask:
        return "results.json", results_text
    from ..core.hashing import results_text as as_text
    from .courtcopy import court_copy
    from .mask import mask_obj
    return "results.masked.json", as_text(mask_obj(court_copy(results)))


def _attach(pdf: bytes, name: str, text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    w = PdfWriter(clone_from=reader)
    w.add_attachment(name, text.encode("utf-8"))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()
