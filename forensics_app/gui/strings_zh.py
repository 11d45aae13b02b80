"""Chinese for every string the desk shows, keyed by its English (the message id)."""

ZH = {
    # window, menus, actions
    "Forensic review desk": "司法鉴定审阅台", "&File": "文件(&F)", "Recent cases": "最近的案件",
    "Open case…": "打开案件…", "New case from files…": "从文件新建案件…", "Examiner…": "鉴定人…", "Quit": "退出",
    "&Analysis": "分析(&A)", "Run analysis": "运行分析", "Cancel analysis": "取消分析",
    "Verify evidence again": "重新核验检材", "Analysis options…": "分析选项…", "&View": "视图(&V)",
    "Reset layout": "恢复默认布局", "&Language": "语言(&L)", "Open case folder": "打开案件文件夹",
    "Cannot open the case": "无法打开案件", "Cannot create the case": "无法创建案件",
    "No analysis is running": "没有正在运行的分析", "Export failed": "导出失败", "Open a case first": "请先打开案件",
    "An analysis is already running": "已有分析正在运行", "Verification is running": "正在核验",
    "Evidence intact": "检材完整", "Evidence problems found": "发现检材问题", "Analysis failed": "分析失败",
    "Analysis cancelled": "分析已取消", "Report written: {0}": "报告已写入：{0}", "Cancel": "取消", "OK": "确定",
    "verification failed": "核验未通过",
    # panels
    "Evidence": "证据", "Frames": "图像帧", "Charts": "图表", "Findings": "发现", "Rules checked": "已检查的规则",
    "Audit log": "审计日志", "Report": "报告", "Timeline and log": "时间线与日志",
    # banner
    "No case open.": "未打开案件。", "Opening {0}…": "正在打开 {0}…",
    "Verifying the evidence (re-hashing every file, checking the audit log)… Findings are not confirmed "
    "until this finishes.": "正在核验检材（重新计算每个文件的哈希并检查审计日志）…完成之前，各项发现未经确认。",
    "Evidence could not be verified: {0}": "无法核验检材：{0}", "Evidence not verified.": "检材未经核验。",
    "Evidence verified: {0} files match their intake hashes; the audit log is intact.":
        "检材已核验：{0} 个文件与接收时的哈希一致；审计日志完整。",
    "VERIFICATION FAILED: {0}. The findings are stale and a report needs your override (it is then stamped).":
        "核验未通过：{0}。各项发现已过时；出具报告须经您确认越过（报告每页将加盖核验未通过标记）。",
    "{0} changed": "{0} 个已改变", "{0} added": "{0} 个新增", "{0} missing": "{0} 个缺失",
    "{0} differing from the bank's declared hash": "{0} 个与银行声明的哈希不符",
    "{0} audit-log problems": "{0} 处审计日志问题",
    # dialogs
    "New case": "新建案件", "New case folder": "新案件文件夹", "Case id": "案件编号", "ID photo": "证件照片",
    "Folder of STM stills": "STM 静态照片文件夹", "or STM video": "或 STM 视频", "Transaction log": "交易日志",
    "Reference population": "参照人群", "Analysis options": "分析选项",
    "none: every other liveness cue still runs": "无：其他活体线索照常运行",
    "PAD model (descriptor JSON)": "PAD 模型（描述文件 JSON）", "PAD model descriptor": "PAD 模型描述文件",
    "Examiner": "鉴定人", "Name": "姓名", "Qualifications": "资质", "Certificate password": "证书密码",
    "Password": "密码", "Limits:": "局限：", "default": "默认",
    "the case file (case.json) names this population": "案件文件（case.json）指定了该人群",
    "chosen by the examiner instead of the case's {0}": "由鉴定人选定，取代案件指定的 {0}",
    "Recorded as the actor of every audit entry and note you make, and printed in reports.":
        "作为您所作每条审计记录和备注的操作人记录，并印在报告中。",
    "as the case says ({0})": "按案件指定（{0}）",
    "Password of {0} (leave empty if it has none):": "{0} 的密码（如无密码请留空）：",
    # audit
    "No.": "序号", "Time (UTC)": "时间（UTC）", "Action": "操作", "Actor": "操作人", "Details": "详情",
    "(not recorded)": "（未记录）", "Audit chain BROKEN:": "审计链已断裂：",
    "Audit chain intact: {0} entries, each bound to the one before it.": "审计链完整：共 {0} 条记录，每条均与前一条绑定。",
    # charts
    "No analysis yet.": "尚未分析。", "Distance to the ID photo per analysed frame": "各分析帧与证件照的距离",
    "analysed frame": "分析帧", "distance": "距离", "Eye openness over the video": "视频中的眼睛开合度",
    "video frame": "视频帧", "eye openness (EAR)": "眼睛开合度（EAR）", "No frame could be compared.": "没有可比对的帧。",
    "No video: eye openness needs a clip.": "无视频：眼睛开合度需要视频片段。",
    "Blinks cannot be judged here: ": "此处无法判断眨眼：", "open-eye level {0:.3f}": "睁眼水平 {0:.3f}",
    "blink threshold {0:.3f}: below it the eye counts as closing": "眨眼阈值 {0:.3f}：低于此值视为闭眼",
    "LR = 1 at {0:.3f}": "LR = 1 处为 {0:.3f}",
    # evidence
    "verified": "已核验", "verifying…": "核验中…", "not verified": "未核验", "missing": "缺失", "changed": "已改变",
    "added": "新增", "differs from the bank's declared hash": "与银行声明的哈希不符", "File": "文件", "Role": "用途",
    "Bytes": "字节", "Status": "状态", "(not recorded at intake)": "（接收时未记录）",
    # findings
    "(examiner not set)": "（未设置鉴定人）", "Go to evidence": "转到依据", "Add note": "添加备注",
    "Examiner's note on the selected finding (or the case)": "鉴定人对所选发现（或案件）的备注",
    "STALE: the evidence no longer matches what was analysed (see the banner). These findings describe the "
    "material as it was; re-verify and re-analyse before relying on them.":
        "已过时：检材与分析时不再一致（见顶部横幅）。以下发现描述的是检材原先的状态；依据之前请重新核验并重新分析。",
    "Select a finding first": "请先选择一项发现", "(stale) ": "（已过时）",
    "No analysis yet: Analysis → Run analysis.": "尚未分析：分析 → 运行分析。",
    "Stale: the evidence changed after this analysis.": "已过时：本次分析之后检材发生了变化。",
    "field": "字段", "source": "来源", "frame": "帧", "value": "值", "column": "列", "row": "行", "file": "文件",
    "event": "事件", "time": "时间",
    "critical": "严重", "major": "重要", "minor": "次要", "info": "提示",
    # frames
    "◀ Previous": "◀ 上一帧", "Next ▶": "下一帧 ▶", "Fit": "适合窗口", "Pause": "暂停", "Play": "播放",
    "Step back one frame (Left)": "后退一帧（←）", "Step forward one frame (Right)": "前进一帧（→）",
    "Play or pause at the capture's frame rate (Space)": "按采集帧率播放或暂停（空格）",
    "No analysis yet: run the analysis to see the frames.": "尚未分析：运行分析后可查看各帧。",
    "not analysed (between analysed frames)": "未分析（位于分析帧之间）", "frame {0} of {1}": "第 {0} 帧 / 共 {1} 帧",
    "eyes {0:.0f} px · yaw {1:.0f}°": "两眼间距 {0:.0f} 像素 · 偏航 {1:.0f}°",
    "analysed frame {0} of {1}": "分析帧 {0} / 共 {1}", "not compared: ": "未比对：",
    "ID photo cannot be read": "无法读取证件照", "cannot be read": "无法读取", "time {0:.2f} s": "时间 {0:.2f} 秒",
    "distance {0:.4f}": "距离 {0:.4f}", "LR {0} ({1}), calibration {2}": "似然比 {0}（{1}），校准 {2}",
    # report
    "Mask ID and phone numbers": "遮蔽身份证号和手机号", "Export report…": "导出报告…",
    "Sign with PKCS#12 certificate (optional):": "使用 PKCS#12 证书签名（可选）：",
    "path of the examiner's .p12 file; the password is asked when exporting": "鉴定人 .p12 文件路径；导出时询问密码",
    "Export although verification failed (every page is stamped 'verification failed' with the reasons)":
        "核验未通过仍导出（每页加盖“核验未通过”标记并列明原因）",
    "Examiner's certificate": "鉴定人证书", "No report exported in this session for this case.": "本次会话尚未为此案件导出报告。",
    "Export report": "导出报告", "Run the analysis first": "请先运行分析",
    "Wait for evidence verification to finish": "请等待检材核验完成",
    "Evidence verification failed: tick the override to export a stamped report":
        "检材核验未通过：勾选越过选项可导出加盖标记的报告",
    "The evidence has not been verified": "检材尚未核验",
    # rules
    "Rule": "规则", "Reason": "理由", "see Findings": "见“发现”", "raised": "已触发", "not raised": "未触发",
    "not evaluable": "无法评估", "stale: the evidence changed after this analysis": "已过时：本次分析之后检材发生了变化",
    "{0} rules: {1} raised, {2} not raised, {3} not evaluable": "共 {0} 条规则：{1} 条触发，{2} 条未触发，{3} 条无法评估",
    # audit actions, evidence roles, log events and channels
    "intake": "接收", "analysis": "分析", "note": "备注", "export": "导出", "cache": "缓存", "calibration": "校准",
    "migration": "迁移", "verify": "核验",
    "manifest": "案件清单", "STM stills": "STM 静态照片", "STM video": "STM 视频", "transaction log": "交易日志",
    "document": "文件资料", "record": "记录",
    "account opened": "开户", "face verification": "人脸核验", "card issued": "发卡", "e-banking enabled": "开通网银",
    "loan application": "贷款申请", "loan contract": "贷款合同", "loan disbursed": "贷款发放", "repayment due": "还款到期",
    "repayment overdue": "还款逾期", "one-time password sent": "发送一次性密码", "login": "登录", "other event": "其他事件",
    "mobile": "手机银行", "system": "系统", "web": "网页", "counter": "柜台",
    # timeline
    "Time": "时间", "Event": "事件", "Channel": "渠道", "Row": "行",
}
