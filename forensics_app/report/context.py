"""What every section needs: the language, masking, styles and small builders."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from ..core.model import Results
from ..i18n import translator
from ..i18n.render import quote, render, term_text, value_text
from .mask import mask_text

W = 174 * mm   # text width


class Ctx:
    def __init__(self, lang: str, mask: bool, font: str):
        self.lang, self.mask, self.font = lang, mask, font
        self.attachment = ("results.json", "")      # (name, SHA-256) of what this copy attaches
        self.res: Results | None = None             # the results as core.model types (set by build.render)
        self.tr = translator(lang)
        base = dict(fontName=font, leading=14, fontSize=9.5, wordWrap="CJK")
        self.body = ParagraphStyle("body", **base)
        self.small = ParagraphStyle("small", **(base | {"fontSize": 7.5, "leading": 10}))
        self.tiny = ParagraphStyle("tiny", **(base | {"fontSize": 6.5, "leading": 8.5}))
        self.item = ParagraphStyle("item", **(base | {"leftIndent": 14, "bulletIndent": 2, "bulletFontName": font}))
        self.small_item = ParagraphStyle("small_item", **(base | {"fontSize": 7.5, "leading": 10, "leftIndent": 14,
                                                                 "bulletIndent": 2, "bulletFontSize": 7.5,
                                                                 "bulletFontName": font}))
        self.h1 = ParagraphStyle("h1", **(base | {"fontSize": 15, "leading": 20, "spaceBefore": 8,
                                                  "spaceAfter": 6, "textColor": colors.HexColor("#1a365d")}))
        self.h2 = ParagraphStyle("h2", **(base | {"fontSize": 11.5, "leading": 16, "spaceBefore": 8,
                                                  "spaceAfter": 4, "textColor": colors.HexColor("#1a365d")}))
        self.title = ParagraphStyle("title", **(base | {"fontSize": 20, "leading": 28, "alignment": TA_CENTER}))
        self.centre = ParagraphStyle("centre", **(base | {"alignment": TA_CENTER}))
        self.sections = 0

    # ---- language ---------------------------------------------------------------------------
    def _(self, message: str) -> str:
        return self.tr.gettext(message)

    def code(self, code: str, params: dict | None = None) -> str:
        return render(code, params, self.tr)

    def msg(self, m) -> str:
        """A {code, params} value (or a term, a list, quoted text) in the report's language; a plain
        string (text in the case's language, e.g. a cue's meaning) as written, never translated by guess."""
        if isinstance(m, str):
            return m
        return value_text(m, self.tr)

    def term(self, vocab: str, value) -> str:
        return term_text(vocab, value, self.tr)

    def quote(self, text) -> str:
        """Case data as delivered (title, names, circumstances, notes): marked 「」 in Chinese."""
        return quote(text, self.tr)

    def not_stated(self) -> str:
        return self._("not stated")

    def figure(self, x, spec: str = ".3f", missing: str | None = None) -> str:
        """A figure as text, or "not measured" (or ``missing``) where results.json has none: an unknown
        figure printed as 0 would read as a measured result (a perfect error rate, a threshold at 0)."""
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            return format(x, spec)
        return self._("not measured") if missing is None else missing

    # ---- flowables --------------------------------------------------------------------------
    def clean(self, s) -> str:
        s = "" if s is None else str(s)
        return escape(mask_text(s) if self.mask else s)

    def p(self, s, style=None, raw=False) -> Paragraph:
        return Paragraph(s if raw else self.clean(s), style or self.body)

    def section(self, text: str) -> Paragraph:
        self.sections += 1
        num = f"{self.sections}. " if self.lang != "zh" else f"{_ZH_NUM[self.sections]}、"
        return Paragraph(self.clean(num + text), self.h1)

    def items(self, texts, small: bool = False, start: int = 1) -> list:
        """A numbered list (numbers, not bullet glyphs: they can be cited and always render)."""
        return [Paragraph(self.clean(t), self.small_item if small else self.item, bulletText=f"{i}.")
                for i, t in enumerate(texts, start)]

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def table(self, rows, widths, header=True, style=None) -> Table:
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


_ZH_NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
           "十五", "十六", "十七", "十八", "十九", "二十"]
