"""Who a Chinese sentence is about before its modal clause: the subject a condition clause
names (餐饮行业的生产经营单位使用燃气的，应当…), a clause that is only a long actor phrase
(掌握…重要数据的网络数据处理者，应当…), and the time or manner frames that name nobody and so
leave the sentence's subject to the clauses around them (…结束后三个月内应当…, 通过评估后，X…的，不得…).
"""
from __future__ import annotations

import re

from govkg.ingest import patterns
from govkg.ingest.zh_declarative import has_verb_start
from govkg.ingest.zh_phrases import _NP_BREAKERS, _STARTERS, MEETING, agent_nouns, relative_units, starts_predicate

_P = patterns.load("zh")
_CUES = patterns.cue_regex("zh")
_RECIPROCAL = tuple(_P["reciprocal_verbs"])
_NOMINAL_AFTER = tuple(_P["head_blocklist_after"])
# a frame of time or manner that ends where the predicate starts: 项目结束后三个月内, 审查时, 通过评估后
_TIME_FRAME = re.compile(r"[^，。；：的]{2,30}?(?:后|以后|之后|前|以前|之前|内|以内|期间|之日起|时)")
_POLICY_SUBJECTS = tuple(_P["policy_subjects"])
# words that start a predicate right after its subject (not 和/与, which join a relative clause's objects)
# after a condition's subject: its predicate, also a verb of meeting an event (医疗机构发现其接收的病人…的)
_PREDICATE_AFTER = ("对", "在", "向", "依法", "依照", "按照", "根据", "将", "把", "经") + MEETING
_EVENT_ENDS = ("时", "后", "前")
_LIST_OPENER = re.compile(r"(?:以及|或者|和|及)?")
# a clause that names an actor holds no 是/对/由/向… (以上, 以外 and 以及 are no 以-frame)
_NOT_A_NAME = re.compile(r"是|为|对|由|向|在|将|把|(?<!所)以(?![上下外内及])")
_SUBJECTLESS = re.compile(r"(?:依法|也|还|均|都|同时)*")
_CONNECTIVE = re.compile(r"(?:但是|但|并且|而且|同时|如果|若)")
_COORDINATED = re.compile(r"以及|或者|和|及|与|或")
_MODAL_NEXT = re.compile(r"[，,]\s*(?:依法|并|还|也|均|都)?(?:" + _CUES.pattern + ")")


