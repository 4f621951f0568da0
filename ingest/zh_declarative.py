"""Duties stated without a modal verb: "国务院领导全国的消防工作", "居民委员会依法协助…",
"县级以上地方人民政府应急管理部门对本行政区域内的消防工作实施监督管理".

A clause of a law whose subject is a named body and whose predicate is a task verb (领导, 实施,
组织, 协助, 做好…), after adverbs and a prepositional frame (对…, 在…内, 依照…), gives the body an
obligation. A subject followed only by a frame ("X在各自的职责范围内，依照…做好…") passes to the
next clauses of the sentence. 国家/本市 + 建立/加强… is a policy statement, not a norm, and a
statement of status (…是…机关) has no task verb.
"""
from __future__ import annotations

import functools
import re

from govkg.ingest import patterns
from govkg.ingest.drafts import Draft
from govkg.ingest.segmenter import first_tagged
from govkg.ingest.zh_phrases import starts_predicate

# 组织/动员 + a list of units: the units are what the clause's bearer organises, not its subject
ORGANISING = re.compile(r"(?:组织|动员|调动|调集|指挥)[^，。；、]{1,12}、")
_P = patterns.load("zh")
_VERBS = "|".join(sorted(_P["duty_verbs"], key=len, reverse=True))
_ADVERBS = r"(?:依法|积极|统一|分别|共同|具体|及时|主动|负责|切实|认真|逐步)*"
_FRAME = r"(?:(?:对|在|按照|依照|依据|根据|结合|为|向|与|从|就|将|把)[^，。；：]{0,30}?)?"
# a task verb, not a noun (管理人, 管理工作, 监督职责) nor inside a frame (在…的支持和指导下) or a purpose (为履行…)
_DUTY = re.compile(_ADVERBS + _FRAME + _ADVERBS + r"(?<![的为])(?P<verb>" + _VERBS + r")"
                   r"(?![的者下费权]|人(?!民)|机构|部门|单位|工作|职责|制度|办法|(?<!采取)措施|体制|机制|(?:进行|开展|实施|办理|处理|提供|负责|组织|承担|从事)的)")
_VERB_GAP = tuple(_P["np_breaking_verbs"] + _P["topic_verbs"] + ["需要", "鼓励", "支持", "提倡", "引导"])
_FRAME_ONLY = re.compile(_ADVERBS + r"(?:在|按照|依照|根据|结合)[^，。；：]{0,30}$")
_TIME_FRAME = re.compile(r"在[^，。；：]{1,30}(?:时|前|后|中|下|内|期间)")     # 在编制工程概算时
_VERB_LIKE = frozenset(_P["verb_like_heads"])
_ANY_VERB = re.compile(_VERBS)
_FRAME_START = re.compile("在|按照|依照|根据|结合")


@functools.lru_cache(maxsize=8192)
def has_verb_start(text: str) -> bool:
    """The words before the first actor mention start with a verb (jieba's part-of-speech model):
    强行指派志愿者…, 促进…; 市、区精神文明建设委员会 starts with a noun."""
    if not text:
        return False
    flags = [flag for _, flag in first_tagged(text, 2)]
    return flags[0].startswith("v") or flags[:1] == ["d"] and len(flags) > 1 and flags[1].startswith("v")
_CUES = patterns.cue_regex("zh")
_SENTENCE_REST = re.compile(r"[^。！？]*")
# 以国有企业为单位: a frame, not a bearer (以上, 以下, 以外, 以内 and the coordinator 以及 are no frame)
_NOT_A_NAME = re.compile(r"是|为|对|由|向|在|(?<!所)以(?![上下外内及])")
# 发展改革、财政、审计等 (before 部门), …、文化综合执法等行政管理 (before 部门: the head's first words)
_UNIT_NAMES = re.compile(r"(?:[^，。；：、的]{1,8}、)+[^，。；：、的]{1,8}等(?:其他有关|有关|相关|其他)?[^，。；：、的等和或及与]{0,8}")
_NOT_BEARERS = frozenset(_P["policy_subjects"])
_ORGANS = frozenset(_P["organ_heads"] + ["机关"])
_STEP_INSIDE = re.compile(r"的[^，。；：的]{1,4}?(?:经|由|被)")


