"""Relations between actors (gov:ActorRelation) as the collaboration network reads them.

Each relation is one (kind, from, to) of one document's graph; the view joins those of every
document and keeps each clause it comes from (the norm, its provision, the article label)."""
from __future__ import annotations

from dataclasses import dataclass, field

from govkg.kg.mapping import doc_iri
from govkg.kg.sparql_terms import actor_id_of, actor_iri_of, as_int, doc_id_of, iri, norm_id_of
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.errors import QueryError
from govkg.ontology.namespaces import PREFIXES

KIND_NAME = {value: name for name, value in T.RELATION_KINDS.items()}


@dataclass
class Clause:
    """A clause a relation comes from: its norm and provision."""

    norm: str
    doc: str
    provision: str         # its IRI
    label: str
    article: int | None = None
    path: str = ""         # its key inside the document (what /provisions/{doc}/{path} takes)


@dataclass
class RelationView:
    kind: str
    source: str            # actor ids
    target: str
    clauses: list[Clause] = field(default_factory=list)


def relations(store: Store, *, actors: set[str] | None = None, doc: str | None = None,
              kinds: list[str] | None = None) -> list[RelationView]:
    """Relations, those touching ``actors`` (ids) only when given, of one document when ``doc``."""
    unknown = [k for k in kinds or [] if k not in T.RELATION_KINDS]
    if unknown:
        raise QueryError(f"unknown relation kind {unknown[0]!r}: use one of {', '.join(T.RELATION_KINDS)}")
    rows = store.select(_query(actors, doc, kinds))
    views: dict[tuple[str, str, str], RelationView] = {}
    for row in rows:
        key = (KIND_NAME.get(row["kind"], ""), actor_id_of(row["from"]), actor_id_of(row["to"]))
        if not key[0]:
            continue
        view = views.setdefault(key, RelationView(*key))
        clause = Clause(norm_id_of(row["norm"]), doc_id_of(row["doc"]), row["p"], row.get("label") or "",
                        as_int(row.get("article"), None), row.get("path") or "")
        if clause not in view.clauses:
            view.clauses.append(clause)
    return list(views.values())


def _query(actors: set[str] | None, doc: str | None, kinds: list[str] | None) -> str:
    values = ""
    if actors is not None:
        listed = " ".join(iri(actor_iri_of(a)) for a in sorted(actors)) or f"<{T.Actor}>"
        values = f"VALUES ?touch {{ {listed} }} {{ ?r <{T.fromActor}> ?touch }} UNION {{ ?r <{T.toActor}> ?touch }}"
    if kinds:
        values += " VALUES ?kind { " + " ".join(iri(T.RELATION_KINDS[k]) for k in kinds) + " }"
    in_doc = f"?norm <{T.inDocument}> ?doc . FILTER(?doc = {iri(doc_iri(doc))})" if doc else f"?norm <{T.inDocument}> ?doc ."
    return f"""SELECT ?kind ?from ?to ?norm ?doc ?p ?label ?article ?path WHERE {{ GRAPH ?g {{
      ?r a <{T.ActorRelation}> ; <{T.relationKind}> ?kind ; <{T.fromActor}> ?from ; <{T.toActor}> ?to ;
         <{PREFIXES['prov']}wasDerivedFrom> ?norm . {values}
      ?norm <{T.statedIn}> ?p . {in_doc}
      OPTIONAL {{ ?p <{T.label}> ?label }} OPTIONAL {{ ?p <{T.articleNumber}> ?article }}
      OPTIONAL {{ ?p <{T.path}> ?path }} }} }}"""
