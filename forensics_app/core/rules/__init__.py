"""Evidence-chain rules as observations.

Each rule reads named fields of the case (records, log rows, analysis results) and answers one
of: ``raised`` (an observation worth the court's attention), ``not_raised`` (what was checked,
with what material, and that it showed nothing to report), or ``not_evaluable`` (which input is
missing). The answer is a code with parameters taken from the fields the rule read; the text is
rendered from the catalogue (forensics_app.i18n) in the case's language, and again at display
time in whatever language the reader chose. No rule concludes on the ultimate issue (who stood
at the terminal); ``severity`` is kept for the bank reviewers' triage, never printed in the
court edition.

A record-based check (core.rules.observations) also states what its record says whichever way it
points: ``statement`` on its RuleCheck, and ``observation`` when it did not raise its rule (the
phone is registered to the claimant, the signature is attributed to her, no loss report was
delivered). Those are observations for the report as much as the raised ones; only the contract's
"raised when" conditions raise a rule id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ...i18n import translator
from ...i18n.render import render
from ..model import SEVERITY_ORDER, Finding, RuleCheck, RuleStatus, Severity
from ..record import ABSENT
from .context import RuleContext
from .observations import statement


@dataclass
class Outcome:
    status: str                      # raised | not_raised | not_evaluable
    code: str
    params: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)
    evidence: list = field(default_factory=list)
    severity: str | None = None

    def text(self, lang: str = "en") -> str:
        return render(self.code, self.params, translator(lang))

    @property
    def explanation(self) -> str:
        return self.text("en")


def raised(code, params=None, facts=None, evidence=None, severity=None) -> Outcome:
    return Outcome("raised", code, params or {}, facts or {}, evidence or [], severity)


def not_raised(code, params=None, evidence=None) -> Outcome:
    return Outcome("not_raised", code, params or {}, evidence=evidence or [])


def not_evaluable(code, params=None, evidence=None) -> Outcome:
    return Outcome("not_evaluable", code, params or {}, evidence=evidence or [])


@dataclass
class Rule:
    id: str
    severity: str
    check: Callable[[RuleContext], Outcome]

    @property
    def title_code(self) -> str:
        return f"title.{self.id}"

    @property
    def relevance_code(self) -> str:
        return f"relevance.{self.id}"

    def title(self, lang: str = "en") -> str:
        return render(self.title_code, {}, translator(lang))


RULES: list[Rule] = []


def rule(id, severity):
    def deco(fn):
        RULES.append(Rule(id, severity, fn))
        return fn
    return deco


from . import records, media, log  # noqa: E402,F401  (each registers its rules, in report order)


def evaluate(ctx: RuleContext | dict) -> tuple[list[dict], list[dict]]:
    """Run every rule. Returns (findings raised, sorted by severity; every rule's status), as the
    JSON data of core.model's ``Finding`` and ``RuleCheck``.

    Titles, explanations and reasons are rendered in the case's language (``ctx.language``,
    Chinese by default); ``code``/``params`` let any reader render them again in another.
    A dict ``ctx`` (the stage results as JSON data) is read through :meth:`RuleContext.of`.
    """
    ctx = RuleContext.of(ctx)
    tr = translator(ctx.language)
    findings: list[Finding] = []
    checked: list[RuleCheck] = []
    order = [x.id for x in RULES]
    for r in RULES:
        out = r.check(ctx)
        status = RuleStatus(out.status)
        said = statement(out.code, out.params)
        observed = said is not None and status != RuleStatus.raised
        checked.append(RuleCheck(rule=r.id, status=status, code=out.code, params=out.params,
                                 reason=render(out.code, out.params, tr) if status != RuleStatus.raised else "",
                                 statement=said if said is not None else ABSENT,
                                 observation=True if observed else ABSENT,
                                 evidence=out.evidence if observed else ABSENT))
        if status == RuleStatus.raised:
            findings.append(Finding(rule=r.id, severity=Severity(out.severity or r.severity),
                                    title=render(r.title_code, {}, tr), code=out.code, params=out.params,
                                    explanation=render(out.code, out.params, tr), facts=out.facts,
                                    evidence=out.evidence))
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity.value], order.index(f.rule)))
    return [f.to_json() for f in findings], [c.to_json() for c in checked]
