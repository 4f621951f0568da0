"""The trained bearer model: a spaCy span categorizer that finds the spans of Chinese text that
bear a norm (label ``BEARER``), each with its probability.

Its tokens are the pipeline's own (jieba's words, ``govkg.ingest.segmenter``); each token's
``tag_`` is jieba's part of speech (``jieba.posseg``, whose model ships in its wheel) of the word
its first character stands in, and the span model reads it beside spaCy's NORM, PREFIX, SUFFIX
and SHAPE. The weights live in ``ingest/models/bearers_zh`` (``python -m govkg.ingest.train_bearers``
makes them) and are loaded from there: nothing is downloaded.

``govkg_bearers`` is the pipeline component: it writes ``doc.spans["bearers"]``, the spans found
with probability at least its ``floor``, none overlapping another, their probabilities in
``group.attrs["scores"]``.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from govkg.ingest import spans

MODEL_DIR = Path(__file__).resolve().parent / "models" / "bearers_zh"
LABEL = "BEARER"
SPANS_KEY = "sc"
MAX_TOKENS = 12            # the longest span the model weighs, in jieba words
Found = tuple[int, int, float]      # start, end (characters), probability


def model_on() -> bool:
    """Whether extraction uses the model: only where ``GOVKG_BEARER_MODEL`` is on (1, true, yes).
    It is off by default: on the current rules it moves no score of the unseen sets and triples
    the CPU time of extracting Chinese text (README, "Measured here")."""
    return os.environ.get("GOVKG_BEARER_MODEL", "off").strip().lower() in ("on", "1", "true", "yes")


@functools.cache
def load_model(path: Path = MODEL_DIR) -> Language | None:
    """The trained model at ``path``, or None where none has been trained."""
    if not (path / "config.cfg").exists():
        return None
    return spacy.load(path)


def pos_tags(text: str) -> list[str]:
    """jieba's part of speech of the word each character of ``text`` stands in."""
    import jieba.posseg
    tags: list[str] = []
    for pair in jieba.posseg.lcut(text):
        tags += [pair.flag] * len(pair.word)
    return tags + ["x"] * (len(text) - len(tags))


def model_doc(model: Language, words: Sequence[str], spaces: Sequence[bool]) -> Doc:
    """A doc of the model's vocabulary over the pipeline's words, tagged with jieba's parts of speech."""
    doc = Doc(model.vocab, words=list(words), spaces=list(spaces))
    tags = pos_tags(doc.text)
    for token in doc:
        token.tag_ = tags[token.idx] if token.idx < len(tags) else "x"
    return doc


def find_bearers(model: Language, doc: Doc, floor: float = 0.5) -> list[Found]:
    """The bearer spans of ``doc`` (a model doc) at probability ``floor`` or more, best first
    among those that overlap."""
    categorizer = model.get_pipe("spancat")
    candidates, scored = categorizer.predict([doc])
    found = []
    for (i, j), score in zip(candidates.dataXd.tolist(), scored.tolist()):
        if score[0] >= floor:
            found.append((i, j, float(score[0])))
    chosen: list[Found] = []
    taken: set[int] = set()
    for i, j, score in sorted(found, key=lambda f: (-f[2], f[0])):
        if not taken.intersection(range(i, j)):
            taken.update(range(i, j))
            chosen.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), round(score, 3)))
    return sorted(chosen)


@Language.factory("govkg_bearers", default_config={"spans_key": spans.BEARERS, "floor": 0.5})
def make_bearers(nlp: Language, name: str, spans_key: str, floor: float) -> "BearerFinder":
    return BearerFinder(spans_key, floor)


class BearerFinder:
    """Writes the model's bearer spans, with their probabilities; without a trained model, none."""

    def __init__(self, spans_key: str, floor: float, model: Language | None = None) -> None:
        self.key, self.floor = spans_key, floor
        self.model = model if model is not None else load_model()

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc) if self.model is not None and len(doc) else []
        group = spans.write_group(doc, self.key, ((s, e, LABEL) for s, e, _ in found))
        group.attrs["scores"] = [p for _, _, p in found]
        return doc

    def find(self, doc: Doc) -> list[Found]:
        words = [t.text for t in doc]
        return find_bearers(self.model, model_doc(self.model, words, [bool(t.whitespace_) for t in doc]), self.floor)
