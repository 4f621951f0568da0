"""The spaCy pipelines: ``spacy.blank("zh")`` with jieba and ``spacy.blank("en")``, plus four
registered components with default configs:

- ``govkg_clauses``  provision-aware sentence/clause splitter (never crosses a unit boundary)
- ``govkg_actors``   actor span ruler fed from the ontology thesaurus and head nouns
- ``govkg_modality`` modal cue matcher (应当/不得/可以; shall/shall not/may), patterns as data
- ``govkg_bearers``  (Chinese, when turned on) bearer spans of the trained model (``ingest/bearers.py``)
- ``govkg_norms``    norm assembler: reads each unit with the language's drafting grammar, then
                     lets the bearer spans correct the bearers where ``bearer_corrections`` says

One Doc is one article (or one numbered paragraph); its units — (kind, start, end) of each
paragraph and item — come as the context of ``nlp.pipe(..., as_tuples=True)``. The components
hand their results on through span groups and extension attributes (``govkg.ingest.spans``), never
by matching again: the assembler reads ``doc.spans["units"]``, ``doc.spans["actors"]`` and
``doc.spans["modality"]``, so another component (a trained one) that writes one of these groups
can stand in for a rule component. The norms are left in ``doc._.norms`` as plain dicts.
"""
from __future__ import annotations

import functools
from bisect import bisect_left
import logging
import re

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from govkg.ingest import bearers, patterns, spans
from govkg.ingest.bearer_corrections import Uses, correct_drafts
from govkg.ingest.spans import text_of
from govkg.ingest.actors import find_mentions
from govkg.ingest.segmenter import JiebaTokenizer, RememberingSegmenter
from govkg.ingest.en_norms import EnUnitReader
from govkg.ingest.zh_norms import ZhUnitReader

_NOT_START = numpy.uint64(2**64 - 1)     # -1 as spaCy's SENT_START array holds it
_CLAUSE_END = {"zh": set("。！？；，：\n"), "en": set(".;:\n")}
COMPONENTS = ("govkg_clauses", "govkg_actors", "govkg_modality", "govkg_norms")


def context_of(doc: Doc) -> dict:
    """What the caller of ``nlp.pipe(..., as_tuples=True)`` gave with the doc's text, or nothing."""
    context = getattr(doc, "_context", None)
    return context if isinstance(context, dict) else {}


@Language.factory("govkg_clauses", default_config={"spans_key": spans.UNITS})
def make_clauses(nlp: Language, name: str, spans_key: str) -> "ClauseSplitter":
    return ClauseSplitter(nlp.lang, spans_key)


class ClauseSplitter:
    """The article's units as spans (from the pipe context, else one unit for the whole text);
    sentence starts after clause punctuation and at every unit boundary."""

    def __init__(self, lang: str, spans_key: str) -> None:
        self.ends = re.compile("[" + re.escape("".join(_CLAUSE_END.get(lang, _CLAUSE_END["en"]))) + "]")
        self.key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = text_of(doc)
        units = context_of(doc).get("units") or [{"kind": "para", "start": 0, "end": len(text)}]
        spans.write_group(doc, self.key, ((u["start"], u["end"], u["kind"]) for u in units))
        starts = spans.token_starts(doc)
        cuts = [m.end() for m in self.ends.finditer(text)] + [u["start"] for u in units]
        flags = numpy.full((len(doc), 1), _NOT_START, dtype="uint64")
        flags[[i for i in {bisect_left(starts, cut) for cut in cuts} if i < len(doc)] + [0]] = 1
        doc.from_array([SENT_START], flags)
        return doc


@Language.factory("govkg_actors", default_config={"spans_key": spans.ACTORS})
def make_actors(nlp: Language, name: str, spans_key: str) -> "ActorRuler":
    return ActorRuler(nlp.lang, spans_key)


class ActorRuler:
    """Actor mentions: thesaurus labels (classes from the ontology) and head nouns."""

    def __init__(self, lang: str, spans_key: str) -> None:
        self.lang, self.key = lang, spans_key

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(text_of(doc), self.lang)
        spans.write_group(doc, self.key, ((s, e, "ACTOR") for s, e in mentions))
        return doc


@Language.factory("govkg_modality", default_config={"spans_key": spans.MODALITY})
def make_modality(nlp: Language, name: str, spans_key: str) -> "ModalityMatcher":
    return ModalityMatcher(nlp.lang, spans_key)


