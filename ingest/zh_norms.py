"""Chinese drafting grammar: who must, must not or may do what, in one unit of a provision.

A sentence (…。) is read clause by clause (，；：). A clause with a modal cue (应当, 不得,
可以…) gets its bearer from the actor phrase before the cue, from 由X (由X负责/决定), or
from the sentence's topic when the clause has no subject of its own (zero anaphora). The
actor phrase is grown over actor mentions: modifiers + head, coordinated heads (、和或者及),
and 的-linked heads; coordinated bearers give one norm each.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from govkg.ingest import patterns
from govkg.ingest.drafts import Draft, LeadIn, roles_for
from govkg.ingest.segmenter import first_tagged
from govkg.ingest.spans import Cue
from govkg.ingest.zh_cues import _BY, _LEADING, _OBJECT_CUES, ZhCues
from govkg.ingest.zh_declarative import ZhDeclaratives, has_verb_start
from govkg.ingest.zh_phrases import _NP_BREAKERS, _STARTERS, MEETING, ZhPhrases, agent_nouns, at_level_of, starts_predicate
from govkg.ingest.zh_policy import PolicyContext, read_notes
from govkg.ingest.zh_partners import ZhPartners
from govkg.ingest.zh_topics import ZhTopics

_P = patterns.load("zh")
_CUES = patterns.cue_regex("zh")
_IMPERSONAL = ("禁止", "严禁")
_NEED_NOT = ("不需要", "无需", "无须")     # a permission not to act: the action keeps its negation
_SANCTION_VERBS = ("责令", "给予", "予以", "处", "没收", "吊销", "撤销", "依法")
_PENALTY = re.compile(r"^(?:并|单处|或者)?(?:处|给予|予以)?[^，。；]{0,20}(?:罚款|拘留|警告|处分|处罚)$")
# acts a law names as the subject of a requirement (设立…应当, 申请…，应当): no actor bears those norms
_ACTS = ("设立", "申请", "举办", "开办", "筹建", "筹备", "开展", "从事", "进行", "变更", "注销", "认定")
_BAN_OPENS = re.compile(r"\s*(?:[（(][一二三四五六七八九十]+[）)])?\s*(?:并|也|且|同时)?(?:不得|严禁|禁止)")
_UNNAMED_PENALTY = re.compile(r"(?:依法)?(?:给予|予以)?(?:行政|治安管理)?处罚")
_SUBJECT_ADVERBS = ("一般", "原则上", "一律", "均", "都", "也", "还", "同时", "要",
                    "之间", "相互之间", "彼此之间")     # 家庭成员之间应当互相帮助: a reciprocal duty of the members
# between a subject and its cue: adverbs of manner and a frame of duties (承办者具体负责…,
# 有关主管部门按照各自的职责，负责…, 在各自的职责范围内负责…), no relative clause
_MANNER_ADVERBS = r"(?:具体|分别|共同|依法|统一|切实|积极|主动|及时|认真|各自|也|还|均|都)*"
_MANNER = re.compile(_MANNER_ADVERBS + r"(?:(?:在|按照|依照|根据|依据|结合)[^，。；：]{0,16}?"
                     r"(?:职责|职权|分工|权限|规定|要求|范围内|范围)(?:的规定)?)?" + _MANNER_ADVERBS)
_SHORT_NAME = re.compile(r"[（(]以下(?:简称|称)[^）)，。]{1,16}[）)]")     # (以下简称承办者): a name, not a clause
_TRAILING_MANNER = re.compile(r"(?<=[者人方])(?:具体|分别|共同|依法|统一|切实|积极|主动|及时|认真)+$")
_NOT_NOUNS = re.compile(r"[的经对由向在是为以从把将被]")
_INVITING = re.compile(r"(?:支持和鼓励|鼓励和支持|鼓励和引导|引导和鼓励|支持和引导|鼓励引导|鼓励|支持|允许)")
_ORGAN_NAME = re.compile(_P["organ_name"])
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_POLICY_BY_ACT = re.compile(r"[^的至到向为，。；]{1,8}")      # 试点城市由省级有关部门推荐: a short act closing the clause
_POLICY_MODAL = re.compile(r"要|应|必须|须|可|不得|不准|不宜|禁止|严禁|允许|无需|无须|不需要|方可")
_CLAUSE = re.compile(r"[^，；：,;:]+[，；：,;:]?")
_PURPOSE = re.compile(r"^\s*为了?.*制定本(?:法|条例|规定|办法|细则)")
_DEFINITION = re.compile(r"\s*(?:本(?:法|条例|规定|办法|细则|决定)(?:中)?所称(?:的)?[^，。；：]{1,40}?[，,]?(?:是指|系指|指)"
                         r"|[^，。；：]{1,20}[，,](?:是指|系指))")
_PRONOUN = re.compile(r"^(?:其(?![他余中间])|它的|他们的|它们的)")
_ADVERBIAL_FRAME = re.compile(r"(?:必要|紧急|特殊|确有必要)(?:时|的时候|情况下|情形下)")
_MEMBER_VERBS = ("组成", "参加", "参与")
_BARE_PRONOUN = re.compile(r"^(?:他们|它们|其)$")
_DUTY_LEAD = re.compile(r"(?:的)?(?:" + "|".join(_P["duty_lists"]) + r")(?:是|为|包括)?[：:]?$")
_FUNCTION_IS = re.compile(r"^(.{1,30}?)(?:的)?(?:职能|职责|任务)(?:是|为|主要是)")
_RIGHT_LEAD = re.compile(r"(?:享有|行使)下列(?:" + "|".join(_P["right_lists"]) + ")")
_CONDITION_LEAD = re.compile("|".join(_P["condition_leads"]))
_POWER = tuple(sorted(_P["power_verbs"], key=len, reverse=True))
_NOMINAL_AFTER = tuple(_P["head_blocklist_after"])
_LEAD_VERBS = tuple(_P["lead_support"]["lead"])
_SUPPORT_VERBS = tuple(_P["lead_support"]["support"])
# 予以配合, 密切配合, 对信息沟通予以支持、配合: the duty is to support, though an adverb opens the action (给予指导和协助 stays the
# duty of an overseer)
_SUPPORTING = re.compile(r"^(?:对[^，。；]{1,20}?)?(?:予以|积极|密切|主动|全力|大力|及时)+(?:支持[、和])?(?:%s)"
                         % "|".join(_SUPPORT_VERBS))
_TOPIC_VERBS = tuple(sorted(_P["topic_verbs"], key=len, reverse=True))
_DIRECTING = _NP_BREAKERS + ("支持", "责令")
# a clause that ends in 的 is a condition (…的，应当…), but 目的 and 标的 are words of their own
_ENDS_RELATIVE = re.compile(r"(?<![目标])的$")
_RELATIVE_AFTER_ACTOR = re.compile(r"[^，。；：、的]{1,4}的")
# 民政部门对接到的投诉，应当…, 其主要负责人对本单位的…工作负责: 对 after the actor opens its predicate
# (the object it acts on), not a relative clause about a thing
# (but 矿山企业对职工的安全教育，应当包括下列内容: what has contents is the thing, 教育)
_TOPIC_OBJECT = re.compile(r"对(?![象方外])")
_CONTENTS = re.compile(r"[，,]?\s*(?:应当|必须|应|须)?(?:包括|载明|包含)")
_COMPOUND_MEMBERS = ("成员",)      # 其成员 -> 居民委员会成员, one word as the text writes it
# 按照国家有关规定成立的事故调查组, 依法设立的…机构, 根据本细则第二十七条规定被授权的单位 (not 按照规定对举报人…)
_MEETS = MEETING + ("遇到", "遇有")
_FOUNDED_BY = re.compile(r"(?:按照|依照|依法|根据)[^，。；：对向为给]{0,30}?"
                         r"(?:成立|设立|组建|授权|批准|指定|确定|认定|登记|注册)的")
_LIABILITY = re.compile(r"^(?:依法)?承担(?:相应的?|法律|赔偿)?责任$")
_FRAMED_POWER = re.compile(r"^(?:按照|依照|依据|根据|按|在|经)[^，。；]{1,40}?(?:" + "|".join(_POWER) + ")")
_BY_AGENT_NOUN = re.compile(r"(?:[^，。；：、的]{1,12}的)?[^，。；：、的]{1,8}?(?:人|者|方)(?=依法|负责|承担|负担|清偿|支付|赔偿|提供|办理|执行|申请|提出|决定|确定|保管|缴纳|偿还|处理|追偿)")
_CARRIED_POWER = re.compile(r"[，,](?:并|也|还)(?:可以|有权|应当)")
_RELATIVE_VERB = re.compile(r"[^，。；：]{1,6}?的")
_OWNED_AGENT = re.compile(r"的[^，。；：、的]{1,6}(?:人|者)")
_NEXT_CLAUSE = re.compile(r"[^，；：,;:。！？]+")
_FRAME = re.compile(r"^(?:(?:在|自|从|于|当|截至)[^，；。]{1,40}(?:内|后|前|时|起|以来|期间|之日|届满)"
                    r"|(?:依照|按照|根据|依据)[^，；。]{1,30})$")
_RECIPIENT = re.compile(r"向(?P<r>[^，。；、]{1,30}?)(?:" + "|".join(_P["information_verbs"]) + ")|报(?P<r2>[^，。；]{2,30}?)(?:备案|批准|审批)")


@functools.lru_cache(maxsize=4096)
def _gap_words(text: str) -> tuple[tuple[str, str], ...]:
    """The first two words of ``text`` and their part of speech."""
    return tuple((p.word, p.flag) for p in first_tagged(text, 2))


@dataclass
class Clause:
    start: int
    end: int
    text: str


class ZhUnitReader(ZhCues, ZhTopics, ZhPartners, ZhDeclaratives, ZhPhrases):
    """Reads the norms of one unit; keeps the last bearers for pronouns (其, 他们)."""

    def __init__(self, text: str, mentions: list[tuple[int, int]], *, cues: Sequence[Cue],
                 with_articles: bool = True, policy: PolicyContext | None = None) -> None:
        self.text = text
        self.mentions = mentions
        self._mention_starts = [a for a, _ in mentions]
        self.cues = cues                  # the modal cues of the whole text, in order (doc.spans["modality"])
        self._cue_starts = [c.start() for c in cues]
        self.with_articles = with_articles
        self.policy = policy or PolicyContext()
        self.last_actors: list[str] = []

    # ---- clauses ----------------------------------------------------------------------------
    def clauses(self, s: int, e: int) -> list[Clause]:
        out = []
        for m in _CLAUSE.finditer(self.text, s, e):
            if m.group().strip():
                out.append(Clause(m.start(), m.end(), m.group()))
        return out

    def subject(self, clause: Clause, pos: int, topic: list[str] | None) -> tuple[list[str] | None, bool]:
        """Bearers named before ``pos`` in ``clause``; (None, True) when the clause has no subject."""
        prefix = self.text[clause.start:pos]
        lead = _LEADING.match(prefix)
        s = clause.start + (lead.end() if lead else 0)
        prefix = self.text[s:pos].strip()
        if _BARE_PRONOUN.match(prefix) or _ADVERBIAL_FRAME.fullmatch(prefix):
            return (self.last_actors or topic or None), True     # 其应当…, 必要时可以…: the last bearer goes on
        if self.time_frame(s, pos):
            return (topic if topic is not None else self.last_actors or None), True   # 结束后三个月内应当…
        if not prefix or (starts_predicate(prefix) and not self._duty_modified(s, pos)
                          and not self._located_np(s, pos)):
            return (topic if topic is not None else self.last_actors or None), True
        if prefix.startswith(_TOPIC_VERBS + _DIRECTING) and not self._relative_np(s, pos) \
                and not all(agent_nouns(prefix) or [""]):
            return (topic or self.last_actors or None), True    # 召开村民会议，应当…: a verbal topic
        listed = self.ministries_named(s, pos) or [p for p in [self.place_named(s, pos)] if p]
        if listed:
            return listed, False          # 发展改革委、文化和旅游部等部门要…, 受帮扶省市要…
        np = self.grow_np(s, pos)
        if np is not None and self._verb_led(s, pos):
            return (topic or self.last_actors or None), True    # 引导职工关心企业，…: a verb, not a subject
        if np is not None and self._bare_clause(s, pos):
            return [], False              # 设立慈善组织应当…, 申请设立社会团体，应当…: an act, not an actor
        if np is None:
            organ = _ORGAN_NAME.match(prefix)
            named = [organ.group()] if organ else self._agents_before(prefix, pos)
            if not any(named) and topic and self._verbal_condition(prefix):
                return topic, True        # 劳动者应当…，发现事故隐患应当及时报告: the sentence's subject goes on
            return ([n for n in named if n] if all(named) else []), False     # 财政部要…, 受托人应当…
        short = _SHORT_NAME.search(self.text, np[0], pos)
        if short and short.start() < np[1]:
            np = (np[0], short.start())   # 国务院教育行政部门（以下简称教育部门）: the name before its short name
        rest = _SHORT_NAME.sub("", self.text[np[1]:pos])
        owned = self._owned_agent(s, np, rest)
        if owned:
            return owned, False           # 未成年人的监护人应当…: the agent the actor phrase owns
        relative = rest.startswith(_NOMINAL_AFTER) or (len(rest) <= 2 and not rest.startswith(_STARTERS)) \
            or (_RELATIVE_AFTER_ACTOR.match(rest) and not (_TOPIC_OBJECT.match(rest) and not _CONTENTS.match(self.text, pos)))
        if rest and rest not in _SUBJECT_ADVERBS and relative and not _MANNER.fullmatch(rest) \
                and not rest.startswith(_MEETS):      # 有关部门发现犯罪的，应当…: the body meets an event
            return [], False              # 单位使用的设备，必须…: the actor sits in a relative clause
        return self._resolve(self.partners_apart(np), topic), False

    def _owned_agent(self, s: int, np: tuple[int, int], rest: str) -> list[str]:
        """未成年人的监护人, 被监护人的近亲属: an actor phrase + 的 + an agent noun no actor label covers."""
        if not _OWNED_AGENT.fullmatch(rest):
            return []
        phrase = self.text[s:np[1]] + rest
        named = agent_nouns(phrase)
        return named if named == [phrase] else []

    def _agents_before(self, prefix: str, pos: int) -> list[str]:
        """承办者具体负责…, 活动的承办者(以下简称承办者)对其承办活动的安全负责: an agent noun (…者, …人)
        before adverbs of manner, a short name it is given, or the 对-object of a clause-final 负责."""
        named = agent_nouns(_TRAILING_MANNER.sub("", _SHORT_NAME.sub("", prefix)))
        if not any(named) and self.text.startswith("负责", pos) and "对" in prefix:
            named = agent_nouns(_SHORT_NAME.sub("", prefix.rsplit("对", 1)[0]))
        return named

    @staticmethod
    def _verbal_condition(prefix: str) -> bool:
        """发现职业病危害事故隐患 before a modal: the subject meeting an event (发现, 接到…) and no 的-phrase,
        a condition of the sentence's subject rather than a subject of its own (but 抽查结果可以…
        is a thing, and in 决定…不准其出境 the ban is of 其, the one decided upon)."""
        return prefix.startswith(_MEETS) and "的" not in prefix

    def _opens_with_actor(self, clause: Clause) -> bool:
        """金融、电信等有关部门依照职责…，负责…: a clause with no modal that opens with an actor phrase
        (a mention, after nouns or a list of units at most) names the subject the next clauses carry on;
        one that opens with a verb or a relative clause (减少人员伤亡, 发现生产经营单位…) does not."""
        lead = _LEADING.match(self.text, clause.start, clause.end)
        s = lead.end() if lead else clause.start
        first = self.first_mention(s)
        if first is None or first[0] >= clause.end:
            return False
        gap = self.text[s:first[0]]
        if _BY.search(self.text, s, clause.end):
            return False                  # 其成员由村民会议推选产生: the subject is what is acted on
        return not gap or (not _NOT_NOUNS.search(gap) and not starts_predicate(gap) and not has_verb_start(gap))

    def _verb_led(self, s: int, pos: int) -> bool:
        """In a policy paper, the words before the first actor mention start with a verb and no 的
        makes them a relative clause: 引导职工…, 打造…中心 (a law's 发展改革、财政等部门 is a list)."""
        if not self.policy.policy:
            return False
        first = self.first_mention(s)
        gap = self.text[s:first[0]] if first and first[0] < pos else ""
        return bool(gap) and not re.search("[的、]", gap) and has_verb_start(gap)

    def _bare_clause(self, s: int, pos: int) -> bool:
        """In a law, the words before the first actor mention are a verb and its object, with no 的 to
        make them a modifier (设立慈善 before 组织, 申请登记或者认定慈善 before 组织): the subject is that
        act, so no one bears the norm; one verb before a head is a compound name (举办单位, 使用单位)."""
        first = self.first_mention(s)
        gap = self.text[s:first[0]] if first and first[0] < pos else ""
        if not self.with_articles or self.policy.policy or not gap.startswith(_ACTS) \
                or re.search("[的、，]", self.text[s:pos]):
            return False
        words = _gap_words(gap)
        return len(words) >= 2 and words[0][0] in _ACTS and words[1][1] in ("n", "v", "vn", "c", "nz", "nt")

    def _located_np(self, s: int, pos: int) -> bool:
        """在中华人民共和国领域内的一切单位和个人，必须…: a place frame inside the subject's modifier."""
        return self.text.startswith(("在", "凡在"), s) and self._relative_np(s, pos)

    def _duty_modified(self, s: int, pos: int) -> bool:
        """负责事故调查处理的国务院有关部门, 按照国家有关规定成立的事故调查组: an actor phrase defined by its
        duty or by how it was set up is a subject, not a predicate."""
        defined = self.text.startswith(_OBJECT_CUES + ("负责",), s) or _FOUNDED_BY.match(self.text, s, pos)
        return bool(defined) and self._relative_np(s, pos)

    def _relative_np(self, s: int, pos: int) -> bool:
        """接受移送的部门: text[s:pos] is an actor phrase led by a relative clause (…的 + head)."""
        np = self.grow_np(s, pos)
        return "的" in self.text[s:pos] and np is not None and np[1] == pos

    def _resolve(self, actors: list[str], topic: list[str] | None) -> list[str]:
        """其主要负责人 after 生产经营单位应当…: 生产经营单位的主要负责人 (其委托的人: 受托人委托的人)."""
        owner = (topic or self.last_actors or [""])[0]
        return [(_PRONOUN.sub(self._owned_by(owner, a), a) if owner and _PRONOUN.match(a) and not a.startswith("它的")
                 else a) for a in actors]

    @staticmethod
    def _owned_by(owner: str, phrase: str) -> str:
        """What 其 becomes before ``phrase``: the owner with 的 before a noun, bare before a verb's 的-clause."""
        pronoun = _PRONOUN.match(phrase)
        rest = phrase[pronoun.end():] if pronoun else phrase
        bare = not pronoun or pronoun.group() != "其" or "的" in rest or owner.endswith("的") or rest in _COMPOUND_MEMBERS
        return owner if bare else owner + "的"

    def by_agent(self, clause: Clause, after: int) -> tuple[list[str], int, int] | None:
        """由X + verb at the start of the clause (after adverbs and a cue): X and the verb span."""
        m = _BY.search(self.text, after, clause.end)
        if m is None or _CUES.search(self.text[after:m.start()]):
            return None
        k = m.start()
        np = self.grow_np(k + 1, clause.end)
        if np is None:
            return self._agent_by(k + 1, clause.end)
        if np[1] >= clause.end - 1:
            return None
        return self.split_coordinated(*np), np[0], np[1]

    def _agent_by(self, at: int, end: int) -> tuple[list[str], int, int] | None:
        """由出资人依法清偿, 由监护人承担, 由败诉的当事人承担: an agent noun that no actor label covers
        after 由 (the shortest one before the verb)."""
        m = _BY_AGENT_NOUN.match(self.text, at, end)
        if m is None or m.end() >= end - 1 or _RELATIVE_VERB.match(self.text, m.end(), end):
            return None                   # 实施由专人负责的监测: 由X + verb qualifies a noun
        named = agent_nouns(m.group())
        return (named, at, m.end()) if named and all(named) else None

    # ---- norms ------------------------------------------------------------------------------
    def read(self, s: int, e: int, lead: LeadIn | None = None, item: bool = False) -> tuple[list[Draft], LeadIn | None]:
        """Norms of text[s:e]; for a lead-in (ends with ：) also the context of its items."""
        drafts: list[Draft] = []
        spans = [(s, e)]
        if self.policy.policy:            # responsible-units notes: their own drafts, and the task text between them
            drafts, spans = read_notes(self.text, s, e, self.policy)
            e = spans[-1][1] if spans else s
        for a, b in spans:
            for sm in _SENTENCE.finditer(self.text, a, b):
                if sm.group().strip() and not _PURPOSE.search(sm.group()):
                    start = self._past_definition(sm.start(), sm.end())
                    drafts.extend(self.read_sentence(start, sm.end()) if start < sm.end() else [])
        if item and lead is not None and lead.is_norm and not lead.is_condition:
            drafts = self._item_drafts(s, e, lead, drafts)
        new_lead = self.lead_in(s, e, drafts) if self.text[s:e].rstrip().endswith(("：", ":")) else None
        if new_lead is not None and new_lead.items_bear:
            drafts = []                   # 下列单位: the bearers are the items
        return drafts, new_lead

    def _past_definition(self, s: int, e: int) -> int:
        """本条例所称居家养老服务是指…由政府提供…, 市场调节价，是指由经营者自主制定…的价格: a definition names
        what a term covers, and the acts it describes are no one's norms; a clause after its ； may be one."""
        if not _DEFINITION.match(self.text, s, e):
            return s
        semi = self.text.find("；", s, e)
        return semi + 1 if semi >= 0 else e

    def _item_drafts(self, s: int, e: int, lead: LeadIn, own: list[Draft]) -> list[Draft]:
        if lead.items_bear:               # 下列单位应当建立…：（一）大型发电厂、民用机场…
            units = self.item_bearers(s, e)
            return [Draft(u, lead.modality, lead.action, s, e, roles_for(units, "sole"), lead.condition, 0.8,
                          self.text[s:e].strip()) for u in units]
        own = self._items_own_modality(own, lead) if lead.actors else [d for d in own if d.actor]
        body = self.text[s:e].strip().rstrip("；;。")
        role = roles_for(lead.actors, lead.role)
        return [Draft(a, lead.modality, body, s, e, role, lead.condition, 0.85, body)
                for a in (lead.actors or [""])] + own

    def _items_own_modality(self, own: list[Draft], lead: LeadIn) -> list[Draft]:
        """应当遵守下列规定：（三）服从安全管理，不得投掷杂物: a ban that opens a clause of an item under a
        list of duties is the lead-in's bearers' too, unless the item names a bearer of its own."""
        if lead.modality != "obligation" or not all(lead.actors):
            return []
        role = roles_for(lead.actors, lead.role)
        return [Draft(a, d.modality, d.action, d.start, d.end, role, d.condition, 0.85, d.sentence)
                for d in own if d.modality == "prohibition" and (not d.actor or d.actor in lead.actors)
                and self._opens_with_ban(d) for a in lead.actors]

    def _opens_with_ban(self, draft: Draft) -> bool:
        """（二）接受安全检查，不得携带…: the draft's clause starts with its ban cue and then its action."""
        m = _BAN_OPENS.match(self.text, draft.start, draft.end)
        return m is not None and self.text[m.end():draft.end].lstrip().startswith(draft.action[:4])

    def lead_in(self, s: int, e: int, drafts: list[Draft]) -> LeadIn:
        text = self.text[s:e].rstrip()
        if _CONDITION_LEAD.search(text):
            return LeadIn(is_condition=True, is_norm=False)
        if _RIGHT_LEAD.search(text) and drafts:
            return LeadIn(sorted({d.actor for d in drafts}, key=[d.actor for d in drafts].index), "permission")
        duty = _DUTY_LEAD.search(text)
        if duty and not drafts:
            np = self.grow_np(s, s + duty.start())
            actors = self.split_coordinated(*np) if np else []
            return LeadIn(actors, "obligation")
        if drafts and all(d.actor.startswith("下列") for d in drafts):
            actions = "，".join(dict.fromkeys(d.action for d in drafts))
            return LeadIn([], drafts[-1].modality, items_bear=True, action=actions)
        if drafts:
            last = drafts[-1]
            actors = [d.actor for d in drafts if d.start == last.start and d.modality == last.modality]
            return LeadIn(list(dict.fromkeys(actors)), last.modality, role=last.role if len(actors) < 2 else "sole")
        return LeadIn(is_norm=False)

    def read_sentence(self, s: int, e: int) -> list[Draft]:
        drafts: list[Draft] = []
        self.sentence_subject = None
        topic: list[str] | None = None
        from_condition = False            # the topic is the subject of a condition clause
        condition = ""
        sentence = self.text[s:e].strip()
        clauses = self.clauses(s, e)
        skip_to = 0
        for i, clause in enumerate(clauses):
            if i < skip_to:
                continue
            listed = self.listed_subject(clauses, i)
            if listed is not None:        # A单位，B单位，以及C单位，应当…: every listed unit bears it
                topic, skip_to = listed
                continue
            body = clause.text.rstrip("，；：,;:。！？ ")
            if _ENDS_RELATIVE.search(body) or body.startswith(("如果", "若", "凡", "因")) or _CONDITION_LEAD.search(body) \
                    or (body.startswith("有") and not body.startswith(("有关", "有权"))):
                condition = body
                # 有…的 opens no subject, but 有关部门发现…的 does: the body meets an event
                opens_with_you = body.startswith("有") and not (body.startswith("有关") and any(v in body for v in _MEETS))
                if (not topic or from_condition) and _ENDS_RELATIVE.search(body) and not opens_with_you:
                    named = self.condition_subject(clause.start, clause.end)
                    if topic and named:       # A…不服的，A和B…不服的，可以…: each condition's subject
                        topic = list(dict.fromkeys(topic + named))
                    elif not topic:
                        topic = topic if named is None and topic is not None else named
                        from_condition = bool(named)
                continue
            if topic is None:
                topic = self.relative_subject(clause.start, clause.start + len(body))
                if topic is not None:
                    continue
            found, topic = self.read_clause(clause, topic, condition, sentence)
            from_condition = False        # a later condition no longer adds to a subject that has acted
            if not found and drafts:
                found = self._partner_clause(clause, drafts[-1], condition, sentence)
            drafts.extend(found)
        self._beside_lead(drafts)
        function = _FUNCTION_IS.match(sentence)
        if function and not drafts:
            drafts.extend(self._function_statement(s, e, function))
        if drafts and not self.with_articles:
            drafts.extend(self._parallel_clauses(s, e, drafts))
        return drafts

    @staticmethod
    def _beside_lead(drafts: list[Draft]) -> None:
        """公安机关牵头负责…，有关部门依照职责负责…: beside a bearer who leads (牵头) the sentence's
        other bearers support; a 协助 that ends a bearer's own chain of duties leaves it the role it had."""
        leads = {d.actor for d in drafts if d.role == "lead" and d.action.startswith("牵头")}
        own: dict[str, str] = {}
        for d in drafts:
            if leads and d.actor and d.actor not in leads and d.role in ("sole", "joint"):
                d.role = "support"
            elif d.role == "support" and d.actor in own and d.action.startswith(_SUPPORT_VERBS):
                d.role = own[d.actor]     # X应当核实…，停止服务，协助调查处理: X's own chain of duties
            if d.role in ("sole", "joint"):
                own.setdefault(d.actor, d.role)

    def _partner_clause(self, clause: Clause, last: Draft, condition: str, sentence: str) -> list[Draft]:
        """X应当…，会同Y建立…机制: a 会同/配合/协助 clause with no subject continues the last norm of
        the sentence, with its bearers (and Y as a supporting bearer)."""
        lead = _LEADING.match(self.text, clause.start, clause.end)
        at = lead.end() if lead else clause.start
        if not last.actor or not self.text.startswith(_LEAD_VERBS[1:] + _SUPPORT_VERBS, at):
            return []
        bearers = list(dict.fromkeys(d for d in self.last_actors if d)) or [last.actor]
        return self._drafts(bearers, last.modality, at, clause, condition, sentence)

    def read_clause(self, clause: Clause, topic, condition: str, sentence: str):
        """Norms of one clause, and the sentence topic after it."""
        cues = self._cues(clause)
        by = None
        body_end = clause.start + len(clause.text.rstrip("，；：,;:。！？ "))
        first_pos = cues[0].start() if cues else body_end
        start_by = self.by_agent(clause, clause.start)
        subject_end = start_by[1] - 1 if start_by else first_pos
        actors, inherited = self.subject(clause, min(first_pos, subject_end), topic)
        if inherited and cues and cues[0].group() in _IMPERSONAL and topic is None:
            actors = []                   # 禁止投入使用: an impersonal ban, not the last sentence's actor
        if not inherited and (topic is None or (actors and (cues or self._opens_with_actor(clause)))):
            topic = actors                # a later clause's own subject is the topic from there on
        if actors and not inherited and cues:
            self.last_actors = actors
        if start_by and self.text[start_by[2]:body_end].endswith(("组成", "构成")):
            start_by = None                       # 由A、B组成: composition, not a duty
        if start_by and self.with_articles and self.text.startswith(_SANCTION_VERBS, start_by[2]):
            topic = start_by[0]           # 由X责令…，给予警告；…并处罚款: X bears every sanction of the sentence
        if start_by and self.policy.policy and not cues and not _POLICY_BY_ACT.fullmatch(self.text, start_by[2], body_end):
            start_by = None               # 建立由X牵头…的机制, 由A放宽至B: no act of X's own
        if not cues and self.policy.policy and start_by is None:
            return self._invited(clause, body_end, condition, sentence), topic
        if not cues and start_by is None and self.with_articles:
            lead = _LEADING.match(self.text, clause.start, body_end)
            return self.declarative(clause, lead.end() if lead else clause.start, body_end, condition, sentence), topic
        if not cues and (start_by is None or not (self.with_articles or self.policy.policy)):
            return [], topic              # a policy paper's 由X推荐 is X's duty, as a law's
        drafts = []
        if not cues:
            by, _, verb_at = start_by
            partner_end = self._past_partner(verb_at, body_end)
            modality = "obligation" if partner_end != verb_at else self._by_modality(self.text[verb_at:body_end])
            drafts += self._drafts(by, modality, verb_at, clause, condition, sentence)
            self.last_actors = by
            return drafts, (by if self._by_goes_on(body_end) else topic)   # 由用工单位清偿，并可以…追偿
        cues, partners = self.partner_before_modal(cues)
        for i, cue in enumerate(cues):
            modality = cue.lastgroup
            after = self.by_agent(clause, cue.end())
            if after:
                bearers, act_at = after[0], after[2]
            else:
                bearers = start_by[0] if start_by else actors or []
                act_at = cue.start() if cue.group().startswith(_OBJECT_CUES + _NEED_NOT) else cue.end()
                act_at = self._directing_start(clause, self._answerable_for(clause, cue, act_at), cue.start())
            if not bearers and actors is None:
                bearers = []
            stop = cues[i + 1].start() if i + 1 < len(cues) else clause.end
            if inherited and condition and not start_by and not after \
                    and self._offender_punished(bearers, act_at, stop, sentence):
                bearers = []              # …的工作人员玩忽职守的，依法给予处分: a penalty, no authority named
            if cue.group().startswith("享受") and (not bearers or self.policy.policy):
                continue                  # 享受…优惠 with no one named, or in a policy paper: no norm of anyone
            banned = self._banned_actor(cue, stop) if not bearers else None
            if banned:
                bearers, act_at = banned
            if not bearers and self.policy.policy and not _POLICY_MODAL.match(self.text, cue.start()):
                continue                  # a policy paper's 对…给予奖励 with no bearer: a task with no modal
            if not bearers and cue.group() == "给予":
                continue                  # 对…成绩显著的单位和个人，按照国家有关规定给予表彰: no bearer, no modal
            drafts += self._drafts(bearers, modality, act_at, clause, condition, sentence, stop)
            if bearers:
                self.last_actors = bearers
        if start_by and self._by_goes_on(body_end):
            topic = start_by[0]           # 由该工程管理单位负责管理，并可以…: X goes on
        return self.with_partners(drafts, partners), topic

    def _by_goes_on(self, body_end: int) -> bool:
        """由X清偿，并可以依法进行追偿: in a law, X is the subject of a 并/也 + modal clause after its own."""
        return self.with_articles and bool(_CARRIED_POWER.match(self.text, body_end))

    def _banned_actor(self, cue: re.Match, stop: int) -> tuple[list[str], int] | None:
        """禁止任何组织或者个人假借…: an impersonal ban whose object is an actor phrase and a verb
        bans that actor's act (one bearer per conjunct, the action after the phrase)."""
        if cue.group() not in _IMPERSONAL:
            return None
        np = self.grow_np(cue.end(), stop)
        first = self.first_mention(cue.end())
        if np is None or np[0] != cue.end() or first is None \
                or not self._banned_qualifier(self.text[cue.end():first[0]]):
            return None                   # 禁止将危险废物提供给…单位: the object is a thing, not an actor
        rest = self.text[np[1]:stop].strip("，；：,;:。！？ ")
        if not rest or rest.startswith(_NOMINAL_AFTER) or _RELATIVE_AFTER_ACTOR.match(rest) or "的" in rest[:3]:
            return None
        return self.split_coordinated(*np), np[1]

    def _offender_punished(self, bearers: list[str], at: int, stop: int, sentence: str) -> bool:
        """…的工作人员滥用职权的，依法给予处分: after a condition, a disciplinary or unnamed penalty falls on
        the bearers carried into its clause (the staff who abused their powers), unless the sentence names them
        with 由 as the authority (a fine or a warning after an authority's own clause stays its norm)."""
        action = self.text[at:stop].strip().rstrip("，；：,;:。")
        punished = _PENALTY.match(action) and (action.endswith("处分") or _UNNAMED_PENALTY.fullmatch(action))
        return bool(bearers) and bool(punished) and not any("由" + b in sentence for b in bearers)

    @staticmethod
    def _banned_qualifier(gap: str) -> bool:
        """任何, 一切, 其他, or a relative clause (未取得处理资格的) before the actor a ban names; a 将/把/向
        frame makes the phrase a thing acted on."""
        if gap in ("", "任何", "一切", "其他"):
            return True
        return gap.endswith("的") and len(gap) <= 30 and not gap.startswith(("将", "把", "向", "对", "为", "给", "在"))

    def _invited(self, clause: Clause, body_end: int, condition: str, sentence: str) -> list[Draft]:
        """A policy paper's 鼓励X… / 支持X在… / 允许X…: a permission of X, the named actor invited to
        act; 允许 with no actor named allows the act itself (actor ""); 鼓励/支持 with none is no norm."""
        lead = _LEADING.match(self.text, clause.start, body_end)
        s = lead.end() if lead else clause.start
        cue = _INVITING.match(self.text, s, body_end)
        if cue is None:
            return []
        np = self.grow_np(cue.end(), body_end)
        place = self.place_named(cue.end(), body_end, whole=False) if np is None else ""
        if place:                         # 鼓励试点城市制定…: a city named by its role in the plan
            np = (cue.end(), cue.end() + len(place))
        rest = self.text[np[1]:body_end] if np else ""
        if np and rest and not rest.startswith(_NOMINAL_AFTER) and not _RELATIVE_AFTER_ACTOR.match(rest):
            actors, act_at = self.invited(np, body_end)
            return [Draft(a, "permission", self.text[act_at:body_end].strip(), clause.start, clause.end,
                          roles_for(actors, "sole"), condition, 0.8, sentence) for a in actors]
        if cue.group() != "允许" or np is not None:
            return []
        return [Draft("", "permission", self.text[cue.end():body_end].strip(), clause.start, clause.end,
                      "sole", condition, 0.7, sentence)]

    def _answerable_for(self, clause: Clause, cue: re.Match, at: int) -> int:
        """检测机构对检测结果负责: a clause-final 负责 takes its object from the 对-phrase before it."""
        if cue.group() != "负责" or self.text[at:clause.end].strip("，；：,;:。！？ "):
            return at
        obj = self.text.rfind("对", clause.start, cue.start())
        return obj if obj >= 0 else at

    def _directing_start(self, clause: Clause, at: int, cue_at: int) -> int:
        """支持、督促各有关部门依法履行职责: the directing verb, not the directed duty, is the action
        (but 接受移送的部门应当… is a subject led by a relative clause)."""
        lead = _LEADING.match(self.text, clause.start, at)
        s = lead.end() if lead else clause.start
        directing = self.text.startswith(_DIRECTING, s) and not self._relative_np(s, cue_at) \
            and not all(agent_nouns(self.text[s:cue_at].strip()) or [""])      # 委托人应当…: a noun
        return s if directing else at

    def _past_partner(self, at: int, end: int) -> int:
        """由A会同B制定: where the verb starts, past the 会同/牵头 partner phrase."""
        if not self.text.startswith(_LEAD_VERBS, at):
            return at
        np = self.grow_np(at + 2, end)
        return np[1] if np and np[0] == at + 2 else at

    @staticmethod
    def _by_modality(predicate: str) -> str:
        """由X决定/推选产生: a power of X; any other 由X + verb is X's duty (由X制定/规定, and
        由A会同B制定, where both bear the duty: 会同 is never a permission)."""
        verb = predicate.removesuffix("产生")
        framed = _FRAMED_POWER.match(verb)           # 依照规定审批, 按每五户推选一人
        return "permission" if verb.startswith(_POWER) or verb.endswith(_POWER) or framed else "obligation"

    def _drafts(self, actors, modality, at, clause, condition, sentence, stop=None) -> list[Draft]:
        stop = clause.end if stop is None else stop
        action = self.text[at:stop].strip().rstrip("，；：,;:。")
        if _FRAME.match(action) and stop == clause.end:
            action, condition = self._past_frame(clause, action, condition)
        if not action or (_LIABILITY.match(action) and condition):
            return []                     # 有违法行为的，有关人员应当依法承担责任: a penalty, not a norm
        if not any(actors or []) and _PENALTY.match(action):
            return []                     # 可以并处五百元以下罚款: a penalty with no authority named
        role = "sole"
        if action.startswith(_LEAD_VERBS):
            role = "lead"
        elif action.startswith(_SUPPORT_VERBS) or _SUPPORTING.search(action):
            role = "support"
        role = roles_for(actors, role)
        out = [Draft(a, modality, action, clause.start, clause.end, role, condition,
                     0.9 if a else 0.8, sentence) for a in (actors or [""])]
        if role == "lead" and action.startswith("会同"):
            out += [Draft(a, modality, action, clause.start, clause.end, "support", condition, 0.8, sentence)
                    for a in at_level_of(actors or [], self.huitong_partners(at + 2, stop))]
        out += self.coordinated(out, at, stop, modality, clause, condition, sentence)
        out += self._members(action, at, stop, modality, clause, condition, sentence) if role == "lead" else []
        rec = _RECIPIENT.search(action)
        if rec:
            for d in out:
                d.recipient = (rec.group("r") or rec.group("r2") or "").strip()
        return out

    def _members(self, action: str, at: int, stop: int, modality: str, clause: Clause, condition: str,
                 sentence: str) -> list[Draft]:
        """由民政部门牵头、相关部门和单位组成的协调机制: the units that join a body another leads
        support it (会同 is read in ``_drafts``)."""
        if not action.startswith("牵头、"):
            return []
        np = self.grow_np(at + 3, stop)
        if np is None or np[0] != at + 3 or not self.text.startswith(_MEMBER_VERBS, np[1]):
            return []
        return [Draft(a, modality, action, clause.start, clause.end, "support", condition, 0.8, sentence)
                for a in self.split_coordinated(*np)]

    def _past_frame(self, clause: Clause, frame: str, condition: str) -> tuple[str, str]:
        """应当在批复报告后一年内，组织评估: the action is the clause after the time or manner frame."""
        after = _NEXT_CLAUSE.match(self.text, clause.end)
        nxt = after.group().strip().rstrip("，；：,;:。！？") if after else ""
        if not nxt or nxt.startswith("由") or _CUES.search(nxt) or not self.text[clause.end - 1] in "，,":
            return frame, condition
        return nxt, "，".join(c for c in (condition, frame) if c)

    def _function_statement(self, s: int, e: int, m: re.Match) -> list[Draft]:
        """政府职能是制度供给与监督落实: a statement of functions is a duty of the actor."""
        np = self.grow_np(s, s + m.end(1))
        if np is None or np[1] != s + m.end(1):
            return []
        action = self.text[s + m.end():e].strip().rstrip("。，；")
        return [Draft(a, "obligation", action, s, e, roles_for([a], "sole"), "", 0.7, self.text[s:e])
                for a in self.split_coordinated(*np)]

    def _parallel_clauses(self, s: int, e: int, drafts: list[Draft]) -> list[Draft]:
        """A负责…；B遵循…；C作为纽带，征求…: parallel clauses share the stated modality."""
        extra = []
        stated = {(d.start, d.actor) for d in drafts}
        modality = drafts[0].modality
        pos = s
        for part in re.split(r"(?<=；)", self.text[s:e]):
            np = self.grow_np(pos, pos + len(part))
            if np and np[0] == pos and not any(st >= pos and st < pos + len(part) for st, _ in stated):
                rest = self.text[np[1]:pos + len(part)].strip("；。 ")
                if rest and not _CUES.search(rest):
                    extra += [Draft(a, modality, rest, pos, pos + len(part), "sole", "", 0.6, part)
                              for a in self.split_coordinated(*np)]
            pos += len(part)
        return extra
