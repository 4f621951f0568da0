"""Calibrated confidence of a norm: how often a norm with its traits is right.

The drafting grammar knows how it read a clause (a modal verb or a plain task statement, a
bearer from the thesaurus or only a head noun, an item under a lead-in, a bearer-less passive);
those traits, not the rule's own guess, predict whether a reference annotator would agree. A
logistic model over them is fitted by ``python -m govkg.ingest.calibrate`` on reference norms of texts
the rules were not written for, and its weights ship as ``patterns/confidence.json``. Without
that file the rule's own confidence stands.
"""
from __future__ import annotations

import contextlib
import functools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

from govkg.ingest.records import Norm

WEIGHTS = Path(__file__).resolve().parent / "patterns" / "confidence.json"
_ITEM = re.compile(r"[（(][^/]*[）)]$|/[a-z]$|\.[a-z]$")


def traits(norm: Norm, lang: str) -> dict[str, float]:
    """The traits of one norm as numbers (0/1 flags and a few log lengths)."""
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
    }


@functools.cache
def _model() -> tuple[dict[str, float], float] | None:
    if not WEIGHTS.exists():
        return None
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return data["weights"], float(data["bias"])


def calibrated(norm: Norm, lang: str) -> float:
    """The probability, under the fitted model, that ``norm`` is right (two decimals); the
    rule's confidence where no model is shipped."""
    model = _model()
    if model is None:
        return norm.confidence
    weights, bias = model
    score = bias + sum(weights.get(name, 0.0) * value for name, value in traits(norm, lang).items())
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))), 2)


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
