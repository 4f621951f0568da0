"""The drafting-grammar data of each language (``ingest/patterns/*.json``), loaded once."""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from ontology.errors import ExtractionError

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
    return re.compile("|".join(parts))


def _longer_elsewhere(cue: str, modality: str, cues: dict) -> str:
    """"shall" must not match the start of "shall have the right to" (a permission): a lookahead
    that leaves the longer cue of another modality to its own group."""
    tails = [other[len(cue) + 1:] for m, cs in cues.items() if m != modality
             for other in cs if other.lower().startswith(cue.lower() + " ")]
    if not tails:
        return ""
    return r"(?!\s+(?:" + "|".join(r"\s+".join(map(re.escape, t.split())) + r"\b" for t in tails) + "))"


def _en_cue(cue: str) -> str:
    return r"\b" + r"\s+".join(re.escape(word) for word in cue.split()) + r"\b"


def alternation(words, *, escape: bool = True) -> str:
    """A regex alternation, longest first so the longest label wins at each position."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)
