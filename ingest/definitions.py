"""Terms a document defines itself, and the bearers that use them.

"In this Part “relevant authority” means …", "‘controller’ means …", "本法所称消防技术服务机构，
是指……": a bearer written with a term the document defines names someone exactly, however
vague its words look ("relevant authority"), so it is not vague, and its norm records the
provision that defines it (``Norm.defined_in``).
"""
from __future__ import annotations

import re

from govkg.ingest.records import Document, Norm, Provision

_EN_TERM = re.compile(r"[“\"‘']\s*([A-Za-z][\w’'\s-]{1,80}?)\s*[”\"’']\s*(?:\([^)]{0,60}\)\s*)?"
                      r"(?:means|includes|has the meaning|is to be read|refers to)\b")
_ZH_TERM = re.compile(r"(?:本法|本条例|本规定|本办法|本细则|本决定|本章|本节|本条|本意见)"
                      r"(?:中)?所称(?:的)?([^，,。；：:]{2,40}?)[，,]?(?:是指|指|包括|系指)")
_EN_DETERMINER = re.compile(r"^(?:the|a|an|each|any|every|such|that|those|these)\s+", re.I)


def defined_terms(document: Document) -> dict[str, str]:
    """Normalised term -> key of the smallest provision defining it."""
    provisions = sorted(document.provisions, key=lambda p: p.end - p.start)
    terms: dict[str, str] = {}
    regex = _ZH_TERM if document.lang == "zh" else _EN_TERM
    for match in regex.finditer(document.text):
        where = _smallest(provisions, match.start())
        if where is None:
            continue
        for term in _terms(match.group(1), document.lang):
            terms.setdefault(term, where.key)
    return terms


def apply_definitions(document: Document) -> None:
    """Mark the norms whose bearer is a term the document defines: not vague, ``defined_in`` set."""
    terms = defined_terms(document)
    if not terms:
        return
    document.norms = [_linked(norm, terms, document.lang) for norm in document.norms]


def _linked(norm: Norm, terms: dict[str, str], lang: str) -> Norm:
    if not norm.actor:
        return norm
    key = _lookup(norm.actor, terms, lang)
    if key is None:
        return norm
    return norm.revised(vague_actor=False, defined_in=key)


def _lookup(actor: str, terms: dict[str, str], lang: str) -> str | None:
    """The defining provision of a bearer that is the term itself, or the term with qualifiers
    after it ("relevant authorities for a police area"); for Chinese, a bearer ending in it."""
    if lang == "zh":
        for term, key in terms.items():
            if actor == term or (actor.endswith(term) and len(term) >= 3):
                return key
        return None
    words = _en_words(actor)
    for term, key in terms.items():
        size = len(term.split())
        if " ".join(words[:size]) == term:
            return key
    return None


def _terms(raw: str, lang: str) -> list[str]:
    if lang == "zh":
        return [t.strip() for t in re.split(r"[、和及]", raw) if len(t.strip()) >= 2]
    return [" ".join(_en_words(raw))]


def _en_words(phrase: str) -> list[str]:
    phrase = _EN_DETERMINER.sub("", " ".join(phrase.replace("’", "'").split()).lower())
    return [_singular(w) for w in phrase.split()]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "'s")) and len(word) > 3:
        return word[:-1]
    return word


def _smallest(provisions: list[Provision], offset: int) -> Provision | None:
    return next((p for p in provisions if p.start <= offset < p.end), None)
