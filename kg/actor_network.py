"""The data of the collaboration network: actors, their duties and gaps, and the relations between them.

A view starts from a question — the whole corpus, one document, one actor (its ego network), a
topic (who is responsible for it), or a gap kind — and returns the actors it is about, the
relations among them (each with its clauses), and the norms a reader needs to judge them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from govkg.kg.effective import effective_gaps, effective_norms, latest_norm_reviews
from govkg.kg.mapping import graph_iri
from govkg.kg.queries import NormView, _actor_views, _pick_label, norm_views, norms, responsible_for
from govkg.kg.relations import RelationView, relations
from govkg.kg.reviews import in_force, reviews
from govkg.kg.sparql_terms import actor_id_of, actor_iri_of, iri, norm_id_of
from govkg.kg.store import Store, kept_while_unchanged
from govkg.ontology import terms as T
from govkg.ontology.errors import NotFound, QueryError


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
    unassigned: list[NormView] = field(default_factory=list)  # duties of nobody, in scope (the first read)
    unassigned_total: int | None = None                        # how many there are, when not all were read
    focus: str = ""                                           # the ego actor's id

    def unassigned_count(self) -> int:
        return len(self.unassigned) if self.unassigned_total is None else self.unassigned_total


def actor_network(store: Store, *, doc: str | None = None, actor: str | None = None,
                  topic: str | None = None, gap: str | None = None) -> ActorNetwork:
    """The network of one question; with none, of the whole corpus."""
    if gap and gap not in T.GAP_KINDS:
        raise QueryError(f"unknown gap kind {gap!r}: use one of {', '.join(T.GAP_KINDS)}")
    findings = effective_gaps(store, doc=doc).findings     # as reviewed: dismissed findings draw no ring
    norm_gaps = _norm_gaps(findings)
    borne = _borne(store, doc)
    summaries = _summaries(store, borne, norm_gaps)
    _add_actor_findings(summaries, findings)
    nobody = sorted({(g, n) for g, n, bearer, duty in borne if not bearer and duty})
    net = ActorNetwork(summaries, _relations(store, doc), norm_gaps=norm_gaps,
                       unassigned=_as_reviewed(store, nobody[:MAX_UNASSIGNED_READ], doc),
                       unassigned_total=len(nobody))
    _add_missing(store, net, {a for r in net.relations for a in (r.source, r.target)})
    if actor:
        return _ego(store, net, norms(store, actor=actor, doc=doc, limit=1_000_000), actor)
    if topic:
        return _topic(store, net, topic)
    if gap:
        return _gap(net, gap)
    return net


Borne = tuple[str, str, str, bool]   # (graph IRI, norm IRI, bearer id or "", a duty rather than a permission)
MAX_UNASSIGNED_READ = 200            # duties of nobody read whole: the page draws the first few, counts all


def _borne(store: Store, doc: str | None) -> list[Borne]:
    """Who bears each norm in scope, as reviewed.

    The network counts duties per actor: one light row per norm and bearer rather than every norm
    with its text (a whole legal system is a hundred thousand norms). The few norms that reviews
    changed or added are read whole and taken as reviewed."""
    extracted = _extracted_bearers(store, doc)
    in_scope = in_force(reviews(store, doc))
    changed = set(latest_norm_reviews(in_scope))
    borne = [row for row in extracted if row[1] not in changed]
    if not changed and not any(r.verdict == "added" for r in in_scope):
        return borne
    seen = norm_views(store, sorted({(g, n) for g, n, _, _ in extracted if n in changed}))
    for view in effective_norms(store, seen, doc=doc):
        duty, graph_of = view.modality != "permission", graph_iri(view.doc)
        borne += [(graph_of, view.iri, b.id, duty) for b in view.bearers] or [(graph_of, view.iri, "", duty)]
    return borne


_EXTRACTED: dict[tuple, list[Borne]] = {}
_RELATIONS: dict[tuple, list[RelationView]] = {}


def _extracted_bearers(store: Store, doc: str | None) -> list[Borne]:
    """Who bears each norm as extracted, kept while the data does not change (three plain reads:
    a join of them in SPARQL took twice as long)."""
    return kept_while_unchanged(store, _EXTRACTED, doc, lambda: _read_bearers(store, doc))


def _read_bearers(store: Store, doc: str | None) -> list[Borne]:
    graph = iri(graph_iri(doc)) if doc else "?g"
    bind = f"BIND({graph} AS ?g)" if doc else ""
    def pairs(pattern: str, names: str) -> list[dict[str, str]]:
        return store.select(f"SELECT {names} WHERE {{ GRAPH {graph} {{ {pattern} }} {bind} }}")
    permissions = {r["n"] for r in pairs(f"?n a <{T.Permission}>", "?n")}
    bearers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in pairs(f"?n <{T.hasBearer}> ?a", "?g ?n ?a"):
        bearers[r["g"], r["n"]].append(actor_id_of(r["a"]))
    return [(g, n, bearer, n not in permissions)
            for g, n in ((r["g"], r["n"]) for r in pairs(f"?n a <{T.Norm}>", "?g ?n"))
            for bearer in bearers.get((g, n)) or [""]]


def _relations(store: Store, doc: str | None) -> list[RelationView]:
    """The relations in scope, kept while the data does not change (15,600 over a legal system)."""
    return list(kept_while_unchanged(store, _RELATIONS, doc, lambda: relations(store, doc=doc)))


def _as_reviewed(store: Store, chosen: list[tuple[str, str]], doc: str | None) -> list[NormView]:
    """The norms (graph, norm IRI) as views, as reviewed (a corrected norm is read as corrected)."""
    wanted = {n for _, n in chosen}
    return [v for v in effective_norms(store, norm_views(store, chosen), doc=doc)
            if not v.bearers and v.modality != "permission" and v.iri in wanted]


def _norm_gaps(findings: list) -> dict[str, list]:
    by_norm: dict[str, list] = defaultdict(list)
    for f in findings:
        if f.norm:
            by_norm[norm_id_of(f.norm)].append(f)
    return dict(by_norm)


def _summaries(store: Store, borne: list[Borne], norm_gaps: dict[str, list]) -> dict[str, ActorSummary]:
    """Every bearer with its counts of duties and norms and of gap findings by kind."""
    found: dict[str, ActorSummary] = {}
    for _, norm_iri, bearer, duty in borne:
        if not bearer:
            continue
        summary = found.setdefault(bearer, ActorSummary(bearer, bearer))
        summary.norms += 1
        summary.duties += duty
        for finding in norm_gaps.get(norm_id_of(norm_iri), []):
            summary.gaps[finding.kind] = summary.gaps.get(finding.kind, 0) + 1
    _add_names(store, found)
    for summary in found.values():
        summary.label = _pick_label(summary.labels, summary.id)
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
    names = kept_while_unchanged(store, _NAMES, "names", dict)     # actor id -> (labels, types), None: unnamed
    missing = [i for i in found if i not in names]
    if missing:
        where = "VALUES ?a { " + " ".join(f"<{actor_iri_of(i)}>" for i in missing) + " }"
        named = {view.id: (dict(view.labels), [t for t in view.types if t != "Actor"] or ["Actor"])
                 for view in _actor_views(store, where).values()}
        names.update({i: named.get(i) for i in missing})
    for actor_id, summary in found.items():
        if names.get(actor_id):
            labels, types = names[actor_id]
            summary.labels, summary.types = dict(labels), list(types)


_NAMES: dict[tuple, dict[str, tuple[dict[str, str], list[str]] | None]] = {}


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
    net.unassigned, net.unassigned_total = [], None
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
    net.unassigned, net.unassigned_total = [v for v in net.norms if not v.bearers], None
    return net


def _gap(net: ActorNetwork, gap: str) -> ActorNetwork:
    """The actors a gap kind touches; for duties with no bearer, those duties themselves."""
    if gap == "unassigned":
        net = restrict(net, set())
        net.norms = net.unassigned
        return net
    net.unassigned, net.unassigned_total = [], None
    return restrict(net, {i for i, a in net.actors.items() if a.gaps.get(gap)})
