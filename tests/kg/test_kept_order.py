"""A report's order kept between reports (``govkg.kg.kept_order``): after parts change, the same
order as sorting every finding again."""
from __future__ import annotations

import random

from govkg.kg.kept_order import KeptOrder, merged


def test_merged_puts_new_findings_at_their_places_after_equal_ones():
    assert merged([1, 3, 3, 7], [3, 0, 9, 5], key=lambda x: x) == [0, 1, 3, 3, 3, 5, 7, 9]
    first, second = ("a", 1), ("a", 2)
    assert merged([first], [second], key=lambda x: x[0]) == [first, second]


def test_kept_order_after_parts_are_replaced_added_and_dropped_equals_a_sort_of_everything():
    rng = random.Random(7)
    parts = {i: [rng.randrange(1000) for _ in range(rng.randrange(5, 30))] for i in range(64)}
    order = KeptOrder(key=lambda x: x)
    assert order.ordered(parts, iter) == sorted(x for part in parts.values() for x in part)
    for step in range(20):
        parts = dict(parts)
        for i in rng.sample(sorted(parts), 3):
            parts[i] = [rng.randrange(1000) for _ in range(rng.randrange(0, 30))]      # a new list: changed
        parts[100 + step] = [rng.randrange(1000)]
        del parts[rng.choice(sorted(parts))]
        assert order.ordered(parts, iter) == sorted(x for part in parts.values() for x in part)


def test_a_part_changed_in_place_is_not_seen_so_parts_are_replaced_never_changed():
    parts = {0: [1, 2]}
    order = KeptOrder(key=lambda x: x)
    order.ordered(parts, iter)
    assert order.ordered({0: [2, 3]}, iter) == [2, 3]
