"""The analysts' questions, as SPARQL over a ``Store``.

Every query matches inside ``GRAPH ?g`` because each document lives in its own named graph
(docs/rdf-shape.md), so the same text runs on the embedded store and on any SPARQL server,
whatever its default graph holds. Values from users enter a query only through ``literal`` and
``iri`` (kg.sparql_terms), which escape them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.actors import iri_segment
from kg.mapping import graph_iri
from kg.sparql_terms import (
    ACTOR_NS,
    DOC_NS,
    actor_id_of,
    actor_iri_of,
    as_float,
    as_int,
    doc_id_of,
    iri,
    literal,
    norm_id_of,
    norm_iri_of,
)
from kg.store import Store
from ontology import terms as T
from ontology.errors import NotFound, QueryError
from ontology.namespaces import GOV, ID, PREFIXES

SKOS = PREFIXES["skos"]
RDF_TYPE = PREFIXES["rdf"] + "type"
MODALITY_OF = {iri: name for name, iri in T.MODALITY_CLASS.items()}
KIND_OF = {iri: name for name, iri in T.TAG_CLASS.items()}
ROLE_OF = {T.hasLeadBearer: "lead", T.hasSupportingBearer: "support", T.hasJointBearer: "joint"}
DEFAULT_LIMIT = 500
_LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def search_words(text: str | None) -> list[str]:
    """The words a search text is split into (each must occur), lower-cased."""
    return [w.lower() for w in re.split(r"[\s,，、;；]+", text or "") if w]


# ---- records ----------------------------------------------------------------------------
@dataclass
class Bearer:
    id: str
    label: str
    role: str = "sole"


@dataclass
class NormView:
    """One norm with what a reader needs to judge it: bearers, clause, place in the document."""

    id: str
    iri: str
    doc: str
    modality: str
    action: str
    text: str = ""
    provision: str = ""
    provision_label: str = ""
    article: int | None = None
    start: int = 0
    end: int = 0
    bearer_text: str = ""
    condition: str = ""
    confidence: float = 1.0
    kinds: list[str] = field(default_factory=list)
    bearers: list[Bearer] = field(default_factory=list)
    recipients: list[Bearer] = field(default_factory=list)


@dataclass
class ActorView:
    id: str
    iri: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    norms_count: int = 0
    documents: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)


@dataclass
class ActorDetail:
    actor: ActorView
    norms: list[NormView]
    powers: list[NormView]
    supervisors: list[Bearer]


@dataclass
class Responsibility:
    actor: str | None
    label: str
    norms: list[NormView]


# ---- actors -------------------------------------------------------------------------------
def _pick_label(labels: dict[str, str], fallback: str, lang: str = "zh") -> str:
    return labels.get(lang) or labels.get("zh") or labels.get("en") or next(iter(labels.values()), fallback)


def _actor_views(store: Store, where: str) -> dict[str, ActorView]:
    rows = store.select(f"""SELECT ?a ?p ?v (LANG(?v) AS ?lang) ?g WHERE {{
      {where}
      GRAPH ?g {{ ?a ?p ?v VALUES ?p {{ <{SKOS}prefLabel> <{SKOS}altLabel> <{RDF_TYPE}> <{SKOS}exactMatch> }} }}
    }}""")
    views: dict[str, ActorView] = {}
    for row in rows:
        a = row["a"]
        view = views.setdefault(a, ActorView(id=actor_id_of(a), iri=a, label=actor_id_of(a)))
        prop, value = row["p"], row["v"]
        if prop == SKOS + "prefLabel":
            view.labels.setdefault(row.get("lang") or "und", value)
        elif prop == SKOS + "altLabel" and value not in view.alt_labels:
            view.alt_labels.append(value)
        elif prop == RDF_TYPE and value.startswith(GOV) and value[len(GOV):] not in view.types:
            view.types.append(value[len(GOV):])
        elif prop == SKOS + "exactMatch" and value.startswith(ACTOR_NS):
            view.same_as.append(actor_id_of(value))
        doc = doc_id_of(row["g"].replace(ID + "graph/", DOC_NS, 1))
        if doc not in view.documents and row["g"] != graph_iri("meta"):
            view.documents.append(doc)
    for view in views.values():
        view.label = _pick_label(view.labels, view.id)
    return views


def _norm_counts(store: Store) -> dict[str, int]:
    rows = store.select(f"""SELECT ?a (COUNT(DISTINCT ?n) AS ?c) WHERE {{
      GRAPH ?g {{ ?n <{T.hasBearer}> ?a }} }} GROUP BY ?a""")
    return {r["a"]: as_int(r["c"]) for r in rows}


def actors(store: Store, search: str | None = None, actor_type: str | None = None,
           limit: int = DEFAULT_LIMIT) -> list[ActorView]:
    """Actors by number of norms borne; ``search`` matches labels and ids, ``actor_type`` the class."""
    where = [f'GRAPH ?g0 {{ ?a <{SKOS}prefLabel> ?l0 }} FILTER(STRSTARTS(STR(?a), {literal(ACTOR_NS)}))']
    if search:
        where.append(f"""FILTER EXISTS {{ GRAPH ?g1 {{ ?a <{SKOS}prefLabel>|<{SKOS}altLabel> ?s }}
          FILTER(CONTAINS(LCASE(STR(?s)), {literal(search.lower())}) || CONTAINS(LCASE(STR(?a)), {literal(iri_segment(search.lower()))})) }}""")
    if actor_type:
        where.append(f"FILTER EXISTS {{ GRAPH ?g2 {{ ?a a {iri(_class(actor_type))} }} }}")
    inner = "{ SELECT DISTINCT ?a WHERE { " + " ".join(where) + " } }"
    views = _actor_views(store, inner)
    counts = _norm_counts(store)
    for view in views.values():
        view.norms_count = counts.get(view.iri, 0)
    ordered = sorted(views.values(), key=lambda v: (-v.norms_count, v.label))
    return ordered[:limit]


def _class(local_name: str) -> str:
    if not _LOCAL_NAME.fullmatch(local_name):
        raise QueryError(f"not an actor type: {local_name!r} (use a class name such as 'Government')")
    return GOV + local_name


def actor(store: Store, actor_id: str) -> ActorDetail:
    """One actor with its norms, its powers, who supervises it, and where it appears."""
    a = actor_iri_of(actor_id)
    views = _actor_views(store, f"VALUES ?a {{ {iri(a)} }}")
    if a not in views:
        raise NotFound(f"no actor {actor_id!r}")
    view = views[a]
    own = norms(store, actor=actor_id, limit=10_000)
    view.norms_count = len(own)
    powers = [n for n in own if n.modality == "permission" or "power" in n.kinds]
    return ActorDetail(actor=view, norms=own, powers=powers, supervisors=supervisors(store, a))


def supervisors(store: Store, actor_iri: str) -> list[Bearer]:
    """Actors that supervise this one directly, or bear an oversight norm over it or its norms."""
    a = iri(actor_iri)
    rows = store.select(f"""SELECT DISTINCT ?s WHERE {{
      {{ GRAPH ?g {{ ?s <{T.supervises}> {a} }} }}
      UNION {{ GRAPH ?g {{ ?o <{T.oversees}> {a} ; <{T.hasBearer}> ?s }} }}
      UNION {{ GRAPH ?g {{ ?o <{T.oversees}> ?n . ?n <{T.hasBearer}> {a} . ?o <{T.hasBearer}> ?s }} }}
      UNION {{ GRAPH ?g {{ ?n <{T.hasBearer}> {a} . ?o <{T.refersTo}> ?p ; a <{T.Oversight}> ; <{T.hasBearer}> ?s .
                 ?n <{T.statedIn}> ?p }} }}
      FILTER(?s != {a}) }}""")
    return _bearers(store, [r["s"] for r in rows] + _named_in_oversight(store, actor_iri))


def _named_in_oversight(store: Store, actor_iri: str) -> list[str]:
    """Bearers of oversight norms whose action names this actor (对居民委员会的工作进行监督)."""
    rows = store.select(f"""SELECT DISTINCT ?s WHERE {{
      GRAPH ?g0 {{ {iri(actor_iri)} <{SKOS}prefLabel>|<{SKOS}altLabel> ?name }}
      GRAPH ?g {{ ?o a <{T.Oversight}> ; <{T.hasBearer}> ?s ; <{T.action}> ?act }}
      FILTER(?s != {iri(actor_iri)} && STRLEN(STR(?name)) > 1 && CONTAINS(LCASE(?act), LCASE(STR(?name)))) }}""")
    return [r["s"] for r in rows]


def _bearers(store: Store, actor_iris: list[str], roles: dict[str, str] | None = None) -> list[Bearer]:
    if not actor_iris:
        return []
    views = _actor_views(store, "VALUES ?a { " + " ".join(iri(a) for a in dict.fromkeys(actor_iris)) + " }")
    return [Bearer(id=actor_id_of(a), label=views[a].label if a in views else actor_id_of(a),
                   role=(roles or {}).get(a, "sole")) for a in dict.fromkeys(actor_iris)]


# ---- norms ---------------------------------------------------------------------------------
def _norm_where(actor: str | None, modality: str | None, doc: str | None, words: list[str],
                norm_iri: str | None = None, under: str | None = None) -> str:
    graph = iri(graph_iri(doc)) if doc else "?g"
    parts = [f"?n a <{T.Norm}> ; <{T.action}> ?action ."]
    if actor:
        parts.append(f"?n <{T.hasBearer}> {iri(actor_iri_of(actor))} .")
    if modality:
        if modality not in T.MODALITY_CLASS:
            raise QueryError(f"unknown modality {modality!r}: use one of {', '.join(T.MODALITY_CLASS)}")
        parts.append(f"?n a <{T.MODALITY_CLASS[modality]}> .")
    tests = [f"CONTAINS(LCASE(?action), {literal(w)})" for w in words]
    if under:
        parts.append(f"?n <{T.statedIn}> ?within . ?within <{T.path}> ?withinPath .")
        tests.append(f"(?withinPath = {literal(under)} || STRSTARTS(?withinPath, {literal(under + '/')}))")
    chosen = f"VALUES ?n {{ {iri(norm_iri)} }} " if norm_iri else ""
    body = f"{chosen}GRAPH {graph} {{ {' '.join(parts)} }}"
    return body + (f" FILTER({' && '.join(tests)})" if tests else "") + (f" BIND({iri(graph_iri(doc))} AS ?g)" if doc else "")


NORM_FACTS = ((T.text, "text"), (T.startOffset, "start"), (T.endOffset, "end"), (T.bearerText, "btext"),
              (T.condition, "cond"), (T.confidence, "conf"))
PROVISION_FACTS = ((T.path, "path"), (T.label, "plabel"), (T.articleNumber, "art"))
DETAIL_PREDICATES = (RDF_TYPE, T.hasBearer, T.hasLeadBearer, T.hasSupportingBearer, T.hasJointBearer, T.recipient)


def norms(store: Store, actor: str | None = None, modality: str | None = None, doc: str | None = None,
          words: str | None = None, limit: int = DEFAULT_LIMIT, *, norm_iri: str | None = None,
          under: str | None = None) -> list[NormView]:
    """Norms filtered by bearer id, modality, document, words of the action (all must occur), one
    norm's IRI, and the provision key they stand under (the provision itself or one inside it)."""
    where = _norm_where(actor, modality, doc, search_words(words), norm_iri, under)
    # each OPTIONAL names its own GRAPH: a GRAPH ?g { OPTIONAL ... } around them all makes
    # Oxigraph scan every graph before the join (seconds at a million triples)
    norm_facts = " ".join(f"OPTIONAL {{ GRAPH ?g {{ ?n <{p}> ?{v} }} }}" for p, v in NORM_FACTS)
    provision_facts = " ".join(f"OPTIONAL {{ GRAPH ?g {{ ?p <{p}> ?{v} }} }}" for p, v in PROVISION_FACTS)
    rows = store.select(f"""SELECT ?n ?g ?action ?text ?start ?end ?btext ?cond ?conf ?path ?plabel ?art WHERE {{
      {{ SELECT DISTINCT ?n ?g ?action WHERE {{ {where} }} ORDER BY ?g ?n LIMIT {int(limit)} }}
      {norm_facts} OPTIONAL {{ GRAPH ?g {{ ?n <{T.statedIn}> ?p }} {provision_facts} }}
    }}""")
    views: dict[str, NormView] = {}
    for r in rows:
        if r["n"] not in views:
            views[r["n"]] = _norm_view(r)
    _add_norm_details(store, views)
    return sorted(views.values(), key=lambda v: (v.doc, v.start, v.id))


