"""jieba's word segmentation with a memory of the runs of Chinese text it has already cut.

Law repeats itself: about a quarter of the Chinese characters in a body of national law stand in
a run between punctuation marks that occurred before ("违反本条例规定的", "由县级以上地方人民政府").
jieba cuts each such run on its own, so cutting a text run by run — remembering each run's
words — gives exactly jieba's words, and a repeated run costs a dictionary look-up.

A run is cut with jieba's own method (its dictionary, the same scores added in the same order,
the same ties, its HMM for unknown words) in one pass instead of three: jieba builds a dict of
every word that starts at each character, then scores each with a generator of tuples; here the
words starting at a character are scored as they are found, with each word's log frequency
looked up once per process.

``JiebaTokenizer`` is spaCy's Chinese tokenizer with the words laid on the text in one pass:
spaCy's ``get_words_and_spaces`` copies the rest of the text for every word, which on a long
article costs as much as a third of cutting it.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import accumulate, chain, compress, islice
from math import log

from spacy import util
from spacy.lang.zh import ChineseTokenizer
from spacy.tokens import Doc

_UNSEEN = object()
_NO_WORD = object()     # a fragment that is neither a word nor the start of one
MAX_REMEMBERED = 200_000
"""Runs kept at most; the memory starts afresh beyond that (about 45 MB)."""
MAX_SCORES = 200_000
"""Fragments whose score is kept at most (some 25 MB); the scores start afresh beyond that."""


class RememberingSegmenter:
    """Stands in for the ``jieba`` module as spaCy's Chinese tokenizer calls it (``cut``)."""

    def __init__(self, jieba_module) -> None:
        self.jieba = jieba_module
        self.runs = jieba_module.re_han_default
        self.remembered: dict[str, tuple[str, ...]] = {}
        self._scores: dict[str, object] = {}  # word -> log(frequency) - log(total); None: a prefix only; _NO_WORD
        self._scores_of: tuple[int, int, int] = (0, 0, 0)   # the dictionary, its total and size they are for
        self._unknown: dict[str, tuple[str, ...]] = {}    # the HMM's words of characters the dictionary does not join

    def cut(self, text: str, cut_all: bool = False) -> Iterator[str]:
        if cut_all:
            return self.jieba.cut(text, cut_all=True)
        return iter(self.words(text))

    def words(self, text: str) -> list[str]:
        """jieba's words of ``text`` (its ``lcut``). The runs remembered hold each word once
        (``sys.intern``): a body of law has some twenty thousand distinct words in a million,
        and a slice of a run is a new string every time. The pieces are looked up all at once
        and only those not remembered are visited one by one."""
        pieces = self.runs.split(text)
        cut = list(map(self.remembered.get, pieces))
        start = 0
        for _ in range(cut.count(None)):
            index = cut.index(None, start)
            cut[index] = self._remember(pieces[index], han=index % 2 == 1)
            start = index + 1
        return list(chain.from_iterable(cut))

    def _remember(self, piece: str, han: bool) -> tuple[str, ...]:
        """The words of one piece between (or of) jieba's runs of "han" characters, cut once."""
        if not piece:
            return ()
        words = self.remembered.get(piece)
        if words is None:
            words = tuple(map(sys.intern, self._cut_run(piece) if han else self.jieba.cut(piece)))
            if len(self.remembered) >= MAX_REMEMBERED:
                self.remembered.clear()
            self.remembered[piece] = words
        return words

    def _cut_run(self, run: str) -> list[str]:
        """jieba's words of one run of its "han" characters (what ``jieba.cut`` gives it to its
        DAG method with the HMM): the best route, then single characters joined and read by
        the HMM where the dictionary does not know them."""
        tokenizer = self.jieba.dt
        tokenizer.check_initialized()
        freq, route = tokenizer.FREQ, self._route(run, tokenizer)
        words: list[str] = []
        x, n, single = 0, len(run), -1          # single: where the current stretch of one-character words starts
        while x < n:
            y = route[x] + 1
            if y - x == 1:
                if single < 0:
                    single = x
            else:
                if single >= 0:
                    words += self._loose(run[single:x], freq)
                    single = -1
                words.append(run[x:y])
            x = y
        if single >= 0:
            words += self._loose(run[single:], freq)
        return words

    def _loose(self, buf: str, freq: dict) -> tuple[str, ...] | str:
        """Single characters in a row: one word, the HMM's words for an unknown run, else each
        character (the string itself)."""
        if len(buf) == 1:
            return (buf,)
        if freq.get(buf):
            return buf
        words = self._unknown.get(buf)
        if words is None:
            words = self._unknown[buf] = tuple(self.jieba.finalseg.cut(buf))
        return words

    def _route(self, run: str, tokenizer) -> list[int]:
        """The end of the first word of the best route from each character: jieba's ``calc``
        over its ``get_DAG``, each score computed as jieba computes it, a tie going to the
        longer word as jieba's ``max`` over (score, end) gives it. The fragments that end a
        search (no word starts with them) are kept too: then nearly every look-up goes to this
        small table, not to jieba's dictionary of half a million entries, which in a pipeline
        that runs the drafting grammar between two articles is no longer in the processor's cache."""
        freq, total = tokenizer.FREQ, tokenizer.total
        if self._scores_of != (id(freq), total, len(freq)) or len(self._scores) > MAX_SCORES:
            self._scores, self._scores_of = {}, (id(freq), total, len(freq))
            self._unknown.clear()
        scores, logtotal = self._scores, log(total)
        n = len(run)
        values: list[float] = [0] * (n + 1)
        ends = list(range(n))
        for k in range(n - 1, -1, -1):
            top, i, frag = None, k, run[k]
            while True:
                score = scores.get(frag, _UNSEEN)
                if score is _UNSEEN:
                    count = freq.get(frag)
                    score = scores[frag] = _NO_WORD if count is None else log(count) - logtotal if count else None
                if score is _NO_WORD:
                    break
                if score is not None:           # a word, not only the start of longer ones
                    value = score + values[i + 1]
                    if top is None or value >= top:
                        top, ends[k] = value, i
                i += 1
                if i >= n:
                    break
                frag = run[k:i + 1]
            values[k] = top if top is not None else log(freq.get(run[k]) or 1) - logtotal + values[k + 1]
        return ends


