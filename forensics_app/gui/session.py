"""The review session: the one state every view of the desk renders from. Qt-free.

A session holds the open case, its workspace, the latest results (typed: :class:`~forensics_app.core.model.Results`),
what the examiner has selected
and the state of evidence verification. Views never keep their own copy of any of these: they
subscribe and redraw from the session when it changes. Opening a case replaces every field in one
step and bumps ``generation``; work started for an earlier case (an analysis, a verification)
carries the generation it started under and its answer is dropped if the case has changed since,
so nothing from the previous case can reach the screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Callable

from ..core.model import Finding, Results

log = logging.getLogger(__name__)

# what changed, passed to listeners
CASE, RESULTS, VERIFICATION, SELECTION, NOTES, AUDIT = "case", "results", "verification", "selection", "notes", "audit"


@dataclass(frozen=True)
class Verification:
    """Where verification of the open case stands.

    state: ``none`` (no case), ``running``, ``ok`` or ``failed``; ``report`` is
    ``VerifyReport.as_dict()`` once it has run; ``error`` a message when it could not run.
    """
    state: str = "none"
    report: dict | None = None
    reasons: tuple = ()                # one short line per problem (what a stamped report prints)
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.state == "failed"

    @property
    def problems(self) -> dict[str, int]:
        r = self.report or {}
        return {k: len(r.get(k) or []) for k in ("modified", "added", "missing",
                                                  "declared_hash_mismatch", "audit_problems")}


@dataclass(frozen=True)
class Selection:
    finding: int = -1          # index into results.findings
    frame: int = -1            # index into face_comparison.per_frame


@dataclass
class Session:
    case: object = None                       # io.case.Case
    ws: object = None                         # store.workspace.Workspace (opened on the GUI thread)
    results: Results | None = None
    selection: Selection = field(default_factory=Selection)
    verification: Verification = field(default_factory=Verification)
    generation: int = 0
    examiner: str = ""                        # actor of every audit entry and note made from the desk
    _listeners: list = field(default_factory=list, repr=False)

    # ---- observers ----------------------------------------------------------------------
    def subscribe(self, fn: Callable[["Session", str], None]) -> None:
        self._listeners.append(fn)

    def unsubscribe(self, fn) -> None:
        if fn in self._listeners:
            self._listeners.remove(fn)

    def _notify(self, what: str) -> None:
        for fn in list(self._listeners):
            fn(self, what)

    # ---- case ---------------------------------------------------------------------------
    def open(self, case, ws, results: Results | dict | None) -> int:
        """Make ``case`` the open case: every field is replaced at once, then views redraw.
        Verification starts as ``running``: the caller starts it and reports back with
        :meth:`set_verification` under the returned generation."""
        old = self.ws
        results = typed(results)
        self.case, self.ws, self.results = case, ws, results
        self.selection = _first(results)
        self.verification = Verification("running")
        self.generation += 1
        if old is not None and old is not ws:
            old.close()
        self._notify(CASE)
        return self.generation

    def clear(self) -> None:
        """No case open (also while the next one is being opened)."""
        old = self.ws
        self.case = self.ws = self.results = None
        self.selection, self.verification = Selection(), Verification()
        self.generation += 1
        if old is not None:
            old.close()
        self._notify(CASE)

    def current(self, generation: int) -> bool:
        return generation == self.generation and self.case is not None

    # ---- answers from workers -----------------------------------------------------------
    def set_results(self, results: Results | dict, generation: int) -> bool:
        """A finished analysis. Dropped (False) if another case was opened meanwhile."""
        if not self.current(generation):
            log.info("results for an earlier case dropped")
            return False
        results = typed(results)
        if self.case is not None and results.case_id != self.case.case_id:
            log.warning("results of case %s dropped: %s is open", results.case_id, self.case.case_id)
            return False
        self.results = results
        self.selection = _first(results)
        self._notify(RESULTS)
        return True

    def set_verification(self, v: Verification, generation: int) -> bool:
        if not self.current(generation):
            return False
        self.verification = v
        self._notify(VERIFICATION)
        return True

    def select(self, **kw) -> None:
        new = replace(self.selection, **kw)
        if new != self.selection:
            self.selection = new
            self._notify(SELECTION)

    def notes_changed(self) -> None:
        self._notify(NOTES)

    def audit_changed(self) -> None:
        """Something was appended to the audit log (an export)."""
        self._notify(AUDIT)

    # ---- derived ------------------------------------------------------------------------
    @property
    def stale(self) -> bool:
        """Findings no longer describe the evidence on disk (verification failed)."""
        return self.verification.failed

    def finding(self) -> Finding | None:
        fs = self.results.findings if self.results else []
        i = self.selection.finding
        return fs[i] if 0 <= i < len(fs) else None

    def export_block(self) -> str:
        """Why a report cannot be exported now, as a code ('' when it can without override):
        ``no_case``, ``not_analysed``, ``verifying``, ``verification_failed``, ``not_verified``."""
        if self.case is None:
            return "no_case"
        if not self.results:
            return "not_analysed"
        if self.verification.state == "running":
            return "verifying"
        if self.verification.state == "failed":
            return "verification_failed"
        if self.verification.state != "ok":
            return "not_verified"
        return ""

    def export_overridable(self) -> bool:
        """A failed verification can be overridden (the report is then stamped); nothing else can."""
        return self.verification.state == "failed" and bool(self.results)


def typed(results: Results | dict | None) -> Results | None:
    """The typed results (from a results.json dict as the workspace and the pipeline give it)."""
    return Results.from_json(results) if isinstance(results, dict) else results


def _first(results: Results | None) -> Selection:
    return Selection(finding=0 if results and results.findings else -1,
                     frame=0 if results and results.face_comparison.per_frame else -1)
