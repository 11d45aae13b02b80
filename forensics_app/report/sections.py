"""Report sections. Each takes (ctx, results, digest, created, case_root) and returns flowables."""

from __future__ import annotations

import io
import json

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, PageBreak, Spacer, Table

from .. import SOFTWARE_NAME, __version__
from ..core.lr import band_table, format_lr
from .build import SEV_COLOURS
from .charts import distance_chart, series_chart, timeline_chart

W = 174 * mm   # text width


def cover(c, r, digest, created, root):
    s = [Spacer(1, 30 * mm), c.p(c.t("Forensic examination report", "司法鉴定（检验）报告"), c.title),
         Spacer(1, 4 * mm), c.p(r.get("title", ""), c.centre), Spacer(1, 14 * mm)]
    cl = r.get("claimant", {})
    rows = [
        [c.t("Case", "案件编号"), r["case_id"]],
        [c.t("Court", "法院"), r.get("court") or c.t("not stated", "未注明")],
        [c.t("Examiner", "鉴定人"), r.get("examiner") or c.t("not stated", "未注明")],
        [c.t("Report date", "报告日期"), created.date().isoformat() + c.t(" (date of the analysis record)", "（分析记录日期）")],
        [c.t("Report id", "报告编号"), f"{r['case_id']}-{digest[:12]}-{c.lang}"],
        [c.t("Claimant", "当事人"), " ".join(x for x in (cl.get("name"), cl.get("id_number"), cl.get("phone")) if x)],
        [c.t("Bank", "银行"), " ".join(x for x in (r.get("bank", {}).get("name"), r.get("bank", {}).get("branch")) if x)],
        [c.t("Software", "软件"), f"{SOFTWARE_NAME} {__version__}"],
        [c.t("Results digest", "结果摘要值"), f"SHA-256 {digest}"],
    ]
    s.append(c.table(rows, [40 * mm, W - 40 * mm], header=False, style=c.body))
    s += [Spacer(1, 10 * mm), c.p(c.t(
        "Privacy: ID and phone numbers are masked in this copy (PIPL Art. 28)." if c.mask else
        "This copy shows ID and phone numbers unmasked: restricted to the court and the examiner.",
        "隐私：本副本已对身份证号和手机号作遮蔽处理（《个人信息保护法》第28条）。" if c.mask else
        "本副本未遮蔽身份证号和手机号，仅限法庭和鉴定人使用。"), c.small), PageBreak()]
    return s


def summary(c, r, digest, created, root):
    s = [c.p(c.t("1. Summary of findings", "一、检验结果摘要"), c.h1)]
    sm = r["summary"]
    for st in (sm["statements_zh"] if c.lang == "zh" else sm["statements"]):
        s.append(c.p("• " + st))
    s += [Spacer(1, 3 * mm), c.p(f"<b>{c.clean(c.t(sm['conclusion'], sm['conclusion_zh']))}</b>", raw=True),
          Spacer(1, 2 * mm), c.p(c.t(sm["caveat"], sm["caveat_zh"]), c.small), Spacer(1, 3 * mm)]
    rows = [[c.t("Severity", "严重程度"), c.t("Rule", "规则"), c.t("Finding", "发现")]]
    for f in r["findings"]:
        rows.append([c.p(f'<font color="{SEV_COLOURS[f["severity"]]}">{f["severity"]}</font>', c.small, raw=True),
                     f["rule"], c.t(f["title"], f["title_zh"])])
    if len(rows) == 1:
        rows.append(["—", "—", c.t("no finding raised", "未发现问题")])
    s.append(c.table(rows, [20 * mm, 52 * mm, W - 72 * mm]))
    return s


def items(c, r, digest, created, root):
    s = [c.p(c.t("2. Items received", "二、送检材料"), c.h1),
         c.p(c.t("Every file in the case folder, hashed when read. The evidence folder was never written to.",
                 "案件文件夹内全部文件，读取时计算哈希；本软件从不写入证据文件夹。"), c.small)]
    rows = [[c.t("File", "文件"), c.t("Role", "用途"), c.t("Bytes", "字节"), "SHA-256"]]
    for i in r["inputs"]:
        rows.append([i["path"], i["role"], str(i["size"]), c.p(i["sha256"], c.tiny)])
    s.append(c.table(rows, [52 * mm, 26 * mm, 16 * mm, W - 94 * mm]))
    return s


