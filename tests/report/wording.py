"""Phrases a court edition must not contain: conclusions on the ultimate issue, severity words, the
probability of a proposition (the transposed conditional), a verbal band that names no proposition
followed by one, and a second word for a glossary term.

Each entry is a pattern in English and in Chinese, so that neither edition can pass by a list that
only knows one language (issue 15: the wording tests plant both and must catch both).
"""

import re

FORBIDDEN = {
    "en": [
        r"\bcritical\b", r"\bmajor\b",                                   # triage severity
        r"does not establish that the claimant", r"was the person at the terminal",
        r"not under the claimant'?s (own )?control", r"under the claimant'?s own control",
        r"no gap was found", r"the claimant (did|did not) (open|sign|take|carry)",
        r"the claimant is (innocent|not liable|liable)", r"was not the claimant\b",
        r"the transactions cannot be attributed", r"proves? that",
        r"no support for either proposition,? for",                       # a band that says none, then one
        r"probability that the (captured )?(face|person) (is|was|comes from) the (card ?holder|claimant)",
        r"\b(is|was) (probably|most likely|likely) the (card ?holder|claimant)\b",   # the transposed conditional
    ],
    "zh": [
        r"严重", r"重大", r"关键问题",                                      # triage severity
        r"不能证明当事人即为", r"即为终端前办理业务之人", r"不在(权利人|当事人)(本人)?控制",
        r"由当事人(本人)?控制", r"未发现缺口", r"当事人(并未|没有|未)(开户|签名|办理|贷款)",
        r"不能归(于|属于)当事人", r"证明了", r"并非当事人本人",
        r"不支持任一命题[，,；;]?(对|支持)",                                 # a band that says none, then one
        r"(是|为)(持卡人|当事人)(本人)?的(概率|可能性)", r"(很|极|较)?可能(就)?(是|为)(持卡人|当事人)本人",
        r"报告用似然比", r"参照人群", r"误识率",     # one term per concept: 可报告的似然比, 相关人群, 错误匹配率
    ],
}


def forbidden_phrases(text: str, lang: str) -> list[str]:
    flat = re.sub(r"\s+", " " if lang == "en" else "", text)
    return [p for p in FORBIDDEN[lang] if re.search(p, flat, re.IGNORECASE)]