class ZhDeclaratives:
    """Mixin of ZhUnitReader: the declarative duties of a clause with no modal cue."""

    text: str
    mentions: list[tuple[int, int]]
    sentence_subject: list[str] | None = None

    def declarative(self, clause, s: int, body_end: int, condition: str, sentence: str) -> list[Draft]:
        if ORGANISING.match(self.text, s):
            return []                         # 并组织通信、交通运输等单位协助…: the units are organised, not bound
        bare = self._bare_subject(s, body_end) if self.text.startswith("，", body_end) else None
        if bare:
            self.sentence_subject = bare      # 发展改革、财政等部门和金融监管机构，依法…做好…
            return []
        if not _ANY_VERB.search(self.text, s, body_end):
            own = self._own_subject(s, body_end) if _FRAME_START.search(self.text, s, body_end) else None
            if own is not None and _FRAME_ONLY.match(self.text, own[1], body_end):
                self.sentence_subject = own[0]
            return []
        own = self._own_subject(s, body_end)
        if own is not None:
            actors, at = own
        elif self.sentence_subject:
            actors, at = self.sentence_subject, s
        else:
            return []
        if not actors or any(a in _NOT_BEARERS for a in actors):
            return []
        duty = None if _TIME_FRAME.fullmatch(self.text, at, body_end) else _DUTY.match(self.text, at, body_end)
        if duty is None:
            if own is not None and _FRAME_ONLY.match(self.text, at, body_end):
                self.sentence_subject = actors          # X在各自的职责范围内，…: the subject carries on
            return []
        self.sentence_subject = actors
        act_at = re.match(_ADVERBS, self.text[at:body_end]).end() + at
        drafts = self._drafts(actors, "obligation", act_at, clause, condition, sentence, body_end)
        for d in drafts:
            d.confidence = min(d.confidence, 0.7)
        return drafts

    def _verb_gap(self, gap: str, np: tuple[int, int] | None, s: int) -> bool:
        """The words before the first actor mention start a predicate, not an actor phrase."""
        if not gap:
            return False
        if starts_predicate(gap) or gap.startswith(_VERB_GAP):
            return True
        if self._unit_list(gap, np, s) or self._organ_field(gap, s):
            return False                  # 应急管理、通信管理等部门, 审计机关: verbs inside the units' names
        return bool(_DUTY.search(gap) or any(v in gap for v in _VERB_GAP) or has_verb_start(gap))

    def _organ_field(self, gap: str, s: int) -> bool:
        """审计机关, 统计机构: a short field right before an organ's head names the organ (the field may read as
        a verb)."""
        first = self.first_mention(s)
        head = self.text[first[0]:first[1]] if first else ""
        return 0 < len(gap) <= 4 and head in _ORGANS and first[0] == s + len(gap)

    @staticmethod
    def _unit_list(gap: str, np: tuple[int, int] | None, s: int) -> bool:
        """发展改革、财政、审计等部门: short names of units listed before one head (the first may
        read as a verb, 发展), not a clause that starts with a verb."""
        return np is not None and np[0] == s and bool(_UNIT_NAMES.fullmatch(gap))

    def _bare_subject(self, s: int, end: int) -> list[str] | None:
        """发展改革、财政等部门和金融监管机构，依法…做好…: a clause that is only an actor phrase is
        the subject of the clauses after it."""
        np = self.grow_np(s, end)
        first = self.first_mention(s)
        if np is None or np != (s, end) or self.text[s:end] in _VERB_LIKE or first is None \
                or _NOT_A_NAME.search(self.text, s, end) or self._verb_gap(self.text[s:first[0]], np, s):
            return None
        rest = _SENTENCE_REST.match(self.text, end)
        if rest and _CUES.search(rest.group()):
            return None                   # X，可以根据…，制定规章: the modal clause reads its own subject
        actors = self.split_coordinated(*np)
        return None if any(a in _NOT_BEARERS for a in actors) else actors

    def _own_subject(self, s: int, end: int) -> tuple[list[str], int] | None:
        """The clause's own actor phrase at its start and where its predicate begins."""
        first = self.first_mention(s)
        if first is None or first[1] > end:
            return None
        gap = self.text[s:first[0]]
        np = self.grow_np(s, end)
        if self._verb_gap(gap, np, s):
            return None                   # 国家鼓励企业…, 强行指派志愿者…: the clause starts with a verb
        if np is None or np[1] >= end or self.text[np[0]:np[1]] in _VERB_LIKE or self._verb_chain(first):
            return None
        if self.text[first[0]:first[1]] in _VERB_LIKE and first[0] == s and np[1] > first[1] \
                and not self.text.startswith(("和", "、", "及", "或", "与", "以及"), first[1]):
            return None                   # 组织各有关部门依法采取措施: 组织 directs the departments
        if _STEP_INSIDE.search(self.text, np[0], np[1]):
            return None                   # 中国人民银行的预算经国务院财政部门审核后: a thing and a procedure
        return self.split_coordinated(*np), np[1]

    def _verb_chain(self, first: tuple[int, int]) -> bool:
        """组织、指导和协调有关部门…: a word that may name an actor (组织) opens a chain of task verbs."""
        return self.text[first[0]:first[1]] in _VERB_LIKE and self.text.startswith(("、", "和", "并"), first[1]) \
            and _DUTY.match(self.text, first[1] + 1) is not None

