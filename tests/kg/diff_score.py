"""Scoring a ``govkg diff`` result against changes read by hand (tests/data/diff/*_hand.json):
the alignment of articles and each actor's gains and losses, as precision and recall."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govkg.kg.actors import identify
from govkg.kg.diff import diff_versions
from govkg.kg.versions import version_from_document


def hand_pairs(hand: dict) -> set[tuple[str | None, str | None]]:
    """Every (old, new) article pair the reading gives, removed and added ones with None beside them."""
    pairs = {(old, new) for old, new in hand["pairs"]}
    return pairs | {(old, None) for old in hand["removed"]} | {(None, new) for new in hand["added"]}


def alignment_scores(result: dict, hand: dict) -> tuple[float, float]:
    """Precision and recall of the article pairs (a removed or added article is a pair with None)."""
    tool = {(p["old"], p["new"]) for p in result["provisions"]}
    right = tool & hand_pairs(hand)
    return len(right) / len(tool), len(right) / len(hand_pairs(hand))


def actor_hits(result: dict, hand: dict, direction: str) -> tuple[list, list, list, list]:
    """Hand-read items the tool found, tool items that match a hand-read one, and both lists. An
    item matches when the bearer is the same actor and the hand's words stand in the tool's action."""
    tool = [(a["actor"], action) for a in result["actors"] for action in a[direction]]
    items = [(identify(actor, "zh").label, words) for _, actor, words in hand[direction]]

    def same(t, h):
        return t[0] == h[0] and h[1] in t[1]
    found = [h for h in items if any(same(t, h) for t in tool)]
    right = [t for t in tool if any(same(t, h) for h in items)]
    return found, right, items, tool


def actor_scores(result: dict, hand: dict, direction: str) -> tuple[float, float]:
    """Precision and recall of one direction ("gained" or "lost")."""
    found, right, items, tool = actor_hits(result, hand, direction)
    return (len(right) / len(tool) if tool else 1.0), len(found) / len(items)


HAND_DIR = Path(__file__).resolve().parent.parent / "data" / "diff"


def corpus_pair(old: str, new: str, hand: str) -> tuple:
    """Two versions in ../shared/corpus-cn, their reading by hand, and the mark that skips a test
    file where the corpus is missing."""
    from tests.conftest import SHARED
    paths = SHARED / "corpus-cn" / old, SHARED / "corpus-cn" / new
    missing = not all(p.exists() for p in paths)
    return (*paths, hand_reading(hand), pytest.mark.skipif(missing, reason="needs ../shared/corpus-cn"))


def hand_reading(name: str) -> dict:
    """A reading of tests/data/diff by its file name."""
    return json.loads((HAND_DIR / name).read_text(encoding="utf-8"))


def pair_fixtures(old: Path, new: Path):
    """Module fixtures for a test file on one pair: ``documents`` (both extracted, not stored) and
    ``result`` (the whole comparison, as ``govkg diff --format json`` prints it)."""
    @pytest.fixture(scope="module")
    def documents() -> list:
        from govkg.ingest.extract import extract_paths
        return [document for _, document in extract_paths([old, new])]

    @pytest.fixture(scope="module")
    def result(documents) -> dict:
        return diff_versions(version_from_document(documents[0]), version_from_document(documents[1]))
    return documents, result
