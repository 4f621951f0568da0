"""The spaCy pipelines: ``spacy.blank("zh")`` with jieba and ``spacy.blank("en")``, plus four
registered components with default configs:

- ``govkg_clauses``  provision-aware sentence/clause splitter (never crosses a unit boundary)
- ``govkg_actors``   actor span ruler fed from the ontology thesaurus and head nouns
- ``govkg_modality`` modal cue matcher (应当/不得/可以; shall/shall not/may), patterns as data
- ``govkg_norms``    norm assembler: reads each unit with the language's drafting grammar

One Doc is one article (or one numbered paragraph); its units — (kind, start, end) of each
paragraph and item — come as the context of ``nlp.pipe(..., as_tuples=True)`` or in
``doc.user_data["units"]``. The norms are left in ``doc.user_data["norms"]`` as plain dicts.
"""
from __future__ import annotations

import functools
import logging
import re

import numpy
import spacy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ingest import patterns
from ingest.actors import find_mentions
from ingest.segmenter import RememberingSegmenter
from ingest.en_norms import EnUnitReader
from ingest.zh_norms import ZhUnitReader

_CLAUSE_END = {"zh": set("。！？；，：\n"), "en": set(".;:\n")}


def text_of(doc: Doc) -> str:
    """The doc's text, computed once (``Doc.text`` joins every token on each access)."""
    text = doc.user_data.get("text")
    if text is None:
        context = getattr(doc, "_context", None)
        text = context.get("text") if isinstance(context, dict) else None
        if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
            text = doc.text
        doc.user_data["text"] = text
    return text


def units_of(doc: Doc) -> list[dict]:
    """The units of a doc: from the pipe context, user_data, or one unit for the whole text."""
    context = getattr(doc, "_context", None)
    units = (context or {}).get("units") if isinstance(context, dict) else None
    units = units or doc.user_data.get("units")
    if not units:
        units = [{"kind": "para", "start": 0, "end": len(doc.text)}]
    doc.user_data["units"] = units
    return units


@Language.factory("govkg_clauses", default_config={})
def make_clauses(nlp: Language, name: str) -> "ClauseSplitter":
    return ClauseSplitter(nlp.lang)


class ClauseSplitter:
    """Sentence starts after clause punctuation and at every unit boundary."""

    def __init__(self, lang: str) -> None:
        self.ends = re.compile("[" + re.escape("".join(_CLAUSE_END.get(lang, _CLAUSE_END["en"]))) + "]")

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        text = text_of(doc)
        cuts = [m.end() for m in self.ends.finditer(text)] + [u["start"] for u in units_of(doc)]
        idx = doc.to_array(IDX).reshape(-1)
        flags = numpy.full(len(doc), -1, dtype="int32")
        at = numpy.searchsorted(idx, numpy.asarray(cuts + [0], dtype="int64"))
        flags[numpy.unique(at[at < len(doc)])] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("govkg_actors", default_config={"spans_key": "actors"})
def make_actors(nlp: Language, name: str, spans_key: str) -> "ActorRuler":
    return ActorRuler(nlp.lang, spans_key)


class ActorRuler:
    """Actor mentions: thesaurus labels (classes from the ontology) and head nouns."""

    def __init__(self, lang: str, spans_key: str) -> None:
        self.lang, self.key = lang, spans_key

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(text_of(doc), self.lang)
        doc.user_data["mentions"] = mentions
        spans = [doc.char_span(s, e, label="ACTOR", alignment_mode="expand") for s, e in mentions]
        doc.spans[self.key] = [sp for sp in spans if sp is not None]
        return doc


@Language.factory("govkg_modality", default_config={"spans_key": "modality"})
def make_modality(nlp: Language, name: str, spans_key: str) -> "ModalityMatcher":
    return ModalityMatcher(nlp.lang, spans_key)


class ModalityMatcher:
    """Modal cues with their modality as span label (patterns/*.json ``modal_cues``)."""

    def __init__(self, lang: str, spans_key: str) -> None:
        self.regex: re.Pattern = patterns.cue_regex(lang)
        self.key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in self.regex.finditer(text_of(doc)):
            span = doc.char_span(m.start(), m.end(), label=m.lastgroup, alignment_mode="expand")
            if span is not None and (not spans or span.start >= spans[-1].end):
                spans.append(span)
        doc.spans[self.key] = spans
        return doc


@Language.factory("govkg_norms", default_config={"with_articles": True})
def make_norms(nlp: Language, name: str, with_articles: bool) -> "NormAssembler":
    return NormAssembler(nlp.lang, with_articles)


class NormAssembler:
    """Reads each unit in order; a lead-in's context passes to the items under it."""

    def __init__(self, lang: str, with_articles: bool) -> None:
        self.reader = ZhUnitReader if lang == "zh" else EnUnitReader
        self.with_articles = with_articles

    def __call__(self, doc: Doc) -> Doc:
        units = units_of(doc)
        context = getattr(doc, "_context", None)
        with_articles = context.get("with_articles", self.with_articles) if isinstance(context, dict) else self.with_articles
        options = {"policy": context["policy"]} if isinstance(context, dict) and context.get("policy") else {}
        reader = self.reader(text_of(doc), doc.user_data.get("mentions") or [], with_articles=with_articles, **options)
        norms, lead = [], None
        for index, unit in enumerate(units):
            is_item = unit["kind"] == "item"
            if not is_item:
                lead = None
            drafts, new_lead = reader.read(unit["start"], unit["end"], lead, is_item)
            if new_lead is not None and not is_item:
                lead = new_lead
            norms.extend(dict(vars(d), unit=index) for d in drafts)
        doc.user_data["norms"] = norms
        doc.user_data.pop("text", None)
        return doc


@functools.cache
def build_pipeline(lang: str) -> Language:
    """The pipeline of ``lang`` ("zh" or "en"), built once per process."""
    if lang == "zh":
        import jieba
        jieba.setLogLevel(logging.WARNING)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp.tokenizer.jieba_seg = RememberingSegmenter(jieba)
    else:
        nlp = spacy.blank("en")
    for name in ("govkg_clauses", "govkg_actors", "govkg_modality", "govkg_norms"):
        nlp.add_pipe(name)
    return nlp
