"""Noun phrases of English drafting: the words a bearer is written with, how its conjuncts are
cut and joined, and which of its words is the head."""
from __future__ import annotations

import re

from govkg.ingest import patterns

_P = patterns.load("en")
_COND = re.compile(r"^(?:" + "|".join(re.escape(c) for c in _P["condition_starts"]) + r")\b", re.I)
SPLIT = re.compile(r"\s*,?\s+(?:and/or|and|or)\s+|\s*,\s+")
_SPACES = re.compile(r"\s+")
DETERMINER = re.compile(r"\b(?:the|a|an|each|any|every)\s", re.I)
FINITE = re.compile(r"\b(?:is|are|was|were|has|have|does|do)\b", re.I)
TRAILING_ASIDE = re.compile(r"\s*\((?=[^()]*\s)(?:[^()]|\([^()]*\))*\)?\s*$")   # "… review (whether or not held …)"


def tidy(text: str) -> str:
    """One space between words: provisions wrapped over several lines read as one line; the
    typographic apostrophe as the plain one ("the person’s representative")."""
    return _SPACES.sub(" ", text).replace("’", "'").strip()


REL_PREDICATE = re.compile(r"\b(?:who|which|that)\s+(?:are|is|has|have|were|was)\b|\brelating to\b", re.I)


def list_like(segments: list[str]) -> bool:
    """Comma segments that only go on listing nouns ("or Union institutions", "bodies", "offices or agencies")."""
    return all(len(s.split()) <= 5 and not FINITE.search(s) and not _COND.match(s) for s in segments)


def main_verb(phrase: str) -> bool:
    """A finite verb outside a relative clause: "a person mentioned … is unsatisfactory" is a
    clause, not a noun phrase; "a person who is authorised" is a noun phrase."""
    return any(not re.search(r"\b(?:who|which|that)\s+(?:\w+\s+)?$", phrase[:m.start()], re.I)
               for m in FINITE.finditer(phrase))


def singular_of(word: str) -> str:
    low = word.lower()
    return low[:-1] if low.endswith("s") else low


def split_outside_brackets(subject: str) -> list[str]:
    """Conjuncts of a subject, never cut inside "( … )"."""
    masked, depth = [], 0
    for ch in subject:
        depth += ch == "("
        masked.append("_" if depth and ch != "(" else ch)
        depth -= ch == ")" and depth > 0
    masked_text = "".join(masked)
    parts, last = [], 0
    for m in SPLIT.finditer(masked_text):
        parts.append(subject[last:m.start()])
        last = m.end()
    return parts + [subject[last:]]


def conjunction(subject: str, part: str) -> str:
    """What joined ``part`` to what comes before it in ``subject`` (", or", " and", ","), without
    the space before ``part``."""
    m = re.search(r"(,?\s+(?:and/or|and|or)|,)\s+" + re.escape(part), subject)
    return m.group(1) if m else ", or"


_MODIFIERS = ("relevant", "competent", "local", "public", "other", "appropriate", "designated", "specified",
              "prescribed", "responsible", "national", "elected", "criminal", "justice")


def phrase_with_head(head: str) -> re.Pattern:
    """A noun phrase ending in ``head``: a few modifiers before it, one short of-/for-phrase after."""
    mods = "|".join(_MODIFIERS)
    return re.compile(rf"\b(?:(?:{mods})\s+)*{re.escape(head)}(?:\s+(?:for|of)\s+(?:(?!in\b|to\b|the\b|and\b)\w+\s*){{1,3}})?",
                      re.I)


def head_word(phrase: str) -> str:
    """The noun a bearer phrase is about: "relevant authorities for a police area" -> "authorities"."""
    low = phrase.lower()
    for breaker in _P["np_breakers"]:
        low = low.split(breaker)[0]
    words = re.findall(r"[a-z]+", low)
    return words[-1] if words else ""


_CONFERRED = re.compile(r"^be\s+conferred\s+on\s+((?:the\s+)?[A-Z][\w' ]*?)(?=\s+(?:for|from|by|in|until|subject|with)\b|[,.;]|$)")
_POWER_TO = re.compile(r"\bpowers?\s+to\s+(.+?)\s*$", re.I | re.DOTALL)
_POWER = re.compile(r"^(?:the\s+)?(?:delegation\s+of\s+)?powers?\b(.*?)\s*$", re.I | re.DOTALL)
_NEED_NOT = re.compile(r"^(?:require|need)\s+(?:any\s+|a\s+|an\s+)?(?:specific\s+|further\s+|prior\s+|separate\s+|new\s+)?"
                       r"(?:authori[sz]ation|approval|permit|licen[cs]e|registration)\b", re.I)


def conferred_power(pre: str, rest: str) -> tuple[str, str] | None:
    """"The power to adopt delegated acts … shall be conferred on the Commission": the body the
    power is conferred on may act — (bearer, action), or None for any other sentence."""
    on = _CONFERRED.match(rest)
    power = _POWER_TO.search(pre)
    if on is None or (power is None and not _POWER.match(pre.strip())):
        return None
    action = power.group(1) if power else "exercise the power" + _POWER.match(pre.strip()).group(1)
    return tidy(on.group(1)), tidy(action)


def need_not(rest: str) -> bool:
    """"Such a transfer shall not require any specific authorisation": a "need not", not a ban."""
    return bool(_NEED_NOT.match(rest))
