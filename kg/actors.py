"""Actor identity: canonical labels, slugs and zh/en equivalents from the ontology thesaurus.

The same actor in two documents must be one IRI, so the slug is derived from the actor's
canonical label (the thesaurus's preferred label where the bearer text is a known term, else the
text as written). Where the thesaurus knows the same class under a zh and an en preferred label,
the two actor nodes are linked with ``skos:exactMatch``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from govkg.ontology.namespaces import GOV, ID

_GENERIC_CLASSES = {"", "Actor", "VagueActor"}
_EN_LEAD = re.compile(r"^(the|a|an|each|every)\s+")     # "Each controller" is the controller
_IRI_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|^`\\%#?/\[\]@!$&'()*+,;=:]"
                         # not an RFC 3987 ucschar (controls, surrogates, private use, non-characters)
                         r"|[\x7f-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\uffff\U000e0000-\U000e0fff\U000f0000-\U0010ffff]"
                         + "|[" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 15)) + "]")


@dataclass(frozen=True)
class ActorIdentity:
    """What the graph knows of one bearer text: its canonical label, class and equivalents."""

    label: str            # canonical label (slug source)
    lang: str
    cls: str              # ontology class IRI
    vague: bool
    equivalents: tuple[tuple[str, str], ...] = ()   # (label, lang) of the same actor in other languages


@lru_cache(maxsize=65536)
def iri_segment(text: str) -> str:
    """Percent-encode what an IRI path segment may not hold; keep CJK and other non-ASCII as is."""
    return _IRI_UNSAFE.sub(lambda m: quote(m.group(0), safe="", errors="surrogatepass"), text)


def actor_slug(label: str, lang: str = "zh") -> str:
    """The slug of an actor: spaces -> "-", English lower-cased, unsafe characters percent-encoded."""
    text = "-".join(label.split())
    if lang == "en" or text.isascii():
        text = text.lower()
    return iri_segment(text)


def actor_iri(label: str, lang: str = "zh") -> str:
    return f"{ID}actor/{actor_slug(label, lang)}"


def _class_iri(name: str) -> str:
    if not name:
        return GOV + "Actor"
    return name if name.startswith(("http://", "https://")) else GOV + name


@lru_cache(maxsize=1)
def _thesaurus() -> tuple[dict[tuple[str, str], object], dict[tuple[str, str], str]]:
    """(label, lang) -> ActorTerm, and (class, lang) -> preferred label; empty without a thesaurus."""
    try:
        from govkg.ontology.thesaurus import actor_terms
        terms = list(actor_terms())
    except Exception:   # the thesaurus is optional for mapping: without it labels stay as written
        return {}, {}
    by_label: dict[tuple[str, str], object] = {}
    preferred: dict[tuple[str, str], str] = {}
    for t in terms:
        by_label.setdefault((_norm_label(t.label, t.lang), t.lang), t)
        preferred.setdefault((t.cls, t.lang), t.preferred or t.label)
    return by_label, preferred


def _norm_label(label: str, lang: str) -> str:
    text = " ".join(label.split())
    return text.lower() if lang == "en" or text.isascii() else text


def _written_label(bearer: str, lang: str) -> str:
    """The label of a bearer the thesaurus does not name: as written, but without a leading
    article or distributive (each, every: "Each controller" is the controller) and, in English,
    lower-cased like the slug, so that case variants share a label."""
    text = " ".join(bearer.split())
    if lang == "en" or text.isascii():
        text = _EN_LEAD.sub("", text.lower())
    return text


@lru_cache(maxsize=65536)
def identify(bearer: str, lang: str, actor_type: str = "", vague: bool = False) -> ActorIdentity:
    """Canonical identity of a bearer text as written in a document of language ``lang``."""
    by_label, preferred = _thesaurus()
    key = _norm_label(bearer, lang)
    term = by_label.get((key, lang)) or by_label.get((_EN_LEAD.sub("", key), lang))
    # one label per node: "The competent authority" and "the competent authority" are one actor
    label, cls_name, is_vague = _written_label(bearer, lang), actor_type, vague
    equivalents: tuple[tuple[str, str], ...] = ()
    if term is not None:
        cls_name = actor_type or term.cls
        is_vague = vague or bool(term.vague)
        if not vague or term.vague:
            # a vague mention of a definite actor ("the competent supervisory authority")
            # keeps its own node, so the definite actor's other norms are not made vague
            label = preferred.get((term.cls, lang), term.label)
        if term.cls not in _GENERIC_CLASSES and not is_vague:
            equivalents = tuple((pref, lg) for (c, lg), pref in sorted(preferred.items())
                                if c == term.cls and lg != lang)
    return ActorIdentity(label, lang, _class_iri(cls_name), is_vague, equivalents)
