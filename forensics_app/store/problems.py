"""What ``verify`` found, as codes with parameters, rendered in either language from the catalogue.

A :class:`Problem` is a ``str`` (its English text, so logs, JSON and older callers read it as
before) that also carries its ``code`` and ``params``; ``text(lang)`` renders it through the gettext
catalogue (forensics_app/i18n), so the English and the Chinese say the same thing. Parameters are
shown as they are (file names, hashes, numbers), except a workspace table, an audit action and a
meta key, which are words of the catalogue; an unknown action or key (one written outside the
app) is quoted as found.
"""

from __future__ import annotations

from ..i18n import N_, translator
from ..i18n.render import quote

TEMPLATES: dict[str, str] = {
    # evidence files against the intake record
    "files.added": N_("added after intake: {path}"),
    "files.missing": N_("missing since intake: {path}"),
    "files.modified": N_("modified since intake: {path}"),
    "declared.absent": N_("{path}: file the bank declared is not in the case"),
    "declared.differs": N_("{path}: hash differs from the bank's declared hash"),
    # the chain itself
    "chain.gap": N_("audit entry {seq} is missing (next is {next})"),
    "chain.order": N_("audit entry {seq} does not follow the entry before it"),
    "chain.altered": N_("audit entry {seq} ({action}) was altered after it was written"),
    "chain.truncated": N_("the newest audit entries were removed (head hash in meta does not match)"),
    "chain.head_file": N_("{file} does not match the audit log's last entry"),
    "chain.head_file_missing": N_("{file} is missing from the workspace"),
    "chain.no_actor": N_("audit entry {seq} ({action}) names no actor"),
    # covered records
    "table.missing": N_("table {table} is missing"),
    "record.unrecorded": N_("{table} row '{key}' is not in the audit log (added outside the app)"),
    "record.altered": N_("{table} row '{key}' was altered after audit entry {seq} recorded it"),
    "record.deleted": N_("{table} row '{key}' recorded by audit entry {seq} was deleted"),
    # exports checked against the chain (verify --results / --report)
    "export.broken_chain": N_("{file}: cannot be checked against a broken audit chain"),
    "export.not_results": N_("{file}: is not a results.json (not UTF-8 JSON)"),
    "export.no_head": N_("{file}: carries no audit_head (made before the chain was anchored, or edited)"),
    "export.head_not_in_chain": N_("{file}: its audit_head {head}… is not in this workspace's audit chain: the "
                                   "workspace was rewritten after this export (or it belongs to another workspace)"),
    "export.results_unknown": N_("{file}: SHA-256 {digest}… matches no analysis in the audit chain: the file was "
                                 "edited after export, or the analysis record was rewritten"),
    "export.head_differs": N_("{file}: its audit_head differs from the one the analysis recorded"),
    "export.report_unknown": N_("{file}: SHA-256 {digest}… matches no export in the audit chain: the PDF was "
                                "edited after export, or the export record was rewritten"),
    "export.report_no_head": N_("{file}: shows no audit chain head"),
    "export.report_head_not_in_chain": N_("{file}: the audit chain head it prints ({head}…) is not in this "
                                          "workspace's chain: the workspace was rewritten after this report was issued"),
    "export.embedded_differs": N_("{file}: the results embedded in the PDF differ from the analysis the audit "
                                  "chain records for this report"),
    "export.not_same_analysis": N_("{results}: is not the analysis that {report} was made from"),
    "export.other_case": N_("{file}: records case {recorded}, but this workspace is case {case}: it is an export of "
                            "another case, not checked against this one"),
    # notes, not problems: re-analysing is legitimate, but a reader must know what else was computed
    "notice.superseded": N_("{file}: is not the newest analysis of this case; {n} later analysis(es) exist, the "
                            "newest (no. {newest}) gives likelihood ratio {lr} (population {population})"),
    "notice.other_lrs": N_("{file}: gives likelihood ratio {lr}; other analyses of this case in the workspace give "
                           "{others}"),
}

# Words of the catalogue for parameters that name parts of the workspace (the English is the name
# itself, as an examiner finds it in the database).
TABLES = {"files": N_("files"), "analyses": N_("analyses"), "notes": N_("notes"), "cache": N_("cache"),
          "calibrations": N_("calibrations"), "meta": N_("meta"), "audit": N_("audit")}
ACTIONS = {"intake": N_("intake"), "analysis": N_("analysis"), "note": N_("note"), "export": N_("export"),
           "cache": N_("cache"), "calibration": N_("calibration"), "migrate": N_("migrate"),
           "verify": N_("verify")}
META_KEYS = {"case_id": N_("case_id"), "case_root": N_("case_root"), "schema_version": N_("schema_version"),
             "audit_head": N_("audit_head")}


class Problem(str):
    """One problem: its English text as a string, with ``code`` and ``params``."""

    code: str
    params: dict

    def __new__(cls, code: str, **params):
        self = super().__new__(cls, _render(code, params, "en"))
        self.code = code
        self.params = params
        return self

    def text(self, lang: str = "en") -> str:
        return _render(self.code, self.params, lang)

    def as_dict(self) -> dict:
        return {"code": self.code, "params": self.params}

    def __reduce__(self):            # pickled by code and params (worker processes), not by its text
        return _rebuild, (self.code, self.params)


def _rebuild(code: str, params: dict) -> "Problem":
    return Problem(code, **params)


def _render(code: str, params: dict, lang: str) -> str:
    tr = translator(lang)
    shown = {}
    for k, v in params.items():
        if k == "table":
            shown[k] = tr.gettext(TABLES[v]) if v in TABLES else quote(v, tr)
        elif k == "action":
            shown[k] = tr.gettext(ACTIONS[v]) if v in ACTIONS else quote(v, tr)
        elif k == "key" and params.get("table") == "meta":
            shown[k] = tr.gettext(META_KEYS[v]) if v in META_KEYS else quote(v, tr)
        elif k == "key" and params.get("table") == "calibrations":
            shown[k] = quote(v, tr)          # a calibration's name
        else:
            shown[k] = "" if v is None else str(v)
    return tr.gettext(TEMPLATES[code]).format(**shown)


def short(key) -> str:
    key = str(key)
    return key if len(key) <= 24 else key[:20] + "…"
