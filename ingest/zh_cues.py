"""Which modal cues of a Chinese clause state a norm: not a cue inside an actor's modifier
(负有…职责的部门), a relative clause (应当采取的措施), a 按…的标准 frame or a principle frame, not
the second cue of one norm (应当负责), not a listed measure (、禁止…), not a duty that frames the
act (为履行职责, 在履行职责中), and 会同/牵头 only when their bearer heads the clause."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from govkg.ingest import patterns
from govkg.ingest.spans import cues_within
from govkg.ingest.zh_phrases import _PUNCT, _STARTERS

if TYPE_CHECKING:
    from govkg.ingest.zh_norms import Clause

_CUES = patterns.cue_regex("zh")
_BY = re.compile(r"(?<![为理事自缘])由(?!于|此|衷)")
_LEADING = re.compile(r"(?:但是|但|并且|并|且|同时|也|还|均|都|另外|而且|此外|因此|所以|其中|而|则|即|方|才)+")
_OBJECT_CUES = ("履行", "承担", "负有")
# 应当采取的措施: a verb + 的 after the cue; 负责全国的…工作, 负责本单位的…: a scope, not a relative clause
_CUE_IN_RELATIVE = re.compile(r"(?![全本][^，。；：、的是]{1,2}的)[^，。；：、的是]{1,3}(?<![目标])的")
_MODIFIER_END = re.compile(r"[^，。；：、]{0,24}?的")
_OPEN_FRAME = re.compile(r"(?:^|[或并])(?:按|按照|依照|依据|根据)[^，。；：]*$")
_PRINCIPLE_FRAME = re.compile(r"(?:按照|依照|根据|遵循|坚持|本着)[^，。；：]{2,60}的(?:原则|方针|要求|精神|思路)")
_RELATIVE_NP = re.compile(r"[^，。；：的]{1,24}的[^，。；：的]{1,8}")
_SENTENCE_END = re.compile(r"[。！？]")
_ORGAN_NAME = re.compile(patterns.load("zh")["organ_name"])
# 禁止吸烟场所, 禁止生产区域, 禁止吸烟标志 (not 禁止在…场所, 禁止向…)
_BANNED_PLACE = re.compile(r"[^，。；：、在对向从把将与的于]{1,6}?(?:区域|场所|标志|标识)")
_TAKES_A_NAME = ("为", "在", "于", "悬挂", "设置", "张贴", "进入", "划定", "临时")
_CLAUSE_ENDS = ("，", "。", "；", "：", "！", "？", "")
_VERB_AFTER_HEAD = re.compile(r"实施|协调|领导|工作|管理|指导|开展")
_VERB_LIKE_HEADS = frozenset(patterns.load("zh")["verb_like_heads"])
_SENTENCE_START = re.compile(r"(?:^|[。！？：；]|第[零〇一二两三四五六七八九十百千\d]+条)\s*$")


class ZhCues:
    """Mixin of ZhUnitReader: the cues of a clause that state its norms."""

    text: str
    cues: list
    mentions: list[tuple[int, int]]

    def _cues(self, clause: Clause) -> list[re.Match]:
        if _PRINCIPLE_FRAME.fullmatch(clause.text.rstrip("，；：,;:。！？ ")):
            return []                     # 按照政府统一领导、单位全面负责…的原则: a frame, not a norm
        found = []
        for m in cues_within(self.cues, self._cue_starts, clause.start, clause.end):
            if found and (m.start() - found[-1].end() <= 1 or self._same_norm(found[-1], m, clause)):
                continue                                  # 应当负责, 必须履行…职责: one cue
            if self.text.startswith("的", m.end()):
                continue                                  # 享有的权利: a modifier, not a cue
            if m.start() > 0 and self.text[m.start() - 1] == "、":
                continue                                  # 暂停使用、禁止重新注册等措施: a listed measure
            if self._duty_as_frame(m):
                continue                                  # 为履行法定职责, 在履行职责中: a purpose or a time
            if self._ban_in_noun(m):
                continue                                  # 禁止吸烟场所所在单位, 悬挂禁止吸烟标志: a name
            found.append(m)
        if len(found) > 1:
            found = [m for m in found if m.group() != "给予"]
        found = [m for i, m in enumerate(found)
                 if not (m.group().startswith(_OBJECT_CUES) and i > 0)      # 不得因…履行职责而…: one norm
                 and not self._cue_in_modifier(m, clause) and not self._cue_in_relative(m, clause)
                 and (m.group() or self._heads_clause(m, clause))]
        return [m for i, m in enumerate(found) if not self._cue_in_subject(m, found[i + 1:])]

    def _duty_as_frame(self, cue: re.Match) -> bool:
        """为履行法定职责开展…, 在履行监管职责中发现…: the duty frames the act (its purpose, its time);
        the norm is stated elsewhere in the sentence, if at all."""
        if not cue.group().startswith(("履行", "承担")):
            return False
        before = self.text[max(0, cue.start() - 2):cue.start()]
        return before.endswith(("为", "为了")) or self.text.startswith(("中", "时", "过程中", "期间"), cue.end())

    def _ban_in_noun(self, cue: re.Match) -> bool:
        """禁止吸烟场所, 禁止通行区域, 禁止吸烟标志: 禁止 inside the name of a place or a sign, which the
        phrase goes on from (所在单位, 内, 的) or which a verb or a preposition takes (悬挂…, 设立为…, 在…)."""
        if cue.group() != "禁止":
            return False
        noun = _BANNED_PLACE.match(self.text, cue.end())
        if noun is None:
            return False
        taken = self.text[max(0, cue.start() - 4):cue.start()].endswith(_TAKES_A_NAME)
        return taken or self.text[noun.end():noun.end() + 1] not in _CLAUSE_ENDS

    def _inside_mention(self, pos: int) -> bool:
        """Whether ``pos`` falls inside an actor mention (mentions are sorted and do not overlap)."""
        i = bisect.bisect_right(self._mention_starts, pos) - 1
        return i >= 0 and pos < self.mentions[i][1]

    def _cue_in_modifier(self, cue: re.Match, clause: Clause) -> bool:
        """负有安全生产监督管理职责的部门…: 负有/负责 inside the modifier of an actor phrase."""
        if self._inside_mention(cue.start()):
            return True                       # the cue is part of a thesaurus label
        if not cue.group().startswith(_OBJECT_CUES + ("负责",)):
            return False
        m = _MODIFIER_END.match(self.text, cue.end(), clause.end)
        if m and self.text.startswith(tuple(_VERB_LIKE_HEADS), m.end()) \
                and _VERB_AFTER_HEAD.match(self.text, m.end() + 2):
            return False                      # 负责移民安置规划的组织实施: 组织 is a verb here, not a body
        return bool(m) and any(a == m.end() for a, _ in self.mentions)

    def _same_norm(self, prev: re.Match, cue: re.Match, clause: Clause) -> bool:
        """应当由X负责组织…, 应当对X负责: the second cue belongs to the norm the first one states."""
        between = self.text[prev.end():cue.start()]
        if cue.group().startswith("享受") and prev.lastgroup == "permission" and not _PUNCT.search(between):
            return True                   # 可以按照规定享受…优惠: one permission
        if between.startswith("由"):
            np = self.grow_np(prev.end() + 1, cue.start())
            return np is not None and np[1] == cue.start()
        tail = self.text[cue.end():clause.end].strip("，；：,;:。！？ ")
        return cue.group() == "负责" and not tail and between.startswith("对")

    def _cue_in_relative(self, cue: re.Match, clause: Clause | None = None) -> bool:
        """应当采取的应急措施, 应当公布的事项: a modal inside a relative clause qualifies a noun;
        依法应当进行消防验收的建设工程，…禁止投入使用: a clause that is such a noun phrase is the
        topic of a later clause with a modal of its own."""
        if not cue.group():
            return False
        if _CUE_IN_RELATIVE.match(self.text, cue.end()) is not None and not self.text.startswith(_STARTERS, cue.end()):
            return True
        return clause is not None and (self._relative_topic(cue, clause) or self._framed_relative(cue, clause))

    def _framed_relative(self, cue: re.Match, clause: Clause) -> bool:
        """或按企业及其职工应缴纳社会保险费50%的标准确定: a modal inside a 按…的标准 frame."""
        before = self.text[clause.start:cue.start()]
        return bool(_OPEN_FRAME.search(before)) and "的" in self.text[cue.end():clause.end]

    def _relative_topic(self, cue: re.Match, clause: Clause) -> bool:
        if not _SENTENCE_START.search(self.text[max(0, clause.start - 12):clause.start]):
            return False                  # only a sentence's first clause is such a topic
        before = self.text[clause.start:cue.start()]
        lead = _LEADING.match(before)
        if before[lead.end() if lead else 0:] not in ("", "依法", "依照规定", "按照规定"):
            return False
        body = self.text[cue.end():clause.end].rstrip("，；：,;:。！？ ")
        if not _RELATIVE_NP.fullmatch(body) or not self.text[clause.end - 1:clause.end] in "，,":
            return False
        sentence_end = _SENTENCE_END.search(self.text, clause.end)
        later = self.text[clause.end:sentence_end.end() if sentence_end else len(self.text)]
        return _CUES.search(later) is not None

    def _heads_clause(self, cue: re.Match, clause: Clause) -> bool:
        """会同/牵头 state a duty only when their bearer is the clause's subject
        (A会同B制定…), not in 由A会同B制定 or in a modifier (A会同B规定的其他作业)."""
        lead = _LEADING.match(self.text, clause.start, cue.start())
        s = lead.end() if lead else clause.start
        np = self.grow_np(s, cue.start())
        named = np is not None and np[1] == cue.start()
        organ = _ORGAN_NAME.match(self.text[s:cue.start()])     # 生态环境部会同…: a ministry's own name
        return bool(named or organ) and not _BY.search(self.text, s, cue.start())

    def _cue_in_subject(self, cue: re.Match, later: list[re.Match]) -> bool:
        """负有…职责的部门应当…: the first cue sits inside the subject's modifier."""
        if not later:
            return False
        between = self.text[cue.end():later[0].start()]
        return "的" in between and not _PUNCT.search(between) and any(
            m[1] == later[0].start() for m in self.mentions)
