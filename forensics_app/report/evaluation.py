"""Evaluation: the face comparison at source level, liveness, the evidence chain as observations,
the legal context, and the examiner's notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from ..core.lr import format_lr
from ..core.model import RuleStatus, StageStatus
from ..core.propositions import algorithms_disagree, injection_statement, no_result_statement, support
from ..core.blocks import EvidenceRef
from ..core.rules import RULES
from ..i18n.render import msg
from .context import W

RULE_ORDER = [x.id for x in RULES]


def _where(c, e: EvidenceRef) -> str:
    if e.row is not None:
        return c.msg(msg("ref.row", file=e.file or "", row=e.row))
    return (e.file or "") + (f" [{e.field}]" if e.field is not None else "") + (
        f" ← {e.source}" if e.source else "")


def evaluation(c, r, digest, created, root, notes):
    _ = c._
    fc = c.res.face_comparison
    s = [PageBreak(), c.section(_("Evaluation")), c.p(_("Face comparison (source level)"), c.h2)]
    if fc.likelihood_ratio is not None:
        vs = fc.verbal_scale
        s.append(c.p(_("The findings of the face comparison are {lr} times more probable if the captured face comes "
                       "from the card holder (Hp) than if it comes from another person of the relevant population "
                       "(Hd).").format(lr=format_lr(fc.likelihood_ratio)) if fc.likelihood_ratio >= 1 else
                     _("The findings of the face comparison are {lr} times more probable if the captured face comes "
                       "from another person of the relevant population (Hd) than if it comes from the card holder "
                       "(Hp).").format(lr=format_lr(1 / fc.likelihood_ratio))))
        s.append(c.p(_("Verbal equivalent: {support}.").format(support=c.msg(support(vs)))))
        disagree = algorithms_disagree(fc)
        if disagree:
            s.append(c.p(c.msg(disagree)))
    else:
        why = no_result_statement(fc)
        s.append(c.p(c.msg(why) if why else _("No likelihood ratio could be computed (see results).")))
    caveat = fc.presentation_caveat
    if fc.likelihood_ratio is not None:      # with no figure there is nothing for the caveat to qualify
        s.append(c.p(c.msg(caveat) if caveat else _(
            "The comparison addresses the source of the face in the imagery, not how it came before the camera: a "
            "photo or a screen showing the card holder's face would give the same comparison result. Whether a live "
            "person was present is addressed by the liveness results, not by this figure."), c.small))

    lv = c.res.liveness
    s.append(c.p(_("Liveness"), c.h2))
    if lv.status == StageStatus.analysed:
        s.append(c.p(_("Result: {verdict}.").format(verdict=c.term("verdict", lv.verdict.value))))
        inj = injection_statement(lv)
        if inj:
            s.append(c.p(c.msg(inj)))
        s.append(c.p(_("The cues' measured error rates (APCER per attack species, BPCER) and the material they were "
                       "measured on are given in the validation summary; on real terminal material they are not "
                       "known."), c.small))
    else:
        s.append(c.p(c.code("LIVENESS.not_analysed")))
    s += observations(c, r)
    s += legal_context(c)
    return s


def observations(c, r) -> list:
    """Every observation in report order: the raised checks, and the record-based checks that did
    not raise their rule but state what the record says (core.rules.observations), side by side."""
    _ = c._
    s = [c.p(_("The evidence chain: observations"), c.h2),
         c.p(_("Each observation states what a record or the log shows and where it comes from, and what it bears "
               "on. The examiner does not conclude on who carried out the transactions."), c.small),
         c.p(c.code("EVAL.observations_both_ways"), c.small)]
    observed = [x for x in c.res.rules_checked if x.observation is True]
    items = [(f.rule, f, None) for f in c.res.findings] + [(x.rule, None, x) for x in observed]
    items.sort(key=lambda t: RULE_ORDER.index(t[0]) if t[0] in RULE_ORDER else 99)
    for i, (rule_id, f, x) in enumerate(items, 1):
        if f is not None:
            evidence = f.evidence
            title = c.code(f"title.{f.rule}") if f.code else f.title
            text = c.code(f.code, f.params) if f.code else f.explanation
            tag = c.clean(rule_id)
        else:
            evidence = x.evidence or []
            title = c.code(f"title.{rule_id}")
            text = c.msg(x.statement)
            tag = f"{c.clean(rule_id)}: {c.clean(c.term('status', x.status.value))}"
        ev = "; ".join(_where(c, e) for e in evidence[:12]) + (" …" if len(evidence) > 12 else "")
        block = [c.p(f"<b>{i}. {c.clean(title)}</b> <font size=7>({tag})</font>", c.body, raw=True),
                 c.p(text),
                 c.p(_("Source: ") + (ev or "—"), c.small)]
        rel = f"relevance.{rule_id}"
        try:
            block.append(c.p(c.code(rel), c.small))
        except KeyError:
            pass
        s.append(KeepTogether(block + [Spacer(1, 2 * mm)]))
    if not items:
        s.append(c.p(_("No check raised an observation. What each check examined is listed below.")))
    quiet = [x for x in c.res.rules_checked if x.status == RuleStatus.not_raised and x.observation is not True]
    ne = [x for x in c.res.rules_checked if x.status == RuleStatus.not_evaluable and x.observation is not True]
    for head, group in ((_("Checked, nothing to report"), quiet),
                        (_("Not evaluable for lack of material"), ne)):
        if not group:
            continue
        rows = [[_("Check"), _("What was checked, with what material")]]
        for x in group:
            why = c.code(x.code, x.params) if x.code else x.reason
            rows.append([c.code(f"title.{x.rule}"), why])
        s += [c.p(head, c.h2), c.table(rows, [55 * mm, W - 55 * mm])]
    return s


def legal_context(c) -> list:
    _ = c._
    return [c.p(_("Legal context (cited, not an opinion)"), c.h2),
            c.p(_("Supreme People's Court, Provisions on Several Issues Concerning the Application of Law in the Trial "
                  "of Civil Cases Involving the Use of Face Recognition Technology to Process Personal Information "
                  "(adopted 2021-07-28, in force 2021-08-01): where the processing of face information is disputed, "
                  "the party that processed it bears the burden of proving that it acted lawfully and properly. "
                  "The examiner cites this only so that the reader knows which party the requests for the vendor's "
                  "error rates and the complete imagery are addressed to; how it applies is for the court."),
                c.small)]


def examiner_notes(c, r, digest, created, root, notes):
    _ = c._
    s = [c.section(_("Examiner's notes"))]
    if not notes:
        return s + [c.p(_("No notes were recorded for this case."), c.small)]
    rows = [[_("Target"), _("Note"), _("Recorded")]]
    for n in notes:
        t = n.get("target", "")
        target = (_("the case") if t == "case" else
                  f"{c.code('title.' + t)} ({t})" if t in RULE_ORDER else t)
        rows.append([target, c.quote(n.get("text", "")), (n.get("created_at") or "")[:19].replace("T", " ")
                     + (f" {n['author']}" if n.get("author") else "")])
    return s + [c.table(rows, [45 * mm, W - 85 * mm, 40 * mm])]
