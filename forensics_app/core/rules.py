"""Evidence-chain rules. Each rule is a small declarative unit: id, titles in English and
Chinese, a default severity and a check over the analysis context. A check answers one of:
raised (with the facts it used and the evidence it cites), not raised, or not evaluable (the
material needed is missing) -- never a silent pass.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from .lr import format_lr

SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2, "info": 3}
IDENTITY_EVENTS = ("open_account", "face_verify", "card_issue", "ebanking_enable", "loan_apply",
                   "loan_contract", "loan_disburse")


@dataclass
class Outcome:
    status: str                      # raised | not_raised | not_evaluable
    explanation: str = ""
    explanation_zh: str = ""
    facts: dict = field(default_factory=dict)
    evidence: list = field(default_factory=list)
    severity: str | None = None


def raised(en, zh, facts=None, evidence=None, severity=None) -> Outcome:
    return Outcome("raised", en, zh, facts or {}, evidence or [], severity)


def not_raised(en, zh="") -> Outcome:
    return Outcome("not_raised", en, zh or en)


def not_evaluable(en, zh="") -> Outcome:
    return Outcome("not_evaluable", en, zh or en)


@dataclass
class Rule:
    id: str
    severity: str
    title: str
    title_zh: str
    check: Callable[[dict], Outcome]


RULES: list[Rule] = []


def rule(id, severity, title, title_zh):
    def deco(fn):
        RULES.append(Rule(id, severity, title, title_zh, fn))
        return fn
    return deco


# ---- helpers -------------------------------------------------------------------------------

def record_ev(name: str, rec: dict) -> dict:
    ev = {"file": "case.json", "field": f"records.{name}"}
    if rec.get("source"):
        ev["source"] = rec["source"]
    return ev


def row_ev(r: dict) -> dict:
    return {"file": r["file"], "row": r["row"], "event": r["event"], "time": r["time"]}


def day_start(date_str: str, tz: str) -> dt.datetime:
    from zoneinfo import ZoneInfo
    s = date_str.strip()
    t = dt.datetime.fromisoformat(s)
    return t if t.tzinfo else t.replace(tzinfo=ZoneInfo(tz))


def phones_match(a: str, b: str) -> bool | None:
    """Mask-aware comparison: '*' matches anything; None when too little is visible."""
    a, b = re.sub(r"[^\d*]", "", a or ""), re.sub(r"[^\d*]", "", b or "")
    if len(a) != len(b) or not a:
        return None
    visible = [(x, y) for x, y in zip(a, b) if x != "*" and y != "*"]
    if len(visible) < 4:
        return None
    return all(x == y for x, y in visible)


def events(ctx, *names) -> list[dict]:
    return [r for r in ctx["log_rows"] if r["event"] in names]


# ---- the rules -----------------------------------------------------------------------------

@rule("ID_LOST_BEFORE_USE", "critical", "ID document reported lost before it was used",
      "身份证件在使用前已报失")
def _id_lost(ctx):
    rec = ctx["records"].get("id_loss_report")
    if not rec:
        return not_evaluable("No ID loss report among the records.", "记录中无身份证遗失报案。")
    lost = day_start(rec["reported_at"], ctx["tz"])
    uses = [r for r in events(ctx, *IDENTITY_EVENTS)]
    if not uses:
        return not_evaluable("The log holds no account-opening, face-check or loan event to compare "
                             "with the loss date.", "日志中无开户、人脸核验或贷款事件可比对。")
    after = [r for r in uses if dt.datetime.fromisoformat(r["time"]) >= lost]
    if not after:
        return not_raised("Every identity event precedes the loss report.", "所有身份相关事件均早于报失日期。")
    first = min(after, key=lambda r: r["time"])
    days = (dt.datetime.fromisoformat(first["time"]) - lost).days
    return raised(
        f"The ID document was reported lost on {rec['reported_at']}"
        f"{' to ' + rec['authority'] if rec.get('authority') else ''}; {len(after)} identity events "
        f"used it afterwards, the first ({first['event']}) {days} days later on {first['time'][:10]}. "
        "The card was not under the claimant's control when it was used.",
        f"身份证于{rec['reported_at']}报失；此后有{len(after)}笔身份相关业务使用该证件，"
        f"首笔（{first['event']}）发生于{days}天后的{first['time'][:10]}。使用时证件不在权利人控制之下。",
        {"reported_at": rec["reported_at"], "first_use": first["time"], "days_after": days,
         "events_after": len(after)},
        [record_ev("id_loss_report", rec)] + [row_ev(r) for r in after])


@rule("PHONE_NOT_CLAIMANTS", "critical", "Phone bound to the account is not the claimant's",
      "账户绑定手机号不属于当事人")
def _phone(ctx):
    tel = ctx["records"].get("telecom_record")
    rows = [r for r in ctx["log_rows"] if r.get("phone")]
    ev, facts = [], {}
    if tel and tel.get("registered_to_claimant") is False:
        bound = [r for r in rows if phones_match(r["phone"], tel.get("phone", "")) is not False]
        ev = [record_ev("telecom_record", tel)] + [row_ev(r) for r in bound]
        return raised(
            f"The telecom operator states that {tel.get('phone', 'the bound number')} was never "
            f"registered to the claimant; {len(bound)} log events used it (one-time passwords, "
            "logins, loan signing).",
            f"运营商确认{tel.get('phone', '绑定号码')}从未登记在当事人名下；日志中有{len(bound)}笔事件使用该号码"
            "（验证码、登录、贷款签约）。",
            {"phone": tel.get("phone"), "registered_to_claimant": False, "events": len(bound)}, ev)
    claimed = ctx["manifest"].get("claimant", {}).get("phone")
    if claimed and rows:
        mism = [r for r in rows if phones_match(r["phone"], claimed) is False]
        if mism:
            facts = {"claimant_phone": claimed, "log_phones": sorted({r["phone"] for r in mism})}
            return raised(
                f"The log binds {', '.join(facts['log_phones'])} to the account; the claimant's own "
                f"number is {claimed}.",
                f"日志中账户绑定的号码为{'、'.join(facts['log_phones'])}，与当事人本人号码{claimed}不符。",
                facts, [{"file": "case.json", "field": "claimant.phone"}] + [row_ev(r) for r in mism],
                severity="major")
        return not_raised("The phone numbers in the log match the claimant's.", "日志中的号码与当事人一致。")
    if tel and tel.get("registered_to_claimant") is True:
        return not_raised("The telecom operator confirms the number is the claimant's.", "运营商确认号码属于当事人。")
    return not_evaluable("No telecom record and no phone numbers to compare.", "无运营商记录或号码可比对。")


@rule("SIGNATURE_NOT_CLAIMANTS", "major", "Signature is not the claimant's", "签名非当事人所签")
def _sig(ctx):
    rec = ctx["records"].get("signature_opinion")
    if not rec:
        return not_evaluable("No handwriting opinion among the records.", "记录中无笔迹鉴定意见。")
    if rec["conclusion"] == "not_claimant":
        return raised("A handwriting examination concludes that the signature on the application is "
                      "not the claimant's.", "笔迹鉴定意见认定申请材料上的签名不是当事人所签。",
                      {"conclusion": "not_claimant"}, [record_ev("signature_opinion", rec)])
    if rec["conclusion"] == "inconclusive":
        return raised("The handwriting opinion is inconclusive: the signature neither confirms nor "
                      "excludes the claimant.", "笔迹鉴定意见无法确定签名是否为当事人所签。",
                      {"conclusion": "inconclusive"}, [record_ev("signature_opinion", rec)], severity="info")
    return not_raised("The handwriting opinion attributes the signature to the claimant.", "笔迹鉴定认定为当事人签名。")


@rule("NO_FULL_VIDEO", "major", "No complete video of the face check", "未提供人脸核验完整视频")
def _video(ctx):
    claims = ctx["records"].get("bank_claims", {})
    if ctx["roles"].get("stm_video"):
        return not_raised("A video of the face check was delivered.", "已提交人脸核验视频。")
    n = len(ctx["roles"].get("stm_frames_members", []))
    ev = [{"file": f} for f in ctx["roles"].get("stm_frames_members", [])]
    if claims.get("full_video_available") is False:
        ev.append({"file": "case.json", "field": "records.bank_claims.full_video_available"})
    return raised(
        f"Only {n} still image(s) of the face check were delivered and no complete video. A still "
        "cannot show how it was captured (live person, photo, screen) or what happened around it.",
        f"仅提交了{n}张人脸核验静态照片，未提交完整影像。静态照片无法反映采集过程（真人、照片或屏幕翻拍）。",
        {"stills": n, "bank_states_full_video_available": claims.get("full_video_available")}, ev)


@rule("BANK_SCORE_UNVERIFIABLE", "major", "Bank's similarity figure cannot be reproduced",
      "银行主张的相似度无法复核")
def _bank(ctx):
    claims = ctx["records"].get("bank_claims", {})
    logged = [r for r in ctx["log_rows"] if r.get("face_score") is not None]
    claimed = claims.get("face_similarity")
    if claimed is None and not logged:
        return not_evaluable("The bank asserts no similarity figure.", "银行未主张相似度数值。")
    score = claimed if claimed is not None else logged[0]["face_score"]
    thr = claims.get("threshold", logged[0].get("threshold") if logged else None)
    face = ctx.get("face") or {}
    ours = ""
    if face.get("likelihood_ratio") is not None:
        ours = (f" Our recomputation from the delivered material gives a distance of "
                f"{face['median_distance']:.3f} and LR {format_lr(face['likelihood_ratio'])}.")
    ev = ([{"file": "case.json", "field": "records.bank_claims.face_similarity"}] if claimed is not None else [])
    ev += [row_ev(r) for r in logged]
    return raised(
        f"The bank reports a similarity of {score}{f' against a threshold of {thr}' if thr is not None else ''} "
        f"from {claims.get('vendor', 'its vendor module')}. That figure is on the vendor's own scale, "
        "is not a probability, and cannot be reproduced: the vendor's algorithm, its version and the "
        f"exact image pair it scored were not delivered.{ours}",
        f"银行称相似度为{score}{f'（阈值{thr}）' if thr is not None else ''}。该数值为厂商自有刻度，"
        "并非概率，且因未提交厂商算法、版本及其比对的图像，无法复核。",
        {"bank_similarity": score, "bank_threshold": thr, "vendor": claims.get("vendor")}, ev)


@rule("FACE_MATCH_NOT_SUPPORTED", "critical", "Face comparison does not support 'same person'",
      "人脸比对不支持“同一人”")
def _face_no(ctx):
    f = ctx.get("face") or {}
    if f.get("likelihood_ratio") is None:
        return not_evaluable(f.get("explanation", "No face comparison could be made."), "无法进行人脸比对。")
    if f["likelihood_ratio"] <= 1:
        return raised(
            f"The recomputed comparison gives LR {format_lr(f['likelihood_ratio'])}: the findings are more "
            "probable if the person captured is someone else than if it is the card holder "
            f"({f['verbal_scale']['en']} for the alternative).",
            f"复核比对的似然比为{format_lr(f['likelihood_ratio'])}：该结果在“另有其人”命题下更可能出现"
            f"（{f['verbal_scale']['zh']}）。",
            {"likelihood_ratio": f["likelihood_ratio"], "median_distance": f["median_distance"]},
            [{"file": f["median_frame"]}, {"file": "id_photo"}])
    return not_raised("The comparison favours 'same person'.", "比对结果倾向同一人。")


@rule("FACE_MATCH_WEAK", "major", "Face comparison too weak to establish identity alone",
      "人脸比对证明力不足以单独认定身份")
def _face_weak(ctx):
    f = ctx.get("face") or {}
    if f.get("likelihood_ratio") is None:
        return not_evaluable(f.get("explanation", "No face comparison could be made."), "无法进行人脸比对。")
    lr, vs = f["likelihood_ratio"], f["verbal_scale"]
    if lr <= 1:
        return not_raised("The comparison does not favour 'same person' (see FACE_MATCH_NOT_SUPPORTED).",
                          "比对不支持同一人。")
    single = f["frames_used"] == 1
    if vs["rank"] >= 4 and not single:
        return not_raised(f"The comparison gives {vs['en']}.", f"比对结果为{vs['zh']}。")
    why = (" It rests on a single still, and one still cannot show who stood at the terminal: "
           "a photo of the card holder held up to the camera would give the same result." if single else "")
    return raised(
        f"The comparison gives LR {format_lr(lr)} ({vs['en']}) for 'same person' using the "
        f"{f['calibration']['name']} calibration.{why} This does not establish identity on its own.",
        f"比对似然比为{format_lr(lr)}（{vs['zh']}，校准：{f['calibration']['name']}）。"
        f"{'仅依据一张静态照片，无法排除他人手持当事人照片的情形。' if single else ''}不足以单独认定身份。",
        {"likelihood_ratio": lr, "verbal": vs["band"], "frames_used": f["frames_used"]},
        [{"file": f["median_frame"]}])


@rule("LIVENESS_INCONCLUSIVE", "major", "Material cannot show a live person was present",
      "材料无法证明系真人在场")
def _live_inc(ctx):
    lv = ctx.get("liveness") or {}
    if lv.get("status") != "analysed":
        return not_evaluable("Liveness was not analysed.", "未进行活体分析。")
    if lv.get("verdict") == "inconclusive":
        return raised(lv.get("explanation", "The material cannot show liveness."),
                      lv.get("explanation_zh", "材料无法证明活体。"),
                      {"verdict": "inconclusive", "reasons": lv.get("reasons", [])},
                      [{"file": f} for f in lv.get("sources", [])])
    return not_raised(f"Liveness verdict: {lv.get('verdict')}.")


@rule("PRESENTATION_ATTACK_SUSPECTED", "critical", "Presentation attack suspected", "疑似呈现攻击")
def _pad(ctx):
    lv = ctx.get("liveness") or {}
    if lv.get("status") != "analysed":
        return not_evaluable("Liveness was not analysed.", "未进行活体分析。")
    if lv.get("verdict") == "attack_suspected":
        return raised(lv.get("explanation", ""), lv.get("explanation_zh", ""),
                      {"species": lv.get("species"), "reasons": lv.get("reasons", [])},
                      [{"file": f} for f in lv.get("sources", [])])
    return not_raised(f"Liveness verdict: {lv.get('verdict')}.")


@rule("SINGLE_FACTOR", "major", "Face was the only check under the claimant's control",
      "人脸为唯一核验因素")
def _single(ctx):
    fv = events(ctx, "face_verify")
    if not fv:
        return not_evaluable("The log holds no face-verification event.", "日志中无人脸核验事件。")
    others = [r for r in ctx["log_rows"] if r["event"] == "other" and re.search(
        r"finger|指纹|password|密码|counter|柜员|人工", r.get("event_raw", ""), re.I)]
    if others:
        return not_raised("Another verification factor appears in the log.", "日志中存在其他核验因素。")
    otp = events(ctx, "otp_sent")
    tel = ctx["records"].get("telecom_record") or {}
    claimed = ctx["manifest"].get("claimant", {}).get("phone")
    otp_not_hers = [r for r in otp if tel.get("registered_to_claimant") is False
                    or phones_match(r.get("phone", ""), claimed or "") is False]
    if otp and len(otp_not_hers) < len(otp):
        return not_raised("One-time passwords went to the claimant's phone.", "验证码发送至当事人手机。")
    why = ("the one-time passwords went to a phone that is not the claimant's" if otp
           else "no one-time password or other factor appears in the log")
    return raised(
        f"The face check was the only factor: {why}. Nothing in the chain was under the claimant's "
        "own control, so the ID card and a face resembling its photo sufficed.",
        "人脸核验是唯一因素：" + ("验证码发送至非当事人的手机号" if otp else "日志中无验证码或其他核验因素")
        + "。整个流程中没有由当事人本人控制的独立因素。",
        {"face_verify_events": len(fv), "otp_events": len(otp), "otp_to_other_phone": len(otp_not_hers)},
        [row_ev(r) for r in fv + otp_not_hers])


@rule("CAPTURE_TIME_MISMATCH", "major", "Capture times do not fit the face-verification event",
      "采集时间与人脸核验记录不符")
def _capture(ctx):
    fv = events(ctx, "face_verify")
    times = ctx.get("frame_times") or []
    if not fv:
        return not_evaluable("The log holds no face-verification event.", "日志中无人脸核验事件。")
    if not times:
        return not_evaluable("The stills carry no capture time (no EXIF date, no container date).",
                             "照片无拍摄时间信息。")
    tol = ctx.get("capture_tolerance_s", 120)
    fv_t = [dt.datetime.fromisoformat(r["time"]) for r in fv]
    bad = []
    for ft in times:
        t = dt.datetime.fromisoformat(ft["time"])
        gap = min(abs((t - x).total_seconds()) for x in fv_t)
        if gap > tol:
            bad.append(ft | {"seconds_from_nearest_face_verify": round(gap, 1)})
    if not bad:
        return not_raised(f"All {len(times)} capture times lie within {tol} s of a face-verification event.",
                          f"全部{len(times)}个采集时间在人脸核验事件前后{tol}秒内。")
    return raised(
        f"{len(bad)} of {len(times)} stills were captured more than {tol} s away from any "
        f"face-verification event in the log (largest gap {max(b['seconds_from_nearest_face_verify'] for b in bad):.0f} s).",
        f"{len(times)}张照片中有{len(bad)}张的采集时间与日志中的人脸核验事件相差超过{tol}秒。",
        {"tolerance_s": tol, "mismatched": bad},
        [{"file": b["frame"], "time": b["time"]} for b in bad] + [row_ev(r) for r in fv])


@rule("TERMINAL_MISMATCH", "major", "Material comes from another terminal than the log names",
      "材料来源终端与日志不符")
def _terminal(ctx):
    fv = [r for r in events(ctx, "face_verify") if r.get("terminal_id")]
    declared = ctx.get("media_terminals") or []
    if not fv or not declared:
        return not_evaluable("Terminal identifiers are missing from the log or the material.",
                             "日志或材料缺少终端编号。")
    log_ids = {r["terminal_id"] for r in fv}
    bad = [d for d in declared if d["terminal_id"] not in log_ids]
    if not bad:
        return not_raised(f"Material and log name the same terminal ({', '.join(sorted(log_ids))}).",
                          "材料与日志的终端编号一致。")
    return raised(
        f"The material names terminal(s) {', '.join(sorted({d['terminal_id'] for d in bad}))}, the "
        f"log's face check ran on {', '.join(sorted(log_ids))}.",
        "材料所载终端编号与日志中人脸核验的终端编号不一致。",
        {"material": bad, "log": sorted(log_ids)},
        [{"file": d["source"]} for d in bad] + [row_ev(r) for r in fv])


@rule("LOG_INTEGRITY", "major", "Serial gaps, duplicates or disorder in the log", "日志流水缺号、重复或乱序")
def _integrity(ctx):
    rows = ctx["log_rows"]
    if not rows:
        return not_evaluable("No readable transaction log.", "无可读取的交易日志。")
    problems, ev = [], []
    for e in ctx.get("log_errors", []):
        problems.append(f"{e['file']} row {e['row']} unreadable: {e['reason']}")
        ev.append({"file": e["file"], "row": e["row"]})
    by_serial: dict = {}
    for r in rows:
        if r.get("serial"):
            by_serial.setdefault((r["file"], r["serial"]), []).append(r)
    for (f, s), rs in sorted(by_serial.items()):
        if len(rs) > 1:
            problems.append(f"serial {s} appears {len(rs)} times ({f} rows {', '.join(str(x['row']) for x in rs)})")
            ev += [row_ev(x) for x in rs]
    groups: dict = {}
    for r in rows:
        m = re.fullmatch(r"(.*?)(\d+)", r.get("serial") or "")
        if m and len(m.group(2)) >= 4:
            num = m.group(2)
            groups.setdefault((r["file"], m.group(1), num[:-4], len(num)), []).append((int(num), r))
    gaps = []
    for key, items in groups.items():
        items.sort(key=lambda x: x[0])
        for (a, ra), (b, rb) in zip(items, items[1:]):
            if b - a > 1:
                gaps.append((ra, rb, b - a - 1))
            if ra["time_utc"] > rb["time_utc"]:
                problems.append(f"serial {rb['serial']} (row {rb['row']}) is timed before the earlier "
                                f"serial {ra['serial']} (row {ra['row']})")
                ev += [row_ev(ra), row_ev(rb)]
    for ra, rb, n in gaps:
        problems.append(f"{n} serial number(s) missing between {ra['serial']} and {rb['serial']}")
        ev += [row_ev(ra), row_ev(rb)]
    if not problems:
        return not_raised(f"{len(rows)} log rows read; no duplicates, gaps within runs, or disorder.",
                          f"共读取{len(rows)}行日志，未见重复、缺号或乱序。")
    severe = any("appears" in p or "timed before" in p for p in problems)
    return raised(
        "The log shows: " + "; ".join(problems[:20]) + ("; ..." if len(problems) > 20 else "") +
        ". Serial gaps can be innocent in an export filtered to one account; ask the bank for the "
        "unfiltered journal of the terminal.",
        "日志存在以下问题：" + "；".join(problems[:20]) + "。单一账户导出的日志出现缺号可能属正常，应向银行调取终端完整流水。",
        {"problems": problems}, ev, severity="major" if severe else "minor")


@rule("HASH_MISMATCH", "critical", "Delivered file differs from the hash the bank declared",
      "文件哈希与银行声明不符")
def _hash(ctx):
    declared = ctx["records"].get("bank_claims", {}).get("declared_hashes") or {}
    if not declared:
        return not_evaluable("The bank declared no hashes.", "银行未声明文件哈希。")
    have = {i["path"]: i["sha256"] for i in ctx["inputs"]}
    bad = [{"path": p, "declared": h.lower(), "computed": have.get(p)} for p, h in sorted(declared.items())
           if have.get(p) != h.lower()]
    if not bad:
        return not_raised(f"All {len(declared)} declared hashes match.", f"全部{len(declared)}个声明哈希一致。")
    return raised(
        f"{len(bad)} file(s) differ from the SHA-256 the bank declared: "
        + ", ".join(b["path"] + (" (missing)" if b["computed"] is None else "") for b in bad)
        + ". The material is not what the bank says it delivered.",
        f"{len(bad)}个文件的SHA-256与银行声明不一致，材料并非银行所称的原始材料。",
        {"mismatched": bad}, [{"file": b["path"]} for b in bad])


@rule("EXTRA_PERSON_IN_FRAME", "major", "Another face in the captured material", "画面中出现他人")
def _extra(ctx):
    f = ctx.get("face") or {}
    if f.get("status") in (None, "not_analysed"):
        return not_evaluable("Faces were not analysed.", "未进行人脸分析。")
    frames = f.get("multiple_people") or []
    if not frames:
        return not_raised("One face per frame.", "每帧仅一张人脸。")
    return raised(
        f"{len(frames)} frame(s) show more than one face; the most face-like was taken as the subject. "
        "Another person at the terminal may have guided or carried out the transaction.",
        f"{len(frames)}帧画面中出现多张人脸（以最像人脸者为对象），可能有他人在场指导或代办。",
        {"frames": frames[:50]}, [{"file": x} for x in frames[:50]])


@rule("MEDIA_EDITED_SUSPECTED", "major", "Signs of editing after capture", "疑似采集后被编辑")
def _edited(ctx):
    a = ctx.get("authenticity") or {}
    if a.get("status") != "analysed":
        return not_evaluable("Media authenticity was not analysed.", "未进行媒体真实性分析。")
    hits = a.get("suspicious") or []
    if not hits:
        return not_raised("No editing traces found.", "未发现编辑痕迹。")
    return raised("Traces of editing: " + "; ".join(h["trace"] + f" ({h['file']})" for h in hits[:20]) + ".",
                  "发现编辑痕迹：" + "；".join(h.get("trace_zh", h["trace"]) for h in hits[:20]) + "。",
                  {"traces": hits}, [{"file": h["file"]} for h in hits])


@rule("DEVICE_ANOMALY", "major", "Mobile-banking device anomaly", "移动端设备异常")
def _device(ctx):
    mob = [r for r in ctx["log_rows"] if r.get("device_id")]
    if not mob:
        return not_evaluable("The log carries no device fingerprints.", "日志中无设备指纹。")
    accounts: dict = {}
    for r in mob:
        accounts.setdefault(r["device_id"], set()).add(r.get("account", ""))
    problems, ev = [], []
    for dev, accts in sorted(accounts.items()):
        if len(accts - {""}) > 1:
            problems.append(f"device {dev} used for {len(accts)} accounts")
            ev += [row_ev(r) for r in mob if r["device_id"] == dev]
    flag = re.compile(r"emulat|模拟器|hook|xposed|frida|root|越狱|jailbreak|virtual.?camera|多开|双开")
    for r in mob:
        for k, v in r.get("extra", {}).items():
            if v not in (None, "", "0", "false", "False", "否") and flag.search(f"{k}={v}".lower()):
                problems.append(f"row {r['row']}: {k}={v}")
                ev.append(row_ev(r))
    if not problems:
        return not_raised(f"{len(accounts)} device(s); none shared or flagged.", "设备未见共享或异常标记。")
    return raised("Device signals: " + "; ".join(problems[:20]) + ".", "设备异常：" + "；".join(problems[:20]) + "。",
                  {"problems": problems}, ev)


def evaluate(ctx: dict) -> tuple[list[dict], list[dict]]:
    """Run every rule. Returns (findings raised, sorted by severity; every rule's status)."""
    findings, checked = [], []
    for r in RULES:
        out = r.check(ctx)
        checked.append({"rule": r.id, "status": out.status,
                        "reason": out.explanation if out.status != "raised" else "",
                        "reason_zh": out.explanation_zh if out.status != "raised" else ""})
        if out.status == "raised":
            findings.append({"rule": r.id, "severity": out.severity or r.severity, "title": r.title,
                             "title_zh": r.title_zh, "explanation": out.explanation,
                             "explanation_zh": out.explanation_zh, "facts": out.facts,
                             "evidence": out.evidence})
    findings.sort(key=lambda f: (SEVERITY_ORDER[f["severity"]], [x.id for x in RULES].index(f["rule"])))
    return findings, checked
