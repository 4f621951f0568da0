"""Calibrated confidence of a norm: how often a norm with its traits is right.

The drafting grammar knows how it read a clause (a modal verb or a plain task statement, a
bearer from the thesaurus or only a head noun, an item under a lead-in, a bearer-less passive);
those traits, not the rule's own guess, predict whether a reference annotator would agree. A
logistic model over them is fitted by ``python -m govkg.ingest.calibrate`` and its weights ship as
``patterns/confidence.json``. Without that file the rule's own confidence stands.

The traits are read from the norm record and its document's other norms only, so that the same
code reads a fresh extraction and a norm file saved from an earlier one (the model is fitted on
such first readings: norms of texts the rules had not yet been tuned on, which is where the model
is used). What the traits look for, by the errors they stand for:

- the bearer is a fragment: a verb or preposition inside it (取得《医疗机构, 依法设立的取得…部门),
  a head that is no noun, two characters, a list not split (A、B单位);
- the bearer is not where a subject stands: absent from its clause (carried over), only in the
  action (告知劳动者), or none while the clause opens with a noun (应急救援队伍应当…);
- the clause fanned out into many norms (a list split into bearers, where splits go wrong);
- the action is a fragment (制, 操作性).
"""
from __future__ import annotations

import contextlib
import functools
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from govkg.ingest.records import Document, Norm

WEIGHTS = Path(__file__).resolve().parent / "patterns" / "confidence.json"
_ITEM = re.compile(r"[（(][^/]*[）)]$|/[a-z]$|\.[a-z]$")
_EN_LIST = re.compile(r",| and | or ")
SHORT_ACTION = {"zh": 3, "en": 8}     # characters: an action this short is a fragment of one


def traits(norm: Norm, lang: str, fanout: int = 1) -> dict[str, float]:
    """The traits of one norm as numbers (0/1 flags and a few log lengths); ``fanout`` is how
    many norms of its document share its clause and action."""
    actor = norm.actor.strip()
    size = len(actor.split()) if lang == "en" else len(actor)
    return {
        "en": float(lang == "en"),
        "no_bearer": float(not actor),
        "vague": float(norm.vague_actor),
        "typed_bearer": float(bool(norm.actor_type)),
        "bearer_length": math.log1p(size),
        "prohibition": float(norm.modality == "prohibition"),
        "permission": float(norm.modality == "permission"),
        "shared": float(norm.role in ("joint", "lead", "support")),
        "rule_confidence": float(norm.confidence),
        "item": float(bool(_ITEM.search(norm.provision))),
        "no_articles": float(norm.article in (0, "0", "")),
        "condition": float(bool(norm.condition)),
        "sentence_length": math.log1p(len(norm.sentence)),
        "sanction": float("sanction" in norm.tags),
        "fanout": math.log(max(fanout, 1)),
        "action_length": math.log1p(len(norm.action)),
        "short_action": float(len(norm.action) <= SHORT_ACTION.get(lang, 8)),
        **_placement(norm, actor, lang),
        **_bearer_words(actor, lang),
    }


def _placement(norm: Norm, actor: str, lang: str) -> dict[str, float]:
    """Where the bearer stands in its clause: before the action as a subject, or elsewhere."""
    sentence = norm.sentence
    at = sentence.find(norm.action[:8]) if norm.action else -1
    found = sentence.find(actor) if actor else -1
    return {
        "bearer_not_in_clause": float(bool(actor) and found < 0),
        "bearer_after_action": float(found >= 0 and at >= 0 and found >= at),
        "bearer_in_action": float(bool(actor) and actor in norm.action),
        "zh_no_bearer": float(lang == "zh" and not actor),
        "en_no_bearer": float(lang == "en" and not actor),
        "zh_subject_left": float(lang == "zh" and not actor and _opens_with_noun(sentence[:max(at, 0)][:12])),
    }


def _bearer_words(actor: str, lang: str) -> dict[str, float]:
    """What the bearer's words are: a fragment holds a verb or a preposition, ends in no noun,
    or is a list that was not split."""
    flags = _zh_flags(actor) if lang == "zh" and actor else ()
    return {
        "short_bearer": float(lang == "zh" and 0 < len(actor) <= 2),
        "list_bearer": float(bool(actor) and ("、" in actor or bool(_EN_LIST.search(actor)))),
        "bearer_verb": float(any(f.startswith("v") for f in flags[:-1])),
        "bearer_preposition": float(any(f in ("p", "c") for f in flags)),
        "bearer_head_not_noun": float(bool(flags) and not flags[-1].startswith("n")),
    }


@functools.lru_cache(maxsize=8192)
def _zh_flags(phrase: str) -> tuple[str, ...]:
    """jieba's part-of-speech flags of the words of a phrase (its model ships with jieba)."""
    return tuple(flag for _, flag in _posseg().lcut(phrase))


@functools.lru_cache(maxsize=8192)
def _opens_with_noun(text: str) -> bool:
    words = _posseg().lcut(text) if text else []
    return bool(words) and words[0].flag.startswith("n") and words[0].flag != "nr"


@functools.cache
def _posseg():
    import jieba
    import jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def fanouts(norms: Sequence[Norm]) -> list[int]:
    """For each norm, how many norms of the same document share its clause and action."""
    counts = Counter((n.start, n.end, n.action) for n in norms)
    return [counts[(n.start, n.end, n.action)] for n in norms]


def document_traits(norms: Sequence[Norm], lang: str) -> list[dict[str, float]]:
    """The traits of every norm of one document, in order."""
    return [traits(n, lang, f) for n, f in zip(norms, fanouts(norms))]


@functools.cache
def _model() -> tuple[dict[str, float], float] | None:
    if not WEIGHTS.exists():
        return None
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return data["weights"], float(data["bias"])


def probability(found: dict[str, float], weights: dict[str, float], bias: float) -> float:
    """The model's probability that a norm with these traits is right."""
    score = bias + sum(weights.get(name, 0.0) * value for name, value in found.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def calibrated(norm: Norm, lang: str, fanout: int = 1) -> float:
    """The probability, under the fitted model, that ``norm`` is right (two decimals); the
    rule's confidence where no model is shipped."""
    model = _model()
    if model is None:
        return norm.confidence
    return round(probability(traits(norm, lang, fanout), *model), 2)


def calibrate_document(document: Document) -> None:
    """Give each norm of ``document`` its calibrated confidence (in place of the rule's)."""
    if _model() is None:
        return
    document.norms = [n.revised(confidence=calibrated(n, document.lang, f))
                      for n, f in zip(document.norms, fanouts(document.norms))]


@contextlib.contextmanager
def rules_only() -> Iterator[None]:
    """Extraction with the rules' own confidence, no fitted model: what the model is fitted on."""
    global WEIGHTS
    saved, WEIGHTS = WEIGHTS, Path("/nonexistent/confidence.json")
    _model.cache_clear()
    try:
        yield
    finally:
        WEIGHTS = saved
        _model.cache_clear()
