"""The analysts' questions, as SPARQL over a ``Store``.

Every query matches inside ``GRAPH ?g`` because each document lives in its own named graph
(docs/rdf-shape.md), so the same text runs on the embedded store and on any SPARQL server,
whatever its default graph holds. Values from users enter a query only through ``literal`` and
``iri`` (govkg.kg.sparql_terms), which escape them.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from govkg.kg.actors import iri_segment
from govkg.kg.mapping import graph_iri, provision_iri
from govkg.kg.sparql_terms import (
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
from govkg.kg.store import Store, kept_while_unchanged
from govkg.ontology import terms as T
from govkg.ontology.errors import NotFound, QueryError
from govkg.ontology.namespaces import GOV, ID, PREFIXES

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
    review: str = ""            # confirmed / corrected / added: a review in force judged it


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
      GRAPH ?g {{ ?a ?p ?v }} FILTER(?p IN (<{SKOS}prefLabel>, <{SKOS}altLabel>, <{RDF_TYPE}>, <{SKOS}exactMatch>))
    }}""")   # not VALUES ?p inside the GRAPH: Oxigraph then reads every triple of the graphs (8 s vs 0.02 s)
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
    from govkg.kg.effective import reviewed_counts
    counts = reviewed_counts(store, _norm_counts(store))
    for view in views.values():
        view.norms_count = counts.get(view.iri, 0)
    ordered = sorted(views.values(), key=lambda v: (-v.norms_count, v.label))
    return ordered[:limit]


def resolve_actor(store: Store, name: str) -> str | None:
    """The id of the actor ``name`` means: an actor id, or an actor's exact name (any language)."""
    if _known_actor(store, name):
        return name
    rows = store.select(f"""SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a <{SKOS}prefLabel>|<{SKOS}altLabel> ?l }}
      FILTER(STR(?l) = {literal(name)} && STRSTARTS(STR(?a), {literal(ACTOR_NS)})) }} LIMIT 2""")
    return actor_id_of(rows[0]["a"]) if len(rows) == 1 else None


def similar_actors(store: Store, name: str, limit: int = 8) -> list[str]:
    """Labels of the actors ``name`` may have meant: those whose names hold it, else the closest
    names (a typo, a different wording)."""
    holding = actors(store, search=name, limit=limit) if name.strip() else []
    if holding:
        return [view.label for view in holding]
    rows = store.select(f"""SELECT DISTINCT ?l WHERE {{ GRAPH ?g {{ ?a <{SKOS}prefLabel> ?l }}
      FILTER(STRSTARTS(STR(?a), {literal(ACTOR_NS)})) }}""")
    return difflib.get_close_matches(name, [r["l"] for r in rows], n=limit, cutoff=0.5)


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
    """Bearers of oversight norms whose action names this actor (对居民委员会的工作进行监督).

    The actor's names are read first: joined in the same query, each oversight norm was tested
    against the actor's label in every graph that holds it (hundreds for 国务院)."""
    names = {r["name"].lower() for r in store.select(f"""SELECT DISTINCT ?name WHERE {{
      GRAPH ?g0 {{ {iri(actor_iri)} <{SKOS}prefLabel>|<{SKOS}altLabel> ?label }} BIND(STR(?label) AS ?name) }}""")}
    names = sorted(name for name in names if len(name) > 1)
    if not names:
        return []
    named = " || ".join(f"CONTAINS(LCASE(?act), {literal(name)})" for name in names)
    rows = store.select(f"""SELECT DISTINCT ?s WHERE {{
      GRAPH ?g {{ ?o a <{T.Oversight}> ; <{T.hasBearer}> ?s ; <{T.action}> ?act }}
      FILTER(?s != {iri(actor_iri)} && ({named})) }}""")
    return [r["s"] for r in rows]


def require_actor(store: Store, actor_id: str) -> None:
    """NotFound unless the store knows the actor (a look-up, not the actor's whole page)."""
    if not _known_actor(store, actor_id):
        raise NotFound(f"no actor {actor_id!r}")


def _known_actor(store: Store, actor_id: str) -> bool:
    return store.ask(f"ASK {{ GRAPH ?g {{ {iri(actor_iri_of(actor_id))} <{SKOS}prefLabel> ?l }} }}")


