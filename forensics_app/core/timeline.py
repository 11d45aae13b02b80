"""One time axis for log events, frame capture times and external records; and the summary."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .lr import format_lr
from .rules import SEVERITY_ORDER

RECORD_DATES = {
    "id_loss_report": ("reported_at", "ID reported lost", "身份证报失"),
    "loan_contract": ("signed_at", "Loan contract signed", "贷款合同签订"),
    "telecom_record": ("dated", "Telecom operator's reply", "运营商回复"),
    "signature_opinion": ("dated", "Handwriting opinion", "笔迹鉴定意见"),
}


def _iso(s: str, tz: str) -> str:
    t = dt.datetime.fromisoformat(s)
    return (t if t.tzinfo else t.replace(tzinfo=ZoneInfo(tz))).isoformat()


def build_timeline(rows: list[dict], frame_times: list[dict], records: dict, tz: str) -> list[dict]:
    items = []
    for r in rows:
        items.append({"time": r["time"], "kind": "log", "label": r["event"], "detail": r.get("event_raw", ""),
                      "channel": r.get("channel", ""), "evidence": {"file": r["file"], "row": r["row"]}})
    for f in frame_times:
        items.append({"time": f["time"], "kind": "capture", "label": "frame captured",
                      "detail": f["source"], "evidence": {"file": f["frame"]}})
    for name, (key, en, zh) in RECORD_DATES.items():
        rec = records.get(name) or {}
        if rec.get(key):
            items.append({"time": _iso(rec[key], tz), "kind": "record", "label": en, "label_zh": zh,
                          "detail": rec.get("authority", ""),
                          "evidence": {"file": "case.json", "field": f"records.{name}",
                                       "source": rec.get("source")}})
    items.sort(key=lambda x: (dt.datetime.fromisoformat(x["time"]).astimezone(dt.timezone.utc),
                              x["kind"], x["label"]))
    return items


def summary_statement(findings: list[dict], checked: list[dict], face: dict, liveness: dict) -> dict:
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_ORDER}
    ids = {f["rule"] for f in findings}
    en, zh = [], []
    if "ID_LOST_BEFORE_USE" in ids:
        en.append("The ID card had been reported lost before it was used to open the account.")
        zh.append("开户前身份证已报失。")
    if "PHONE_NOT_CLAIMANTS" in ids:
        en.append("The phone number bound to the account was not the claimant's.")
        zh.append("账户绑定的手机号不属于当事人。")
    if "SIGNATURE_NOT_CLAIMANTS" in ids:
        en.append("A handwriting opinion says the signature is not the claimant's.")
        zh.append("笔迹鉴定意见认定签名非当事人所签。")
    if "NO_FULL_VIDEO" in ids:
        en.append("No complete video of the face check was produced.")
        zh.append("银行未提供人脸核验的完整影像。")
    if face.get("likelihood_ratio") is not None:
        vs = face["verbal_scale"]
        en.append(f"Our recomputed face comparison gives LR {format_lr(face['likelihood_ratio'])} "
                  f"({vs['en']} for {'the same person' if vs['favours'] == 'Hp' else 'a different person' if vs['favours'] == 'Hd' else 'neither'}), "
                  f"from {face['frames_used']} usable frame(s).")
        zh.append(f"复核人脸比对似然比为{format_lr(face['likelihood_ratio'])}（{vs['zh']}），依据{face['frames_used']}帧可用图像。")
    if liveness.get("verdict") == "inconclusive":
        en.append("The material cannot show that a live person was in front of the camera.")
        zh.append("材料无法证明镜头前系真人。")
    elif liveness.get("verdict") == "attack_suspected":
        en.append(f"Cues point to a presentation attack ({liveness.get('species') or 'unspecified'}).")
        zh.append("线索提示存在呈现攻击。")
    if "SINGLE_FACTOR" in ids:
        en.append("No verification factor independent of the ID card and the face was under the claimant's control.")
        zh.append("不存在由当事人控制的、独立于证件和人脸之外的核验因素。")
    not_eval = [c["rule"] for c in checked if c["status"] == "not_evaluable"]
    establishes = ("The chain does not establish that the claimant was the person at the terminal."
                   if ids & {"ID_LOST_BEFORE_USE", "PHONE_NOT_CLAIMANTS", "SIGNATURE_NOT_CLAIMANTS",
                             "NO_FULL_VIDEO", "FACE_MATCH_WEAK", "FACE_MATCH_NOT_SUPPORTED",
                             "LIVENESS_INCONCLUSIVE", "PRESENTATION_ATTACK_SUSPECTED"}
                   else "No gap was found in the checks that could be evaluated.")
    establishes_zh = ("现有证据链不能证明当事人即为终端前办理业务之人。" if establishes.startswith("The chain")
                      else "可评估的检查项中未发现缺口。")
    return {"counts": counts, "statements": en, "statements_zh": zh, "conclusion": establishes,
            "conclusion_zh": establishes_zh, "not_evaluable": not_eval,
            "caveat": "This states how strongly the findings support one proposition over the other; "
                      "it does not state the probability that the claimant was or was not present, "
                      "which is for the court.",
            "caveat_zh": "本报告仅说明检验结果对两个命题的支持程度，不陈述当事人是否在场的概率，该问题由法庭判断。"}
