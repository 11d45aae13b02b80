"""Build the Chinese UI translation: lupdate extracts every self.tr() string from gui/, the
table below supplies the Chinese, lrelease compiles forensics_app/gui/i18n/forensics_zh_CN.qm.

    .venv/bin/python tools/build_translations.py
"""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI = ROOT / "forensics_app/gui"
TS = GUI / "i18n/forensics_zh_CN.ts"
BIN = Path(sys.executable).parent

ZH = {
    "◀ Previous": "◀ 上一帧", "Next ▶": "下一帧 ▶", "Fit": "适合窗口", "frame {0} of {1}": "第 {0} 帧 / 共 {1} 帧",
    "distance {0:.4f}": "距离 {0:.4f}", "LR {0} ({1}), calibration {2}": "似然比 {0}（{1}），校准 {2}",
    "not compared: ": "未比对：", "New case": "新建案件", "New case folder": "新案件文件夹", "Case id": "案件编号",
    "ID photo": "证件照片", "Folder of STM stills": "STM 照片文件夹", "or STM video": "或 STM 视频",
    "Transaction log": "交易日志", "Reference population": "参照人群", "Forensic review desk": "司法鉴定审阅台",
    "Evidence": "证据", "Frames": "图像帧", "Charts": "图表", "Findings": "问题", "Report": "报告", "File": "文件",
    "Role": "用途", "Bytes": "字节", "Status": "状态", "Time": "时间", "Event": "事件", "Channel": "渠道", "Row": "行",
    "Go to evidence": "转到依据", "Add note": "添加备注",
    "Examiner's note on the selected finding (or the case)": "鉴定人对所选问题（或案件）的备注",
    "Mask ID and phone numbers": "遮蔽身份证号和手机号", "Export report…": "导出报告…",
    "Sign with PKCS#12 certificate (path, optional):": "使用 PKCS#12 证书签名（路径，可选）：", "Cancel": "取消",
    "&File": "文件(&F)", "Recent cases": "最近的案件", "Open case…": "打开案件…", "New case from files…": "从文件新建案件…",
    "&Analysis": "分析(&A)", "Run analysis": "运行分析", "Verify evidence hashes": "核验证据哈希", "&Language": "语言(&L)",
    "Distance to the ID photo per frame (red: LR = 1)": "各帧与证件照的距离（红线：LR = 1）",
    "Eye openness over the video": "视频中的眼睛开合度", "Open case folder": "打开案件文件夹",
    "Cannot create the case": "无法创建案件", "Cannot open the case": "无法打开案件", "missing": "缺失",
    "changed": "已改变", "added": "新增", "verified": "已核验", "Evidence intact": "证据完整",
    "Evidence problems found": "发现证据问题", "Analysis failed": "分析失败", "Analysis cancelled": "分析已取消",
    "Export report": "导出报告", "Export failed": "导出失败", "Report written: {0}": "报告已写入：{0}",
    "Unexpected error": "意外错误",
}


def main():
    files = [str(p) for p in sorted(GUI.glob("*.py"))]
    subprocess.run([str(BIN / "pyside6-lupdate"), *files, "-ts", str(TS)], check=True, capture_output=True)
    tree = ET.parse(TS)
    missing = []
    for msg in tree.iter("message"):
        src = msg.find("source").text
        tr = msg.find("translation")
        if src in ZH:
            tr.text = ZH[src]
            tr.attrib.pop("type", None)
        else:
            missing.append(src)
    tree.getroot().set("language", "zh_CN")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True,
                   capture_output=True)
    print(f"{TS.with_suffix('.qm')} written; untranslated: {missing or 'none'}")


if __name__ == "__main__":
    main()
