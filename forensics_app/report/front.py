"""Front matter of the evaluative report (ENFSI 2015 / ISO 21043-4): cover, summary, case
circumstances, items received, examiner, pre-assessment, propositions."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from .. import SOFTWARE_NAME, __version__
from ..core.blocks import Circumstances, Examiner
from ..core.lr import band_table
from ..core.model import Results
from ..i18n import N_
from .context import W

RECORDS = ("id_loss_report", "telecom_record", "signature_opinion", "loan_contract", "bank_claims")
RECORD_NAMES = {"id_loss_report": N_("ID loss report"), "telecom_record": N_("telecom operator's reply"),
                "signature_opinion": N_("handwriting opinion"), "loan_contract": N_("loan contract"),
                "bank_claims": N_("the bank's statements")}


def examiner_info(r: Results) -> tuple[str | None, str | None]:
    """Name and qualifications: case.json ``examiner`` first, then the examiner's settings
    (forensics_app.settings); what neither gives is printed as "not stated"."""
    ex = r.examiner
    if isinstance(ex, dict):
        ex = Examiner.from_json(ex, "examiner")
        name, quals = ex.name or None, ex.qualifications or None
    else:
        name, quals = (ex or None), None
    if not name or not quals:
        from ..settings import examiner as configured
        st = configured()
        if not name:
            name, quals = st.get("name") or None, quals or st.get("qualifications") or None
        elif name == st.get("name"):
            quals = quals or st.get("qualifications") or None
        if quals and st.get("organisation") and name == st.get("name"):
            quals = f"{quals}; {st['organisation']}"
    return name, quals


def cover(c, r, digest, created, root, notes):
    _ = c._
    res = c.res
    name, _q = examiner_info(res)
    cl, bank = res.claimant, res.bank            # case.json's parties, as delivered (core.blocks)
    s = [Spacer(1, 30 * mm), c.p(_("Forensic examination report"), c.title),
         c.p(_("Evaluative report on a disputed face verification"), c.centre),
         Spacer(1, 4 * mm), c.p(c.quote(res.title), c.centre), Spacer(1, 14 * mm)]
    rows = [
        [_("Case"), res.case_id],
        [_("Court"), c.quote(res.court) or c.not_stated()],
        [_("Examiner"), c.quote(name) or c.not_stated()],
        [_("Report date"), created.date().isoformat() + _(" (date of the analysis record)")],
        [_("Report id"), f"{res.case_id}-{digest[:12]}-{c.lang}"],
        [_("Claimant"), c.quote(" ".join(x for x in (cl.name, cl.id_number, cl.phone) if x))
         or c.not_stated()],
        [_("Bank"), c.quote(" ".join(x for x in (bank.name, bank.branch) if x))
         or c.not_stated()],
        [_("Software"), f"{SOFTWARE_NAME} {__version__}"],
        [_("Results digest"), f"SHA-256 {digest}"],
    ]
    s.append(c.table(rows, [40 * mm, W - 40 * mm], header=False, style=c.body))
    s += [Spacer(1, 10 * mm), c.p(
        _("Privacy: ID and phone numbers are masked in this copy (PIPL Art. 28).") if c.mask else
        _("This copy shows ID and phone numbers unmasked: restricted to the court and the examiner."), c.small),
        PageBreak()]
    return s


def summary(c, r, digest, created, root, notes):
    _ = c._
    sm = c.res.summary
    s = [c.section(_("Summary"))]
    # the observations (raised checks, and what each record says whichever way it points) as a list
    titles = [x for x in sm.statements if isinstance(x, dict) and (
        str(x.get("code", "")).startswith("title.") or x.get("code") in ("summary.record", "summary.finding"))]
    others = [x for x in sm.statements if x not in titles]
    if titles:
        s += [c.p(c.code("summary.observations.both"))] + c.items([c.msg(x) for x in titles])
    s += [Spacer(1, 2 * mm)] + [c.p(c.msg(x)) for x in others]
    s += [Spacer(1, 2 * mm), c.p(c.msg(sm.scope)), Spacer(1, 2 * mm), c.p(c.msg(sm.caveat), c.small)]
    return s


def circumstances(c, r, digest, created, root, notes):
    _ = c._
    ci = c.res.circumstances or {}
    text = ci.text if isinstance(ci, Circumstances) else ci
    by = ci.supplied_by if isinstance(ci, Circumstances) else None
    s = [c.section(_("Case circumstances and the request")),
         c.p(_("What the examiner was told, and by whom. These circumstances are not findings of this "
               "examination; they frame the propositions."), c.small),
         c.table([[_("Circumstances"), c.quote(text) or c.not_stated()], [_("Supplied by"), c.quote(by) or c.not_stated()]],
                 [35 * mm, W - 35 * mm], header=False, style=c.body),
         Spacer(1, 2 * mm),
         c.p(_("The request: to examine whether the delivered imagery supports that the face captured at the "
               "terminal comes from the card holder, whether the material shows a live person, and what the "
               "records delivered with the case show about the evidence chain."))]
    return s


def items(c, r, digest, created, root, notes):
    _ = c._
    s = [c.section(_("Items received")), c.p(_("Receipt and custody"), c.h2)]
    rec = c.res.received or []
    if rec:
        rows = [[_("Item"), _("From"), _("Date"), _("Condition")]]
        for it in rec:
            rows.append([c.quote(it.item) or c.not_stated(), c.quote(it.from_) or c.not_stated(),
                         it.date or c.not_stated(), c.quote(it.condition) or c.not_stated()])
        s.append(c.table(rows, [60 * mm, 40 * mm, 25 * mm, W - 125 * mm]))
    else:
        s.append(c.p(_("Receipt and custody (what was received, from whom, when, in what condition): not stated "
                       "in the case manifest.")))
    s += [c.p(_("Files examined"), c.h2),
          c.p(_("Every file in the case folder, hashed (SHA-256) when read. The evidence folder was never written "
                "to; the same hashes are re-checked by 'forensics-app verify'."), c.small)]
    rows = [[_("File"), _("Role"), _("Bytes"), "SHA-256"]]
    for i in c.res.inputs:
        rows.append([i.path, c.term("role", i.role), str(i.size), c.p(i.sha256, c.tiny)])
    s.append(c.table(rows, [52 * mm, 26 * mm, 16 * mm, W - 94 * mm]))
    dups = c.res.media.duplicates or []
    if dups:
        kinds = {"repeated within one capture": _("repeated within one capture"),
                 "repeated in another capture": _("repeated in another capture"),
                 "same file delivered twice": _("same file delivered twice")}
        s.append(c.p(_("{n} file(s) repeat an earlier file byte for byte and were used once only:").format(
            n=len(dups)), c.small))
        s.append(c.table([[_("File"), _("Same as"), _("Kind")]]
                         + [[d.path, d.same_as, kinds.get(d.kind, d.kind)] for d in dups],
                         [60 * mm, 60 * mm, W - 120 * mm]))
    return s


def examiner(c, r, digest, created, root, notes):
    _ = c._
    name, quals = examiner_info(c.res)
    return [c.section(_("Examiner")),
            c.table([[_("Name"), c.quote(name) or c.not_stated()], [_("Qualifications"), c.quote(quals) or c.not_stated()]],
                    [35 * mm, W - 35 * mm], header=False, style=c.body)]


def preassessment(c, r, digest, created, root, notes):
    _ = c._
    stills = [i for i in c.res.inputs if i.role == "stm_frames"]
    videos = [i for i in c.res.inputs if i.role == "stm_video"]
    records = c.res.records
    held = [_(RECORD_NAMES[k]) for k in RECORDS if getattr(records, k)]
    absent = [_(RECORD_NAMES[k]) for k in RECORDS if not getattr(records, k)]
    lines = [
        _("Imagery delivered: {stills} still(s) and {videos} video(s) of the face check; one ID photo.").format(
            stills=len(stills), videos=len(videos)),
        _("Face comparison: the imagery can address the source of the captured face (Hp against Hd) at source "
          "level; it cannot address who presented the ID card or carried out the transactions."),
        (_("Liveness: with stills only, a live person cannot be told from a photo or a screen; the result is "
           "expected to be inconclusive whatever the truth.") if not videos else
         _("Liveness: a video allows temporal cues (blinks, 3D motion, sensor noise) to be measured.")),
        _("Records held: {held}.").format(held=c.tr.join(held) or c.not_stated()),
    ]
    if absent:
        lines.append(_("Records not delivered: {absent}. Observations that need them are reported as not "
                       "evaluable.").format(absent=c.tr.join(absent)))
    return [c.section(_("Pre-assessment")),
            c.p(_("Before the analysis: what the delivered material can and cannot answer."), c.small)] + c.items(lines)


def propositions(c, r, digest, created, root, notes):
    _ = c._
    pr = c.res.propositions
    s = [c.section(_("Propositions")),
         c.p(_("Source level, for the face comparison:")),
         c.p("Hp: " + c.msg(pr.Hp)), c.p("Hd: " + c.msg(pr.Hd)),
         c.p(_("The likelihood ratio LR = P(findings | Hp) / P(findings | Hd) states how much more probable the "
               "findings are under one proposition than the other. It is not the probability that either "
               "proposition is true; that is for the court."), c.small)]
    rows = [[_("LR range"), _("Verbal equivalent (ENFSI 2015)")]]
    for b in band_table():
        rng = f"{b['from']:,.0f}" + (f" – {b['to']:,.0f}" if b["to"] else " +")
        rows.append([rng if b["band"] != "no_support" else "1 – 2", c.term("band", b["band"])])
    s += [Spacer(1, 2 * mm), KeepTogether([c.p(_("Verbal scale (for LR < 1 use 1/LR and swap the propositions)"),
                                                 c.small), c.table(rows, [40 * mm, 80 * mm])])]
    return s
