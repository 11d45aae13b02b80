"""The portfolio's words in the reader's language (gettext catalogue): kinds, statuses, link values,
evidence, observations and how links are decided. Numbers come from portfolio.json; the sentences
come from the catalogue, never from the English strings portfolio.json carries for machines."""

from __future__ import annotations

import re

from ..core.lr import format_lr
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
ROW = re.compile(r"^(?P<file>.+) row (?P<row>\d+)$")


def tr_of(tr: Translator | None) -> Translator:
    return tr or translator("en")


def quote(text, tr: Translator) -> str:
    """Data as delivered or as recorded: marked with 「」 in the Chinese edition."""
    text = "" if text is None else str(text)
    return f"「{text}」" if tr.lang == "zh" and text else text


def case_message(case: dict, tr: Translator | None = None) -> str:
    """Why a case was refused or failed (or a note on it) in ``tr``'s language, from its catalogue
    templates (``message_parts``); a message recorded without them is quoted as recorded."""
    tr = tr_of(tr)
    parts = case.get("message_parts")
    if not parts:
        return quote(case.get("message"), tr)
    from ..errors import render_message
    return ("；" if tr.lang == "zh" else "; ").join(render_message(p, tr) for p in parts)


def kind_name(kind: str, tr: Translator | None = None) -> str:
    return tr_of(tr).gettext(KIND_NAMES[kind])


def status_name(status: str, tr: Translator | None = None) -> str:
    return tr_of(tr).gettext(STATUS.get(status, status))


def link_value(link: dict, tr: Translator | None = None) -> str:
    tr = tr_of(tr)
    if link["kind"] == "face":
        ev = link["evidence"][0]
        if "id_photo_case" in ev:
            return tr.gettext("captured face in case {a} matches the ID photo of case {b}").format(
                a=ev["captured_case"], b=ev["id_photo_case"])
        return tr.gettext(FACE_VALUES.get(link["value"], link["value"]))
    return quote(link["value"], tr)


def source_text(src: str, tr: Translator) -> str:
    m = ROW.match(src or "")
    return tr.gettext("{file} row {row}").format(**m.groupdict()) if m else (src or "")


def evidence_text(link: dict, tr: Translator | None = None) -> str:
    tr = tr_of(tr)
    ev = link["evidence"]
    if link["kind"] == "face":
        rows = []
        for e in ev[:6]:
            if "id_photo_case" in e:
                rows.append(tr.gettext("{a} frame {f} vs ID photo of {b}: LR {lr}").format(
                    a=e["captured_case"], f=e["closest_frame"], b=e["id_photo_case"], lr=format_lr(e["likelihood_ratio"])))
            else:
                rows.append(tr.gettext("{a} {fa} ~ {b} {fb}: score {s}, LR {lr}").format(
                    a=e["case_ids"][0], fa=e["closest_frames"][0], b=e["case_ids"][1], fb=e["closest_frames"][1],
                    s=e.get("median_score", "-"), lr=format_lr(e["likelihood_ratio"])))
        more = tr.ngettext("and {n} more pair", "and {n} more pairs", len(ev) - 6).format(n=len(ev) - 6)
        return "; ".join(rows) + (f"; {more}" if len(ev) > 6 else "")
    items = [f"{e['case_id']}{tr.colon}{source_text(e['source'], tr)}" + (f" ({e['time']})" if e.get("time") else "")
             for e in ev if "source" in e][:8]
    more = tr.gettext("and {n} more").format(n=len(ev) - 8)
    return "; ".join(items) + (f"; {more}" if len(ev) > 8 else "")


def observations(results: dict | None, tr: Translator | None = None) -> str:
    """One line: the face LR with its verbal band, the liveness verdict, the serious findings."""
    tr = tr_of(tr)
    if not results:
        return ""
    parts = []
    fc = results.get("face_comparison") or {}
    if fc.get("likelihood_ratio") is not None:
        band = term_text("band", (fc.get("verbal_scale") or {}).get("band"), tr)
        parts.append(tr.gettext("face LR {lr} ({band})").format(lr=format_lr(fc["likelihood_ratio"]), band=band))
    elif fc.get("status"):
        parts.append(tr.gettext("face: not compared") + f" ({fc['status']})")
    verdict = (results.get("liveness") or {}).get("verdict")
    if verdict:
        parts.append(tr.gettext("liveness: {verdict}").format(verdict=term_text("verdict", verdict, tr)))
    serious = [f.get("rule", "") for f in results.get("findings", []) if f.get("severity") in ("critical", "major")]
    if serious:
        parts.append(tr.gettext("observations raised: {rules}").format(rules=", ".join(serious)))
    return "; ".join(parts)


