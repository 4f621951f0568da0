"""English drafting grammar: "X shall / shall not / may ..." in one unit of a provision.

The bearer is the subject before the modal, found by walking back over comma segments and
skipping parentheticals ("where applicable", "having considered ..."), then split into
coordinated actors ("the controller or the processor and the controller's or the processor's
representative"). Passives take their by-agent ("shall be mandated by the controller");
impersonal subjects ("the notification", "such measures") leave the bearer empty.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from govkg.ingest import patterns
from govkg.ingest.actors import lexicon, mention_regex
from govkg.ingest.drafts import Draft, LeadIn, roles_for
from govkg.ingest.spans import Cue, cues_within
from govkg.ingest.en_phrases import (DETERMINER, FINITE, REL_PREDICATE, TRAILING_ASIDE, conferred_power, conjunction,
                               head_word, list_like, main_verb, need_not, phrase_with_head, singular_of,
                               split_outside_brackets, tidy)

_P = patterns.load("en")
_CUES = patterns.cue_regex("en")
_SENT = re.compile(r"(?<=;)\s+|(?<=\.)\s+(?=[A-Z(])|(?<=:)\s+(?=[a-z(])")
_NON_NORM = tuple(_P["non_norm_after_modal"])
_PAREN = tuple(_P["parenthetical_starts"])
_FRAME = re.compile(r"(?:" + "|".join(re.escape(w) for w in _P["frame_starts"]) + r")\b", re.I)
_COND = re.compile(r"^(?:" + "|".join(re.escape(c) for c in _P["condition_starts"]) + r")\b", re.I)
_ASIDE = re.compile(r",\s*(?:where applicable|where appropriate|where possible|as appropriate|in particular|if any)\s*,", re.I)
_PREP = ("of ", "to ", "for ", "in ", "on ", "by ", "with ", "from ", "under ")
_PREPOSITIONS = frozenset(p.strip() for p in _PREP)         # "under which—" opens clauses of their own
_PASSIVE_BY = re.compile(r"^\s*(?:\w+\s+){0,2}be\s+(?:(?!(?:unless|if|where|when|and|or)\b)\w+\s+){0,2}?\w+(?:ed|en|wn|ne|de|nt|ld|id|pt|ght)\b(?:(?!\b(?:unless|if|where|when|and|or)\b)[^.;:,]){0,80}?\bby\s+((?:the|a|an|each|any)\s+[^,.;:]+?)(?=[,.;:]|\s+(?:to|in|on|for|with|where|unless|before|after|within|without|at|if|when|upon|and\s+the\s+\w+\s+shall)\b|\s+(?:or|and)\s+by\b|$)", re.I)
_NEW_CLAUSE = re.compile(r".*\b(?:and|or|but|while|whereas)\s+((?:the|a|an|each|any|every)\s+[^,;]+)$", re.DOTALL)
_LEADING_PHRASE = re.compile(r"^(?:in|at|on|for|within|after|before|upon|to|once|when|where|if|until|as soon as)\s+\S", re.I)
_PRONOUNS = {"they", "it", "he or she", "he", "she"}
_OPENERS = re.compile(r"^(?:In particular|Furthermore|Moreover|Also|However|Accordingly|Thereafter|But|And|So|Instead)\b,?\s*", re.I)
_REFRAIN = re.compile(r"refrain\b[^;.]{0,80}?\bfrom\s+", re.I)
_ONLY = re.compile(r"^(?:[^\s;.]+\s+){0,12}?(?:only|exclusively)\s+(?:if|where|when|with|after|on|in cases?|to the extent|in accordance|under|for the purposes?)\b|^only\b", re.I)
_NEITHER = re.compile(r"^neither\s+(.+?)\s+nor\s+", re.I)   # "shall … neither seek nor take instructions"
_TASK_LIST = re.compile(r"^(?:the\s+)?(?:(?P<owner>[^,;:]+?)['’]s\s+)?(?:general\s+|main\s+|principal\s+)?(?:"
                        + "|".join(_P["task_list_nouns"]) + r")\s+(?:of\s+(?P<of>[^,;:]+?)\s+)?are\s*:$", re.I)
_APPOINTED = re.compile(r"^be\s+(?:\w+ly\s+)?(?:" + "|".join(_P["appointment_passives"]) + r")\b", re.I)
_LIABLE = re.compile(r"^be\s+(?:held\s+)?liable\b", re.I)   # "shall be liable … only where": a liability, not a ban
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|each|any|every|all)\s+")
_DUTY_OF = re.compile(r"\b[Ii]t\s+is\s+the\s+duty\s+of\s+(.+?)\s+to\s+(?=\w)")
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b", re.I)
_END_LEAD = (":", "—", "–")
_COND_THEN_PRONOUN = re.compile(r"^((?:if|where|when|once|unless)\b.+?)\s+(they|it|he or she|she|he)$", re.I)
_PARTICIPLE = re.compile(r"(?<=\w)\s+\w+(?:ed|ing)\b")
_COND_SUBJECT = re.compile(r"^(?:if|where|when|once|unless)\s+((?:the|a|an|each|any|such)\s+[\w-]+)\b", re.I)
_PREP_RELATIVE = re.compile(r"\b(?:in|to|for|by|under|on|with|from|of|at)\s+(?:which|whom)\b"
                            r"(?![^,;]*\b(?:is|are|was|were|has|have|had|applies|apply|relates|relate|refers|refer"
                            r"|belongs|belong|extends|extend)\b)[^,;]*$", re.I)
_AS_THE_CASE = re.compile(r"\bas the case may be\b", re.I)
_PREP_BEFORE = re.compile(r"\b(?:of|for|in|on|to|by|with|from|under|within|at)\s*$", re.I)
_ANAPHOR = re.compile(r"^(?:such|those|these|that|the said)\s+(.+)$", re.I)
_IDENTITY = re.compile(r"be\s+(?:those|the|a|an|such|one|any)\b", re.I)
_AS_SUBJECT = re.compile(r"\bas\s+((?:the\s+)?[\w' ]+?)\s*$")
_BY_INSTRUMENT = re.compile(r"by\s+(?:regulations|order|rules|direction)\b", re.I)
_RELATIVE_LEAD = re.compile(r"(\w+)\s+which\s*:$")
_PASSIVE_ITEM = re.compile(r"\s*(?:(?:must|shall|may|can)(?:\s+not)?|(?P<is_to>is\s+to|are\s+to))\s*(?:,[^,]{0,120},\s*)?"
                           r"(?P<be>be)\s+(?!(?:satisfied|entitled|obliged|prepared)\b)\w+(?:ed|en|wn|ne|de|nt|ld|id|pt|ght)\b", re.I)
_COORDINATED = re.compile(r"\s*,?\s*(?:or|and)\s*")
_CONDITION_INITIALS = re.compile(r"^\s*(?i:if|where|when|once|unless)\s+((?:the\s+)?[A-Z][A-Za-z]{1,5})\b")
_NAME = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][a-z]+|[A-Z]{2,5})(?:\s+(?:for|of|and)?\s*(?:[A-Z][a-z]+|[A-Z]{2,5})){1,4})")
_EU_UNION = re.compile(r"\bUnion\b")
_ACRONYM = re.compile(r"(?:[Tt]he\s+)?(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,5}")   # "the OfS", "ARIA", "HMRC"
_CROSS_REFERENCE = re.compile(r"\(\w{1,4}\)(?:\s*\(\w{1,4}\))*|\d{1,3}[A-Z]{0,2}(?:\s*\(\w{1,4}\))*")


_RECIPIENT = re.compile(r"\b(?:notify|inform|consult)\s+(the\s+[\w' -]+?(?:authority|controller|processor|subject|board|commission|representative|body))\b"
                        r"|\b(?:to|with)\s+(the\s+[\w' -]*?(?:supervisory authority|controller|processor|data subject|board|commission|representative))\b", re.IGNORECASE)


class EnUnitReader:
    """Reads the norms of one unit; keeps the last bearers for pronouns (they, it)."""

    def __init__(self, text: str, mentions: list[tuple[int, int]], *, cues: Sequence[Cue],
                 with_articles: bool = True) -> None:
        self.text = text.replace("\n", " ").replace("\u00a0", " ")   # same offsets, one line
        self.cues = cues                  # the modal cues of the whole text, in order (doc.spans["modality"])
        self._cue_starts = [c.start() for c in cues]
        self.with_articles = with_articles
        self.last_actors: list[str] = []
        self.unresolved = False
        self.thing_subject = False      # the last subject named a thing ("the decision"), not an actor
        self.written: dict[str, str] = {}   # a bearer's number-free key -> how the provision first wrote it

    def read(self, s: int, e: int, lead: LeadIn | None = None, item: bool = False) -> tuple[list[Draft], LeadIn | None]:
        drafts: list[Draft] = []
        pos = s
        for part in _SENT.split(self.text[s:e]):
            start = self.text.index(part, pos) if part else pos
            drafts.extend(self.read_sentence(start, start + len(part)))
            pos = start + len(part)
        acted_on = self._passive_item(s, e) if item and lead is not None and lead.actors else ""
        if acted_on:
            drafts = [] if acted_on == "status" else [d for d in drafts if not d.actor]
        elif item and lead is not None and not lead.is_norm and lead.actors and drafts \
                and not any(d.actor for d in drafts) and not self._has_own_subject(s, e):
            drafts = [Draft(a, d.modality, d.action, d.start, d.end, roles_for(lead.actors, "sole"), d.condition,
                            0.85, d.sentence, d.recipient) for d in drafts for a in lead.actors]
        elif item and lead is not None and lead.is_norm and not lead.is_condition:
            if not any(d.actor for d in drafts) and not self._has_own_subject(s, e):
                body = tidy(self.text[s:e]).rstrip(";.,")
                body = re.sub(r",?\s+(?:and|or)$", "", body)
                role = roles_for(lead.actors, lead.role)
                drafts = [Draft(a, lead.modality, body, s, e, role, lead.condition, 0.85, body)
                          for a in (lead.actors or [""])] + [d for d in drafts if d.actor]
        new_lead = self.lead_in(s, e, drafts) if self.text[s:e].rstrip().endswith(_END_LEAD) else None
        if new_lead is not None and new_lead.is_norm:
            drafts = [d for d in drafts if d.action]     # "The Commissioner must—": its items are the norms
        return drafts, new_lead

    def _passive_item(self, s: int, e: int) -> str:
        """"A person appointed to the panel— (a) is to be appointed for a term …, (b) may … be
        reappointed": an item in the passive with no agent says what is done to the lead-in's
        subject, not what it does. "status" for "is to be …" (as "The Commissioner is to be
        appointed" in a sentence), "passive" for a modal passive, "" for any other item."""
        passive = _PASSIVE_ITEM.match(self.text, s, e)
        if passive is None or self._agents(self.text[passive.start("be"):e]):
            return ""
        return "status" if passive.group("is_to") else "passive"

    def _has_own_subject(self, s: int, e: int) -> bool:
        return bool(_CUES.search(self.text, s, e)) and not self.text[s:e].lstrip()[:1].islower()

    def lead_in(self, s: int, e: int, drafts: list[Draft]) -> LeadIn:
        text = self.text[s:e].rstrip().rstrip(":—–").rstrip() + ":"
        if re.search(r"\b(?:following conditions|any of the following|one of the following)\b[^:]*\b(?:met|applies|apply)\b", text, re.I) \
                or re.search(r"\b(?:where|if|unless|when|whether|that)\s*:$", text, re.I):
            return LeadIn(is_condition=True, is_norm=False)
        relative = _RELATIVE_LEAD.search(text)
        if relative and relative.group(1).lower() not in _PREPOSITIONS:
            return LeadIn(is_norm=False)     # "… the terms of the member's appointment which— (a) must include …"
        that = re.search(r"\bthat\s+((?:the|a|an|each|any)\s+[\w' -]+?)\s*:$", text)
        if that and self.is_actor(that.group(1)) and not _CUES.search(that.group(1)):
            return LeadIn([that.group(1)], "obligation")
        tasks = self._task_list_owner(text) if not drafts else ""
        if tasks:
            return LeadIn([tasks], "obligation")    # "The functions of the Commission are—": a task list
        if not drafts:
            subject = self.subject_text(text.rstrip(":").strip())[0]
            actors = self.split(subject) if subject and self.is_actor(subject) else []
            return LeadIn(actors, is_norm=False)      # "the relevant probation body—" (a) must …
        last = drafts[-1]
        actors = [d.actor for d in drafts if d.start == last.start and d.modality == last.modality]
        return LeadIn(list(dict.fromkeys(actors)), last.modality)

    def _task_list_owner(self, lead: str) -> str:
        """The actor whose tasks a lead-in lists with no modal ("The Commissioner's general functions
        are—", "The functions of the Commission are—"), or ""."""
        m = _TASK_LIST.match(tidy(lead))
        owner = m and (m.group("owner") or m.group("of"))
        if not owner or (m.group("owner") and m.group("of")) or not self.is_actor(owner):
            return ""
        return tidy(owner) if m.group("of") or owner.lower().startswith("the ") else f"the {owner}"

    def read_sentence(self, s: int, e: int) -> list[Draft]:
        sentence = _AS_THE_CASE.sub(lambda m: " " * len(m.group()), self.text[s:e])
        drafts: list[Draft] = []
        previous: list[str] | None = None
        last_end = 0
        duty_of = _DUTY_OF.search(sentence)
        relative_end: int | None = None
        for cue in self._sentence_cues(s, e, sentence):
            own_from, last_end = last_end, cue.end()
            rest = sentence[cue.end():].lstrip()
            pre = sentence[:cue.start()]
            measurer = self._comparative_subject(pre)
            if measurer:
                if _BY_INSTRUMENT.match(rest):   # "on such day as the Scottish Ministers may by regulations appoint"
                    action = tidy(re.split(r"[;]|\.\s", rest)[0]).rstrip(".,:—–")
                    drafts.append(Draft(measurer, "permission", action, s, e, roles_for([measurer], "sole"), "", 0.85,
                                        tidy(sentence)))
                continue                         # "in such form as the Secretary of State may request"
            effect = _states_effect(cue, rest)
            relative = self._in_relative(sentence, cue.start()) \
                or (relative_end is not None and _COORDINATED.fullmatch(sentence, relative_end, cue.start()))
            relative_end = cue.end() if relative else None   # "to which the OfS must, or must not, have regard"
            if effect or relative or _in_condition(pre) or self._relative_after(sentence, own_from, cue.start()):
                if effect and previous is None and not self._in_relative(sentence, cue.start()):
                    previous = self.bearers(self._own_clause(pre, own_from), rest)[0] or None   # "X shall be considered a provider and shall …"
                self._predicate_actor(rest)
                continue
            if previous is not None and re.search(r"(?:\b(?:or|and|but)|\(\s*(?:but|and|or)?)\s*$", pre):
                actors, condition = previous, ""           # "may require ... or may decide"
            else:
                self.unresolved = False
                actors, condition = self.bearers(self._own_clause(pre, own_from), rest)
                if self.unresolved:
                    continue      # "It shall inform …" with no actor before it: a bearer unknown, not absent
            word = cue.group().lower()
            if word in ("is to", "are to") and (self._not_a_duty(actors, rest) or _subordinate(pre)):
                continue
            if actors and _APPOINTED.match(rest) and not self._agents(rest):
                actors = []                # "a joint representative shall be appointed …": done to it, by no one named
            previous = actors
            modality = cue.lastgroup
            if modality in ("permission", "obligation") and (_ONLY.match(rest) or re.search(r"\bonly\s*$", pre)) \
                    and not _LIABLE.match(rest):
                modality = "prohibition"     # "may … only if", "shall take place only if": restricted
            refrain = _REFRAIN.match(rest)
            if modality == "obligation" and refrain:
                modality, rest = "prohibition", rest[refrain.end():]    # "shall refrain, in the case …, from"
            if modality == "prohibition" and not actors and need_not(rest):
                modality = "permission"      # "shall not require any specific authorisation"
            power = conferred_power(pre, rest)
            if power:                        # "The power to adopt … shall be conferred on the Commission"
                actors, rest, modality = [power[0]], power[1], "permission"
            rest = re.sub(r"^only\s+", "", rest)
            action = re.split(r"[;]", rest)[0].strip().rstrip(".,:—–")
            action = re.split(r"\.\s", action)[0]
            action, frame = _after_frame(action)
            neither = _NEITHER.match(action) if modality == "obligation" else None
            if neither:                      # "shall neither seek nor take": a ban on either
                modality, action = "prohibition", f"{neither.group(1)} or {action[neither.end():]}"
            condition = ", ".join(part for part in (condition, frame) if part)
            role = roles_for(actors, "joint" if "jointly" in rest[:40] else "sole")
            action, condition = tidy(action), tidy(condition)
            for actor in actors or [""]:
                actor = self._as_first_written(TRAILING_ASIDE.sub("", tidy(actor)))
                d = Draft(actor, modality, action, s, e, role, condition, 0.9 if actor else 0.8, tidy(sentence))
                rec = _RECIPIENT.search(action)
                d.recipient = (rec.group(1) or rec.group(2)).strip() if rec else ""
                drafts.append(d)
        if duty_of and self.is_actor(duty_of.group(1)):
            actors = self.split(tidy(duty_of.group(1)))
            self.last_actors = actors
            action = tidy(re.split(r"[;]|\.\s", sentence[duty_of.end():])[0]).rstrip(".,:—")
            drafts += [Draft(a, "obligation", action, s, e, roles_for(actors, "sole"), "", 0.9, tidy(sentence))
                       for a in actors]
        return self._first_per_bearer(drafts)

    def _comparative_subject(self, pre: str) -> str:
        """The actor of a "such … as X may …" clause, or "". Its modal measures the main clause
        ("in such form as the Secretary of State may request") and gives X no norm, unless it
        confers a power to legislate ("on such day as the Scottish Ministers may by regulations
        appoint": "X may by regulations…" in GUIDELINES.md)."""
        m = _AS_SUBJECT.search(pre)
        if m is None or not re.search(r"\bsuch\b", pre[:m.start()], re.I) or not self.is_actor(m.group(1)):
            return ""
        return tidy(m.group(1))

    def _sentence_cues(self, s: int, e: int, sentence: str) -> list[Cue]:
        """The cues of text[s:e] at offsets within the sentence, but none in a blanked "as the case may be"."""
        cues = [Cue(c.start() - s, c.end() - s, sentence[c.start() - s:c.end() - s], c.lastgroup)
                for c in cues_within(self.cues, self._cue_starts, s, e)]
        return [c for c in cues if sentence[c.start():c.end()].strip()]

    def _not_a_duty(self, actors: list[str], rest: str) -> bool:
        """"X is to …" imposes a duty on an actor X ("The Commissioner is to prepare a report"), and
        "… is to be made by X" on its agent; a thing "is to be brought into force" is a duty with no
        bearer. "are to the code" is a reference, "The Commissioner is to be appointed" a status,
        "Those consulted are to be those who …" an identity."""
        passive = re.match(r"be\s", rest, re.I)
        return bool(re.match(r"(?:the|a|an)\b", rest, re.I)) or (not actors and not passive) \
            or bool(passive and actors and not self._agents(rest)) or bool(_IDENTITY.match(rest))

    @staticmethod
    def _relative_after(sentence: str, after_cue: int, at: int) -> bool:
        """"X must issue a code … that the code must include": a modal inside a relative clause
        after an earlier modal of the same sentence is part of that norm's object."""
        if not after_cue:
            return False
        between = sentence[after_cue:at]
        return bool(_RELATIVE.search(between)) and not _NEW_CLAUSE.search(between) and ";" not in between

    @staticmethod
    def _own_clause(pre: str, after_cue: int) -> str:
        """"X shall have the right to …, and the controller shall …": the second norm's subject is
        the conjunct after the last "and"/"or"/"but" that follows the earlier modal."""
        if not after_cue:
            return pre
        m = _NEW_CLAUSE.search(pre, after_cue)
        return m.group(1) if m else pre

    def _predicate_actor(self, rest: str) -> None:
        """"they shall be joint controllers": the actors a later "they" refers to."""
        m = re.match(r"be\s+((?:the\s+|a\s+|an\s+)?[\w' -]+?)\s*(?:[.,;]|$)", rest)
        if m and self.is_actor(m.group(1)):
            self.last_actors = [m.group(1)]

    @staticmethod
    def _first_per_bearer(drafts: list[Draft]) -> list[Draft]:
        seen, out = set(), []
        for d in drafts:
            key = (d.actor, d.modality, d.action[:40])
            if key not in seen:
                seen.add(key)
                out.append(d)
        return out

    @staticmethod
    def _in_relative(sentence: str, at: int) -> bool:
        before = sentence[:at].rstrip().lower()
        if _PREP_RELATIVE.search(before):
            return True            # "the circumstances in which a processor is required to notify"
        if before.endswith(" it") and before[:-3].rstrip().endswith(","):
            return False           # "Where a distributor considers …, it shall not"
        return before.endswith((" which", " that", " who", " whom", "which", " where", " if", " it", " whether", " as"))

    def _as_first_written(self, actor: str) -> str:
        """"Member States shall …" then "Each Member State shall …": one bearer in the singular and the
        plural, written as the provision first wrote it."""
        if not actor:
            return actor
        bare = _LEADING_DETERMINER.sub("", actor.lower())
        key = bare[:-1] if bare.endswith("s") and not bare.endswith("ss") else bare
        return self.written.setdefault(key, actor)

    def bearers(self, pre: str, rest: str) -> tuple[list[str], str]:
        """The actors that bear the norm, and the condition ("where ...") before them."""
        subject, condition = self.subject_text(pre)
        lead = _COND_THEN_PRONOUN.match(subject or condition)
        if lead:                    # "If the Secretary of State and the Attorney General agree … they may"
            subject, condition = lead.group(2), lead.group(1)
            named = self._named_in(condition)
            if named:
                self.last_actors = named
        low = subject.lower().strip()
        if low in _PRONOUNS and condition and self._named_in(condition):
            self.last_actors = self._named_in(condition)    # "Where a distributor considers …, it shall not …"
            return list(self.last_actors), condition
        thing = _COND_SUBJECT.match(condition or "")
        if low in _PRONOUNS and thing and not self.is_actor(thing.group(1)):
            return [], condition      # "Where the notification … is not made within 72 hours, it shall be …"
        if low in _PRONOUNS:
            if self.thing_subject:
                return [], condition          # "A decision to revoke shall … It shall take effect …"
            self.unresolved = not self.last_actors
            return list(self.last_actors), condition
        anaphor = _ANAPHOR.match(low)
        if anaphor:
            same = [a for a in self.last_actors if head_word(a) == head_word(anaphor.group(1))]
            cut = pre.lower().rfind(low)
            same = same or self._antecedent(pre[:cut] if cut >= 0 else "", head_word(anaphor.group(1)))
            if same:
                return same, condition
        conjuncts = self.split(subject)
        self.thing_subject = bool(subject) and not (conjuncts and self.is_actor(conjuncts[0])) \
            and not _NEW_CLAUSE.search(subject)
        agents = self._agents(rest)
        if agents:
            return agents, condition
        actors = [a for a in conjuncts if self.is_actor(a)] if conjuncts and self.is_actor(conjuncts[0]) else []
        if not actors:
            clause = _NEW_CLAUSE.search(subject)      # "… is admissible in evidence … and a court may"
            if clause and self.is_actor(clause.group(1)) and FINITE.search(subject[:clause.start(1)]):
                actors = [clause.group(1)]
        if actors:
            self.last_actors = actors
            return actors, condition
        return [], condition

    @staticmethod
    def _named_in(clause: str) -> list[str]:
        """Actors named as the subject of a condition ("If the Secretary of State and the Attorney
        General agree that …"): the labels before its first "that" or comma."""
        head = re.split(r"\bthat\b|,", clause, maxsplit=1)[0]
        initials = _CONDITION_INITIALS.match(head)
        if initials and _ACRONYM.fullmatch(initials.group(1)):
            return [initials.group(1)]      # "Where ARIA provides financial support, … it may …"
        found, last = [], None
        for m in mention_regex("en").finditer(head):
            before = head[:m.start()] if last is None else head[last:m.start()]
            opening = r"^\s*(?:if|where|when|once|unless)\s+(?:the|a|an|each|any)?\s*(?:[\w-]+\s+){0,2}$" if last is None \
                else r"^\s*(?:,|and|or)\s+(?:the|a|an|each|any)?\s*$"
            if not re.match(opening, before, re.I):
                break                 # only the clause's own subject, not "the notification to the authority"
            det = re.search(r"\b(the|a|an|each)\s+$", before, re.I)
            found.append((det.group(1) + " " if det else "") + m.group())
            last = m.end()
        return found

    def _agents(self, rest: str) -> list[str]:
        """Passive by-agents: "may be made by the person's personal representative, or by a member
        of the person's family"; an agent "who is authorised to act …" keeps its clause."""
        agent = _PASSIVE_BY.match(rest)
        if not agent:
            return []
        phrase = agent.group(1)
        if re.search(r"\b(?:who|which|that)\s+(?:is|are)\s+\w+$|\s\w+ed$", phrase):
            phrase = re.split(r"[,.;:]|\s+(?:or|and)\s+by\b", rest[agent.start(1):])[0]
        found = [a for a in self.split(phrase) if self.is_actor(a)]
        for more in re.finditer(r",?\s+(?:or|and)\s+by\s+((?:the|a|an|another|any)\s+[^,.;:]+)", rest[agent.end(1):]):
            found += [a for a in self.split(more.group(1)) if self.is_actor(a)]
        return found

    def _antecedent(self, pre: str, head: str) -> list[str]:
        """"… guidance to assist relevant authorities for police areas (and such authorities must …)":
        "such X" is the last X named before it in the sentence."""
        if not head or not self.is_actor(head):
            return []
        found = [m for m in phrase_with_head(head).finditer(pre)
                 if not pre[:m.start()].rstrip().lower().endswith(("such", "those", "these", "that"))]
        return [tidy(found[-1].group(0))] if found else []

    def subject_text(self, pre: str) -> tuple[str, str]:
        pre = _ASIDE.sub(",", pre)
        segments = [seg.strip() for seg in pre.split(",")]
        kept, condition = [], ""
        for seg in reversed(segments):
            if not seg:
                continue
            seg = self._past_adverbial(seg)
            low = seg.lower()
            listed = kept and any(re.search(r"\s(?:and|or)\s", k) for k in kept) and self.is_actor(seg) \
                and self.is_actor(kept[0])
            if kept and REL_PREDICATE.search(seg) and self.is_actor(seg) and list_like(kept):
                kept.insert(0, seg)            # "Deployers … that are public authorities, or Union institutions, bodies …"
                break
            if kept and not kept[0].lower().startswith(("and ", "or ")) and not re.search(r"\b(and|or)$", low) \
                    and not listed:
                if _COND.match(seg):
                    condition = seg
                elif re.match(r"(?:or|and)\s", seg, re.I):
                    condition = _opening_condition(segments[:segments.index(seg) + 1])
                break
            if kept and re.match(r"(?:and|or|but)\s", kept[0], re.I) and not self.is_actor(seg) \
                    and self.is_actor(kept[0].split(None, 1)[-1]):
                kept[0] = kept[0].split(None, 1)[-1]       # "…is admissible in evidence, and a court may"
                break
            if low.startswith(_PAREN) or _COND.match(seg):
                if _COND.match(seg):
                    condition = seg
                if kept:
                    break
                continue
            kept.insert(0, seg)
        subject = ""
        for seg in kept:                   # the commas the segments were cut at, but "and, where applicable, X"
            subject += ("" if not subject else " " if re.search(r"\b(?:and|or)$", subject) else ", ") + seg
        subject = _OPENERS.sub("", subject)
        subject = re.sub(r"^.*\b(?:is|are)\s+that\s+", "", subject)   # "The procedure … is that the Secretary of State must"
        if subject.count("(") > subject.count(")"):
            subject = re.sub(r"^(?:and|or|but)\s+", "", subject[subject.rfind("(") + 1:].strip())
        return subject.strip(), condition

    def _past_adverbial(self, subject: str) -> str:
        """"In such cases the controller", "In preparing the draft the Secretary of State", "Once the
        strategy has been prepared the relevant authorities": a leading phrase or clause with no
        comma is not part of the subject. The subject starts at the first determiner after which
        the rest is an actor with no other determiner but those of its own qualifiers ("of the")."""
        if not _LEADING_PHRASE.match(subject):
            return subject
        for m in DETERMINER.finditer(subject, 1):
            rest = subject[m.start():]
            inner = [d for d in DETERMINER.finditer(rest, 1) if not _PREP_BEFORE.search(rest[:d.start()])]
            if not inner and self.is_actor(rest) and not main_verb(rest):
                return rest
        return subject

    def split(self, subject: str) -> list[str]:
        """"the controller or the processor" -> two bearers; "the controller's or the processor's
        representative" -> "the controller's representative", "the processor's representative"."""
        shared = re.match(r"^(?:(the|a|an|any|each|every)\s+)?(\w+)\s+(?:or|and)\s+(\w+)\b(.*)$", subject, re.I)
        if shared and not DETERMINER.match(shared.group(3) + " ") and self._qualified(shared.group(4)) \
                and self._qualified(shared.group(4).split()[0] if shared.group(4).split() else "") \
                and (shared.group(1) or singular_of(shared.group(3)) == shared.group(2).lower()):
            return [subject]            # "A person or body within subsection (6) that establishes …"
        parts = [p.strip() for p in split_outside_brackets(subject) if p and p.strip()]
        merged: list[str] = []
        for p in parts:
            if merged and (p.lower().startswith(_PREP) or merged[-1].lower().endswith((" of", " to", " for"))):
                merged[-1] = f"{merged[-1]} or {p}"
            elif merged and re.search(r"\bof (?:the )?\w+$", merged[-1]) and re.fullmatch(r"\w+", p):
                merged[-1] = f"{merged[-1]}{conjunction(subject, p)} {p}"   # "categories of controllers or processors"
            elif merged and _PREP_RELATIVE.search(merged[-1]):
                merged[-1] = f"{merged[-1]}{conjunction(subject, p)} {p}"   # "to which sections A5 and A6 apply"
            elif merged and _CROSS_REFERENCE.fullmatch(p):
                merged[-1] = f"{merged[-1]}{conjunction(subject, p)} {p}"   # "appointed under subsection (1) or (3)"
            elif merged and REL_PREDICATE.search(merged[-1]) and (not self.is_actor(p) or not DETERMINER.match(p + " ")):
                merged[-1] = f"{merged[-1]}{conjunction(subject, p)} {p}"   # the relative clause goes on
            else:
                merged.append(p)
        merged = self._shared_head(subject, merged)
        out = []
        for i, p in enumerate(merged):
            if p.endswith(("'s", "’s")) and i + 1 < len(merged):
                nxt = merged[i + 1]
                head = nxt.split("'s")[-1].split("’s")[-1].strip()
                p = f"{p} {head}"
            out.append(_such_resolved(p, out))
        return out

    def _shared_head(self, subject: str, parts: list[str]) -> list[str]:
        """"each natural or legal person": adjectives coordinated before one head share it, one bearer
        each ("each natural person", "each legal person"), as coordinated bearers are."""
        out: list[str] = []
        for p in parts:
            if out and len(out[-1].split()) == 2 and DETERMINER.match(out[-1] + " ") and not self.is_actor(out[-1]) \
                    and self.is_actor(p) and len(p.split()) > 1 \
                    and not DETERMINER.match(p + " "):
                determiner, head = out[-1].split()[0], p.split(maxsplit=1)[1]
                out[-1] = f"{out[-1]} {head}"
                out.append(f"{determiner} {p}")
            else:
                out.append(p)
        return out

    @staticmethod
    def _qualified(tail: str) -> bool:
        low = f" {tail.lower().strip()} "
        return any(b in low for b in _P["np_breakers"])

    @staticmethod
    def is_actor(phrase: str) -> bool:
        return _is_actor(phrase)


@functools.lru_cache(maxsize=8192)
def _is_actor(phrase: str) -> bool:
    """Whether a phrase names an actor: a body named by its initials, or a phrase whose head phrase
    (before the first qualifier, or before a participle) ends in an actor head noun; a head with "of"
    in it (Secretary of State) counts whole."""
    if _ACRONYM.fullmatch(tidy(phrase)) or _body_name(tidy(phrase)):
        return True                   # a body named by its initials ("The OfS must …") or by its name
    heads = _heads()
    words = tidy(_EU_UNION.sub("EU", phrase).lower())   # "Union law", "Union institutions": the EU, not a union
    if any(_ends_with(words, h) for h in heads["with_of"]):
        return True
    cuts = [i for i in (words.find(b) for b in _P["np_breakers"]) if i > 0]
    head = words[:min(cuts)].strip() if cuts else words.strip()   # the head phrase before its first qualifier
    participle = _PARTICIPLE.search(head)                          # "any controller involved in processing"
    return _ends_in_head(head, heads) or (participle is not None and _ends_in_head(head[:participle.start()], heads))


def _body_name(phrase: str) -> bool:
    """"Natural Resources Wales", "NHS England", "Transport for London": a name of two to five
    capitalised words is a body, unless it names an instrument or a text ("National Supported
    Housing Standards", "the Equality Act", "Chapter III")."""
    m = _NAME.fullmatch(phrase)
    if m is None:
        return False
    words = m.group(1).split()
    return words[0] not in _P["name_not_first"] and words[-1].lower() not in _P["name_not_last"]


def _ends_with(words: str, head: str) -> bool:
    return words.endswith(head) and (len(words) == len(head) or words[-len(head) - 1] in " '")


def _ends_in_head(words: str, heads: dict) -> bool:
    """``words`` ends, at a word boundary, in a head noun (pronouns only as the last two words)."""
    if words in heads["nouns"] or re.sub(r"^.*?(\w+(?: \w+)?)$", r"\1", words) in heads["all"]:
        return True
    return any(ch in " '" and words[i + 1:] in heads["nouns"] for i, ch in enumerate(words))


@functools.cache
def _heads() -> dict:
    every = frozenset(lexicon("en"))
    return {"all": every, "nouns": every - _PRONOUNS, "with_of": tuple(h for h in every if " of " in h)}


def _opening_condition(segments: list[str]) -> str:
    """"Where ARIA provides financial support, or makes property available, it may …": a condition
    whose predicates are coordinated over commas runs from its last "where"/"if" segment to the
    subject ("" if no such segment opens it)."""
    for i in range(len(segments) - 1, -1, -1):
        if _COND.match(segments[i]):
            return ", ".join(segments[i:])
        if not re.match(r"(?:or|and)\s", segments[i], re.I) and i < len(segments) - 1:
            return ""
    return ""


def _such_resolved(actor: str, before: list[str]) -> str:
    """"a registered higher education provider, a constituent institution of such a provider":
    "such a provider" in a qualifier is the last conjunct before it with that head."""
    such = re.search(r"\bsuch an?\s+([\w'’-]+)$", actor)
    if such is None:
        return actor
    same = [b for b in before if b.split() and b.split()[-1].lower() == such.group(1).lower()]
    if not same:
        return actor
    antecedent = DETERMINER.sub("", same[-1], count=1) if DETERMINER.match(same[-1]) else same[-1]
    return f"{actor[:such.start()]}a {antecedent.strip()}"


def _subordinate(pre: str) -> bool:
    """The words before a weak modal ("is to") are a subordinate or coordinated clause: "… which is
    being pursued, or is to be pursued", "decided that no further action is to be taken"."""
    last = re.split(r"[,;(]", pre)[-1]
    return not last.strip() or bool(re.search(r"\b(?:that|which|who|whom|where|whether|if|when|unless)\b", last, re.I)) \
        or bool(re.search(r"\b(?:or|and)\s*$", pre))


def _states_effect(cue: re.Match, rest: str) -> bool:
    """"shall apply", "shall not affect", "shall remain valid", "shall take effect": the modal states
    what a rule does, not what an actor must do (a negative cue is read with its "not")."""
    low = rest.lower()
    return low.startswith(_NON_NORM) or (cue.lastgroup == "prohibition" and ("not " + low).startswith(_NON_NORM))


def _in_condition(pre: str) -> bool:
    """The modal belongs to a "where …"/"if …" clause, unless that clause ends in a pronoun
    subject of its own ("If X agree that … they may")."""
    last = pre.split(",")[-1].strip()
    return bool(_COND.match(last)) and not _COND_THEN_PRONOUN.match(last)


def _after_frame(action: str) -> tuple[str, str]:
    """"shall, without undue delay and, where feasible, not later than 72 hours …, notify …": a
    frame set off by commas between the modal and the verb is a condition of the duty, not its
    action. The frame runs to the first comma whose next words do not open another frame."""
    if not action.startswith(","):
        return action, ""
    for comma in re.finditer(r",\s*", action):
        frame = action[1:comma.start()].strip()
        if not frame:
            continue
        if len(frame) > 200 or ":" in frame or "\n" in frame:
            break
        rest = action[comma.end():]
        if not _FRAME.match(rest):
            return rest, frame
    return action.lstrip(", "), ""
