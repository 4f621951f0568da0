"""Relations between actors that a norm states: who supervises, guides, assists, informs, leads,
shares a duty with or may sanction whom.

A relation comes from one norm: its bearers (the role each holds gives *leads* and *shares*),
and the other actors its clause names next to a relation cue — a verb right before them (协助X,
"notify X"), a preposition before and a verb after them (对X进行监督, 向X报告), or a frame in
which they act on the bearer (接受X监督, "under the supervision of X"). A sanction norm's bearer
may sanction the actor the clause or its lead-in names as the one in breach. The cues are data in
``patterns/relations.json``; other actors are found with the actor mention matcher and widened to
the longest bearer name of the same document ("它的派出机关", not "派出机关").
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from govkg.ingest import patterns
from govkg.ingest.actors import find_mentions
from govkg.ingest.records import Document, Norm, Relation

MAX_SHARING = 3
_JOINTLY = re.compile(r"共同|联合|jointly|together", re.I)
_CLAUSE_STOP = re.compile(r"[，。；：,.;:\n]")


@functools.cache
def cues(lang: str) -> dict:
    """The relation cues of ``lang`` from ``patterns/relations.json``."""
    data = json.loads((patterns.PATTERN_DIR / "relations.json").read_text(encoding="utf-8"))
    return data["zh" if lang == "zh" else "en"]


@functools.cache
def _ending(lang: str, kind: str) -> re.Pattern:
    """Regex of a cue (group ``cue``) and any qualifiers at the end of the text before an actor."""
    table = cues(lang)
    words = list(table["after_verb"] if kind == "after_verb" else table[kind])
    quals = patterns.alternation(table["qualifiers"])
    if lang == "zh":
        return re.compile(f"(?P<cue>{patterns.alternation(words)})(?:{quals})*$")
    spelled = [_en_cue(w) for w in sorted(words, key=len, reverse=True)]
    return re.compile(rf"\b(?P<cue>{'|'.join(spelled)})\s+(?:(?:{quals})\s+)*$", re.I)


def _en_cue(cue: str) -> str:
    """"communicate to" stands for "communicate <something> to"; other cues are spelled as they are."""
    words = cue.split()
    if len(words) == 2 and words[1] == "to" and words[0] not in ("report", "available"):
        return rf"{words[0]}\b[^.;:]{{0,60}}?\bto"
    return r"\s+".join(map(re.escape, words))


@dataclass(frozen=True)
class _Group:
    """Actors named side by side (A、B和C; "A or B") in a clause: their spans and names."""

    start: int
    end: int
    names: tuple[str, ...]


class RelationReader:
    """Reads the relations of each norm of one document (build it once per document)."""

    def __init__(self, document: Document) -> None:
        self.document, self.lang = document, document.lang or "zh"
        self.table = cues(self.lang)
        names = {n.actor.strip() for n in document.norms if n.actor.strip()}
        self.known = re.compile(patterns.trie_alternation(names, fold_case=self.lang == "en"),
                                re.I if self.lang == "en" else 0) if names else None
        self.coordination = re.compile(r"\s*(?:" + patterns.alternation(self.table["coordinators"]) + r")\s*(?:(?:"
                                       + patterns.alternation(self.table["qualifiers"]) + r")\s*)*$", re.I)

    def __call__(self, norms: list[Norm]) -> list[Relation]:
        """The relations stated by one norm, given as its records (one per bearer)."""
        bearers = [n for n in norms if n.actor.strip()]
        found = _role_relations(bearers)
        if bearers:
            clause = bearers[0].sentence or self.document.text[bearers[0].start:bearers[0].end]
            groups = self._groups(clause, {b.actor.strip() for b in bearers})
            first = _first_place(clause, bearers)
            # the bearer comes before what it does: a cue before it belongs to another clause's subject
            for kind, target, reverse in self._cued(clause, [g for g in groups if g.start >= first]):
                found += [Relation(kind, target, b.actor.strip()) if reverse else Relation(kind, b.actor.strip(), target)
                          for b in bearers]
            if any("sanction" in b.tags for b in bearers):
                found += self._sanctioned(bearers, clause, groups)
        return _distinct(r for r in found if _key(r.source) != _key(r.target))

    def _groups(self, clause: str, bearers: set[str]) -> list[_Group]:
        """Actors of the clause other than the bearers, in coordinated groups."""
        spans = _outermost(find_mentions(clause, self.lang)
                           + ([m.span() for m in self.known.finditer(clause)] if self.known else []))
        taken = [span for b in bearers for span in _occurrences(b, clause)]
        spans = [s for s in spans if not any(t[0] <= s[0] and s[1] <= t[1] for t in taken)]
        groups: list[_Group] = []
        for s, e in spans:
            if groups and self.coordination.match(clause[groups[-1].end:s]) and clause[groups[-1].end:s].strip(" ,"):
                last = groups.pop()
                groups.append(_Group(last.start, e, last.names + (clause[s:e],)))
            else:
                groups.append(_Group(s, e, (clause[s:e],)))
        return groups

    def _cued(self, clause: str, groups: list[_Group]) -> Iterable[tuple[str, str, bool]]:
        """(kind, other actor, whether the other actor acts on the bearer) for each cued group."""
        reach = self.table["frame_reach"]
        for group in groups:
            before = clause[:group.start]
            after = _CLAUSE_STOP.split(clause[group.end:group.end + reach], maxsplit=1)[0]
            kind, reverse = self._frame(before, after, "reverse"), True
            if kind is None:
                kind, reverse = self._frame(before, after, "frames"), False
            if kind is None:
                hit = _ending(self.lang, "after_verb").search(before)
                kind = self.table["after_verb"].get(_cue_key(hit, self.table["after_verb"])) if hit else None
            if kind:
                yield from ((kind, name, reverse) for name in group.names)

    def _frame(self, before: str, after: str, table_name: str) -> str | None:
        """The kind of a frame "<preposition> actor ... <verb>" around a group, if one fits."""
        frames = self.table[table_name]
        if not frames:
            return None
        hit = _ending(self.lang, table_name).search(before)
        if not hit:
            return None
        verbs = frames[_cue_key(hit, frames)]
        if "" in verbs:
            return verbs[""]
        at = [(after.lower().find(v.lower()), v) for v in verbs if v and v.lower() in after.lower()]
        return verbs[min(at)[1]] if at else None

    def _sanctioned(self, bearers: list[Norm], clause: str, groups: list[_Group]) -> list[Relation]:
        """A sanction norm's bearer → the actor in breach: named before the bearer, else in the lead-in."""
        first = _first_place(clause, bearers)
        named = [g for g in groups if g.end <= first][:1] if first else []
        if not named:
            lead = self._lead_in(bearers[0])
            named = self._groups(lead, {b.actor.strip() for b in bearers})[:1]
        return [Relation("sanctions", b.actor.strip(), name) for g in named for name in g.names for b in bearers]

    def _lead_in(self, norm: Norm) -> str:
        """The article's text before the norm's clause, from the start of its last sentence."""
        starts = [p.start for p in self.document.provisions
                  if p.article == norm.article and p.start <= norm.start]
        text = self.document.text[min(starts, default=norm.start):norm.start]
        return re.split(r"[。.;；]\s*(?=\S)", text.rstrip(" \n:："))[-1]