def _norm_view(r: dict[str, str]) -> NormView:
    return NormView(
        id=norm_id_of(r["n"]), iri=r["n"], doc=doc_id_of(r["g"].replace(ID + "graph/", DOC_NS, 1)),
        modality="", action=r["action"], text=r.get("text", ""), provision=r.get("path", ""),
        provision_label=r.get("plabel", ""), article=as_int(r.get("art"), None),
        start=as_int(r.get("start")), end=as_int(r.get("end")), bearer_text=r.get("btext", ""),
        condition=r.get("cond", ""), confidence=as_float(r.get("conf"), 1.0))


def _add_norm_details(store: Store, views: dict[str, NormView]) -> None:
    """Modality, kinds, bearers with roles and recipients of each norm, in one query."""
    if not views:
        return
    pairs = " ".join(f"({iri(graph_iri(v.doc))} {iri(n)})" for n, v in views.items())
    # one UNION branch per predicate, each an index lookup with ?g and ?n bound
    branches = " UNION ".join(f"{{ GRAPH ?g {{ ?n <{p}> ?o }} BIND(<{p}> AS ?p) }}" for p in DETAIL_PREDICATES)
    rows = store.select(f"SELECT ?n ?p ?o WHERE {{ VALUES (?g ?n) {{ {pairs} }} {branches} }}")
    bearers: dict[str, list[str]] = defaultdict(list)
    recipients: dict[str, list[str]] = defaultdict(list)
    roles: dict[tuple[str, str], str] = {}
    for r in rows:
        n, p, o = r["n"], r["p"], r["o"]
        if p == RDF_TYPE:
            _add_type(views[n], o)
        elif p == T.hasBearer:
            bearers[n].append(o)
        elif p == T.recipient:
            recipients[n].append(o)
        else:
            roles[(n, o)] = ROLE_OF[p]
    every = [a for group in (*bearers.values(), *recipients.values()) for a in group]
    known = {b.id: b for b in _bearers(store, every)}
    for n, view in views.items():
        view.bearers = [Bearer(b.id, b.label, roles.get((n, a), "sole"))
                        for a in sorted(set(bearers[n])) for b in [known[actor_id_of(a)]]]
        view.recipients = [known[actor_id_of(a)] for a in sorted(set(recipients[n]))]


