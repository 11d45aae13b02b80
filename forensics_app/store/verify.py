"""What ``verify`` reports: evidence files against the intake record, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class VerifyReport:
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    modified: list[dict] = field(default_factory=list)
    declared_mismatch: list[dict] = field(default_factory=list)
    audit_problems: list[str] = field(default_factory=list)
    export_problems: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.added or self.missing or self.modified or self.declared_mismatch
                    or self.audit_problems or self.export_problems)

    def reasons(self, lang: str = "en") -> list[str]:
        """One short line per problem (what a report stamped 'verification failed' prints)."""
        zh = lang == "zh"
        out = [(f"收案后新增：{p}" if zh else f"added after intake: {p}") for p in self.added]
        out += [(f"收案后缺失：{p}" if zh else f"missing since intake: {p}") for p in self.missing]
        out += [(f"收案后被修改：{m['path']}" if zh else f"modified since intake: {m['path']}") for m in self.modified]
        out += [(f"{m['path']}：" + ("银行声明的文件不在案件中" if m["now"] is None else "与银行声明的哈希值不符")
                 if zh else f"{m['path']}: {m['problem']}") for m in self.declared_mismatch]
        out += [(f"审计日志：{p}" if zh else f"audit: {p}") for p in self.audit_problems]
        out += [(f"导出件：{p}" if zh else f"export: {p}") for p in self.export_problems]
        return out

    def as_dict(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "added": self.added,
                "missing": self.missing, "modified": self.modified,
                "declared_hash_mismatch": self.declared_mismatch,
                "audit_problems": self.audit_problems, "export_problems": self.export_problems}


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
