<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <source>Forensic review desk</source>
        <translation>司法鉴定审阅台</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>图像帧</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Go to evidence</source>
        <translation>转到依据</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>Examiner's note on the selected finding (or the case)</source>
        <translation>鉴定人对所选问题（或案件）的备注</translation>
    </message>
    <message>
        <source>Mask ID and phone numbers</source>
        <translation>遮蔽身份证号和手机号</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Sign with PKCS#12 certificate (path, optional):</source>
        <translation>使用 PKCS#12 证书签名（路径，可选）：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent cases</source>
        <translation>最近的案件</translation>
    </message>
    <message>
        <source>Open case…</source>
        <translation>打开案件…</translation>
    </message>
    <message>
        <source>New case from files…</source>
        <translation>从文件新建案件…</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>Run analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <source>Verify evidence hashes</source>
        <translation>核验证据哈希</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Distance to the ID photo per frame (red: LR = 1)</source>
        <translation>各帧与证件照的距离（红线：LR = 1）</translation>
    </message>
    <message>
        <source>Eye openness over the video</source>
        <translation>视频中的眼睛开合度</translation>
    </message>
</context>
<context>
    <name>FrameViewer</name>
    <message>
        <location filename="../frame_viewer.py" line="111" />
        <source>◀ Previous</source>
        <translation>◀ 上一帧</translation>
    </message>
    <message>
        <location filename="../frame_viewer.py" line="112" />
        <source>Next ▶</source>
        <translation>下一帧 ▶</translation>
    </message>
    <message>
        <location filename="../frame_viewer.py" line="113" />
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../frame_viewer.py" line="190" />
        <source>frame {0} of {1}</source>
        <translation>第 {0} 帧 / 共 {1} 帧</translation>
    </message>
    <message>
        <location filename="../frame_viewer.py" line="194" />
        <source>distance {0:.4f}</source>
        <translation>距离 {0:.4f}</translation>
    </message>
    <message>
        <location filename="../frame_viewer.py" line="195" />
        <source>LR {0} ({1}), calibration {2}</source>
        <translation>似然比 {0}（{1}），校准 {2}</translation>
    </message>
    <message>
        <location filename="../frame_viewer.py" line="197" />
        <source>not compared: </source>
        <translation>未比对：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="157" />
        <source>Forensic review desk</source>
        <translation>司法鉴定审阅台</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158" />
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158" />
        <source>Frames</source>
        <translation>图像帧</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158" />
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158" />
        <source>Findings</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="158" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160" />
        <location filename="../main_window.py" line="161" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160" />
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160" />
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161" />
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162" />
        <source>Go to evidence</source>
        <translation>转到依据</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="164" />
        <source>Examiner's note on the selected finding (or the case)</source>
        <translation>鉴定人对所选问题（或案件）的备注</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165" />
        <source>Mask ID and phone numbers</source>
        <translation>遮蔽身份证号和手机号</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166" />
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167" />
        <source>Sign with PKCS#12 certificate (path, optional):</source>
        <translation>使用 PKCS#12 证书签名（路径，可选）：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="170" />
        <source>Recent cases</source>
        <translation>最近的案件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171" />
        <source>Open case…</source>
        <translation>打开案件…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172" />
        <source>New case from files…</source>
        <translation>从文件新建案件…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173" />
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="174" />
        <source>Run analysis</source>
        <translation>运行分析</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175" />
        <source>Verify evidence hashes</source>
        <translation>核验证据哈希</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="176" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="177" />
        <source>Distance to the ID photo per frame (red: LR = 1)</source>
        <translation>各帧与证件照的距离（红线：LR = 1）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178" />
        <source>Eye openness over the video</source>
        <translation>视频中的眼睛开合度</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="201" />
        <source>Open case folder</source>
        <translation>打开案件文件夹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="212" />
        <source>Cannot create the case</source>
        <translation>无法创建案件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227" />
        <source>Cannot open the case</source>
        <translation>无法打开案件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="253" />
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="253" />
        <source>changed</source>
        <translation>已改变</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254" />
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254" />
        <location filename="../main_window.py" line="259" />
        <source>verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263" />
        <source>Evidence intact</source>
        <translation>证据完整</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263" />
        <source>Evidence problems found</source>
        <translation>发现证据问题</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="274" />
        <source>Analysis failed</source>
        <translation>分析失败</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="275" />
        <source>Analysis cancelled</source>
        <translation>分析已取消</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430" />
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="439" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="449" />
        <source>Report written: {0}</source>
        <translation>报告已写入：{0}</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../dialogs.py" line="25" />
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="31" />
        <source>New case folder</source>
        <translation>新案件文件夹</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="32" />
        <source>Case id</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="33" />
        <source>ID photo</source>
        <translation>证件照片</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="34" />
        <source>Folder of STM stills</source>
        <translation>STM 照片文件夹</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="35" />
        <source>or STM video</source>
        <translation>或 STM 视频</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="36" />
        <source>Transaction log</source>
        <translation>交易日志</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="37" />
        <source>Reference population</source>
        <translation>参照人群</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../crash.py" line="37" />
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
</TS>