"""jieba's word segmentation with a memory of the runs of Chinese text it has already cut.

Law repeats itself: about a quarter of the Chinese characters in a body of national law stand in
a run between punctuation marks that occurred before ("违反本条例规定的", "由县级以上地方人民政府").
jieba cuts each such run on its own, so cutting a text run by run — remembering each run's
words — gives exactly jieba's words, and a repeated run costs a dictionary look-up.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.errors import Errors
from spacy.tokens import Doc

MAX_REMEMBERED = 200_000
"""Runs kept at most; the memory starts afresh beyond that (about 40 MB)."""


class RememberingSegmenter:
    """Stands in for the ``jieba`` module as spaCy's Chinese tokenizer calls it (``cut``)."""

    def __init__(self, jieba_module) -> None:
        self.jieba = jieba_module
        self.runs = jieba_module.re_han_default
        self.remembered: dict[str, tuple[str, ...]] = {}

    def cut(self, text: str, cut_all: bool = False) -> Iterator[str]:
        if cut_all:
            yield from self.jieba.cut(text, cut_all=True)
            return
        for run in self.runs.split(text):
            if not run:
                continue
            words = self.remembered.get(run)
            if words is None:
                words = tuple(self.jieba.cut(run))
                if len(self.remembered) >= MAX_REMEMBERED:
                    self.remembered.clear()
                self.remembered[run] = words
            yield from words


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` in one pass: the same words and spaces, found with
    ``text.index(word, pos)`` instead of a copy of the rest of the text for every word (which
    makes a long article quadratic)."""
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(Errors.E194.format(text=text, words=words))
    text_words: list[str] = []
    text_spaces: list[bool] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        try:
            start = text.index(word, pos)
        except ValueError:
            raise ValueError(Errors.E194.format(text=text, words=words)) from None
        if start > pos:
            text_words.append(text[pos:start])
            text_spaces.append(False)
            pos = start
        text_words.append(word)
        pos += len(word)
        space = pos < len(text) and text[pos] == " "
        text_spaces.append(space)
        pos += space
    if pos < len(text):
        text_words.append(text[pos:])
        text_spaces.append(False)
    return text_words, text_spaces


class AlignedTokenizer:
    """spaCy's Chinese tokenizer (jieba), its words aligned to the text by ``words_and_spaces``;
    everything else (``jieba_seg``, serialization) is the wrapped tokenizer's."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.inner.jieba_seg.cut(text, cut_all=False) if w]
        words, spaces = words_and_spaces(words, text)
        return Doc(self.inner.vocab, words=words, spaces=spaces)

    def __getattr__(self, name: str):
        if name == "inner":               # not yet set (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)
