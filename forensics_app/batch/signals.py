"""What a case offers for linking: phones, ID number, device fingerprints, IPs, terminal visits.

Values are taken as the bank delivered them (case.json and the transaction logs, read by the
same reader the analysis uses) and kept raw here; :mod:`forensics_app.core.links` normalises
them, so the evidence can quote the original text with its file and row.
"""

from __future__ import annotations

from ..io.logs import read_log


def case_signals(case) -> dict:
    claimant = case.manifest.get("claimant") or {}
    out = {"claimant": {"name": claimant.get("name"), "id_number": claimant.get("id_number")},
           "phone": [], "id_number": [], "device": [], "ip": [], "terminal": []}
    if claimant.get("phone"):
        out["phone"].append({"value": str(claimant["phone"]), "source": "case.json claimant.phone"})
    if claimant.get("id_number"):
        out["id_number"].append({"value": str(claimant["id_number"]), "source": "case.json claimant.id_number"})
    tel = (case.records.get("telecom_record") or {})
    if isinstance(tel, dict) and tel.get("phone"):
        out["phone"].append({"value": str(tel["phone"]), "source": "case.json records.telecom_record.phone"})
    for item in case.role("transaction_log"):
        lf = read_log(item.path, item.rel, item.attrs.get("timezone", case.timezone), item.attrs.get("column_map"),
                      sheet=item.attrs.get("sheet"))
        for row in lf.rows:
            where = f"{row['file']} row {row['row']}"
            for field, kind in (("phone", "phone"), ("device_id", "device"), ("ip", "ip")):
                if row.get(field) not in (None, ""):
                    out[kind].append({"value": str(row[field]), "source": where, "time": row.get("time")})
            if row.get("terminal_id") not in (None, "") and row.get("time_utc"):
                out["terminal"].append({"value": str(row["terminal_id"]), "source": where,
                                        "time": row.get("time"), "time_utc": row["time_utc"],
                                        "event": row.get("event")})
    return out
