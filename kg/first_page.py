"""The first page of the gap report, kept beside the findings so that a fresh process answers it
without decoding them all.

The report's default view — every kind, every document, the most serious groups first, reviews in
force applied, dismissed findings hidden — opens with the first ``CAP`` findings of each kind
(``/view/gaps`` lists those, ``/gaps?limit=50`` the first fifty of all kinds, which are among
them). Those groups, with their sizes, each finding's place in the whole ranked report, and the
number of findings and of dismissed findings of each kind are kept as one small entry
(``PAGE``). Its basis says what it was made from: the ids of every kept entry (local and
cross-document findings: each write of either gives a new id), the document graphs, the marks of
writes not yet brought into the kept findings, and the reviews with their status. A page whose
basis differs from the store's is not used, and the whole report answers (and keeps a new page).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from govkg.kg import crossing
from govkg.kg.effective import Report, effective_gaps
from govkg.kg.gap_findings import Finding
from govkg.kg.gap_rank import Group, capped_groups
from govkg.kg.gaps import carry_over, document_graphs
from govkg.kg.kept_findings import FINDINGS_GRAPH, KEPT, KEPT_ID, pack, unpack_findings
from govkg.kg.reviews import reviews
from govkg.kg.store import Store, kept_while_unchanged
from govkg.ontology.errors import StoreError
from govkg.ontology.namespaces import ID

CAP = 300                 # findings of each kind on the page (the gap page lists as many)
PAGE = ID + "findings/first-page"


class FirstPage(NamedTuple):
    """The opening of the default report: its capped groups in order, each with its whole size,
    the place of each of their findings in the whole ranked report, and counts by kind."""

    groups: list[tuple[Group, int]]
    places: dict[Finding, int]
    counts: dict[str, int]
    dismissed: dict[str, int]

    def covers(self, kinds: Sequence[str], end: int | None) -> bool:
        """Whether the first ``end`` findings (all when None) of ``kinds`` are on the page."""
        return all(self.counts.get(k, 0) <= CAP or (end is not None and end <= CAP) for k in kinds)

    def groups_of(self, kinds: Sequence[str], cap: int = CAP) -> list[tuple[Group, int]]:
        """The page's groups of ``kinds`` with at most ``cap`` (≤ ``CAP``) findings of each kind,
        each with its whole size: ``capped_groups`` of the whole report."""
        listed: Counter[str] = Counter()
        out = []
        for group, size in self.groups:
            if group.kind in kinds and listed[group.kind] < cap:
                taken = group.findings[:cap - listed[group.kind]]
                listed[group.kind] += len(taken)
                out.append((group._replace(findings=taken), size))
        return out

    def findings(self, kinds: Sequence[str]) -> list[Finding]:
        """The page's findings of ``kinds``, in the order of the whole ranked report."""
        chosen = set(kinds)
        found = [f for group, _ in self.groups if group.kind in chosen for f in group.findings]
        return sorted(found, key=self.places.__getitem__)

    def total(self, kinds: Sequence[str]) -> int:
        return sum(self.counts.get(k, 0) for k in kinds)

    def dismissed_of(self, kinds: Sequence[str]) -> int:
        return sum(self.dismissed.get(k, 0) for k in kinds)


def first_page(store: Store) -> FirstPage:
    """The kept first page where it is current, else made from the whole default report (and
    kept for the next process); kept in memory too while the store's data do not change."""
    page = kept_while_unchanged(store, _PAGES, "first page", lambda: _current(store))
    version = store.data_version()
    if version is not None and not any(k[0] == version for k in _PAGES):
        _PAGES[(version, "first page")] = page        # keeping the page was a write of its own
    return page


_PAGES: dict = {}


def _current(store: Store) -> FirstPage:
    basis = _basis(store)
    row = store.select(f"SELECT ?kept WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ <{PAGE}> <{KEPT}> ?kept ; "
                       f"<{KEPT_ID}> \"{basis}\" }} }}")
    page = _decoded(row[0].get("kept", "")) if row else None
    if page is not None:
        return page
    page = made(effective_gaps(store, order="rank"))
    _keep(store, page, _basis(store))        # the report may have kept findings: the basis of now
    return page


def made(report: Report) -> FirstPage:
    """The first page of ``report`` (the default report, in rank order)."""
    groups = capped_groups(report.findings, CAP)
    shown = {f for group, _ in groups for f in group.findings}
    places: dict[Finding, int] = {}
    for i, f in enumerate(report.findings):
        if f in shown:
            places.setdefault(f, i)
    return FirstPage(groups, places, dict(Counter(f.kind for f in report.findings)), dict(report.dismissed_kinds or {}))


def _basis(store: Store) -> str:
    rows = store.select(f"SELECT ?g ?id WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KEPT_ID}> ?id }} }}")
    ids = sorted(f"{row['g']} {row['id']}" for row in rows if row.get("g") != PAGE and "id" in row)
    marks, _ = crossing.read_marks(store)
    judged = sorted(f"{r.id} {r.status}" for r in reviews(store))
    parts = [*ids, "|", *document_graphs(store), "|", *marks, "|", *judged, "|", str(CAP)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def _keep(store: Store, page: FirstPage, basis: str) -> None:
    findings = [f for group, _ in page.groups for f in group.findings]
    entry = {"groups": [[g.key, g.kind, g.actor, g.severity, size, len(g.findings)] for g, size in page.groups],
             "places": [page.places[f] for f in findings], "counts": page.counts, "dismissed": page.dismissed}
    literal = pack(findings, entry)
    before = store.data_version()
    try:
        store.update(f"DELETE WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ <{PAGE}> ?p ?o }} }} ;\n"
                     f"INSERT DATA {{ GRAPH <{FINDINGS_GRAPH}> {{ <{PAGE}> <{KEPT}> {literal} ; <{KEPT_ID}> \"{basis}\" }} }}",
                     writes=(FINDINGS_GRAPH,))
        carry_over(before, store.data_version())
    except StoreError:
        pass        # a read-only store: the next process makes the page again


def _decoded(literal: str) -> FirstPage | None:
    found = unpack_findings(literal)
    if found is None:
        return None
    findings, entry = found
    groups, at = [], 0
    for key, kind, actor, severity, size, n in entry["groups"]:
        groups.append((Group(key, kind, actor, severity, tuple(findings[at:at + n])), size))
        at += n
    places = {f: place for f, place in zip(findings, entry["places"])}
    return FirstPage(groups, places, entry["counts"], entry["dismissed"])
