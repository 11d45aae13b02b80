"""The portfolio report: a bank's backlog on a few pages (PDF, masked by default).

Built from OUT/portfolio.json and each case's results.json (found under OUT/cases/ by the SHA-256
the portfolio records, so a results file that changed since is not used). Sections: what was
examined (with the portfolio's hash), how links are decided, the links as a table and as a graph,
then every case with its status and main observations. ID and phone numbers are masked unless
``mask=False``.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .. import SOFTWARE_NAME, __version__
from ..core.lr import format_lr
from .fonts import register
from .mask import mask_text

KIND_COLOURS = {"face": "#c53030", "phone": "#2b6cb0", "id_number": "#6b46c1", "device": "#2f855a",
                "ip": "#b7791f", "terminal": "#4a5568"}
KIND_NAMES = {"face": "same captured face", "phone": "shared phone number", "id_number": "shared ID number",
              "device": "shared device fingerprint", "ip": "shared public IP address",
              "terminal": "different claimants, same terminal, within minutes"}


def results_by_sha(out: Path) -> dict[str, dict]:
    """results.json of every case under OUT/cases, keyed by its analysis digest (the portfolio's
    ``results_sha256``: the file without its audit_head line)."""
    from ..core.hashing import analysis_digest

    found = {}
    for p in sorted((Path(out) / "cases").glob("*/results.json")):
        data = p.read_bytes()
        try:
            found[analysis_digest(data)] = json.loads(data)
        except ValueError:
            continue
    return found


def observations(results: dict | None) -> str:
    """One line: the face LR with its verbal band, the liveness verdict, the serious findings."""
    if not results:
        return ""
    parts = []
    fc = results.get("face_comparison") or {}
    if fc.get("likelihood_ratio") is not None:
        from ..i18n import translator
        from ..i18n.render import term_text
        band = term_text("band", (fc.get("verbal_scale") or {}).get("band"), translator("en"))
        parts.append(f"face LR {format_lr(fc['likelihood_ratio'])} ({band})")
    elif fc.get("status"):
        parts.append(f"face: {fc['status'].replace('_', ' ')}")
    verdict = (results.get("liveness") or {}).get("verdict")
    if verdict:
        parts.append(f"liveness {verdict.replace('_', ' ')}")
    serious = [f.get("rule", "") for f in results.get("findings", []) if f.get("severity") in ("critical", "major")]
    if serious:
        parts.append(", ".join(serious))
    return "; ".join(parts)


def evidence_text(link: dict) -> str:
    ev = link["evidence"]
    if link["kind"] == "face":
        rows = []
        for e in ev[:6]:
            if "id_photo_case" in e:
                rows.append(f"{e['captured_case']} frame {e['closest_frame']} vs ID photo of {e['id_photo_case']}: "
                            f"LR {format_lr(e['likelihood_ratio'])}")
            else:
                rows.append(f"{e['case_ids'][0]} {e['closest_frames'][0]} ~ {e['case_ids'][1]} "
                            f"{e['closest_frames'][1]}: LR {format_lr(e['likelihood_ratio'])}")
        return "; ".join(rows) + (f"; and {len(ev) - 6} more pairs" if len(ev) > 6 else "")
    items = [f"{e['case_id']}: {e['source']}" + (f" ({e['time']})" if e.get("time") else "")
             for e in ev if "source" in e][:8]
    return "; ".join(items) + (f"; and {len(ev) - 8} more" if len(ev) > 8 else "")


def graph(portfolio: dict, width: float, height: float, font: str) -> Drawing:
    """Cases that have links on a circle; one coloured line per linked pair and kind."""
    d = Drawing(width, height)
    nodes = sorted({c for link in portfolio["links"] for c in link["case_ids"]})
    if not nodes:
        d.add(String(10, height / 2, "no links between cases", fontName=font, fontSize=9))
        return d
    cx, cy, r = width / 2, height / 2 - 6, min(width, height) / 2 - 40
    pos = {n: (cx + r * math.cos(2 * math.pi * i / len(nodes) + math.pi / 2),
               cy + r * math.sin(2 * math.pi * i / len(nodes) + math.pi / 2)) for i, n in enumerate(nodes)}
    for k, link in enumerate(portfolio["links"]):
        ids = link["case_ids"]
        pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]] if len(ids) <= 6 else \
            [(ids[0], b) for b in ids[1:]]
        off = (k % 4) * 1.2
        for a, b in pairs:
            (x1, y1), (x2, y2) = pos[a], pos[b]
            d.add(Line(x1 + off, y1 + off, x2 + off, y2 + off, strokeWidth=1.4,
                       strokeColor=colors.HexColor(KIND_COLOURS[link["kind"]])))
    for n, (x, y) in pos.items():
        d.add(Circle(x, y, 4, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.6))
        d.add(String(x + (6 if x >= cx else -6), y + 4, n, fontName=font, fontSize=6.5,
                     textAnchor="start" if x >= cx else "end"))
    for i, (kind, col) in enumerate(KIND_COLOURS.items()):
        d.add(Line(8, height - 10 - 11 * i, 26, height - 10 - 11 * i, strokeColor=colors.HexColor(col), strokeWidth=2))
        d.add(String(30, height - 13 - 11 * i, kind, fontName=font, fontSize=7))
    return d


def build_portfolio_report(portfolio_path: Path, out_pdf: Path, mask: bool = True) -> Path:
    portfolio_path, out_pdf = Path(portfolio_path), Path(out_pdf)
    raw = portfolio_path.read_bytes()
    portfolio = json.loads(raw)
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

    cases, links, method = portfolio["cases"], portfolio["links"], portfolio.get("method", {})
    by_status = {s: sum(c["status"] == s for c in cases) for s in ("analysed", "refused", "failed")}
    story = [Paragraph("Portfolio of cases: status and links between cases", h1),
             Paragraph(clean(f"{len(cases)} case folders: {by_status['analysed']} analysed, {by_status['refused']} "
                             f"refused, {by_status['failed']} failed. {len(links)} links. "
                             f"portfolio.json SHA-256 {hashlib.sha256(raw).hexdigest()}; {SOFTWARE_NAME} "
                             f"{__version__}. " + ("ID and phone numbers are masked in this copy."
                                                    if mask else "UNMASKED copy: ID and phone numbers in full.")), body),
             Paragraph("How links are decided", h2)]
    face = method.get("face", {})
    rules = [f"Face: {face.get('rule', '')}. Comparisons: {face.get('comparisons')}; expected false face links "
             f"at most {face.get('expected_false_links_at_most')}; LR threshold {face.get('lr_threshold')}; "
             f"calibration {face.get('calibration')} (its highest LR 10^{face.get('calibration_log10_upper_bound')}); "
             f"algorithm {face.get('algorithm')}.",
             f"Other values: {method.get('values', '')}.",
             f"Terminal: {method.get('terminal_rule', '')} ({method.get('terminal_window_minutes')} minutes).",
             f"Strength: {method.get('strength', '')}.",
             "A link says that cases share something; it is a lead for the examiner, not a finding about any "
             "claimant. Each case's own report states its evidence."]
    if face.get("note"):
        rules.insert(1, f"FACE LINKS NOT DECIDED: {face['note']}.")
    story += [Paragraph(clean(r), body) for r in rules]
    story.append(Paragraph("Links", h2))
    rows = [["kind", "cases", "value", "strength (LR)", "evidence"]]
    for link in links:
        strength = "" if link["strength"] is None else format_lr(link["strength"])
        rows.append([KIND_NAMES[link["kind"]], ", ".join(link["case_ids"]), link["value"], strength,
                     evidence_text(link)])
    story.append(table(rows, [30 * mm, 40 * mm, 45 * mm, 20 * mm, 130 * mm]) if links
                 else Paragraph("No links between cases.", body))
    story += [Paragraph("Links as a graph", h2), graph(portfolio, 265 * mm, 110 * mm, font)]
    story.append(Paragraph("Cases", h2))
    rows = [["case_id", "folder", "status", "main observations", "message"]]
    for c in cases:
        obs = observations(results.get(c.get("results_sha256") or ""))
        rows.append([c["case_id"] or "(unreadable)", c["path"], c["status"], obs, c["message"]])
    story.append(table(rows, [30 * mm, 35 * mm, 18 * mm, 110 * mm, 72 * mm]))
    story.append(Spacer(1, 4 * mm))
    story += anchors_section(portfolio_path.parent, h2, body, table)
    out_pdf.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_pdf.with_name(f".{out_pdf.name}.tmp")
    doc = SimpleDocTemplate(str(tmp), pagesize=landscape(A4), leftMargin=14 * mm, rightMargin=14 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title="Portfolio of cases",
                            author=SOFTWARE_NAME, invariant=1,
                            keywords=f"portfolio_sha256={hashlib.sha256(raw).hexdigest()}")
    doc.build(story)
    tmp.replace(out_pdf)
    return out_pdf


def anchors_section(out: Path, h2, body, table) -> list:
    """Each analysed case's results.json digest and audit chain head in this run (from
    portfolio.anchors.json): printed, they anchor every case's workspace like a case report's footer."""
    try:
        anchors = json.loads((Path(out) / "portfolio.anchors.json").read_text("utf-8"))
    except (OSError, ValueError):
        return [Paragraph("Anchors", h2), Paragraph("portfolio.anchors.json is missing: the cases' audit chains "
                                                    "are not anchored in this report.", body)]
    rows = [["folder", "results.json SHA-256 (file)", "audit chain head (audit_head)"]]
    rows += [[c.get("path", ""), c.get("results_file_sha256", ""), c.get("audit_head", "")] for c in anchors.get("cases", [])]
    return [Paragraph("Anchors", h2),
            Paragraph("The portfolio's results_sha256 leaves out each results.json's audit_head, so the same backlog "
                      "gives the same portfolio.json wherever it is run. This run's results.json files and the head of "
                      "each case's audit chain are anchored here; 'forensics-app verify-portfolio' checks them against "
                      "the files and the workspaces.", body),
            table(rows, [45 * mm, 110 * mm, 110 * mm])]