def _bearers(store: Store, actor_iris: list[str], roles: dict[str, str] | None = None) -> list[Bearer]:
    if not actor_iris:
        return []
    views = _actor_views(store, "VALUES ?a { " + " ".join(iri(a) for a in dict.fromkeys(actor_iris)) + " }")
    return [Bearer(id=actor_id_of(a), label=views[a].label if a in views else actor_id_of(a),
                   role=(roles or {}).get(a, "sole")) for a in dict.fromkeys(actor_iris)]


# ---- norms ---------------------------------------------------------------------------------
def _norm_where(actor: str | None, modality: str | None, doc: str | None, words: list[str],
                wide: bool = False, norm_iri: str | None = None, under: str | None = None) -> str:
    """The pattern of the norms asked for; ``wide`` matches the words in the clause and the bearer as
    written too, not only in the action, and a long Chinese word by its two halves as well; ``norm_iri``
    picks one norm, ``under`` the norms stated in a provision or inside it."""
    graph = iri(graph_iri(doc)) if doc else "?g"
    parts = [f"?n a <{T.Norm}> ; <{T.action}> ?action ."]
    if actor:
        parts.append(f"?n <{T.hasBearer}> {iri(actor_iri_of(actor))} .")
    if modality:
        if modality not in T.MODALITY_CLASS:
            raise QueryError(f"unknown modality {modality!r}: use one of {', '.join(T.MODALITY_CLASS)}")
        parts.append(f"?n a <{T.MODALITY_CLASS[modality]}> .")
    haystack = "LCASE(?action)"
    if wide and words:
        parts.append(f"OPTIONAL {{ ?n <{T.text}> ?clause }} OPTIONAL {{ ?n <{T.bearerText}> ?written }}")
        haystack = '?hay'
        parts.append('BIND(LCASE(CONCAT(?action, " ", COALESCE(?clause, ""), " ", COALESCE(?written, ""))) AS ?hay)')
    tests = [_word_test(haystack, w, wide) for w in words]
    if under:
        parts.append(f"?n <{T.statedIn}> ?within . ?within <{T.path}> ?withinPath .")
        tests.append(f"(?withinPath = {literal(under)} || STRSTARTS(?withinPath, {literal(under + '/')}))")
    chosen = f"VALUES ?n {{ {iri(norm_iri)} }} " if norm_iri else ""
    body = f"{chosen}GRAPH {graph} {{ {' '.join(parts)} }}"
    return body + (f" FILTER({' && '.join(tests)})" if tests else "") + (f" BIND({iri(graph_iri(doc))} AS ?g)" if doc else "")


_CJK_WORD = re.compile(r"[\u3400-\u9fff]{4,}")


def _word_test(haystack: str, word: str, wide: bool) -> str:
    """``word`` occurs in the haystack; in a wide search a Chinese compound of four or more characters
    also matches when both its halves occur (应急预案 finds 应急救援预案, 维修资金 finds 资金的维修)."""
    test = f"CONTAINS({haystack}, {literal(word)})"
    if wide and _CJK_WORD.fullmatch(word):
        half = len(word) // 2
        test = (f"({test} || (CONTAINS({haystack}, {literal(word[:half])})"
                f" && CONTAINS({haystack}, {literal(word[half:])})))")
    return test


NORM_FACTS = ((T.text, "text"), (T.startOffset, "start"), (T.endOffset, "end"), (T.bearerText, "btext"),
              (T.condition, "cond"), (T.confidence, "conf"))
PROVISION_FACTS = ((T.path, "path"), (T.label, "plabel"), (T.articleNumber, "art"))
DETAIL_PREDICATES = (RDF_TYPE, T.hasBearer, T.hasLeadBearer, T.hasSupportingBearer, T.hasJointBearer, T.recipient)


FIRST_GRAPHS = 2
_GRAPHS: dict[tuple, list[str]] = {}


