"""The portfolio's words in the reader's language (gettext catalogue): kinds, statuses, link values,
evidence, observations, case messages and how links are decided. Numbers come from portfolio.json
(read through core/portfolio_model.py); the sentences come from the catalogue, never from the
English strings portfolio.json carries for machines.
"""

from __future__ import annotations

import re

from ..core.lr import format_lr
from ..core.model import Results
from ..core.portfolio_model import FaceIdPhoto, FaceMethod, FacePair, Link, LinkKind, PortfolioCase, PortfolioMethod
from ..i18n import N_, Translator, translator
from ..i18n.render import term_text

KIND_COLOURS = {"face": "#c53030", "phone": "#2b6cb0", "id_number": "#6b46c1", "device": "#2f855a",
                "ip": "#b7791f", "terminal": "#4a5568"}
KIND_NAMES = {"face": N_("same captured face"), "phone": N_("shared phone number"), "id_number": N_("shared ID number"),
              "device": N_("shared device fingerprint"), "ip": N_("shared public IP address"),
              "terminal": N_("different claimants, same terminal, within minutes")}
STATUS = {"analysed": N_("analysed"), "refused": N_("refused"), "failed": N_("failed")}
FACE_VALUES = {"captured faces of one person": N_("captured faces of one person"),
               "captured faces linked pair by pair (not every pair reaches the threshold)":
                   N_("captured faces linked pair by pair (not every pair reaches the threshold)")}
FACE_STATUS = {"not_analysed": N_("not analysed"), "no_reference_face": N_("no face found in the ID photo"),
               "no_usable_frames": N_("no usable captured frame"),
               "outside_validated_range": N_("the ID photo is outside the calibration's validated range")}
WITHHELD = {"reproduction_suspected": N_("the capture may be a reproduction of the ID photo"),
            "fails_vendor_check": N_("the capture fails the stand-in vendor check that population is restricted by")}
ROW = re.compile(r"^(?P<file>.+) row (?P<row>\d+)$")


def tr_of(tr: Translator | None) -> Translator:
    return tr or translator("en")


def semi(tr: Translator) -> str:
    """Between clauses: the language's semicolon."""
    return "；" if tr.lang == "zh" else "; "


def quote(text, tr: Translator) -> str:
    """Data as delivered or as recorded: marked with 「」 in the Chinese edition."""
    text = "" if text is None else str(text)
    return f"「{text}」" if tr.lang == "zh" and text else text


def kind_name(kind: LinkKind | str, tr: Translator | None = None) -> str:
    return tr_of(tr).gettext(KIND_NAMES[str(kind)])


def status_name(status, tr: Translator | None = None) -> str:
    return tr_of(tr).gettext(STATUS.get(str(status), str(status)))


def case_message(case: PortfolioCase, tr: Translator | None = None) -> str:
    """Why a case was refused or failed (or a note on it) in the reader's language, from its
    catalogue templates (``message_parts``: a refused case's error, a failed task, the duplicate
    case_id note). A part whose template has no entry in the reader's catalogue, and a message
    recorded without templates (an older portfolio), are quoted as recorded."""
    from ..errors import render_message

    tr = tr_of(tr)
    if not case.message_parts:
        return quote(case.message, tr)
    parts = []
    for part in case.message_parts:
        d = part.to_json()
        if tr.lang != "en" and tr.gettext(part.template) == part.template:
            parts.append(quote(render_message(d, translator("en")), tr))
        else:
            parts.append(render_message(d, tr))
    return semi(tr).join(parts)


def link_value(link: Link, tr: Translator | None = None) -> str:
    tr = tr_of(tr)
    if link.kind == LinkKind.face:
        ev = link.evidence[0]
        if isinstance(ev, FaceIdPhoto):
            return tr.gettext("captured face in case {a} matches the ID photo of case {b}").format(
                a=ev.captured_case, b=ev.id_photo_case)
        return tr.gettext(FACE_VALUES.get(link.value, link.value))
    return quote(link.value, tr)


def source_text(src: str, tr: Translator) -> str:
    m = ROW.match(src or "")
    return tr.gettext("{file} row {row}").format(**m.groupdict()) if m else (src or "")


def evidence_text(link: Link, tr: Translator | None = None) -> str:
    tr = tr_of(tr)
    ev = link.evidence
    if link.kind == LinkKind.face:
        rows = []
        for e in ev[:6]:
            if isinstance(e, FaceIdPhoto):
                rows.append(tr.gettext("{a} frame {f} vs ID photo of {b}: LR {lr}").format(
                    a=e.captured_case, f=e.closest_frame, b=e.id_photo_case, lr=format_lr(e.likelihood_ratio)))
            elif isinstance(e, FacePair):
                rows.append(tr.gettext("{a} {fa} ~ {b} {fb}: score {s}, LR {lr}").format(
                    a=e.case_ids[0], fa=e.closest_frames[0], b=e.case_ids[1], fb=e.closest_frames[1],
                    s=e.median_score, lr=format_lr(e.likelihood_ratio)))
        more = tr.ngettext("and {n} more pair", "and {n} more pairs", len(ev) - 6).format(n=len(ev) - 6)
        return semi(tr).join(rows + ([more] if len(ev) > 6 else []))
    when = (lambda t: f"（{t}）") if tr.lang == "zh" else (lambda t: f" ({t})")          # noqa: E731
    items = [f"{e.case_id}{tr.colon}{source_text(e.source, tr)}" + (when(e.time) if getattr(e, "time", None) else "")
             for e in ev if hasattr(e, "source")][:8]
    more = tr.gettext("and {n} more").format(n=len(ev) - 8)
    return semi(tr).join(items + ([more] if len(ev) > 8 else []))


