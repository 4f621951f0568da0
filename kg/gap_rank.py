"""The report's default order: the most serious groups of findings first.

A group is the findings of one kind, actor and matter (``Finding.group``). Groups come in order
of their most serious finding, then of their size (a pattern repeated in many places weighs
more), and inside a group the most serious and surest findings come first. Filters narrow a
report before it is ranked, so every finding stays reachable.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.gap_findings import Finding
from ontology.errors import QueryError

ORDERS = ("rank", "document")


@dataclass(frozen=True)
class Group:
    """One group of findings, most serious first."""

    key: str
    kind: str
    actor: str
    severity: int
    findings: tuple[Finding, ...]

    @property
    def matter(self) -> str:
        return self.key.split("|", 2)[2]


def groups(findings: Iterable[Finding]) -> list[Group]:
    """The findings' groups, most serious first."""
    members: dict[str, list[Finding]] = {}
    for finding in findings:
        members.setdefault(finding.group, []).append(finding)
    built = []
    for key, found in members.items():
        found.sort(key=_within)
        built.append(Group(key, found[0].kind, found[0].actor, found[0].severity, tuple(found)))
    built.sort(key=lambda g: (-g.severity, -len(g.findings), g.key))
    return built


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    """The findings group by group, most serious groups first."""
    return [finding for group in groups(findings) for finding in group.findings]


def ordered(findings: Sequence[Finding], order: str = "rank") -> list[Finding]:
    """``rank`` (most serious groups first) or ``document`` (kind by kind, in document order)."""
    if order not in ORDERS:
        raise QueryError(f"unknown order {order!r}; use one of {', '.join(ORDERS)}")
    return ranked(findings) if order == "rank" else list(findings)


def at_least(findings: Iterable[Finding], min_severity: int | None) -> list[Finding]:
    """Findings of at least ``min_severity`` (all when None)."""
    return list(findings) if not min_severity else [f for f in findings if f.severity >= min_severity]


def _within(finding: Finding) -> tuple:
    return (-finding.severity, -(finding.confidence or 0.0), finding.doc, finding.provision, finding.norm)
