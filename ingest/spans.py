"""What the pipeline's components hand each other beside the tokens: span groups and extension
attributes, registered once.

    doc.spans["units"]     written by govkg_clauses   the article's paragraphs and items ("para", "item")
    doc.spans["actors"]    written by govkg_actors    actor mentions ("ACTOR")
    doc.spans["modality"]  written by govkg_modality  modal cues (the label is the modality)
    doc.spans["bearers"]   written by govkg_bearers   bearer spans the trained model finds ("BEARER"),
                                                      their probabilities in attrs["scores"]
    doc._.norms            written by govkg_norms     the norm drafts, as plain dicts
    doc._.text, doc._.token_starts   kept while the components run, then released

A span covers whole tokens, but a rule matches characters: 居民委员会 may end inside a jieba
token, and two mentions may fall in the same tokens. A group written by a rule keeps the exact
character range of each of its spans in ``group.attrs["chars"]``; ``ranges(group)`` reads them,
and a group without them (as a trained component writes it) stands for its spans' tokens.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, SpanGroup

from govkg.ingest.records import MODALITIES

UNITS, ACTORS, MODALITY, BEARERS = "units", "actors", "modality", "bearers"


def register() -> None:
    """Register the extension attributes (once per process; spaCy keeps them class-wide)."""
    for name in ("norms", "text", "token_starts"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()


def _kept(name: str) -> tuple:
    """Where ``doc._.<name>`` keeps its value in ``doc.user_data``: the components read and
    write their shared values there directly, since each ``doc._`` access builds an object."""
    return ("._.", name, None, None)


_TEXT, _STARTS = _kept("text"), _kept("token_starts")


def text_of(doc: Doc) -> str:
    """The doc's text, computed once (``Doc.text`` joins every token on each access): the text
    the caller passed in the pipe context where it is the doc's."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        context = getattr(doc, "_context", None)
        text = context.get("text") if isinstance(context, dict) else None
        if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
            text = doc.text
        doc.user_data[_TEXT] = text
    return text


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token, computed once while the components run."""
    starts = doc.user_data.get(_STARTS)
    if starts is None or len(starts) != len(doc):
        starts = doc.to_array(IDX).reshape(-1).tolist() if len(doc) else []
        doc.user_data[_STARTS] = starts
    return starts


def release(doc: Doc) -> None:
    """Drop what the components kept only for each other (the text, the token offsets)."""
    doc.user_data[_TEXT] = None
    doc.user_data[_STARTS] = None


def write_group(doc: Doc, key: str, found: Iterable[tuple[int, int, str]]) -> SpanGroup:
    """Set ``doc.spans[key]`` to a span per (start, end, label) character range, keeping the ranges."""
    starts = token_starts(doc)
    spans, chars = [], []
    if starts:
        for s, e, label in found:
            i = max(bisect_right(starts, s) - 1, 0)        # the token the range starts in
            j = max(bisect_left(starts, e, i), i + 1)      # past its last token; an empty range keeps one
            spans.append(Span(doc, i, j, label=label))
            chars.append((s, e))
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
    i = bisect_left(starts, s)
    out = []
    while i < len(cues) and cues[i].at < e:
        if cues[i].stop <= e:
            out.append(cues[i])
        i += 1
    return out
