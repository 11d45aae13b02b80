"""The portfolio report: a bank's backlog on a few pages (PDF, masked by default).

Built from OUT/portfolio.json and each case's results.json (found under OUT/cases/ by the SHA-256
the portfolio records, so a results file that changed since is not used). Sections: what was
examined (with the portfolio's hash), how links are decided, the links as a table and as a graph,
then every case with its status and main observations, and the run's anchors (each results.json's
digest and audit chain head). In the reader's language (``lang``, Chinese by default) through the
gettext catalogue (portfolio_text.py). ID and phone numbers are masked unless ``mask=False``.
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .. import SOFTWARE_NAME, __version__
from ..core.lr import format_lr
from ..i18n import translator
from .fonts import register
from .mask import mask_text
from ..core.model import Results
from ..core.portfolio_model import CaseStatus, Portfolio, PortfolioAnchors
from .portfolio_text import (KIND_COLOURS, KIND_NAMES, case_message, evidence_text, face_rule,  # noqa: F401
                             kind_name, link_value, observations, other_rules, quote, status_name)


def results_by_sha(out: Path) -> dict[str, Results]:
    """results.json of every case under OUT/cases, keyed by its analysis digest (the portfolio's
    ``results_sha256``: the file without its audit_head line). A file that is not results as the
    analysis writes them is left out (its case then shows no observations)."""
    from ..core.hashing import analysis_digest

    found = {}
    for p in sorted((Path(out) / "cases").glob("*/results.json")):
        data = p.read_bytes()
        try:
            found[analysis_digest(data)] = Results.from_text(data)
        except ValueError:
            continue
    return found


def read_portfolio(path: Path) -> tuple[bytes, Portfolio]:
    """portfolio.json's bytes and the portfolio; InputError naming the file when it is not one."""
    from ..errors import InputError, phrase, quoted
    from ..i18n import N_

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, N_("cannot read the {what} ({reason})"), what=phrase(N_("portfolio")),
                         reason=quoted(exc.strerror or exc)) from None
    try:
        return raw, Portfolio.from_text(raw)
    except (ValueError, RecursionError) as exc:
        raise InputError(path, N_("is not a portfolio as the batch writes it ({problem})"),
                         problem=quoted(exc)) from None


def graph(portfolio: Portfolio, width: float, height: float, font: str, tr=None) -> Drawing:
    """Cases that have links on a circle; one coloured line per linked pair and kind."""
    d = Drawing(width, height)
    nodes = sorted({c for link in portfolio.links for c in link.case_ids})
    if not nodes:
        d.add(String(10, height / 2, (tr or translator("en")).gettext("No links between cases."), fontName=font,
                     fontSize=9))
        return d
    cx, cy, r = width / 2, height / 2 - 6, min(width, height) / 2 - 40
    pos = {n: (cx + r * math.cos(2 * math.pi * i / len(nodes) + math.pi / 2),
               cy + r * math.sin(2 * math.pi * i / len(nodes) + math.pi / 2)) for i, n in enumerate(nodes)}
    for k, link in enumerate(portfolio.links):
        ids = link.case_ids
        pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]] if len(ids) <= 6 else \
            [(ids[0], b) for b in ids[1:]]
        off = (k % 4) * 1.2
        for a, b in pairs:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            d.add(Line(x1 + off, y1 + off, x2 + off, y2 + off, strokeWidth=1.4,
                       strokeColor=colors.HexColor(KIND_COLOURS[link.kind.value])))
    for n, (x, y) in pos.items():
        d.add(Circle(x, y, 4, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.6))
        d.add(String(x + (6 if x >= cx else -6), y + 4, n, fontName=font, fontSize=6.5,
                     textAnchor="start" if x >= cx else "end"))
    for i, (kind, col) in enumerate(KIND_COLOURS.items()):
        d.add(Line(8, height - 10 - 11 * i, 26, height - 10 - 11 * i, strokeColor=colors.HexColor(col), strokeWidth=2))
        d.add(String(30, height - 13 - 11 * i, kind_name(kind, tr), fontName=font, fontSize=7))
    return d