def observations(results: Results | dict | None, tr: Translator | None = None) -> str:
    """One line: the face LR with its verbal band, the liveness verdict, the serious findings."""
    tr = tr_of(tr)
    if not results:
        return ""
    r = results if isinstance(results, Results) else Results.from_json(results)
    parts = []
    fc = r.face_comparison
    if fc.likelihood_ratio is not None:
        band = term_text("band", (fc.verbal_scale or {}).get("band"), tr)     # verbal_scale: open JSON of the face stage
        parts.append(tr.gettext("face LR {lr} ({band})").format(lr=format_lr(fc.likelihood_ratio), band=band))
    elif str(fc.status) in WITHHELD:               # compared, the LR withheld (core/lrscope.py)
        parts.append(tr.gettext("face: compared, no likelihood ratio") + f" ({tr.gettext(WITHHELD[str(fc.status)])})")
    elif fc.status:
        why = FACE_STATUS.get(str(fc.status))
        parts.append(tr.gettext("face: not compared") + (f" ({tr.gettext(why)})" if why else ""))
    if r.liveness.verdict:
        parts.append(tr.gettext("liveness: {verdict}").format(verdict=term_text("verdict", str(r.liveness.verdict), tr)))
    serious = [rule_title(f.rule, tr) for f in r.findings if str(f.severity) in ("critical", "major")]
    if serious:
        parts.append(tr.gettext("observations raised: {rules}").format(rules=tr.join(serious)))
    return semi(tr).join(parts)


def rule_title(rule: str, tr: Translator) -> str:
    """A raised rule by its title in the reader's language (its id when the catalogue has no title)."""
    from ..i18n.messages import MESSAGES
    from ..i18n.render import render
    return render(f"title.{rule}", {}, tr) if f"title.{rule}" in MESSAGES else rule


def face_rule(face: FaceMethod, tr: Translator) -> list[str]:
    """How face links were decided in this portfolio, and why none were when none could be."""
    _ = tr.gettext
    n = face.comparisons or 0
    table = face.fmr_table
    if not n:
        return [_("Face: fewer than two cases with usable captured faces; nothing to compare.")]
    if not face.reachable:
        if not table:
            return [_("FACE LINKS NOT DECIDED: there is no false-match table for calibration {calibration}, so no "
                      "threshold can be set.").format(calibration=face.calibration)]
        from ..core.linktail import cases_for_comparisons, max_comparisons
        most = max_comparisons(table.to_json(), face.expected_false_links_at_most or 0.01)
        return [_("FACE LINKS NOT DECIDED: {n} comparisons would need a false-match rate of {fmr} per comparison, "
                  "below what the measured table supports (at most {most} comparisons, about {cases} cases). No face "
                  "link is declared; split the backlog into portfolios chosen before looking at the faces.").format(
                      n=n, fmr=f"{face.fmr_per_comparison:.2g}", most=most, cases=cases_for_comparisons(most))]
    lines = [_("Face: {n} comparisons (pairs of cases, and each case's captured faces against every other case's ID "
               "photo). A comparison is a link when its score (the median over frame pairs; 1 - cosine similarity "
               "of SFace embeddings) is at most {s_cc} between captured faces, or {s_id} between a captured face and an "
               "ID photo, and its likelihood ratio favours the same person. At those scores the false-match rate, "
               "measured on {people} people's photos ({pairs} different-person pairs) with a conservative tail beyond "
               "the data, is at most {fmr}; a median over several frame pairs at most doubles it, so the expected "
               "number of false face links in this portfolio is at most {alpha}.").format(
                   n=n, s_cc=face.score_threshold if face.score_threshold is not None else "-",
                   s_id=face.score_threshold_id_photo if face.score_threshold_id_photo is not None else "-",
                   people=table.n_people if table else "-", pairs=table.n_pairs if table else "-",
                   fmr=f"{face.fmr_per_comparison:.2g}", alpha=face.expected_false_links_at_most),
             _("Strength: the calibrated likelihood ratio of {calibration} (at most 10^{upper}); it is reported, "
               "it does not decide the link.").format(calibration=face.calibration,
                                                      upper=face.calibration_log10_upper_bound)]
    if face.score_threshold is None or face.score_threshold_id_photo is None:
        which = _("captured-vs-captured") if face.score_threshold is not None else _("captured-vs-ID-photo")
        lines.append(_("At this size only {which} comparisons can be decided; the others declare no link.").format(
            which=which))
    return lines


def other_rules(method: PortfolioMethod, tr: Translator) -> list[str]:
    _ = tr.gettext
    return [_("Phone, ID number, device and IP: values are normalised before matching (phone: +86, 0086 or 86, spaces "
              "and hyphens removed; ID numbers: 15 digits converted to 18; device: case and separators ignored; IP: "
              "public addresses only); a masked value never matches."),
            _("Terminal: a terminal links cases only when different claimants (ID numbers or names that contradict) "
              "used it within {minutes} minutes.").format(minutes=method.terminal_window_minutes),
            _("Face links carry the calibrated likelihood ratio (for a group, the weakest link that holds it "
              "together); the other kinds carry none: a shared value is a fact, not a score."),
            _("A link says that cases share something; it is a lead for the examiner, not a finding about any "
              "claimant. Each case's own report states its evidence.")]