def _first_norms(store: Store, where: str, limit: int, graphs: list[str] | None) -> list[dict[str, str]]:
    """The first ``limit`` norms matching ``where``, in graph then norm order.

    The order is made here, not by ORDER BY: Oxigraph decodes both terms at each comparison, which
    took 68 s to sort the 100,000 norms of the national corpus. A pattern that may match everywhere
    walks the document ``graphs`` in order, a few at first and twice as many each round, until
    ``limit`` norms are in: later graphs only hold norms that sort after them."""
    select = "SELECT DISTINCT ?n ?g WHERE {{ {values}{where} }}"
    if graphs is None:
        found = store.select(select.format(values="", where=where))
    else:
        found, start, size = [], 0, FIRST_GRAPHS
        while start < len(graphs) and len(found) < limit:
            values = "VALUES ?g { " + " ".join(iri(g) for g in graphs[start:start + size]) + " } "
            found += store.select(select.format(values=values, where=where))
            start, size = start + size, size * 2
    return sorted(found, key=lambda r: (r["g"], r["n"]))[:max(int(limit), 0)]


def _document_graphs(store: Store) -> list[str]:
    """The document graphs in order, kept while the data does not change."""
    from govkg.kg.gaps import document_graphs
    return kept_while_unchanged(store, _GRAPHS, "graphs", lambda: document_graphs(store))


def norms(store: Store, actor: str | None = None, modality: str | None = None, doc: str | None = None,
          words: str | None = None, limit: int = DEFAULT_LIMIT, wide: bool = False,
          reviewed: bool | None = None, extracted: bool = False, *, norm_iri: str | None = None,
          under: str | None = None) -> list[NormView]:
    """Norms filtered by bearer id, modality, document, words of the action (all must occur;
    ``wide``: of the clause or the bearer as written, too), one norm's IRI, and the provision key they
    stand under — as reviewed (govkg.kg.effective), unless ``extracted`` asks for what extraction found
    alone; ``reviewed`` keeps only (un)reviewed ones."""
    terms = search_words(words)
    where = _norm_where(actor, modality, doc, terms, wide, norm_iri, under)
    broad = not (doc or actor or norm_iri)
    chosen = _first_norms(store, where, limit, _document_graphs(store) if broad else None)
    found = norm_views(store, [(r["g"], r["n"]) for r in chosen])
    if extracted:
        return found
    from govkg.kg.effective import effective_norms
    shown = effective_norms(store, found, actor=actor, modality=modality, doc=doc, words=terms, wide=wide,
                            reviewed=reviewed, elsewhere=not norm_iri, added=not norm_iri)
    if norm_iri or under:       # reviewed norms from elsewhere do not answer a look-up of one norm or provision
        shown = [v for v in shown if (not norm_iri or v.iri == norm_iri)
                 and (not under or v.provision == under or v.provision.startswith(under + "/"))]
    return shown[:limit]


def norm_views(store: Store, chosen: list[tuple[str, str]]) -> list[NormView]:
    """The norms named by (graph IRI, norm IRI), as extracted, with their facts, in document order."""
    if not chosen:
        return []
    pairs = " ".join(f"({iri(g)} {iri(n)})" for g, n in chosen)
    # each OPTIONAL names its own GRAPH: a GRAPH ?g { OPTIONAL ... } around them all makes
    # Oxigraph scan every graph before the join (seconds at a million triples)
    norm_facts = " ".join(f"OPTIONAL {{ GRAPH ?g {{ ?n <{p}> ?{v} }} }}" for p, v in NORM_FACTS)
    provision_facts = " ".join(f"OPTIONAL {{ GRAPH ?g {{ ?p <{p}> ?{v} }} }}" for p, v in PROVISION_FACTS)
    rows = store.select(f"""SELECT ?n ?g ?action ?text ?start ?end ?btext ?cond ?conf WHERE {{
      VALUES (?g ?n) {{ {pairs} }} GRAPH ?g {{ ?n <{T.action}> ?action }} {norm_facts} }}""")
    # the provision's facts in a query of their own: OPTIONALs nested in an OPTIONAL are evaluated
    # before the join, over every provision of the store
    stated = store.select(f"""SELECT ?n ?path ?plabel ?art WHERE {{
      VALUES (?g ?n) {{ {pairs} }} GRAPH ?g {{ ?n <{T.statedIn}> ?p }} {provision_facts} }}""")
    where_stated = {r["n"]: r for r in stated}
    views: dict[str, NormView] = {}
    for r in rows:
        if r["n"] not in views:
            views[r["n"]] = _norm_view({**where_stated.get(r["n"], {}), **r})
    _add_norm_details(store, views)
    return sorted(views.values(), key=lambda v: (v.doc, v.start, v.id))