def questions(c, r, digest, created, root):
    pr = r["propositions"]
    return [c.p(c.t("3. Questions and propositions", "三、待证问题与命题"), c.h1),
            c.p(c.t("The question: does the material support that the card holder was the person at the "
                    "terminal, and does the evidence chain attribute the transactions to her?",
                    "待证问题：送检材料是否支持持卡人本人即为终端前办理业务之人，证据链能否将相关交易归于当事人？")),
            c.p("Hp: " + c.t(pr["Hp"], pr["Hp_zh"])), c.p("Hd: " + c.t(pr["Hd"], pr["Hd_zh"])),
            c.p(c.t("The likelihood ratio LR = P(findings | Hp) / P(findings | Hd) states how much more probable "
                    "the findings are under one proposition than the other. It is not the probability that "
                    "either proposition is true; that is for the court.",
                    "似然比 LR = P(结果|Hp) / P(结果|Hd)，表示检验结果在一个命题下比在另一个命题下更可能出现的倍数，"
                    "并非任一命题为真的概率；后者由法庭判断。"), c.small), PageBreak()]


def methods(c, r, digest, created, root):
    sw = r["software"]
    fc = r["face_comparison"]
    s = [c.p(c.t("4. Methods", "四、检验方法"), c.h1),
         c.p(f"{sw['name']} {sw['version']}; " + ", ".join(f"{k} {v}" for k, v in sorted(sw["libraries"].items())))]
    rows = [[c.t("Model", "模型"), c.t("Purpose", "用途"), "SHA-256", c.t("Licence", "许可")]]
    for m in r.get("models", []):
        rows.append([m["name"], m.get("purpose", ""), c.p(m["sha256"], c.tiny), m["licence"]])
    s.append(c.table(rows, [42 * mm, 30 * mm, 52 * mm, W - 124 * mm]))
    params = fc.get("parameters", {})
    if params:
        s += [Spacer(1, 2 * mm), c.p(c.t("Face stage parameters: ", "人脸比对参数：") + ", ".join(
            f"{k}={v}" for k, v in sorted(params.items()) if k != "quality_thresholds"), c.small),
              c.p(c.t("Quality thresholds (ISO/IEC 29794-5 factors): ", "质量阈值（ISO/IEC 29794-5 因素）：") + ", ".join(
                  f"{k}={v}" for k, v in sorted(params.get("quality_thresholds", {}).items())), c.small)]
    return s


def _crop(root, frame_label, box, size=120):
    from PIL import Image as PImage
    from ..io.images import read_image
    from ..io.video import iter_frames
    if root is None or frame_label is None:
        return None
    try:
        if "#" in frame_label:
            path, idx = frame_label.rsplit("#", 1)
            rgb = next(x[2] for x in iter_frames(root / path) if x[0] == int(idx))
        else:
            rgb, _ = read_image(root / frame_label)
    except Exception:
        return None
    im = PImage.fromarray(rgb)
    if box:
        l, t, rr, b = box
        m = int(0.35 * (rr - l))
        im = im.crop((max(0, l - m), max(0, t - m), min(im.width, rr + m), min(im.height, b + m)))
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=False)
    buf.seek(0)
    w, h = im.size
    sc = size / max(w, h)
    return Image(buf, width=w * sc, height=h * sc)


