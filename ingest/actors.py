"""Actor mentions and their types: the ontology's thesaurus first, head nouns as fallback.

The thesaurus (labels, aliases, classes, vagueness) lives in the ontology and is read through
``govkg.ontology.thesaurus.actor_terms()``; the head nouns by which unknown bearers are still found
and typed (部门, 委员会, authority, controller...) are drafting grammar in ``patterns/*.json``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from govkg.ingest import patterns
from govkg.ontology.errors import GovKGError


@dataclass(frozen=True)
class Lexeme:
    label: str
    cls: str
    vague: bool
    preferred: str
    from_thesaurus: bool


@functools.cache
def thesaurus_terms() -> tuple:
    """The ontology's actor terms, or none while the thesaurus is not available."""
    try:
        from govkg.ontology.thesaurus import actor_terms
        return tuple(actor_terms())
    except (ImportError, GovKGError, OSError):
        return ()


@functools.cache
def lexicon(lang: str) -> dict[str, Lexeme]:
    """Every surface form an actor mention may take in ``lang``: thesaurus labels and head nouns."""
    data = patterns.load(lang)
    terms = [t for t in thesaurus_terms() if str(getattr(t, "lang", lang)).startswith(lang)]
    by_label = {_key(t.label, lang): Lexeme(t.label, t.cls, bool(t.vague), t.preferred or t.label, True)
                for t in terms}
    for head, cls in data["actor_heads"].items():
        known = by_label.get(_key(head, lang))
        if known is None:
            by_label[_key(head, lang)] = Lexeme(head, cls, False, head, False)
    return by_label


def _key(label: str, lang: str) -> str:
    return label.lower() if lang == "en" else label


@functools.cache
def mention_regex(lang: str) -> re.Pattern:
    """Leftmost-longest matcher of actor labels (thesaurus labels and head nouns)."""
    labels = [lex.label for lex in lexicon(lang).values()]
    if lang == "en":
        return re.compile(r"\b(?:" + patterns.trie_alternation(labels, fold_case=True) + r")\b", re.I)
    # 管理人员, 责任人员: a label ending in 人 does not swallow the 人 of 人员; 人员密集场所 is a place;
    # 林业主管部门, 信息产业主管部门: the 主 of 主管 is no 业主's
    return re.compile("(?:" + patterns.trie_alternation(labels) + ")(?!员|密集)(?!(?<=主)管)")


def find_mentions(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of actor labels in ``text``."""
    return [m.span() for m in mention_regex(lang).finditer(text)]


@functools.lru_cache(maxsize=4096)
def actor_type(bearer: str, lang: str) -> str:
    """The ontology class of a bearer: the thesaurus's classification of its head phrase, else
    the class of the head noun it ends with (from the patterns), if the ontology declares it."""
    if not bearer:
        return ""
    phrase = bearer.strip() if lang == "zh" else _en_head_phrase(bearer.strip())
    ontology = _ontology_typing()
    if ontology is not None:
        classify, fallback, known = ontology
        try:
            cls, _ = classify(phrase, lang)
        except GovKGError:
            cls = fallback
        if cls != fallback:
            return cls
    cls = _lexicon_type(phrase, lang)
    if ontology is not None and cls not in ontology[2]:
        return ""
    return cls


@functools.cache
def _ontology_typing():
    """(classify_actor, fallback class, declared actor classes) from the ontology, if present."""
    try:
        from govkg.ontology.classtree import actor_classes
        from govkg.ontology.thesaurus import FALLBACK, classify_actor
        return classify_actor, FALLBACK, frozenset(actor_classes())
    except (ImportError, GovKGError, OSError):
        return None


def _lexicon_type(phrase: str, lang: str) -> str:
    lex = lexicon(lang)
    key = _key(phrase, lang)
    if key in lex:
        return lex[key].cls
    ends = [(len(label), entry.cls) for label, entry in lex.items() if key.endswith(label)]
    if not ends and lang == "en":
        head = _en_head(key)
        ends = [(len(label), entry.cls) for label, entry in lex.items() if head == label]
    return max(ends)[1] if ends else ""


def _en_head_phrase(phrase: str) -> str:
    low = phrase.lower()
    cut = min([low.find(b) for b in patterns.load("en")["np_breakers"] if low.find(b) > 0] or [len(phrase)])
    return phrase[:cut]


def _en_head(phrase: str) -> str:
    for breaker in patterns.load("en")["np_breakers"]:
        phrase = phrase.split(breaker)[0]
    words = re.findall(r"[a-z]+", phrase.replace("'s ", " "))
    return words[-1] if words else ""


@functools.lru_cache(maxsize=4096)
def is_vague(bearer: str, lang: str) -> bool:
    """有关部门, 相关单位, "relevant authorities", "any person": the bearer names nobody exactly."""
    if not bearer:
        return False
    lex = lexicon(lang).get(_key(bearer, lang))
    if lex is not None and lex.vague:
        return True
    text = bearer.lower() if lang == "en" else bearer
    if lang == "en":
        text = re.sub(r"^(the|each|every)\s+", "", text)
        named = lexicon(lang).get(text)
        if named is not None and named.from_thesaurus:
            return named.vague            # "the competent supervisory authority": a body the thesaurus names
        en = patterns.load("en")
        return text in en["vague_whole"] or any(text.startswith(m) for m in en["vague_markers"])   # "A person may …"
    owner, _, head = text.rpartition("的")
    if owner and not any(end == len(owner) for _, end in find_mentions(owner, "zh")):
        text = head                       # 掌握有关主管部门规定的…数据的处理者: 有关 sits in a relative clause
    return any(m in text for m in patterns.load("zh")["vague_markers"])
