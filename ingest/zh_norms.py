"""Chinese drafting grammar: who must, must not or may do what, in one unit of a provision.

A sentence (…。) is read clause by clause (，；：). A clause with a modal cue (应当, 不得,
可以…) gets its bearer from the actor phrase before the cue, from 由X (由X负责/决定), or
from the sentence's topic when the clause has no subject of its own (zero anaphora). The
actor phrase is grown over actor mentions: modifiers + head, coordinated heads (、和或者及),
and 的-linked heads; coordinated bearers give one norm each.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import patterns
from ingest.drafts import Draft, LeadIn, roles_for

_P = patterns.load("zh")
_CUES = patterns.cue_regex("zh")
_PUNCT = re.compile(r"[，。；：:,;！？!?]")
_SENTENCE = re.compile(r"[^。！？]+[。！？]?")
_CLAUSE = re.compile(r"[^，；：,;:]+[，；：,;:]?")
_LEADING = re.compile(r"^(?:但是|但|并且|并|同时|也|还|均|都|另外|而且|此外|因此|所以|其中|而|则|即)+")
_BY = re.compile(r"(?<![为理事自缘])由(?!于|此|衷)")
_STARTERS = tuple(sorted(_P["predicate_starters"], key=len, reverse=True))
_COORD = tuple(sorted(_P["coordinators"], key=len, reverse=True))
_PURPOSE = re.compile(r"^\s*为了?.*制定本(?:法|条例|规定|办法|细则)")
_PRONOUN = re.compile(r"^(?:其(?![他余中间])|它的|他们的|它们的)")
_VERB_LIKE = tuple(_P["verb_like_heads"])
_BARE_PRONOUN = re.compile(r"^(?:他们|它们|其)$")
_DUTY_LEAD = re.compile(r"(?:的)?(?:" + "|".join(_P["duty_lists"]) + r")(?:是|为|包括)?[：:]?$")
_FUNCTION_IS = re.compile(r"^(.{1,30}?)(?:的)?(?:职能|职责|任务)(?:是|为|主要是)")
_RIGHT_LEAD = re.compile(r"(?:享有|行使)下列(?:" + "|".join(_P["right_lists"]) + ")")
_CONDITION_LEAD = re.compile("|".join(_P["condition_leads"]))
_POWER = tuple(sorted(_P["power_verbs"], key=len, reverse=True))
_NOMINAL_AFTER = tuple(_P["head_blocklist_after"])
_OBJECT_CUES = ("履行", "承担", "负有")
_MODIFIER_END = re.compile(r"[^，。；：、]{0,24}?的")
_LEAD_VERBS = tuple(_P["lead_support"]["lead"])
_SUPPORT_VERBS = tuple(_P["lead_support"]["support"])
_RECIPIENT = re.compile(r"向(?P<r>[^，。；、]{1,30}?)(?:" + "|".join(_P["information_verbs"]) + ")|报(?P<r2>[^，。；]{2,30}?)(?:备案|批准|审批)")


@dataclass
class Clause:
    start: int
    end: int
    text: str


class ZhUnitReader:
    """Reads the norms of one unit; keeps the last bearers for pronouns (其, 他们)."""

    def __init__(self, text: str, mentions: list[tuple[int, int]], *, with_articles: bool = True) -> None:
        self.text = text
        self.mentions = mentions
        self.with_articles = with_articles
        self.last_actors: list[str] = []

    # ---- noun phrases ---------------------------------------------------------------------
    def grow_np(self, s: int, limit: int) -> tuple[int, int] | None:
        """The actor phrase starting at ``s``: modifiers + head, then coordinated/的-linked heads."""
        inside = [m for m in self.mentions if m[0] >= s and m[1] <= limit]
        if not inside:
            return None
        first = inside[0]
        gap = self.text[s:first[0]]
        if len(gap) > 24 or _PUNCT.search(gap) or gap.startswith(_STARTERS[:0] or ("由",)):
            return None
        end = first[1]
        for m in inside[1:]:
            if m[0] < end:
                continue
            between = self.text[end:m[0]]
            if not self._joins(between) or (not between and self.text[m[0]:m[1]] in _VERB_LIKE):
                break
            end = m[1]
        return s, end

    def _joins(self, between: str) -> bool:
        if between == "":
            return True
        if _PUNCT.search(between.replace("、", "")) or "，" in between:
            return False
        if between.startswith(_COORD):
            return len(between) <= 22
        if between.startswith("、"):
            return len(between) <= 22
        if between.startswith(_STARTERS) and not between.startswith(("和", "与")):
            return False
        if between.startswith("的"):
            return len(between) <= 6
        return len(between) <= 3

    def split_coordinated(self, s: int, e: int) -> list[str]:
        """"A、B和C" -> [A, B, C]; "任何部门和单位" -> [任何部门, 任何单位]."""
        parts, cut = [], s
        heads = [m for m in self.mentions if s <= m[0] and m[1] <= e]
        for m in heads:
            if m[1] >= e:
                break
            rest = self.text[m[1]:e]
            coord = next((c for c in _COORD if rest.startswith(c)), None)
            if coord and any(h[0] >= m[1] + len(coord) for h in heads):
                parts.append((cut, m[1]))
                cut = m[1] + len(coord)
        parts.append((cut, e))
        texts = [self.text[a:b].strip("、 ") for a, b in parts]
        return self._distribute(texts, heads)

    def _distribute(self, texts: list[str], heads) -> list[str]:
        first = texts[0]
        labels = {self.text[a:b] for a, b in heads}
        head = next((lbl for lbl in sorted(labels, key=len, reverse=True) if first.endswith(lbl)), "")
        prefix = first[: len(first) - len(head)] if head else ""
        if not prefix or len(prefix) > 4:
            return [t for t in texts if t]
        return [first] + [prefix + t if t in labels and len(t) <= 2 else t for t in texts[1:] if t]

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
        if _BARE_PRONOUN.match(prefix):
            return (self.last_actors or topic or None), True
        if not prefix or prefix.startswith(_STARTERS):
            return (topic if topic is not None else self.last_actors or None), True
        np = self.grow_np(s, pos)
        if np is None:
            return [], False
        rest = self.text[np[1]:pos]
        if rest and (rest.startswith(_NOMINAL_AFTER) or (len(rest) <= 2 and not rest.startswith(_STARTERS))):
            return [], False
        return self._resolve(self.split_coordinated(*np), topic), False

    def _resolve(self, actors: list[str], topic: list[str] | None) -> list[str]:
        owner = (topic or self.last_actors or [""])[0]
        return [(_PRONOUN.sub(owner, a) if owner and _PRONOUN.match(a) and not a.startswith("它的") else a)
                for a in actors]

    def by_agent(self, clause: Clause, after: int) -> tuple[list[str], int, int] | None:
        """由X + verb at the start of the clause (after adverbs and a cue): X and the verb span."""
        m = _BY.search(self.text, after, clause.end)
        if m is None or _CUES.search(self.text[after:m.start()]):
            return None
        k = m.start()
        np = self.grow_np(k + 1, clause.end)
        if np is None or np[1] >= clause.end - 1:
            return None
        return self.split_coordinated(*np), np[0], np[1]

    # ---- norms ------------------------------------------------------------------------------
    def read(self, s: int, e: int, lead: LeadIn | None = None, item: bool = False) -> tuple[list[Draft], LeadIn | None]:
        """Norms of text[s:e]; for a lead-in (ends with ：) also the context of its items."""
        drafts: list[Draft] = []
        for sm in _SENTENCE.finditer(self.text, s, e):
            if sm.group().strip() and not _PURPOSE.search(sm.group()):
                drafts.extend(self.read_sentence(sm.start(), sm.end()))
        if item and lead is not None and lead.is_norm and not lead.is_condition:
            drafts = self._item_drafts(s, e, lead, drafts)
        new_lead = self.lead_in(s, e, drafts) if self.text[s:e].rstrip().endswith(("：", ":")) else None
        return drafts, new_lead

    def _item_drafts(self, s: int, e: int, lead: LeadIn, own: list[Draft]) -> list[Draft]:
        own = [] if lead.actors else [d for d in own if d.actor]
        body = self.text[s:e].strip().rstrip("；;。")
        role = roles_for(lead.actors, lead.role)
        return [Draft(a, lead.modality, body, s, e, role, lead.condition, 0.85, body)
                for a in (lead.actors or [""])] + own

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
        if drafts:
            last = drafts[-1]
            actors = [d.actor for d in drafts if d.start == last.start and d.modality == last.modality]
            return LeadIn(list(dict.fromkeys(actors)), last.modality, role=last.role if len(actors) < 2 else "sole")
        return LeadIn(is_norm=False)

    def read_sentence(self, s: int, e: int) -> list[Draft]:
        drafts: list[Draft] = []
        topic: list[str] | None = None
        condition = ""
        sentence = self.text[s:e].strip()
        for clause in self.clauses(s, e):
            body = clause.text.rstrip("，；：,;:。！？ ")
            if body.endswith("的") or body.startswith(("如果", "若", "凡", "因")) or _CONDITION_LEAD.search(body) \
                    or (body.startswith("有") and not body.startswith(("有关", "有权"))):
                condition = body
                continue
            found, topic = self.read_clause(clause, topic, condition, sentence)
            drafts.extend(found)
        function = _FUNCTION_IS.match(sentence)
        if function and not drafts:
            drafts.extend(self._function_statement(s, e, function))
        if drafts and not self.with_articles:
            drafts.extend(self._parallel_clauses(s, e, drafts))
        return drafts

    def read_clause(self, clause: Clause, topic, condition: str, sentence: str):
        """Norms of one clause, and the sentence topic after it."""
        cues = self._cues(clause)
        by = None
        body_end = clause.start + len(clause.text.rstrip("，；：,;:。！？ "))
        first_pos = cues[0].start() if cues else body_end
        start_by = self.by_agent(clause, clause.start)
        subject_end = start_by[1] - 1 if start_by else first_pos
        actors, inherited = self.subject(clause, min(first_pos, subject_end), topic)
        if topic is None and not inherited:
            topic = actors
        if actors and not inherited and cues:
            self.last_actors = actors
        if start_by and self.text[start_by[2]:body_end].endswith(("组成", "构成")):
            start_by = None                       # 由A、B组成: composition, not a duty
        if not cues and (start_by is None or not self.with_articles):
            return [], topic
        drafts = []
        if not cues:
            by, _, verb_at = start_by
            predicate = self.text[verb_at:body_end]
            modality = "permission" if predicate.startswith(_POWER) or predicate.endswith(_POWER) else "obligation"
            drafts += self._drafts(by, modality, verb_at, clause, condition, sentence)
            self.last_actors = by
            return drafts, topic
        for i, cue in enumerate(cues):
            modality = cue.lastgroup
            after = self.by_agent(clause, cue.end())
            if after:
                bearers, act_at = after[0], after[2]
            else:
                bearers = start_by[0] if start_by else actors or []
                act_at = cue.start() if cue.group().startswith(_OBJECT_CUES) else cue.end()
            if not bearers and actors is None:
                bearers = []
            stop = cues[i + 1].start() if i + 1 < len(cues) else clause.end
            drafts += self._drafts(bearers, modality, act_at, clause, condition, sentence, stop)
            if bearers:
                self.last_actors = bearers
        return drafts, topic

    def _cues(self, clause: Clause) -> list[re.Match]:
        found = []
        for m in _CUES.finditer(self.text, clause.start, clause.end):
            if found and m.start() - found[-1].end() <= 1:
                continue                                  # 应当负责, 必须履行…职责: one cue
            if self.text.startswith("的", m.end()):
                continue                                  # 享有的权利: a modifier, not a cue
            found.append(m)
        if len(found) > 1:
            found = [m for m in found if m.group() != "给予"]
        found = [m for i, m in enumerate(found)
                 if not (m.group().startswith(_OBJECT_CUES) and i > 0)      # 不得因…履行职责而…: one norm
                 and not self._cue_in_modifier(m, clause)]
        return [m for i, m in enumerate(found) if not self._cue_in_subject(m, found[i + 1:])]

    def _cue_in_modifier(self, cue: re.Match, clause: Clause) -> bool:
        """负有安全生产监督管理职责的部门…: 负有/负责 inside the modifier of an actor phrase."""
        if any(a <= cue.start() < b for a, b in self.mentions):
            return True                       # the cue is part of a thesaurus label
        if not cue.group().startswith(_OBJECT_CUES + ("负责",)):
            return False
        m = _MODIFIER_END.match(self.text, cue.end(), clause.end)
        return bool(m) and any(a == m.end() for a, _ in self.mentions)

    def _cue_in_subject(self, cue: re.Match, later: list[re.Match]) -> bool:
        """负有…职责的部门应当…: the first cue sits inside the subject's modifier."""
        if not later:
            return False
        between = self.text[cue.end():later[0].start()]
        return "的" in between and not _PUNCT.search(between) and any(
            m[1] == later[0].start() for m in self.mentions)

    def _drafts(self, actors, modality, at, clause, condition, sentence, stop=None) -> list[Draft]:
        stop = clause.end if stop is None else stop
        action = self.text[at:stop].strip().rstrip("，；：,;:。")
        if not action:
            return []
        role = "sole"
        if action.startswith(_LEAD_VERBS):
            role = "lead"
        elif action.startswith(_SUPPORT_VERBS):
            role = "support"
        role = roles_for(actors, role)
        out = [Draft(a, modality, action, clause.start, clause.end, role, condition,
                     0.9 if a else 0.8, sentence) for a in (actors or [""])]
        if role == "lead" and action.startswith("会同"):
            np = self.grow_np(at + 2, stop)
            if np:
                out += [Draft(a, modality, action, clause.start, clause.end, "support", condition, 0.8, sentence)
                        for a in self.split_coordinated(*np)]
        rec = _RECIPIENT.search(action)
        if rec:
            for d in out:
                d.recipient = (rec.group("r") or rec.group("r2") or "").strip()
        return out

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