class ModalityMatcher:
    """Modal cues with their modality as span label (patterns/*.json ``modal_cues``; in a policy
    paper, as the pipe context says, also its ``policy_cues``: 要, 鼓励…)."""

    def __init__(self, lang: str, spans_key: str) -> None:
        self.regex: re.Pattern = patterns.cue_regex(lang)
        self.policy_regex: re.Pattern = patterns.policy_cue_regex(lang)
        self.key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        policy = context_of(doc).get("policy")
        regex = self.policy_regex if policy is not None and policy.policy else self.regex
        spans.write_group(doc, self.key, ((m.start(), m.end(), m.lastgroup) for m in regex.finditer(text_of(doc))))
        return doc


@Language.factory("govkg_norms", default_config={"with_articles": True, "units_key": spans.UNITS,
                                                 "actors_key": spans.ACTORS, "modality_key": spans.MODALITY,
                                                 "bearers_key": spans.BEARERS, "fill": Uses.fill,
                                                 "bounds": Uses.bounds})
def make_norms(nlp: Language, name: str, with_articles: bool, units_key: str, actors_key: str,
               modality_key: str, bearers_key: str, fill: float, bounds: float) -> "NormAssembler":
    return NormAssembler(nlp.lang, with_articles, (units_key, actors_key, modality_key),
                         bearers_key=bearers_key, uses=Uses(fill=fill, bounds=bounds))


class NormAssembler:
    """Reads each unit in order with the actor and cue spans; a lead-in's context passes to the
    items under it. Where a component wrote bearer spans (``doc.spans["bearers"]``), they correct
    the drafts' bearers with the thresholds of ``uses``."""

    def __init__(self, lang: str, with_articles: bool, keys: tuple[str, str, str], *,
                 bearers_key: str = spans.BEARERS, uses: Uses = Uses()) -> None:
        self.lang = lang
        self.with_articles = with_articles
        self.units_key, self.actors_key, self.modality_key = keys
        self.bearers_key, self.uses = bearers_key, uses

    def __call__(self, doc: Doc) -> Doc:
        context = context_of(doc)
        text = text_of(doc)
        units = doc.spans[self.units_key] if self.units_key in doc.spans else []
        norms, lead = [], None
        reader = self._reader(doc, text, context)
        found = self._bearer_spans(doc)
        for index, ((start, end), unit) in enumerate(zip(spans.ranges(units), units)):
            is_item = unit.label_ == "item"
            if not is_item:
                lead = None
            drafts, new_lead = reader.read(start, end, lead, is_item)
            if found:
                drafts = correct_drafts(drafts, text, found, self.uses)
            if new_lead is not None and not is_item:
                lead = new_lead
            norms.extend(dict(vars(d), unit=index) for d in drafts)
        doc._.norms = norms
        spans.release(doc)
        return doc

    def _bearer_spans(self, doc: Doc) -> list[bearers.Found]:
        """The trained model's bearer spans with their probabilities (none without its component)."""
        if self.bearers_key not in doc.spans:
            return []
        group = doc.spans[self.bearers_key]
        return [(s, e, p) for (s, e), p in zip(spans.ranges(group), group.attrs.get("scores", []))]

    def _reader(self, doc: Doc, text: str, context: dict):
        mentions = spans.ranges(doc.spans[self.actors_key]) if self.actors_key in doc.spans else []
        options = {"cues": spans.cues_of(doc, text, self.modality_key),
                   "with_articles": context.get("with_articles", self.with_articles)}
        if self.lang != "zh":
            return EnUnitReader(text, mentions, **options)
        return ZhUnitReader(text, mentions, policy=context.get("policy"), **options)


@functools.cache
def build_pipeline(lang: str) -> Language:
    """The pipeline of ``lang`` ("zh" or "en"), built once per process."""
    return new_pipeline(lang)


def new_pipeline(lang: str, bearer_model: bool | None = None) -> Language:
    """A new pipeline of ``lang`` with the four components (``nlp.replace_pipe`` may swap one),
    and for Chinese the trained bearer model before the assembler where it ships and is on
    (``bearer_model``; by default ``bearers.model_on()``: ``GOVKG_BEARER_MODEL=on`` turns it on)."""
    if lang == "zh":
        import jieba
        jieba.setLogLevel(logging.WARNING)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp.tokenizer = JiebaTokenizer(nlp.vocab, segmenter="jieba")
        nlp.tokenizer.jieba_seg = RememberingSegmenter(jieba)
    else:
        nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    on = bearers.model_on() if bearer_model is None else bearer_model
    if lang == "zh" and on and bearers.load_model() is not None:
        nlp.add_pipe("govkg_bearers", before="govkg_norms")
    return nlp
