"""The drafting-grammar data of each language (``ingest/patterns/*.json``), loaded once."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from govkg.ontology.errors import ExtractionError

PATTERN_DIR = Path(__file__).with_name("patterns")


@functools.cache
def load(lang: str) -> dict:
    """The pattern data of ``lang`` ("zh" or "en")."""
    path = PATTERN_DIR / f"{lang}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExtractionError(f"pattern file {path.name} unreadable: {exc}") from exc


@functools.cache
def cue_regex(lang: str) -> re.Pattern:
    """One regex over all modal cues; the group name is the modality."""
    cues = load(lang)["modal_cues"]
    if lang == "en":
        parts = [f"(?P<{m}>" + "|".join(_en_cue(c) + _longer_elsewhere(c, m, cues)
                                       for c in sorted(cs, key=len, reverse=True)) + ")"
                 for m, cs in cues.items()]
        return re.compile("|".join(parts), re.I)
    parts = [f"(?P<{m}>" + "|".join(cs) + ")" for m, cs in cues.items()]
    return re.compile(_guarded([c for cs in cues.values() for c in cs], "|".join(parts)))


@functools.cache
def policy_cue_regex(lang: str) -> re.Pattern:
    """The cues of a policy paper: the modal cues and, per modality, its ``policy_cues`` (要, 鼓励…)."""
    data = load(lang)
    if lang != "zh" or not data.get("policy_cues"):
        return cue_regex(lang)
    every = {m: cs + data["policy_cues"].get(m, []) for m, cs in data["modal_cues"].items()}
    return re.compile(_guarded([c for cs in every.values() for c in cs],
                               "|".join(f"(?P<{m}>" + "|".join(cs) + ")" for m, cs in every.items())))


_LOOKBEHIND = re.compile(r"^(?:\(\?<[=!](?:[^()\[\]]|\[[^\]]*\])*\))+")


def _guarded(cues: list[str], alternation: str) -> str:
    """``alternation`` behind a lookahead for the characters a Chinese cue can start with (不, 应,
    可…), so that the engine tries the cues only where one may start: the same matches, without
    trying some thirty alternatives at every character. Unguarded when a cue may start with
    anything else than a plain character."""
    first = set()
    for cue in cues:
        body = _LOOKBEHIND.sub("", cue)
        body = body[3:] if body.startswith("(?=") else body
        if not body or not "\u4e00" <= body[0] <= "\u9fff":
            return alternation
        first.add(body[0])
    return "(?=[" + "".join(sorted(first)) + "])(?:" + alternation + ")"


def _longer_elsewhere(cue: str, modality: str, cues: dict) -> str:
    """"shall" must not match the start of "shall have the right to" (a permission): a lookahead
    that leaves the longer cue of another modality to its own group."""
    tails = [other[len(cue) + 1:] for m, cs in cues.items() if m != modality
             for other in cs if other.lower().startswith(cue.lower() + " ")]
    if not tails:
        return ""
    return r"(?!\s+(?:" + "|".join(r"\s+".join(map(re.escape, t.split())) + r"\b" for t in tails) + "))"


def _en_cue(cue: str) -> str:
    body = r"\b" + r"\s+".join(re.escape(word) for word in cue.split()) + r"\b"
    if cue.lower().startswith("may"):
        return body + r"(?!\s+\d{4}\b)"      # "from 25 May 2018": a date, not a cue
    return body


def trie_alternation(words, *, fold_case: bool = False) -> str:
    """The language of ``alternation(words)``, leftmost-longest as well, written as a character
    trie: at each position the regex engine follows one branch per character instead of trying
    every word (hundreds of actor labels) in turn. ``fold_case`` builds it from lower-cased words,
    for a pattern compiled with re.I."""
    root: dict = {}
    for word in set(words):
        node = root
        for ch in word.lower() if fold_case else word:
            node = node.setdefault(ch, {})
        if word:
            node[""] = {}
    return _trie(root)


def _trie(node: dict) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation, longest first so the longest label wins at each position."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)
