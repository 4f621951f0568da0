"""Scoring a ``govkg diff`` result against changes read by hand (tests/data/diff/*_hand.json):
the alignment of articles and each actor's gains and losses, as precision and recall."""
from __future__ import annotations

from kg.actors import identify


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