def face(c, r, digest, created, root):
    fc = r["face_comparison"]
    s = [c.p(c.t("5. Face comparison", "五、人脸比对"), c.h1)]
    if fc.get("status") not in ("analysed", "no_usable_frames", "no_reference_face"):
        return s + [c.p(c.t("Not analysed.", "未分析。"))]
    cal = fc["calibration"]
    s.append(c.p(c.t(
        f"{fc['frames_total']} frame(s) examined, {fc['frames_used']} fit for comparison. "
        + ("Not used: " + "; ".join(f"{k} ×{v}" for k, v in fc['frames_not_used'].items()) if fc["frames_not_used"] else ""),
        f"共检查{fc['frames_total']}帧，其中{fc['frames_used']}帧适合比对。"
        + ("未使用：" + "；".join(f"{k} ×{v}" for k, v in fc['frames_not_used'].items()) if fc["frames_not_used"] else ""))))
    idp = fc.get("id_photo", {})
    best = next((x for x in fc["per_frame"] if x["frame"] == fc.get("best_frame")), None)
    med = next((x for x in fc["per_frame"] if x["frame"] == fc.get("median_frame")), None)
    imgs = [_crop(root, idp.get("path"), idp.get("box")), _crop(root, best and best["frame"], best and best.get("box")),
            _crop(root, med and med["frame"], med and med.get("box"))]
    caps = [c.t("ID photo", "证件照片"), c.t("best frame", "最近帧") + f"\n{fc.get('best_frame') or ''}",
            c.t("median frame", "中位帧") + f"\n{fc.get('median_frame') or ''}"]
    cells = [[i or c.p(c.t("(image not available)", "（图像不可用）"), c.small) for i in imgs],
             [c.p(x, c.tiny) for x in caps]]
    s += [Spacer(1, 2 * mm), Table(cells, colWidths=[W / 3] * 3, style=[("FONTNAME", (0, 0), (-1, -1), c.font)]), Spacer(1, 2 * mm)]
    if fc.get("likelihood_ratio") is not None:
        vs = fc["verbal_scale"]
        fav = {"Hp": c.t("the same person (Hp)", "同一人（Hp）"), "Hd": c.t("different people (Hd)", "不同人（Hd）"),
               "neither": c.t("neither", "任一命题")}[vs["favours"]]
        s.append(c.p(c.t(
            f"Median distance {fc['median_distance']:.4f} (best {fc['best_distance']:.4f}, range "
            f"{fc['spread']['min']:.4f}–{fc['spread']['max']:.4f}). Likelihood ratio {format_lr(fc['likelihood_ratio'])} "
            f"(log10 {fc['log10_lr']:.2f}): {vs['en']} for {fav}.",
            f"中位距离{fc['median_distance']:.4f}（最近{fc['best_distance']:.4f}，范围{fc['spread']['min']:.4f}–"
            f"{fc['spread']['max']:.4f}）。似然比{format_lr(fc['likelihood_ratio'])}（log10 {fc['log10_lr']:.2f}）：{vs['zh']}，支持{fav}。")))
        if fc.get("single_still_capped"):
            s.append(c.p(c.t("Only one still was usable: the LR is capped at the top of 'moderately strong'; "
                             "a single still never counts as strong support on its own.",
                             "仅有一帧可用：似然比上限设为“较强支持”的上端，单张照片不得单独构成强支持。"), c.small))
        s.append(c.p(c.t(f"The LR is computed on the median distance; the best frame alone would give log10 LR "
                         f"{fc['best_frame_log10_lr']:.2f}, but choosing the best of several frames biases towards a match.",
                         f"似然比基于中位距离计算；若只取最近帧，log10 LR为{fc['best_frame_log10_lr']:.2f}，但从多帧中择优会偏向匹配。"), c.small))
    else:
        s.append(c.p(fc.get("explanation", "")))
    s.append(distance_chart(fc["per_frame"], fc.get("decision_threshold"), c.font,
                            labels=(c.t("frame", "帧"), c.t("distance to ID photo", "与证件照距离"))))
    m = cal.get("metrics_held_out", {})
    s += [c.p(c.t("Calibration", "校准"), c.h2), c.p(c.t(
        f"Calibration '{cal['name']}' ({cal.get('chosen_by', '')}): {cal['population']}. Data: {cal['source']}. "
        f"{cal['n_same']} same-person and {cal['n_diff']} different-person pairs from {cal['n_people']} people. "
        f"LRs are bounded to 10^{cal['log10_lower']:.2f} … 10^{cal['log10_upper']:.2f} (ELUB, Vergeer et al. 2016). "
        f"Held out by person: EER {m.get('eer', 0):.3f}, Cllr {m.get('cllr', 0):.3f}, misleading LR>1 for different "
        f"people {m.get('misleading_diff_lr_above_1', 0):.3f}, LR<1 for the same person {m.get('misleading_same_lr_below_1', 0):.3f}. "
        f"Limits: {cal['limits']}",
        f"校准“{cal['name']}”（{cal.get('chosen_by', '')}）：{cal['population']}。数据：{cal['source']}。"
        f"同一人配对{cal['n_same']}对、不同人配对{cal['n_diff']}对，共{cal['n_people']}人。似然比界限为10^{cal['log10_lower']:.2f}至"
        f"10^{cal['log10_upper']:.2f}（ELUB方法）。按人分组留出检验：等错误率{m.get('eer', 0):.3f}，Cllr {m.get('cllr', 0):.3f}，"
        f"不同人LR>1比例{m.get('misleading_diff_lr_above_1', 0):.3f}，同一人LR<1比例{m.get('misleading_same_lr_below_1', 0):.3f}。局限：{cal['limits']}"), c.small)]
    if cal.get("sha256"):
        origin = {"shipped": ("shipped with the software", "随软件提供"),
                  "installed": ("installed by the laboratory", "由实验室安装")}.get(cal.get("origin"), ("", ""))
        s.append(c.p(c.t(f"Calibration file SHA-256 {cal['sha256']} ({origin[0]})",
                         f"校准文件SHA-256 {cal['sha256']}（{origin[1]}）"), c.tiny))
    er, e6 = fc.get("error_rates_at_threshold", {}), fc.get("error_rates_at_0.6", {})
    if er.get("fmr") is not None:
        s.append(c.p(c.t(f"At the operating threshold (distance {fc['decision_threshold']:.3f}, where LR = 1): "
                         f"false-match rate {er['fmr']:.3f}, false-non-match rate {er['fnmr']:.3f}. At dlib's customary 0.6: "
                         f"FMR {e6['fmr']:.3f}, FNMR {e6['fnmr']:.3f}.",
                         f"在工作阈值（距离{fc['decision_threshold']:.3f}，LR=1处）：错误匹配率{er['fmr']:.3f}，错误不匹配率{er['fnmr']:.3f}。"
                         f"在dlib常用阈值0.6处：错误匹配率{e6['fmr']:.3f}，错误不匹配率{e6['fnmr']:.3f}。"), c.small))
    rows = [[c.t("LR range", "似然比范围"), c.t("Verbal equivalent (ENFSI 2015)", "言辞等级（ENFSI 2015）")]]
    for b in band_table():
        rng = f"{b['from']:,.0f}" + (f" – {b['to']:,.0f}" if b["to"] else " +")
        rows.append([rng if b["band"] != "no_support" else "1 – 2", c.t(b["en"], b["zh"])])
    s += [Spacer(1, 2 * mm), KeepTogether([c.p(c.t("Verbal scale (for LR < 1 use 1/LR and swap the propositions)",
                                                     "言辞等级表（LR<1时取倒数并交换命题）"), c.small),
                                             c.table(rows, [40 * mm, 80 * mm])])]
    bank = r.get("records", {}).get("bank_claims", {})
    if bank.get("face_similarity") is not None:
        s += [c.p(c.t("The bank's figure beside ours", "银行数值与本次复核对照"), c.h2),
              c.table([[c.t("Source", "来源"), c.t("Figure", "数值"), c.t("Scale", "刻度")],
                       [bank.get("vendor", c.t("bank", "银行")), f"{bank['face_similarity']} ({c.t('threshold', '阈值')} {bank.get('threshold', '—')})",
                        c.t("vendor similarity, undisclosed algorithm: not a probability, not comparable", "厂商相似度，算法未公开：非概率，不可直接比较")],
                       [f"{SOFTWARE_NAME} {__version__}", f"{c.t('distance', '距离')} {fc.get('median_distance')}; LR {format_lr(fc['likelihood_ratio']) if fc.get('likelihood_ratio') else '—'}",
                        c.t("dlib embedding distance, calibrated to an LR on stated data", "dlib特征距离，依所述数据校准为似然比")]],
                      [45 * mm, 55 * mm, W - 100 * mm])]
    return s


