"""The matter of a norm: what its action is about, the same however the duty is worded.

    应当依法负责维修资金的筹集                 -> 维修资金的筹集
    对居民委员会的工作给予指导、支持和帮助     -> 对居民委员会的工作指导、支持和帮助
    协助维护社会治安                           -> 维护社会治安
    shall ensure the notification of a data breach -> notification of data breach
    规定 / 承担 / 负责 / "ensure"             -> ""   (no matter of its own: never the same matter as another's)

The modal and adverbial words (应当, 依法, 及时; shall, promptly), the generic verbs that only say
that something is done (负责, 承担, 做好, 进行; ensure, carry out) and the bearer are dropped;
the object stays, with the 对…/向… phrase that names it where the action leaves it out.
"""
from __future__ import annotations

import functools
import re

_ZH_LEAD = re.compile(
    r"^(?:应当|必须|须|要|可以|不得|禁止|严禁|依法|依照[^，。；]{0,20}?规定|按照[^，。；]{0,20}?规定|按照|依照|根据|"
    r"及时|认真|切实|积极|主动|严格|统一|共同|分别|并且|并|也|还|另行|自行|定期|逐步|进一步|"
    r"负责|承担|履行|做好|加强|组织|开展|进行|实施|给予|予以|作出|采取|落实|确保|保证|保障|执行|参与|"
    r"协助|配合|支持|推动|促进|督促|做到|对此|对其)")
_ZH_ALONE = frozenset("规定 承担 负责 责令改正 处理 办理 决定 批准 管理 监督 检查 工作 职责 义务 责任 处分 罚款 "
                      "制定 公布 报告 执行 签字 处罚 审查 确定 备案 同意 协调 指导 帮助 合作 改正 负责任 领导".split())
_ZH_VAGUE_OBJECT = re.compile(r".{1,2}(?:工作|职责|义务|责任|情况|事项|有关事项|相关工作)")   # 报告工作, 说明情况
_ZH_OBJECT = re.compile(r"((?:对|向|为)[^，。；：对向为]{2,30}?)(?:给予|进行|予以|实施|加强|作出|提供)?$")
_EN_LEAD = re.compile(
    r"^(?:shall|must|may|should|also|promptly|without undue delay,?|where appropriate,?|not|"
    r"ensure(?: that)?|be responsible for|carry out|undertake|implement|perform|take|make|have|"
    r"the|a|an)\s+", re.I)
_EN_ALONE = frozenset("ensure act comply cooperate assist decide provide apply do be responsible".split())


@functools.lru_cache(maxsize=65536)
def matter_of(action: str, sentence: str = "", lang: str = "zh") -> str:
    """The normalised matter of a norm's action, or "" when it names none of its own."""
    if lang == "en":
        return _en_matter(action)
    return _zh_matter(action, sentence)


def _zh_matter(action: str, sentence: str) -> str:
    core = _strip(re.sub(r"\s+", "", action), _ZH_LEAD)
    core = core.strip("，。；、：")
    obj = _zh_object(action, sentence)
    if len(core) < 2 or (not obj and (core in _ZH_ALONE or _ZH_VAGUE_OBJECT.fullmatch(core))):
        return ""
    return obj + core


def _zh_object(action: str, sentence: str) -> str:
    """The 对X / 向X phrase right before the action in its sentence (对居民委员会的工作给予指导)."""
    at = sentence.find(action) if action else -1
    if at <= 0:
        return ""
    m = _ZH_OBJECT.search(_strip_tail(sentence[:at]))
    return m.group(1) if m else ""


def _strip_tail(text: str) -> str:
    return re.sub(r"(?:应当|必须|可以|依法|及时|负责)+$", "", text)


def _en_matter(action: str) -> str:
    core = _strip(" ".join(action.lower().split()), _EN_LEAD)
    core = re.sub(r"\b(?:the|a|an)\s+", "", core).strip(" ,;.")
    return "" if not core or core in _EN_ALONE or len(core) < 3 else core


def _strip(text: str, lead: re.Pattern) -> str:
    """Drop leading words matched by ``lead`` until none is left."""
    while True:
        m = lead.match(text)
        if not m or m.end() == 0:
            return text
        text = text[m.end():]