def _add_type(view: NormView, cls: str) -> None:
    if cls in MODALITY_OF:
        view.modality = MODALITY_OF[cls]
    elif cls in KIND_OF and KIND_OF[cls] not in view.kinds:
        view.kinds.append(KIND_OF[cls])


def modality_counts(store: Store, doc: str) -> dict[str, int]:
    """How many norms of each modality a document states."""
    classes = " ".join(f"(<{cls}> {literal(name)})" for name, cls in T.MODALITY_CLASS.items())
    rows = store.select(f"""SELECT ?modality (COUNT(DISTINCT ?n) AS ?count) WHERE {{
      VALUES (?cls ?modality) {{ {classes} }} GRAPH {iri(graph_iri(doc))} {{ ?n a ?cls }} }} GROUP BY ?modality""")
    return {r["modality"]: as_int(r.get("count")) for r in rows if as_int(r.get("count"))}


def norm(store: Store, norm_id: str) -> NormView:
    """One norm by its id (``{doc}/{hash}``)."""
    n = norm_iri_of(norm_id)
    doc = norm_id.rpartition("/")[0]
    found = norms(store, doc=doc or None, limit=1, norm_iri=n)
    if not found:
        raise NotFound(f"no norm {norm_id!r}")
    return found[0]


def sharing(store: Store, norm_id: str) -> list[Bearer]:
    """The actors sharing one duty (the several bearers of one norm), with their roles."""
    return norm(store, norm_id).bearers