class ZhTopics:
    """Mixin of ZhUnitReader: a sentence's topic from the clauses before its modal."""

    text: str
    mentions: list[tuple[int, int]]

    def time_frame(self, s: int, pos: int) -> bool:
        """text[s:pos] is a frame of time that names no actor: the clause has no subject of its own
        (审查时, 通过评估后 frame an event; 决定自…之日起…以内 is a verb with its own duration)."""
        frame = self.text[s:pos]
        return bool(_TIME_FRAME.fullmatch(frame)) and not self.mentions_within(s, pos) \
            and not agent_nouns(frame) and not (has_verb_start(frame) and not frame.endswith(_EVENT_ENDS))

    def listed_subject(self, clauses: list, i: int) -> tuple[list[str], int] | None:
        """A…单位，B…单位，以及C…单位，应当…: clauses that are each only an actor phrase, before a
        modal clause with no subject of its own, together name its bearers. The bearers and the index
        of that modal clause; None unless two or more such clauses precede it."""
        actors: list[str] = []
        j = i
        while j < len(clauses) and clauses[j].text.rstrip().endswith(("，", ",")):
            listed = self._listed_clause(clauses[j])
            if not listed:
                break
            actors += listed
            j += 1
        if j - i < 2 or j >= len(clauses) or not self._modal_opens(clauses[j]):
            return None
        return list(dict.fromkeys(actors)), j

    def _listed_clause(self, clause) -> list[str]:
        """The bearers of a clause that is one actor phrase (以及宾馆、商场等…经营单位), else none."""
        end = clause.start + len(clause.text.rstrip("，,； "))
        s = _LIST_OPENER.match(self.text, clause.start, end).end()
        body = self.text[s:end]
        heads = self.mentions_within(s, end)
        if not heads or heads[-1][1] != end or self._cues(clause) or _NOT_A_NAME.search(body) \
                or starts_predicate(body) or body.startswith(_NP_BREAKERS):
            return []
        if self.grow_np(s, end) != (s, end):
            return []
        return [a for a in self.split_coordinated(s, end) if a]

    def _modal_opens(self, clause) -> bool:
        """应当…, 均应当…: the clause starts with its modal, so it has no subject of its own."""
        cue = _CUES.search(self.text, clause.start, clause.end)
        return cue is not None and _SUBJECTLESS.fullmatch(self.text, clause.start, cue.start()) is not None

    def relative_subject(self, s: int, end: int) -> list[str] | None:
        """掌握有关主管部门规定的…重要数据的网络数据处理者，应当…: a clause that is one actor phrase
        (a relative clause + 的 + an actor head, too long for the phrase grower) followed at once by
        a modal clause with no subject: the whole phrase is the bearer."""
        body = self.text[s:end]
        if "的" not in body or len(body) > 60 or body.startswith(_STARTERS + _NP_BREAKERS) \
                or _CUES.search(body) or not _MODAL_NEXT.match(self.text, end):
            return None
        if body.startswith(_POLICY_SUBJECTS) or any(self.text.startswith(_PREDICATE_AFTER, b)
                                                    for _, b in self.mentions_within(s, end)):
            return None                   # 用人单位对…的职工，应当…: a subject, then its predicate
        head = body.rsplit("的", 1)[1]
        at = end - len(head)
        # the head is an actor word, or ends in one (运营使用单位: 使用单位)
        named = any(b == end and (a == at or b - a >= 2 and not _COORDINATED.search(body) and "、" not in head)
                    for a, b in self.mentions_within(at, end)) or agent_nouns(head) == [head]
        if len(head) < 2 or not named or head.startswith(_NOMINAL_AFTER):
            return None
        return relative_units(body)

    def condition_subject(self, start: int, end: int) -> list[str] | None:
        """餐饮行业的生产经营单位使用燃气的，应当…: the subject of the condition bears the norm, also
        when a 的 follows its own predicate (网络数据处理者在境内收集的重要数据确需向境外提供的，应当…)."""
        np = self.grow_np(start, end)
        if self.text.startswith(_STARTERS, start):
            return None
        if np is None or self.text.startswith(_NOMINAL_AFTER, np[1]) or (
                "的" in self.text[np[1]:end].rstrip("，；：,;: ")[:-1] and not self.text.startswith(_PREDICATE_AFTER, np[1])):
            first = self.mentions_within(start, end)      # 单位使用的设备…的: the actor qualifies a thing
            return self._agent_of_condition(start, end) if not first or first[0][0] > start else None
        return self.partners_apart(np)

    def _agent_of_condition(self, start: int, end: int) -> list[str] | None:
        """受益人具有下列情形的，不得…, 自然人以遗嘱方式…的，可以…: an agent noun no actor label covers
        (…人, …者) opening the condition, right before its verb, is the subject of the sentence."""
        lead = _CONNECTIVE.match(self.text, start, end)
        start = lead.end() if lead else start
        for size in range(min(10, end - start - 1), 1, -1):
            agent = self.text[start:start + size]
            rest = self.text[start + size:end]
            acts = has_verb_start(rest) or rest.startswith(_PREDICATE_AFTER + ("以", "通过"))
            if agent_nouns(agent) == [agent] and acts and not rest.startswith(("是", "为", "系")) \
                    and not has_verb_start(agent):       # 发现求助人…的: an act on the agent
                return [agent]            # 被收养人是残疾儿童的: a state of the agent, not its act
        return None

    def partners_apart(self, np: tuple[int, int]) -> list[str]:
        """困难企业与职工协商一致的: 与 before a reciprocal verb names a partner, not a second bearer."""
        actors = self.split_coordinated(*np)
        if len(actors) > 1 and self.text.startswith(_RECIPROCAL, np[1]) and re.search("[与同]", self.text[np[0]:np[1]]):
            return actors[:1]
        return actors