def build_portfolio_report(portfolio_path: Path, out_pdf: Path, mask: bool = True, lang: str = "zh") -> Path:
    portfolio_path, out_pdf = Path(portfolio_path), Path(out_pdf)
    tr = translator(lang)
    _ = tr.gettext
    raw, portfolio = read_portfolio(portfolio_path)
    sha = hashlib.sha256(raw).hexdigest()
    results = results_by_sha(portfolio_path.parent)
    font = register()
    base = dict(fontName=font, fontSize=8, leading=10.5, wordWrap="CJK")
    body, small = ParagraphStyle("b", **(base | {"fontSize": 9.5, "leading": 13})), ParagraphStyle("s", **base)
    h1 = ParagraphStyle("h1", **(base | {"fontSize": 16, "leading": 21, "spaceAfter": 6}))
    h2 = ParagraphStyle("h2", **(base | {"fontSize": 12, "leading": 16, "spaceBefore": 8, "spaceAfter": 4}))

    def clean(s) -> str:
        s = "" if s is None else str(s)
        return escape(mask_text(s) if mask else s)

    def table(rows, widths):
        tb = Table([[Paragraph(clean(c), small) for c in r] for r in rows], colWidths=widths, repeatRows=1)
        tb.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
                                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e2e8f0"))]))
        return tb

    cases, links, method = portfolio.cases, portfolio.links, portfolio.method
    by_status = {s.value: portfolio.count(s) for s in CaseStatus}
    story = [Paragraph(clean(_("Portfolio of cases: status and links between cases")), h1),
             Paragraph(clean(_("{cases} case folders: {analysed} analysed, {refused} refused, {failed} failed. {links} "
                               "links.").format(cases=len(cases), links=len(links), **by_status) + " "
                             + _("portfolio.json SHA-256 {sha}; {software} {version}.").format(
                                 sha=sha, software=SOFTWARE_NAME, version=__version__) + " "
                             + (_("ID and phone numbers are masked in this copy.") if mask
                                else _("UNMASKED copy: ID and phone numbers in full."))), body),
             Paragraph(clean(_("How links are decided")), h2)]
    rules = face_rule(method.face, tr) + other_rules(method, tr)
    story += [Paragraph(clean(r), body) for r in rules]
    story.append(Paragraph(clean(_("Links")), h2))
    rows = [[_("kind"), _("cases"), _("value"), _("strength (LR)"), _("evidence")]]
    for link in links:
        strength = "" if link.strength is None else format_lr(link.strength)
        rows.append([kind_name(link.kind, tr), tr.join(link.case_ids), link_value(link, tr), strength,
                     evidence_text(link, tr)])
    story.append(table(rows, [30 * mm, 40 * mm, 45 * mm, 20 * mm, 130 * mm]) if links
                 else Paragraph(clean(_("No links between cases.")), body))
    story.append(KeepTogether([Paragraph(clean(_("Links as a graph")), h2), graph(portfolio, 265 * mm, 110 * mm, font, tr)]))
    story.append(Paragraph(clean(_("Cases")), h2))
    rows = [[_("case_id"), _("folder"), _("status"), _("main observations"), _("message")]]
    for c in cases:
        obs = observations(results.get(c.results_sha256 or ""), tr)
        rows.append([c.case_id or _("(unreadable)"), quote(c.path, tr), status_name(c.status, tr), obs,
                     case_message(c, tr)])
    story.append(table(rows, [30 * mm, 35 * mm, 18 * mm, 110 * mm, 72 * mm]))
    story.append(Spacer(1, 4 * mm))
    story += anchors_section(portfolio_path.parent, h2, body, table, tr)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_pdf.with_name(f".{out_pdf.name}.tmp")
    doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_("Portfolio of cases"),
                            author=SOFTWARE_NAME, invariant=1, lang=lang,
                            keywords=f"portfolio_sha256={sha}")
    doc.build(story)
    tmp.replace(out_pdf)
    return out_pdf


def anchors_section(out: Path, h2, body, table, tr=None) -> list:
    """Each analysed case's results.json digest and audit chain head in this run (from
    portfolio.anchors.json): printed, they anchor every case's workspace like a case report's footer."""
    _ = (tr or translator("en")).gettext
    try:
        anchors = PortfolioAnchors.from_text((Path(out) / "portfolio.anchors.json").read_bytes())
    except (OSError, ValueError):
        return [Paragraph(_("Anchors"), h2), Paragraph(_("portfolio.anchors.json is missing: the cases' audit chains "
                                                       "are not anchored in this report."), body)]
    rows = [[_("folder"), _("results.json SHA-256 (file)"), _("audit chain head (audit_head)")]]
    rows += [[quote(c.path, tr or translator("en")), c.results_file_sha256, c.audit_head] for c in anchors.cases]
    return [Paragraph(_("Anchors"), h2),
            Paragraph(_("The portfolio's results_sha256 leaves out each results.json's audit_head, so the same backlog "
                        "gives the same portfolio.json wherever it is run. This run's results.json files and the head "
                        "of each case's audit chain are anchored here; 'forensics-app verify-portfolio' checks them "
                        "against the files and the workspaces."), body),
            table(rows, [45 * mm, 110 * mm, 110 * mm])]