def first_tagged(text: str, count: int, *, skip: tuple[str, ...] = ()) -> list:
    """The first ``count`` words of ``text`` (less any word in ``skip``) with their part of speech,
    as ``jieba.posseg.lcut(text, HMM=False)`` gives them: jieba tags a text run by run, so only
    the runs that hold them are cut."""
    import jieba.posseg
    return list(islice((p for p in jieba.posseg.cut(text, HMM=False) if p.word not in skip), count))


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's jieba tokenizer (the same tokens), aligning the words to the text in one pass."""

    def __call__(self, text: str) -> Doc:
        if self.segmenter != "jieba":
            return super().__call__(text)
        seg = self.jieba_seg
        words = seg.words(text) if isinstance(seg, RememberingSegmenter) else list(seg.cut(text, cut_all=False))
        if "" in words:
            words = [w for w in words if w]
        words, spaces = words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """``spacy.util.get_words_and_spaces`` for words that make up the text exactly (as jieba's
    do): whitespace words are dropped, a single space after a word becomes its trailing space,
    and other whitespace stays a token of its own. jieba's words are either all whitespace or
    hold none, so the words between two stretches of whitespace are copied as they are."""
    if "".join(words) != text:
        return util.get_words_and_spaces(words, text)
    blank = list(map(str.isspace, words))
    if True not in blank:
        return list(words), [False] * len(words)
    offsets = list(accumulate(map(len, words), initial=0))
    out: list[str] = []
    spaces: list[bool] = []
    copied = 0
    for first, last in _stretches(compress(range(len(words)), blank)):
        out += words[copied:first]
        spaces += [False] * (first - copied)
        gap = text[offsets[first]:offsets[last + 1]]
        if first > 0 and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            out.append(gap)
            spaces.append(False)
        copied = last + 1
    out += words[copied:]
    spaces += [False] * (len(words) - copied)
    return out, spaces


def _stretches(indexes) -> Iterator[tuple[int, int]]:
    """Consecutive indexes as (first, last) pairs: 3, 4, 7 -> (3, 4), (7, 7)."""
    first = last = None
    for i in indexes:
        if last is not None and i == last + 1:
            last = i
            continue
        if first is not None:
            yield first, last
        first = last = i
    if first is not None:
        yield first, last