def _first_place(clause: str, bearers: list[Norm]) -> int:
    """Where the first bearer is named in the clause (0 when it is not named there)."""
    return min((clause.find(b.actor.strip()) for b in bearers if b.actor.strip() in clause), default=0)


def _cue_key(hit: re.Match, table: dict) -> str:
    """The table key of the cue a regex matched (English cues match in any case and spacing)."""
    said = " ".join(hit.group("cue").lower().split())
    for key in table:
        if said == key.lower() or (said.startswith(key.split()[0].lower()) and said.endswith(key.split()[-1].lower())):
            return key
    return said


def _role_relations(bearers: list[Norm]) -> list[Relation]:
    """Leads (牵头, 会同: the lead over each supporting bearer) and shares (joint bearers of a duty)."""
    leads = [b.actor.strip() for b in bearers if b.role == "lead"]
    supports = [b.actor.strip() for b in bearers if b.role == "support"]
    joint = list(dict.fromkeys(b.actor.strip() for b in bearers if b.role == "joint" and b.modality == "obligation"))
    found = [Relation("leads", a, b) for a in leads for b in supports]
    if len(joint) > MAX_SHARING and not _JOINTLY.search(bearers[0].sentence):
        return found   # a long list of kinds of body ("机关、团体、部队、企业事业组织") holds a duty each
    return found + [Relation("shares", a, b) for i, a in enumerate(joint) for b in joint[i + 1:]]


def _occurrences(word: str, text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``word`` in ``text``, left to right and not overlapping: what a regex of the
    escaped word finds, without compiling one regex per bearer."""
    at = text.find(word)
    while at >= 0 and word:
        yield at, at + len(word)
        at = text.find(word, at + len(word))


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in text order, the longer kept where two overlap."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda x: (x[0] - x[1], x[0])):
        if not any(s < ke and ks < e for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


def _key(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", " ".join(name.lower().split()))


def _distinct(relations: Iterable[Relation]) -> list[Relation]:
    return list(dict.fromkeys(relations))