def responsible_for(store: Store, topic: str, limit: int = DEFAULT_LIMIT) -> list[Responsibility]:
    """Who bears the norms whose action holds every word of ``topic`` (zh or en); unassigned last."""
    if not search_words(topic):
        raise QueryError("a topic needs at least one word")
    found = norms(store, words=topic, limit=limit)
    groups: dict[str | None, list[NormView]] = defaultdict(list)
    labels: dict[str | None, str] = {None: ""}
    for view in found:
        for bearer in view.bearers or [None]:
            key = bearer.id if bearer else None
            groups[key].append(view)
            if bearer:
                labels[key] = bearer.label
    return sorted((Responsibility(actor=k, label=labels[k], norms=v) for k, v in groups.items()),
                  key=lambda r: (r.actor is None, -len(r.norms), r.label))


def matrix(store: Store, topics: list[str]) -> list[dict]:
    """Actor × topic: rows ``{"actor", "label", topic: number of norms, ...}``, busiest first."""
    topics = [t.strip() for t in topics if t.strip()]
    if not topics:
        raise QueryError("give at least one topic, e.g. topics=物业管理,report")
    rows: dict[str | None, dict] = {}
    for topic in topics:
        for resp in responsible_for(store, topic):
            row = rows.setdefault(resp.actor, {"actor": resp.actor or "", "label": resp.label, **{t: 0 for t in topics}})
            row[topic] = len(resp.norms)
    return sorted(rows.values(), key=lambda r: (-sum(r[t] for t in topics), r["label"]))


def actor_types(store: Store) -> list[str]:
    """The actor classes in use (local names), for filters."""
    rows = store.select(f"""SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ ?a <{SKOS}prefLabel> ?l ; a ?t }}
      FILTER(STRSTARTS(STR(?a), {literal(ACTOR_NS)}) && STRSTARTS(STR(?t), {literal(GOV)})) }}""")
    return sorted(r["t"][len(GOV):] for r in rows)
