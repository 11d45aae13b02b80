"""The chain-of-evidence stage: the transaction logs and the case's records read against the
other stages' results by the rules, the timeline and the summary (cheap: recomputed every run)."""

from __future__ import annotations

from dataclasses import dataclass

from ...core import rules as rules_mod
from ...core.model import ChainOfEvidence, Media
from ...core.rules.context import RuleContext
from ...core.timeline import build_timeline, summary_statement
from ...io.logs import read_log
from ..registry import Stage, register


@dataclass(frozen=True)
class ChainParams:
    capture_tolerance_s: float = 120.0  # a still's capture time may differ this much from the log


def chain_params(opts) -> ChainParams:
    return ChainParams(capture_tolerance_s=opts.capture_tolerance_s)


def chain_compute(ctx, progress, cancel) -> ChainOfEvidence:
    case = ctx.case
    media: Media = ctx.outputs["media"]
    logs, rows, errors = [], [], []
    for item in case.role("transaction_log"):
        lf = read_log(item.path, item.rel, item.attrs.get("timezone", case.timezone),
                      item.attrs.get("column_map"), max_rows=ctx.opts.limits.max_log_rows,
                      max_xlsx_bytes=ctx.opts.limits.max_xlsx_bytes, sheet=item.attrs.get("sheet"))
        logs.append(lf.summary())
        rows += lf.rows
        errors += [e | {"file": item.rel} for e in lf.errors]
    rows.sort(key=lambda x: (x["time_utc"], x["file"], x["row"]))
    frame_times = [{"frame": s["path"], "time": s["capture_time"], "source": "EXIF"}
                   for s in media.stills if s.get("capture_time")]
    terminals = []
    for item in case.items:
        if item.role in ("stm_frames", "stm_video") and item.attrs.get("terminal_id"):
            terminals.append({"terminal_id": item.attrs["terminal_id"], "source": item.rel})
    rctx = RuleContext.of({"manifest": case.manifest, "records": case.records, "tz": case.timezone,
            "language": case.language, "logs": logs,
            "roles": {role: [i.rel for i in case.role(role)] for role in
                      ("id_photo", "stm_frames", "stm_video", "transaction_log", "document")}
            | {"stm_frames_members": [p for p, _ in case.frame_paths()]},
            "log_rows": rows, "log_errors": errors, "face": ctx.outputs["faces"],
            "liveness": ctx.outputs["liveness"], "authenticity": ctx.outputs["authenticity"], "inputs": ctx.inputs, "frame_times": frame_times,
            "media_terminals": terminals, "capture_tolerance_s": ctx.params.capture_tolerance_s})
    findings, checked = rules_mod.evaluate(rctx)
    timeline = build_timeline(rows, frame_times, case.records, case.timezone)
    return ChainOfEvidence.from_json({"logs": logs, "timeline": timeline, "findings": findings, "rules_checked": checked,
                                      "summary": summary_statement(findings, checked, rctx.face, rctx.liveness)})


CHAIN = register(Stage("chain", chain_compute, ChainOfEvidence, inputs=("media", "faces", "liveness", "authenticity"),
                       params=ChainParams, cache=False, params_for=chain_params, weight=0.2))
