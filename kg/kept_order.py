"""Reports in order without sorting every finding again after a write.

A report lists each kind's findings in one order (document, provision, actor, norm, explanation).
Its parts — kept entries of the cross-document kinds, documents of the local kinds — come from
memory unchanged after one more document, as the same list objects, except the few the write
changed. The order made last is kept with the parts it was made from: the findings of the parts
since replaced are taken out, and the new ones put in at their places, found by bisection, so the
key of a finding is computed for the new ones and a few kept ones rather than for the whole report.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from govkg.kg.gap_findings import Finding


def merged(in_order: Sequence[Finding], added: Iterable[Finding], key: Callable[[Finding], Any]) -> list[Finding]:
    """``in_order`` (sorted by ``key``) with ``added`` put in at their places (after equal ones)."""
    out: list[Finding] = []
    start = 0
    for finding in sorted(added, key=key):
        at = bisect_right(in_order, key(finding), lo=start, key=key)
        out.extend(in_order[start:at])
        out.append(finding)
        start = at
    out.extend(in_order[start:])
    return out


class KeptOrder:
    """The findings of a report's parts in order, kept between reports (one per kind)."""

    def __init__(self, key: Callable[[Finding], Any]) -> None:
        self.key = key
        self._last: tuple[dict[Hashable, Sequence], list[Finding]] | None = None

    def ordered(self, parts: dict[Hashable, Sequence], findings: Callable[[Sequence], Iterable[Finding]]) -> list[Finding]:
        """Every finding of ``parts`` (``findings`` of a part gives them) in order. A part that is
        the same object as last time counts as unchanged; where many changed, all are sorted."""
        last = self._last
        changed = None
        if last is not None:
            before = last[0]
            changed = [p for p in parts.keys() | before.keys() if parts.get(p) is not before.get(p)]
            if len(changed) > max(8, len(parts) // 4):
                changed = None
        if changed is None:
            found = sorted((f for part in parts.values() for f in findings(part)), key=self.key)
        else:
            gone = Counter(id(f) for p in changed if p in last[0] for f in findings(last[0][p]))
            found = merged(_without(last[1], gone), [f for p in changed if p in parts for f in findings(parts[p])],
                           self.key)
        self._last = (dict(parts), found)
        return list(found)


def _without(findings: list[Finding], gone: Counter) -> list[Finding]:
    """``findings`` less the objects counted in ``gone`` (by identity, as often as counted: an object
    in two parts is there twice)."""
    if not gone:
        return findings
    left = []
    for f in findings:
        if gone.get(id(f)):
            gone[id(f)] -= 1
        else:
            left.append(f)
    return left
