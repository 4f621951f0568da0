"""Aligning two lists of texts by content: similarity, a one-to-one assignment, and which pairs moved.

Similarity is the mean of the Dice and the overlap coefficients of the texts' character bigrams (whitespace and a leading
article label such as 第七条 or "Article 7" left out, so a renumbered article compares equal to
itself). Pairs are assigned best first over all pairs at once (each text joins one pair at most);
among equally similar candidates (within ``TIE``) the one nearer in relative position wins, so the
short identical articles of a law ("本法自…起施行") go to their counterpart and not to a stranger, and
of two articles merged into one the one that stood in its place keeps it.

A matched pair *moved* when the article changed its place in the order of articles: it is not on
the longest chain of pairs that keep their order (longest increasing subsequence). Articles
inserted or removed around it renumber it but do not move it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

MIN_SIMILARITY = 0.5
TIE = 0.01                 # similarities this close are equal: relative position decides
_LABEL = re.compile(r"^\s*(第[零一二三四五六七八九十百千〇\d]+条(之[一二三四五六七八九十]+)?"
                    r"|(Article|Section|Art\.)\s*\d+[A-Za-z]*\.?)\s*")
_SPACE = re.compile(r"\s+")


def body(text: str) -> str:
    """The text without its leading article label and without whitespace."""
    return _SPACE.sub("", _LABEL.sub("", text, count=1))


def bigrams(text: str) -> frozenset[str]:
    s = body(text)
    return frozenset(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else frozenset([s])


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """The mean of the Dice coefficient and the overlap coefficient of two bigram sets: an article
    that was only extended (a sentence added) stays close to what it was."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    shared = len(a & b)
    return (2 * shared / (len(a) + len(b)) + shared / min(len(a), len(b))) / 2


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1 (1: the same text once labels and spacing are left out)."""
    return 1.0 if body(a) == body(b) else dice(bigrams(a), bigrams(b))


def assign(old: Sequence[str], new: Sequence[str], minimum: float = MIN_SIMILARITY) -> dict[int, tuple[int, float]]:
    """Old index -> (new index, similarity) for the pairs assigned, each index used once."""
    candidates = sorted(_candidates(old, new, minimum))
    rivals: dict[tuple[str, int], list[tuple[float, float, int, int]]] = {}
    for c in candidates:
        rivals.setdefault(("old", c[2]), []).append(c)
        rivals.setdefault(("new", c[3]), []).append(c)
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for neg, _, i, j in candidates:
        while i not in pairs and j not in taken:
            free = [c for c in rivals[("old", i)] + rivals[("new", j)]
                    if c[0] <= neg + TIE and c[2] not in pairs and c[3] not in taken]
            _, _, a, b = min(free, key=lambda c: (c[1], c[0]))     # the nearest of the equally alike
            pairs[a] = (b, -next(c[0] for c in free if (c[2], c[3]) == (a, b)))
            taken.add(b)
    return pairs


def _candidates(old: Sequence[str], new: Sequence[str], minimum: float) -> list[tuple[float, float, int, int]]:
    """(-similarity, distance in relative position, old index, new index) of the pairs alike enough."""
    old_grams, new_grams = [bigrams(t) for t in old], [bigrams(t) for t in new]
    old_bodies, new_bodies = [body(t) for t in old], [body(t) for t in new]
    out = []
    for i, a in enumerate(old_grams):
        for j, b in enumerate(new_grams):
            score = 1.0 if old_bodies[i] == new_bodies[j] else dice(a, b)
            if score >= minimum:
                out.append((-score, abs(i / max(1, len(old)) - j / max(1, len(new))), i, j))
    return out


def kept_in_order(pairs: dict[int, int]) -> set[int]:
    """The old indices on a longest chain of pairs whose new indices rise with the old ones."""
    olds = sorted(pairs)
    tails: list[int] = []          # tails[k]: new index ending the best chain of length k+1
    tail_at: list[int] = []        # the position in ``olds`` of that tail
    back: list[int] = [-1] * len(olds)
    for pos, i in enumerate(olds):
        j = pairs[i]
        k = bisect_left(tails, j)
        back[pos] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(j)
            tail_at.append(pos)
        else:
            tails[k], tail_at[k] = j, pos
    kept: set[int] = set()
    pos = tail_at[-1] if tail_at else -1
    while pos >= 0:
        kept.add(olds[pos])
        pos = back[pos]
    return kept