def liveness(c, r, digest, created, root):
    lv = r["liveness"]
    s = [c.p(c.t("6. Liveness", "六、活体检测"), c.h1)]
    if lv.get("status") != "analysed":
        return s + [c.p(c.t("Not analysed: ", "未分析：") + lv.get("explanation", ""))]
    verdict = {"live": c.t("live", "真人"), "attack_suspected": c.t("attack suspected", "疑似攻击"),
               "inconclusive": c.t("inconclusive: this material cannot tell", "无法判断：现有材料不足以判断")}[lv["verdict"]]
    s.append(c.p(f"<b>{c.clean(c.t('Verdict: ', '结论：') + verdict)}</b>" +
                 (f" ({c.clean(lv['species'])})" if lv.get("species") else ""), raw=True))
    s.append(c.p(c.t(lv.get("explanation", ""), lv.get("explanation_zh", lv.get("explanation", "")))))
    rows = [[c.t("Cue", "线索"), c.t("Value", "测量值"), c.t("Threshold", "阈值"), c.t("Meaning", "含义")]]
    for q in lv.get("cues", []):
        rows.append([q["name"], str(q["value"]), str(q["threshold"]), q["meaning"]])
    s.append(c.table(rows, [35 * mm, 30 * mm, 30 * mm, W - 95 * mm]))
    for series in lv.get("series", []):
        s += [Spacer(1, 2 * mm), series_chart(series["values"], c.font, series.get("threshold"),
                                              ylabel=series["name"])]
    return s


