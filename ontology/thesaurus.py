"""The actor thesaurus that extraction uses, derived from the labels in govkg.ttl.

Every surface form of an actor kind is a label on its class (skos:prefLabel, skos:altLabel,
skos:hiddenLabel); nothing is listed here a second time. English labels are also matched in
their regular plural. A bearer that matches no label is typed by its head noun (gov:headNoun),
and a bearer qualified by 有关/相关 or "relevant"/"competent" whose kind is only a head noun
(有关行政部门) becomes the vague class that leaves that kind unnamed (RelevantDepartment).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govkg.ontology.classtree import LANGS, actor_classes, preferred_label, vague_counterpart
from govkg.ontology.errors import OntologyError

FALLBACK = "Actor"

ZH_VAGUE_PREFIX = re.compile(r"^(?:其他|各|上述)?(?:有关|相关)")
EN_VAGUE_PREFIX = re.compile(r"^(?:the\s+|each\s+|an?\s+)?(?:other\s+)?(?:relevant|competent|appropriate|any|concerned)\b", re.I)
ZH_TRAILING = re.compile(r"(?:等|等等|们|[\s，,。；;：:、）)（(])+$")
EN_OF = re.compile(r"\s+(?:of|for|in|from|to|with|within|who|which|that)\s+", re.I)


@dataclass(frozen=True)
class ActorTerm:
    """One surface form of an actor kind in one language."""

    label: str
    lang: str          # "zh" | "en"
    cls: str           # local name of the ontology class, e.g. "ResidentsCommittee"
    vague: bool        # the class is a gov:VagueActor
    preferred: str     # canonical label of that actor kind in that language


@lru_cache(maxsize=1)
def actor_terms() -> list[ActorTerm]:
    """Every surface form of every actor class that is in the thesaurus, longest first."""
    terms: dict[tuple[str, str], ActorTerm] = {}
    for cls in actor_classes().values():
        if not cls.in_thesaurus:
            continue
        for lang in LANGS:
            labels = ([cls.pref[lang]] if lang in cls.pref else []) + list(cls.alt.get(lang, ()))
            for label in labels:
                for form in _forms(label, lang):
                    _add(terms, ActorTerm(label=form, lang=lang, cls=cls.name, vague=cls.vague,
                                          preferred=preferred_label(cls.name, lang)))
    if not terms:
        raise OntologyError("the ontology gives no actor labels: the thesaurus is empty")
    return sorted(terms.values(), key=lambda t: (-len(t.label), t.lang, t.label))


def _add(terms: dict[tuple[str, str], ActorTerm], term: ActorTerm) -> None:
    key = (term.label.casefold(), term.lang)
    known = terms.setdefault(key, term)
    if known.cls != term.cls:
        raise OntologyError(f"label {term.label!r}@{term.lang} names two actor classes: "
                            f"gov:{known.cls} and gov:{term.cls}")


def head_nouns(lang: str) -> list[tuple[str, str]]:
    """(head noun, class local name) pairs of ``lang``, longest noun first."""
    return list(_head_nouns()[lang])


def classify_actor(text: str, lang: str) -> tuple[str, bool]:
    """(class local name, vague) of a bearer as written, e.g. ("ResidentsCommittee", False).

    The thesaurus match that ends last wins (the head of a noun phrase comes last:
    生产经营单位的主要负责人 is a principal officer), then the longer one; a head noun at the end
    of the phrase beats an earlier match (生产经营单位的安全生产管理机构 is a body). English
    phrases are cut before "of"/"for"... first ("the representative of the controller").
    """
    lang = "zh" if lang.startswith("zh") else "en"
    phrase = _head_phrase(text.strip(), lang)
    if not phrase:
        return FALLBACK, False
    found = _best_match(phrase, lang)
    name = found or FALLBACK
    classes = actor_classes()
    if not classes[name].vague and _is_qualified_vague(phrase, lang) \
            and (name == FALLBACK or classes[name].head_nouns):
        name = vague_counterpart(name)
    return name, classes[name].vague


def _head_phrase(text: str, lang: str) -> str:
    if lang == "zh":
        return ZH_TRAILING.sub("", text.split("及其", 1)[0])
    text = re.sub(r"[\s,;:.]+$", "", text)
    return EN_OF.split(text, maxsplit=1)[0]


def _best_match(phrase: str, lang: str) -> str | None:
    """The class of the thesaurus or head-noun match that ends last, then is longest."""
    best: tuple[int, int, int] | None = None
    name = None
    for end, length, cls in _term_matches(phrase, lang):
        if best is None or (end, 1, length) > best:
            best, name = (end, 1, length), cls
    for end, length, cls in _head_matches(phrase, lang):
        if best is None or (end, 0, length) > best:
            best, name = (end, 0, length), cls
    return name


def _term_matches(phrase: str, lang: str):
    pattern, by_label = _term_pattern(lang)
    for match in pattern.finditer(phrase):
        label = match.group(1)
        yield match.start() + len(label), len(label), by_label[label.casefold()]


def _head_matches(phrase: str, lang: str):
    if lang == "zh":
        for noun, cls in _head_nouns()["zh"]:
            if phrase.endswith(noun):
                yield len(phrase), len(noun), cls
        return
    for noun, cls in _head_nouns()["en"]:
        for match in re.finditer(rf"\b{re.escape(noun)}(?:s|es)?\b", phrase, re.I):
            yield match.end(), len(noun), cls


def _is_qualified_vague(phrase: str, lang: str) -> bool:
    prefix = ZH_VAGUE_PREFIX if lang == "zh" else EN_VAGUE_PREFIX
    return bool(prefix.match(phrase))


@lru_cache(maxsize=2)
def _term_pattern(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One overlapping-match regex over every label of ``lang`` (longest alternative first)."""
    by_label = {t.label.casefold(): t.cls for t in actor_terms() if t.lang == lang}
    alternatives = "|".join(re.escape(label) for label in sorted(by_label, key=len, reverse=True))
    if lang == "zh":
        return re.compile(f"(?=({alternatives}))"), by_label
    return re.compile(rf"(?=\b({alternatives})\b)", re.I), by_label


@lru_cache(maxsize=1)
def _head_nouns() -> dict[str, tuple[tuple[str, str], ...]]:
    nouns: dict[str, list[tuple[str, str]]] = {lang: [] for lang in LANGS}
    for cls in actor_classes().values():
        for lang, values in cls.head_nouns.items():
            nouns[lang].extend((noun, cls.name) for noun in values)
    return {lang: tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0]))) for lang, pairs in nouns.items()}


def _forms(label: str, lang: str) -> list[str]:
    """The label, and for English its regular plural (authority -> authorities)."""
    if lang != "en" or not label[-1:].isalpha() or label.endswith("s") or label.isupper():
        return [label]
    if label.endswith("y") and label[-2:-1] not in "aeiou":
        return [label, label[:-1] + "ies"]
    return [label, label + "s"]
