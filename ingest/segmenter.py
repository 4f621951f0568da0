"""jieba's word segmentation with a memory of the runs of Chinese text it has already cut.

Law repeats itself: about a quarter of the Chinese characters in a body of national law stand in
a run between punctuation marks that occurred before ("违反本条例规定的", "由县级以上地方人民政府").
jieba cuts each such run on its own, so cutting a text run by run — remembering each run's
words — gives exactly jieba's words, and a repeated run costs a dictionary look-up.

``JiebaTokenizer`` is spaCy's Chinese tokenizer with the words laid on the text in one pass:
spaCy's ``get_words_and_spaces`` copies the rest of the text for every word, which on a long
article costs as much as a third of cutting it.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy import util
from spacy.lang.zh import ChineseTokenizer
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


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's jieba tokenizer (the same tokens), aligning the words to the text in one pass."""

    def __call__(self, text: str) -> Doc:
        if self.segmenter != "jieba":
            return super().__call__(text)
        words = [w for w in self.jieba_seg.cut(text, cut_all=False) if w]
        words, spaces = words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` for words that make up the text exactly (as jieba's
    do): whitespace words are dropped, a single space after a word becomes its trailing space,
    and other whitespace stays a token of its own."""
    if "".join(words) != text:
        return util.get_words_and_spaces(words, text)
    out, spaces, pos, size = [], [], 0, len(text)
    for word in words:
        if word.isspace():
            continue
        at = text.find(word, pos)
        if at > pos:
            out.append(text[pos:at])
            spaces.append(False)
        out.append(word)
        pos = at + len(word)
        if pos < size and text[pos] == " ":
            spaces.append(True)
            pos += 1
        else:
            spaces.append(False)
    if pos < size:
        out.append(text[pos:])
        spaces.append(False)
    return out, spaces
