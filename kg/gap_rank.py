"""The report's default order: the most serious groups of findings first.

A group is the findings of one kind, actor and matter (``Finding.group``). Groups come in order
of their most serious finding, then of their size (a pattern repeated in many places weighs
more), and inside a group the most serious and surest findings come first. Filters narrow a
report before it is ranked, so every finding stays reachable.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import NamedTuple

from govkg.kg.gap_findings import Finding
from govkg.ontology.errors import QueryError

ORDERS = ("rank", "document")


class Group(NamedTuple):
    """One group of findings, most serious first. (A named tuple: a large report has a hundred
    thousand groups, and a frozen dataclass takes ten times as long to make.)"""

    key: str
    kind: str
    actor: str
    severity: int
    findings: tuple[Finding, ...]

    @property
    def matter(self) -> str:
        return self.key.split("|", 2)[2]


def groups(findings: Iterable[Finding], *, already_ranked: bool = False) -> list[Group]:
    """The findings' groups, most serious first (``already_ranked``: the findings come from
    ``ranked``, or a filter of it, and are not sorted again)."""
    built: list[Group] = []
    run: list[Finding] = []
    for finding in (findings if already_ranked else ranked(findings)):
        if run and finding.group != run[0].group:
            built.append(_group(run))
            run = []
        run.append(finding)
    if run:
        built.append(_group(run))
    return built


def capped_groups(findings: Sequence[Finding], cap: int) -> list[tuple[Group, int]]:
    """The groups of ranked ``findings`` in their order, each with its size, listing at most ``cap``
    findings of each kind: a group past its kind's cap is left out, one that reaches it is cut.
    (Each kind is walked only as far as its cap: a page of a large report looks at a few hundred
    of its findings, not at all of them.)"""
    by_kind: dict[str, list[int]] = {}
    for i, finding in enumerate(findings):
        by_kind.setdefault(finding.kind, []).append(i)
    shown = []
    for places in by_kind.values():
        listed, j = 0, 0
        while j < len(places) and listed < cap:
            start, key = j, findings[places[j]].group
            while j < len(places) and findings[places[j]].group == key:
                j += 1
            run = [findings[p] for p in places[start:j]]
            taken = tuple(run[:cap - listed])
            listed += len(taken)
            shown.append((places[start], Group(key, run[0].kind, run[0].actor, run[0].severity, taken), len(run)))
    shown.sort(key=itemgetter(0))
    return [(group, size) for _, group, size in shown]


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    """The findings group by group, most serious groups first: one sort, on each finding's
    group's severity and size, the group, then its own severity and confidence."""
    every = list(findings)
    worst: dict[str, int] = {}
    size: dict[str, int] = {}
    for finding in every:
        key = finding.group
        size[key] = size.get(key, 0) + 1
        if finding.severity > worst.get(key, 0):
            worst[key] = finding.severity
    every.sort(key=lambda f: (-worst[f.group], -size[f.group], f.group, -f.severity, -(f.confidence or 0.0),
                              f.doc, f.provision, f.norm))
    return every


def _group(run: list[Finding]) -> Group:
    return Group(run[0].group, run[0].kind, run[0].actor, run[0].severity, tuple(run))


def ordered(findings: Sequence[Finding], order: str = "rank") -> list[Finding]:
    """``rank`` (most serious groups first) or ``document`` (kind by kind, in document order)."""
    if order not in ORDERS:
        raise QueryError(f"unknown order {order!r}; use one of {', '.join(ORDERS)}")
    return ranked(findings) if order == "rank" else list(findings)


def at_least(findings: Iterable[Finding], min_severity: int | None) -> list[Finding]:
    """Findings of at least ``min_severity`` (all when None)."""
    return list(findings) if not min_severity else [f for f in findings if f.severity >= min_severity]