def authenticity(c, r, digest, created, root):
    a = r["authenticity"]
    s = [c.p(c.t("7. Media authenticity", "七、媒体真实性"), c.h1)]
    if a.get("status") != "analysed":
        return s + [c.p(c.t("Not analysed: ", "未分析：") + a.get("explanation", ""))]
    sus = a.get("suspicious", [])
    s.append(c.p(c.t(f"{len(sus)} trace(s) of editing found.", f"发现{len(sus)}处编辑痕迹。") if sus else
                 c.t("No trace of editing found by the checks below.", "以下检查未发现编辑痕迹。")))
    for t in sus:
        s.append(c.p(f"• {t['file']}: " + c.t(t["trace"], t.get("trace_zh", t["trace"])), c.small))
    rows = [[c.t("File", "文件"), c.t("Check", "检查"), c.t("Result", "结果")]]
    for ck in a.get("checks", []):
        rows.append([ck["file"], ck["check"], ck["result"]])
    s.append(c.table(rows, [50 * mm, 40 * mm, W - 90 * mm]))
    for nd in a.get("not_done", []):
        s.append(c.p(c.t("Not done: ", "未完成：") + nd, c.small))
    return s


def timeline(c, r, digest, created, root):
    s = [PageBreak(), c.p(c.t("8. Timeline", "八、时间线"), c.h1),
         c.p(c.t("Blue: log events; red: records; green: frame capture times.",
                 "蓝色：日志事件；红色：外部记录；绿色：图像采集时间。"), c.small),
         timeline_chart(r["timeline"], c.font, width=W, label_key="label_zh" if c.lang == "zh" else "label")]
    rows = [[c.t("Time", "时间"), c.t("Kind", "类型"), c.t("Event", "事件"), c.t("Evidence", "依据")]]
    for it in r["timeline"]:
        ev = it["evidence"]
        where = ev["file"] + (f" row {ev['row']}" if "row" in ev else "") + (f" {ev['field']}" if "field" in ev else "")
        rows.append([it["time"].replace("T", " "), it["kind"], (it.get("label_zh") if c.lang == "zh" else None) or it["label"]
                     + (f" ({it['channel']})" if it.get("channel") else ""), where])
    s.append(c.table(rows, [40 * mm, 16 * mm, 48 * mm, W - 104 * mm]))
    for lg in r.get("logs", []):
        s.append(c.p(c.t(f"{lg['path']}: {lg['format']}, {lg['encoding']}, {lg['rows_read']} rows read, "
                         f"{lg['rows_unreadable']} unreadable.",
                         f"{lg['path']}：{lg['format']}，{lg['encoding']}，读取{lg['rows_read']}行，无法读取{lg['rows_unreadable']}行。"), c.small))
        for e in lg["errors"][:30]:
            s.append(c.p(f"  row {e['row']}: {e['reason']}", c.tiny))
    return s


def findings(c, r, digest, created, root):
    s = [PageBreak(), c.p(c.t("9. Evidence-chain findings", "九、证据链问题"), c.h1)]
    for f in r["findings"]:
        ev = "; ".join(e.get("file", "") + (f" row {e['row']}" if "row" in e else "") +
                       (f" [{e['field']}]" if "field" in e else "") for e in f["evidence"][:25])
        block = [c.p(f'<font color="{SEV_COLOURS[f["severity"]]}">[{f["severity"]}]</font> '
                     f'<b>{c.clean(f["rule"])}</b> — {c.clean(c.t(f["title"], f["title_zh"]))}', c.h2, raw=True),
                 c.p(c.t(f["explanation"], f["explanation_zh"])),
                 c.p(c.t("Evidence: ", "依据：") + (ev or "—"), c.small)]
        s.append(KeepTogether(block))
    ne = [x for x in r["rules_checked"] if x["status"] == "not_evaluable"]
    if ne:
        s.append(c.p(c.t("Rules that could not be evaluated for lack of material", "因材料不足无法评估的规则"), c.h2))
        s.append(c.table([[c.t("Rule", "规则"), c.t("Why", "原因")]] + [[x["rule"], c.t(x["reason"], x.get("reason_zh") or x["reason"])] for x in ne],
                         [55 * mm, W - 55 * mm]))
    return s


