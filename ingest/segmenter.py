"""jieba's word segmentation with a memory of the runs of Chinese text it has already cut.

Law repeats itself: about a quarter of the Chinese characters in a body of national law stand in
a run between punctuation marks that occurred before ("违反本条例规定的", "由县级以上地方人民政府").
jieba cuts each such run on its own, so cutting a text run by run — remembering each run's
words — gives exactly jieba's words, and a repeated run costs a dictionary look-up.
"""
from __future__ import annotations

from collections.abc import Iterator

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