def face_rule(face: dict, tr: Translator) -> list[str]:
    """How face links were decided in this portfolio, and why none were when none could be."""
    _ = tr.gettext
    n = face.get("comparisons") or 0
    table = face.get("fmr_table") or {}
    if "fmr_per_comparison" not in face:            # a portfolio made by an earlier version: its own words
        return [quote(face.get("note") or face.get("rule") or "", tr)]
    if not n:
        return [_("Face: fewer than two cases with usable captured faces; nothing to compare.")]
    if not face.get("reachable"):
        if not table:
            return [_("FACE LINKS NOT DECIDED: there is no false-match table for calibration {calibration}, so no "
                      "threshold can be set.").format(calibration=face.get("calibration"))]
        from ..core.linktail import cases_for_comparisons, max_comparisons
        most = max_comparisons(table, face.get("expected_false_links_at_most") or 0.01)
        return [_("FACE LINKS NOT DECIDED: {n} comparisons would need a false-match rate of {fmr} per comparison, "
                  "below what the measured table supports (at most {most} comparisons, about {cases} cases). No face "
                  "link is declared; split the backlog into portfolios chosen before looking at the faces.").format(
                      n=n, fmr=f"{face.get('fmr_per_comparison'):.2g}", most=most, cases=cases_for_comparisons(most))]
    lines = [_("Face: {n} comparisons (pairs of cases, and each case's captured faces against every other case's ID "
               "photo). A comparison is a link when its score (the median over frame pairs; 1 - cosine similarity "
               "of SFace embeddings) is at most {s_cc} between captured faces, or {s_id} between a captured face and an "
               "ID photo, and its likelihood ratio favours the same person. At those scores the false-match rate, "
               "measured on {people} people's photos ({pairs} different-person pairs) with a conservative tail beyond "
               "the data, is at most {fmr}; a median over several frame pairs at most doubles it, so the expected "
               "number of false face links in this portfolio is at most {alpha}.").format(
                   n=n, s_cc=face.get("score_threshold") if face.get("score_threshold") is not None else "-",
                   s_id=face.get("score_threshold_id_photo") if face.get("score_threshold_id_photo") is not None else "-",
                   people=table.get("n_people"), pairs=table.get("n_pairs"), fmr=f"{face.get('fmr_per_comparison'):.2g}",
                   alpha=face.get("expected_false_links_at_most")),
             _("Strength: the calibrated likelihood ratio of {calibration} (at most 10^{upper}); it is reported, "
               "it does not decide the link.").format(calibration=face.get("calibration"),
                                                      upper=face.get("calibration_log10_upper_bound"))]
    if face.get("score_threshold") is None or face.get("score_threshold_id_photo") is None:
        which = _("captured-vs-captured") if face.get("score_threshold") is not None else _("captured-vs-ID-photo")
        lines.append(_("At this size only {which} comparisons can be decided; the others declare no link.").format(
            which=which))
    return lines


def other_rules(method: dict, tr: Translator) -> list[str]:
    _ = tr.gettext
    return [_("Phone, ID number, device and IP: values are normalised before matching (phone: +86, 0086 or 86, spaces "
              "and hyphens removed; ID numbers: 15 digits converted to 18; device: case and separators ignored; IP: "
              "public addresses only); a masked value never matches."),
            _("Terminal: a terminal links cases only when different claimants (ID numbers or names that contradict) "
              "used it within {minutes} minutes.").format(minutes=method.get("terminal_window_minutes")),
            _("Face links carry the calibrated likelihood ratio (for a group, the weakest link that holds it "
              "together); the other kinds carry none: a shared value is a fact, not a score."),
            _("A link says that cases share something; it is a lead for the examiner, not a finding about any "
              "claimant. Each case's own report states its evidence.")]