def limitations(c, r, digest, created, root):
    fc = r["face_comparison"]
    cal = fc.get("calibration", {})
    lines_en = [
        f"The face calibration ('{cal.get('name')}') comes from public figures' web photos, not STM captures; "
        "camera, lighting, compression and ageing at a terminal differ. Look-alikes and relatives are not represented.",
        "The LR is bounded by what the calibration data can support; it cannot exceed the stated bounds.",
        "A face comparison, however strong, does not show who presented the ID card, nor that a live person was present.",
        "The vendor's similarity score cannot be compared with ours: its algorithm was not disclosed.",
        "Records (police, telecom, handwriting) are taken as delivered; this examination did not verify their content.",
        "Pose is estimated from five landmarks and is approximate (a few degrees).",
    ]
    lines_zh = [
        f"人脸校准（“{cal.get('name')}”）来自公众人物网络照片，而非STM采集图像；终端的相机、光照、压缩与年龄变化不同；未覆盖相貌相似者及亲属。",
        "似然比受校准数据所能支持的范围限制，不超过所述界限。",
        "人脸比对无论强弱，都不能说明是谁出示了身份证，也不能证明镜头前是真人。",
        "厂商相似度无法与本次结果直接比较：其算法未公开。",
        "警方、运营商、笔迹鉴定等记录按送检原样采用，本次检验未核实其内容。",
        "头部姿态由五个特征点估计，为近似值（误差数度）。",
    ]
    for st in (r["liveness"], r["authenticity"]):
        if st.get("status") != "analysed":
            lines_en.append("Not done in this build: " + st.get("explanation", ""))
            lines_zh.append("本版本未完成：" + st.get("explanation", ""))
    for nd in r["authenticity"].get("not_done", []):
        lines_en.append("Not done in this build: " + nd)
        lines_zh.append("本版本未完成：" + nd)
    lines_en.append("Liveness cues were checked on six short public clips and on our own simulations only; "
                    "their error rates on real STM material are unknown (docs/liveness.md).")
    lines_zh.append("活体线索仅在六段公开短视频和本软件的模拟材料上检验，在真实STM材料上的错误率未知。")
    s = [c.p(c.t("10. Limitations", "十、局限性"), c.h1)]
    s += [c.p("• " + x) for x in (lines_zh if c.lang == "zh" else lines_en)]
    return s


def declaration(c, r, digest, created, root):
    return [Spacer(1, 6 * mm), KeepTogether([
        c.p(c.t("11. Examiner's declaration", "十一、鉴定人声明"), c.h1),
        c.p(c.t("I declare that this report states the findings of my examination truthfully and completely, that "
                "every figure in it can be reproduced from the listed items with the listed software, and that I have "
                "stated the limits of the methods used.",
                "本人声明：本报告如实、完整地陈述了检验结果，报告中的每一数值均可使用所列软件由所列材料复现，并已说明所用方法的局限。")),
        Spacer(1, 14 * mm),
        c.table([[c.t("Examiner", "鉴定人"), r.get("examiner") or "", c.t("Signature", "签名"), ""],
                 [c.t("Date", "日期"), "", c.t("Seal", "盖章"), ""]], [25 * mm, 60 * mm, 25 * mm, W - 110 * mm],
                header=False, style=c.body)])]


def appendix(c, r, digest, created, root):
    return [PageBreak(), c.p(c.t("Appendix: verifying this report", "附录：如何复核本报告"), c.h1),
            c.p(c.t(f"results.json (attached inside this PDF) has SHA-256 {digest}. To re-run:",
                    f"results.json（已嵌入本PDF）的SHA-256为{digest}。复核步骤：")),
            c.p("bash scripts/setup.sh", c.small),
            c.p("forensics-app verify CASE_FOLDER", c.small),
            c.p(f"forensics-app analyze CASE_FOLDER --out OUT --lang {c.lang}", c.small),
            c.p("sha256sum OUT/results.json", c.small),
            c.p(c.t("The same case, software version and options give a byte-identical results.json and this same digest.",
                    "相同案件、软件版本与参数将得到逐字节相同的results.json及相同的摘要值。"), c.small),
            c.p(c.t("Options: ", "参数：") + json.dumps(r.get("options"), sort_keys=True, ensure_ascii=False), c.tiny)]


ALL = [cover, summary, items, questions, methods, face, liveness, authenticity, timeline, findings,
       limitations, declaration, appendix]