def provision_facts(store: Store, doc: str, key: str) -> dict:
    """A provision's text, label, article number and offsets, by its document and key."""
    p = provision_iri(doc, key)
    rows = store.select(f"""SELECT ?text ?label ?art ?start ?end WHERE {{ GRAPH {iri(graph_iri(doc))} {{
      {iri(p)} <{T.text}> ?text OPTIONAL {{ {iri(p)} <{T.label}> ?label }}
      OPTIONAL {{ {iri(p)} <{T.articleNumber}> ?art }} OPTIONAL {{ {iri(p)} <{T.startOffset}> ?start }}
      OPTIONAL {{ {iri(p)} <{T.endOffset}> ?end }} }} }} LIMIT 1""")
    row = rows[0] if rows else {}
    return {"text": row.get("text", ""), "label": row.get("label", key), "article": as_int(row.get("art"), None),
            "start": as_int(row.get("start")), "end": as_int(row.get("end"))}


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


def norm(store: Store, norm_id: str, extracted: bool = False) -> NormView:
    """One norm by its id (``{doc}/{hash}``; an added norm's ``{doc}/review-{id}``), as reviewed
    unless ``extracted`` (a rejected norm is still read by its id, marked as such)."""
    n = norm_iri_of(norm_id)
    doc = norm_id.rpartition("/")[0]
    if "/review-" in norm_id:
        found = [v for v in norms(store, doc=doc, limit=100_000) if v.id == norm_id]
    else:
        found = [v for v in norms(store, doc=doc or None, limit=1, norm_iri=n, extracted=extracted) if v.iri == n]
        if not found and not extracted:
            found = [dataclasses.replace(v, review="rejected")
                     for v in norms(store, doc=doc or None, limit=1, norm_iri=n, extracted=True)]
    if not found:
        raise NotFound(f"no norm {norm_id!r}")
    return found[0]


def sharing(store: Store, norm_id: str) -> list[Bearer]:
    """The actors sharing one duty (the several bearers of one norm), with their roles."""
    return norm(store, norm_id).bearers


def responsible_for(store: Store, topic: str, limit: int = DEFAULT_LIMIT) -> list[Responsibility]:
    """Who bears the norms whose clause holds every word of ``topic`` (zh or en) — in the action, the
    clause or the bearer's name as written; unassigned last."""
    if not search_words(topic):
        raise QueryError("a topic needs at least one word")
    found = norms(store, words=topic, limit=limit, wide=True)
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


NO_BEARER = "(no bearer / 未指明承担者)"
"""The label of the row or group of norms that name nobody."""


def matrix(store: Store, topics: list[str]) -> list[dict]:
    """Actor × topic: rows ``{"actor", "label", topic: number of norms, ...}``, busiest first; the norms
    with no bearer are the row with actor "" and label ``NO_BEARER``."""
    topics = [t.strip() for t in topics if t.strip()]
    if not topics:
        raise QueryError("give at least one topic, e.g. topics=物业管理,report")
    rows: dict[str | None, dict] = {}
    for topic in topics:
        for resp in responsible_for(store, topic):
            row = rows.setdefault(resp.actor, {"actor": resp.actor or "", "label": resp.label or NO_BEARER,
                                               **{t: 0 for t in topics}})
            row[topic] = len(resp.norms)
    return sorted(rows.values(), key=lambda r: (-sum(r[t] for t in topics), r["label"]))


def actor_types(store: Store) -> list[str]:
    """The actor classes in use (local names), for filters."""
    rows = store.select(f"""SELECT DISTINCT ?t WHERE {{ GRAPH ?g {{ ?a <{SKOS}prefLabel> ?l ; a ?t }}
      FILTER(STRSTARTS(STR(?a), {literal(ACTOR_NS)}) && STRSTARTS(STR(?t), {literal(GOV)})) }}""")
    return sorted(r["t"][len(GOV):] for r in rows)
