"""Links between cases through shared identifiers: phone, ID number, device, IP, terminal visit.

Input is one entry per case: ``{"key", "case_id", "path", "signals"}`` with the raw values of
:func:`forensics_app.batch.signals.case_signals`. A value links cases when its normal form
(:mod:`forensics_app.core.identifiers`) is equal; masked values never match. Two folders that
carry one case_id are two entries, never merged: a link must span at least two different
case_ids, and its evidence names each folder.

A terminal is shared by everyone who uses the branch, so a terminal links cases only when
*different* claimants (their ID numbers or names contradict each other) used it within
``TERMINAL_WINDOW_MIN`` minutes of each other.
"""

from __future__ import annotations

import datetime as dt

from .identifiers import (contradicts, normalise_device, normalise_id_number, normalise_ip,
                          normalise_phone, normalise_terminal)
from .portfolio_model import Link, LinkKind, MoreValues, SharedValue, TerminalVisit

TERMINAL_WINDOW_MIN = 10
MAX_EVIDENCE_PER_CASE = 10
KINDS = tuple(k.value for k in LinkKind)


def _norm(kind: str, raw):
    if kind == "phone":
        return normalise_phone(raw)
    if kind == "id_number":
        return normalise_id_number(raw)
    if kind == "device":
        return normalise_device(raw)
    if kind == "ip":
        return normalise_ip(raw)[0]
    raise ValueError(kind)


def value_links(entries: list[dict]) -> list[Link]:
    """phone / id_number / device / ip links: one link per shared normal form."""
    links = []
    for kind in ("phone", "id_number", "device", "ip"):
        seen: dict[str, dict[str, list[dict]]] = {}
        for e in entries:
            for item in e["signals"].get(kind, []):
                v = _norm(kind, item["value"])
                if v is None:
                    continue
                seen.setdefault(v, {}).setdefault(e["key"], []).append(item)
        for value, by_case in sorted(seen.items()):
            members = [e for e in entries if e["key"] in by_case]
            if len({e["case_id"] for e in members}) < 2:
                continue
            evidence = []
            for e in members:
                items = by_case[e["key"]]
                for it in items[:MAX_EVIDENCE_PER_CASE]:
                    ev = SharedValue(case_id=e["case_id"], path=e["path"], source=it["source"], raw=it["value"])
                    if it.get("time"):
                        ev.time = it["time"]
                    evidence.append(ev)
                if len(items) > MAX_EVIDENCE_PER_CASE:
                    evidence.append(MoreValues(case_id=e["case_id"], path=e["path"],
                                               more=len(items) - MAX_EVIDENCE_PER_CASE))
            links.append(Link(kind=LinkKind(kind), case_ids=sorted({e["case_id"] for e in members}),
                              value=value, evidence=evidence, strength=None))
    return links


def different_claimants(a: dict, b: dict) -> bool:
    """Known to be different people: their ID numbers or their names contradict each other."""
    if contradicts(a.get("id_number"), b.get("id_number")):
        return True
    na, nb = (a.get("name") or "").strip(), (b.get("name") or "").strip()
    return bool(na and nb and na != nb)


def _components(nodes: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(find(n), []).append(n)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def terminal_links(entries: list[dict], window_min: float = TERMINAL_WINDOW_MIN) -> list[Link]:
    by_key = {e["key"]: e for e in entries}
    events: dict[str, list[tuple[dt.datetime, str, dict]]] = {}
    for e in entries:
        for it in e["signals"].get("terminal", []):
            t = normalise_terminal(it["value"])
            if t is None:
                continue
            events.setdefault(t, []).append((dt.datetime.fromisoformat(it["time_utc"]), e["key"], it))
    window = dt.timedelta(minutes=window_min)
    links = []
    for term, evs in sorted(events.items()):
        evs.sort(key=lambda x: (x[0], x[1], x[2]["source"]))
        edges, used = set(), {}
        start = 0
        for i, (ti, ki, iti) in enumerate(evs):
            while evs[start][0] < ti - window:
                start += 1
            for tj, kj, itj in evs[start:i]:
                a, b = by_key[ki], by_key[kj]
                if a["case_id"] == b["case_id"] or not different_claimants(a["signals"]["claimant"],
                                                                           b["signals"]["claimant"]):
                    continue
                edges.add(tuple(sorted((ki, kj))))
                used.setdefault(ki, []).append(iti)
                used.setdefault(kj, []).append(itj)
        for group in _components(sorted(used), sorted(edges)):
            evidence = []
            for k in group:
                e = by_key[k]
                uniq = {it["source"]: it for it in used[k]}
                for it in sorted(uniq.values(), key=lambda x: x["time_utc"])[:MAX_EVIDENCE_PER_CASE]:
                    evidence.append(TerminalVisit(case_id=e["case_id"], path=e["path"], source=it["source"],
                                                  raw=it["value"], time=it["time"], event=it.get("event")))
            links.append(Link(kind=LinkKind.terminal, case_ids=sorted({by_key[k]["case_id"] for k in group}),
                              value=term, evidence=evidence, strength=None))
    return links
