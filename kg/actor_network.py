"""The data of the collaboration network: actors, their duties and gaps, and the relations between them.

A view starts from a question — the whole corpus, one document, one actor (its ego network), a
topic (who is responsible for it), or a gap kind — and returns the actors it is about, the
relations among them (each with its clauses), and the norms a reader needs to judge them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.effective import effective_gaps
from kg.queries import NormView, _actor_views, norms, responsible_for
from kg.relations import RelationView, relations
from kg.sparql_terms import actor_iri_of, norm_id_of
from kg.store import Store
from ontology import terms as T
from ontology.errors import NotFound, QueryError


@dataclass
class ActorSummary:
    """One actor as the network draws it: names, how many duties, which gaps touch it."""

    id: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)
    duties: int = 0
    norms: int = 0
    gaps: dict[str, int] = field(default_factory=dict)


@dataclass
class ActorNetwork:
    actors: dict[str, ActorSummary]
    relations: list[RelationView]
    norms: list[NormView] = field(default_factory=list)       # drawn as nodes (topic, gap=unassigned)
    own: list[NormView] = field(default_factory=list)         # the ego actor's norms, grouped on the page
    norm_gaps: dict[str, list] = field(default_factory=dict)
    unassigned: list[NormView] = field(default_factory=list)  # duties of nobody, in scope
    focus: str = ""                                           # the ego actor's id


def actor_network(store: Store, *, doc: str | None = None, actor: str | None = None,
                  topic: str | None = None, gap: str | None = None) -> ActorNetwork:
    """The network of one question; with none, of the whole corpus."""
    if gap and gap not in T.GAP_KINDS:
        raise QueryError(f"unknown gap kind {gap!r}: use one of {', '.join(T.GAP_KINDS)}")
    views = norms(store, doc=doc, limit=1_000_000)
    findings = effective_gaps(store, doc=doc).findings     # as reviewed: dismissed findings draw no ring
    norm_gaps = _norm_gaps(findings)
    summaries = _summaries(store, views, norm_gaps)
    _add_actor_findings(summaries, findings)
    unassigned = [v for v in views if not v.bearers and v.modality != "permission"]
    net = ActorNetwork(summaries, relations(store, doc=doc), norm_gaps=norm_gaps, unassigned=unassigned)
    _add_missing(store, net, {a for r in net.relations for a in (r.source, r.target)})
    if actor:
        return _ego(store, net, views, actor)
    if topic:
        return _topic(store, net, topic)
    if gap:
        return _gap(net, views, gap)
    return net


def _norm_gaps(findings: list) -> dict[str, list]:
    by_norm: dict[str, list] = defaultdict(list)
    for f in findings:
        if f.norm:
            by_norm[norm_id_of(f.norm)].append(f)
    return dict(by_norm)


def _summaries(store: Store, views: list[NormView], norm_gaps: dict[str, list]) -> dict[str, ActorSummary]:
    """Every bearer of ``views`` with its counts of duties and norms and of gap findings by kind."""
    found: dict[str, ActorSummary] = {}
    for view in views:
        for bearer in view.bearers:
            summary = found.setdefault(bearer.id, ActorSummary(bearer.id, bearer.label))
            summary.norms += 1
            summary.duties += view.modality != "permission"
            for finding in norm_gaps.get(view.id, []):
                summary.gaps[finding.kind] = summary.gaps.get(finding.kind, 0) + 1
    _add_names(store, found)
    return found


def _add_actor_findings(found: dict[str, ActorSummary], findings: list) -> None:
    """Findings about an actor rather than one norm (power imbalance, an overseer owed no information):
    they name the actor by its label."""
    by_label = {label: s for s in found.values() for label in (s.label, *s.labels.values())}
    for f in findings:
        summary = None if f.norm else by_label.get(f.actor)
        if summary is not None:
            summary.gaps[f.kind] = summary.gaps.get(f.kind, 0) + 1


def _add_names(store: Store, found: dict[str, ActorSummary]) -> None:
    """zh and en labels and classes of the actors (the other language where the thesaurus links one)."""
    if not found:
        return
    where = "VALUES ?a { " + " ".join(f"<{actor_iri_of(i)}>" for i in found) + " }"
    for view in _actor_views(store, where).values():
        summary = found.get(view.id)
        if summary is not None:
            summary.labels = dict(view.labels)
            summary.types = [t for t in view.types if t != "Actor"] or ["Actor"]


def restrict(net: ActorNetwork, keep: set[str]) -> ActorNetwork:
    """The same network with only the actors in ``keep`` and the relations among them."""
    net.actors = {i: a for i, a in net.actors.items() if i in keep}
    net.relations = [r for r in net.relations if r.source in keep and r.target in keep]
    return net


def _ego(store: Store, net: ActorNetwork, views: list[NormView], actor: str) -> ActorNetwork:
    """The actor, everyone it is related to, and its own norms (grouped by modality on the page)."""
    if actor not in net.actors and not any(actor in (r.source, r.target) for r in net.relations):
        raise NotFound(f"no actor {actor!r} in this view")
    touching = [r for r in net.relations if actor in (r.source, r.target)]
    keep = {actor} | {r.source for r in touching} | {r.target for r in touching}
    _add_missing(store, net, keep)
    net.focus, net.own = actor, [v for v in views if any(b.id == actor for b in v.bearers)]
    net = restrict(net, keep)
    net.relations = touching
    net.unassigned = []
    return net


def _add_missing(store: Store, net: ActorNetwork, ids: set[str]) -> None:
    """Actors that only receive relations (bear no norm in scope) still get a node."""
    missing = {i: ActorSummary(i, i) for i in ids if i not in net.actors}
    _add_names(store, missing)
    for summary in missing.values():
        summary.label = summary.labels.get("zh") or summary.labels.get("en") or summary.id
    net.actors.update(missing)


def _topic(store: Store, net: ActorNetwork, topic: str) -> ActorNetwork:
    """Who is responsible for ``topic``: the bearers of the matching norms, those norms, their relations."""
    found = responsible_for(store, topic)
    matched = {v.id: v for r in found for v in r.norms}
    keep = {r.actor for r in found if r.actor}
    _add_missing(store, net, keep)
    net = restrict(net, keep)
    net.norms = list(matched.values())
    net.unassigned = [v for v in net.norms if not v.bearers]
    return net


def _gap(net: ActorNetwork, views: list[NormView], gap: str) -> ActorNetwork:
    """The actors a gap kind touches; for duties with no bearer, those duties themselves."""
    if gap == "unassigned":
        net = restrict(net, set())
        net.norms = net.unassigned
        return net
    net.unassigned = []
    return restrict(net, {i for i, a in net.actors.items() if a.gaps.get(gap)})
