"""What the pipeline's components hand each other beside the tokens: span groups and extension
attributes, registered once.

    doc.spans["units"]     written by govkg_clauses   the article's paragraphs and items ("para", "item")
    doc.spans["actors"]    written by govkg_actors    actor mentions ("ACTOR")
    doc.spans["modality"]  written by govkg_modality  modal cues (the label is the modality)
    doc._.norms            written by govkg_norms     the norm drafts, as plain dicts
    doc._.text             the doc's text, kept while the components run (``Doc.text`` joins tokens)

A span covers whole tokens, but a rule matches characters: 居民委员会 may end inside a jieba
token, and two mentions may fall in the same tokens. A group written by a rule keeps the exact
character range of each of its spans in ``group.attrs["chars"]``; ``ranges(group)`` reads them,
and a group without them (as a trained component writes it) stands for its spans' tokens.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, SpanGroup

from ingest.records import MODALITIES

UNITS, ACTORS, MODALITY = "units", "actors", "modality"


def register() -> None:
    """Register the extension attributes (once per process; spaCy keeps them class-wide)."""
    for name in ("norms", "text"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()


def write_group(doc: Doc, key: str, found: Iterable[tuple[int, int, str]]) -> SpanGroup:
    """Set ``doc.spans[key]`` to a span per (start, end, label) character range, keeping the ranges."""
    found = list(found)
    starts = numpy.asarray([s for s, _, _ in found], dtype="int64")
    ends = numpy.asarray([e for _, e, _ in found], dtype="int64")
    idx = doc.to_array(IDX).reshape(-1) if len(doc) else numpy.zeros(0, dtype="int64")
    first = numpy.searchsorted(idx, starts, side="right") - 1     # the token a range starts in
    past = numpy.searchsorted(idx, ends, side="left")             # the first token at or after its end
    spans = [Span(doc, max(i, 0), max(j, i + 1), label=label)      # an empty range keeps a token
             for (_, _, label), i, j in zip(found, first.tolist(), past.tolist())] if len(doc) else []
    chars = [(s, e) for s, e, _ in found] if spans else []
    group = SpanGroup(doc, name=key, attrs={"chars": chars}, spans=spans)
    doc.spans[key] = group
    return group


def ranges(group: SpanGroup | Sequence[Span]) -> list[tuple[int, int]]:
    """The character range of each span: the exact one a rule kept, else its tokens' bounds."""
    chars = getattr(group, "attrs", {}).get("chars")
    if chars is not None and len(chars) == len(group):
        return [(int(s), int(e)) for s, e in chars]
    return [(span.start_char, span.end_char) for span in group]


@dataclass(frozen=True)
class Cue:
    """A modal cue as the drafting grammar reads it: the interface of the ``re.Match`` it replaces."""

    at: int
    stop: int
    word: str
    lastgroup: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.stop

    def group(self) -> str:
        return self.word


def cues_of(doc: Doc, text: str, key: str = MODALITY) -> list[Cue]:
    """The modal cues of ``doc.spans[key]``, in text order; a span whose label is not a
    modality states none."""
    group = doc.spans[key] if key in doc.spans else []
    return [Cue(s, e, text[s:e], span.label_) for (s, e), span in zip(ranges(group), group)
            if span.label_ in MODALITIES]


def cues_within(cues: Sequence[Cue], starts: Sequence[int], s: int, e: int) -> list[Cue]:
    """The cues that lie within text[s:e] (``starts`` are the cues' starts, sorted)."""
    from bisect import bisect_left
    i = bisect_left(starts, s)
    out = []
    while i < len(cues) and cues[i].at < e:
        if cues[i].stop <= e:
            out.append(cues[i])
        i += 1
    return out
