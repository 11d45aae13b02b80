"""The 'verification failed' stamp: printed at the top of EVERY page of a report that the
examiner issued although ``verify`` found problems (the report is refused without the override)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..i18n import N_, translator
from .mask import mask_text

MAX_LINES = 4
HEAD = N_("VERIFICATION FAILED: the evidence or workspace records behind this report did not pass the integrity "
          "check; the examiner issued it anyway. Why:")
MORE = N_("and {n} more (see verify output)")
NO_REASON = N_("(no reason recorded)")


def stamp_lines(verification: dict | None, lang: str, mask: bool) -> list[str]:
    """The stamp's lines in ``lang``; the reasons come rendered in ``lang`` (VerifyReport.reasons)."""
    if not verification or not verification.get("failed"):
        return []
    tr = translator(lang)
    reasons = [mask_text(r) if mask else r for r in verification.get("reasons", [])] or [tr.gettext(NO_REASON)]
    shown = reasons[:MAX_LINES - 1]
    rest = len(reasons) - len(shown)
    if rest:
        shown.append(tr.gettext(MORE).format(n=rest))
    return [tr.gettext(HEAD)] + [f"· {r}" for r in shown]     # "·": in every font the report uses


def draw_stamp(canvas, lines: list[str], font: str) -> None:
    canvas.saveState()
    top = A4[1] - 4 * mm
    height = 3.6 * mm * len(lines) + 2 * mm
    canvas.setFillColor(colors.HexColor("#fde8e8"))
    canvas.setStrokeColor(colors.HexColor("#9b1c1c"))
    canvas.rect(10 * mm, top - height, A4[0] - 20 * mm, height, fill=1, stroke=1)
    canvas.setFillColor(colors.HexColor("#9b1c1c"))
    canvas.setFont(font, 7)
    y = top - 3.6 * mm
    for line in lines:
        canvas.drawString(12 * mm, y, line[:150])
        y -= 3.6 * mm
    canvas.restoreState()
