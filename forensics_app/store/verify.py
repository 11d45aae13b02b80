"""What ``verify`` reports: evidence files against the intake record, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Problem


@dataclass
class VerifyReport:
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    modified: list[dict] = field(default_factory=list)
    declared_mismatch: list[dict] = field(default_factory=list)
    audit_problems: list[Problem] = field(default_factory=list)
    export_problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    notices: list[Problem] = field(default_factory=list)      # not problems: other analyses of the case
    analyses: list[dict] = field(default_factory=list)         # every analysis in the workspace

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.modified or self.declared_mismatch
                    or self.audit_problems or self.export_problems)

    def problems(self) -> list[Problem]:
        """Every problem, in the order the CLI and the stamp list them."""
        out = [Problem("files.added", path=p) for p in self.added]
        out += [Problem("files.missing", path=p) for p in self.missing]
        out += [Problem("files.modified", path=m["path"]) for m in self.modified]
        out += [Problem("declared.absent" if m["now"] is None else "declared.differs", path=m["path"])
                for m in self.declared_mismatch]
        out += self.audit_problems + self.export_problems
        return out

    def reasons(self, lang: str = "en", custody_only: bool = False) -> list[str]:
        """One short line per problem in ``lang``. ``custody_only``: what stops a report and what its
        'verification failed' stamp prints (see :meth:`blocking`)."""
        return [p.text(lang) for p in (self.blocking() if custody_only else self.problems())]

    def blocking(self) -> list[Problem]:
        """The problems that stop a report or an analysis (unless the examiner overrides). Not
        among them: a delivered file that differs from the hash the BANK declared (not a break in
        our custody: the analysis reports it, finding HASH_MISMATCH), and an altered stage-cache row
        (never used: it is ignored, recomputed and restored, so the results are those of an
        untampered run). ``verify`` lists both."""
        return [p for p in self.problems() if not (
            p.code.startswith("declared.") or (p.code.startswith("record.") and p.params.get("table") == "cache"))]

    @property
    def custody_ok(self) -> bool:
        return not self.blocking()

    def as_dict(self, lang: str = "en") -> dict:
        return {"ok": self.ok, "checked": self.checked, "added": self.added,
                "missing": self.missing, "modified": self.modified,
                "declared_hash_mismatch": self.declared_mismatch,
                "audit_problems": [str(p) for p in self.audit_problems],
                "export_problems": [str(p) for p in self.export_problems],
                "problems": [p.as_dict() | {"text": p.text(lang)} for p in self.problems()],
                "notices": [p.as_dict() | {"text": p.text(lang)} for p in self.notices],
                "analyses": self.analyses}


def compare_files(recorded: dict[str, dict], current_rows: list[dict], case) -> VerifyReport:
    rep = VerifyReport()
    current = {r["path"]: r for r in current_rows}
    rep.checked = len(current)
    rep.added = sorted(set(current) - set(recorded))
    rep.missing = sorted(set(recorded) - set(current))
    for p in sorted(set(current) & set(recorded)):
        if current[p]["sha256"] != recorded[p]["sha256"]:
            rep.modified.append({"path": p, "recorded": recorded[p]["sha256"], "now": current[p]["sha256"]})
    declared = case.records.get("bank_claims", {}).get("declared_hashes") or {}
    for p, h in sorted(declared.items()):
        now = current.get(p, {}).get("sha256")
        if now is None:
            rep.declared_mismatch.append({"path": p, "declared": h, "now": None,
                                          "problem": "file the bank declared is not in the case"})
        elif now.lower() != str(h).lower():
            rep.declared_mismatch.append({"path": p, "declared": str(h).lower(), "now": now,
                                          "problem": "hash differs from the bank's declared hash"})
    return rep


def check_audit(ws) -> list[Problem]:
    """Problems in the chain, its head copies (meta and AUDIT_HEAD), every covered record, and
    entries that name no actor."""
    from . import chain, migrations
    entries = ws.audit_entries()
    problems, prev = chain.check_links(entries)
    if ws.meta("audit_head") != prev:
        problems.append(Problem("chain.truncated"))
    head_file = ws.path / chain.HEAD_FILE
    if head_file.is_file():
        parts = head_file.read_text().split()
        if len(parts) != 2 or parts[1] != prev:
            problems.append(Problem("chain.head_file", file=chain.HEAD_FILE))
    else:
        problems.append(Problem("chain.head_file_missing", file=chain.HEAD_FILE))
    names = set(ws.db.table_names())
    tables = {t: list(ws.db.query(f"select * from [{t}]")) for t in chain.COVERED if t in names}
    problems += [Problem("table.missing", table=t) for t in chain.COVERED if t not in names]
    problems += chain.check_records(tables, chain.expected_records(entries))
    problems += chain.check_actors(entries, migrations.version(ws))
    return problems
