"""The data of the network picture: documents, norms and actors, with gap findings attached."""
from __future__ import annotations

from collections import defaultdict

from govkg.kg.effective import effective_gaps
from govkg.kg.queries import _actor_views, actors, norms
from govkg.kg.sparql_terms import actor_id_of, actor_iri_of, doc_id_of, iri, norm_id_of
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.errors import QueryError


def network(store: Store, doc: str | None = None, actor_type: str | None = None,
            gap_kind: str | None = None, actor: str | None = None, article: int | None = None) -> dict:
    """Nodes (documents, norms, actors) and edges for the picture, gap findings attached.

    ``actor_type`` keeps the norms with a bearer of that class; ``gap_kind`` keeps the norms and
    actors named by findings of that kind; ``actor`` (an id) and ``article`` keep the norms of one
    actor or one article. Norm nodes carry their clause, so a click can show it."""
    if gap_kind and gap_kind not in T.GAP_KINDS:
        raise QueryError(f"unknown gap kind {gap_kind!r}: use one of {', '.join(T.GAP_KINDS)}")
    views = norms(store, doc=doc, actor=actor, limit=1_000_000)
    if article is not None:
        views = [v for v in views if v.article == article]
    findings = effective_gaps(store, kinds=[gap_kind] if gap_kind else None, doc=doc).findings
    labels = {b.label: b.id for v in views for b in (*v.bearers, *v.recipients)}
    norm_gaps, actor_gaps = _gaps_by_node(findings, labels)
    if actor_type:
        typed = {a.id for a in actors(store, actor_type=actor_type, limit=1_000_000)}
        views = [v for v in views if any(b.id in typed for b in v.bearers)]
    if gap_kind:
        views = [v for v in views if v.id in norm_gaps or any(b.id in actor_gaps for b in v.bearers)]
    return {"norms": views, "norm_gaps": norm_gaps, "actor_gaps": actor_gaps,
            "actor_types": _actor_types(store, {b.id for v in views for b in (*v.bearers, *v.recipients)}),
            "documents": _document_titles(store, {v.doc for v in views}), "findings": findings}


def _gaps_by_node(findings: list, labels: dict[str, str]) -> tuple[dict[str, list], dict[str, list]]:
    """Findings by norm id, and actor-level findings (no norm) by actor id (they name the label)."""
    norm_gaps: dict[str, list] = defaultdict(list)
    actor_gaps: dict[str, list] = defaultdict(list)
    for f in findings:
        if f.norm:
            norm_gaps[norm_id_of(f.norm)].append(f)
        elif f.actor:
            actor_gaps[labels.get(f.actor, actor_id_of(f.actor))].append(f)
    return dict(norm_gaps), dict(actor_gaps)


def _actor_types(store: Store, ids: set[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    views = _actor_views(store, "VALUES ?a { " + " ".join(iri(actor_iri_of(i)) for i in ids) + " }")
    return {v.id: [t for t in v.types if t != "Actor"] or ["Actor"] for v in views.values()}


def _document_titles(store: Store, docs: set[str]) -> dict[str, str]:
    rows = store.select(f"""SELECT ?d ?title WHERE {{ GRAPH ?g {{ ?d a <{T.Document}> ;
      <{T.label}> ?title }} }}""")
    titles = {doc_id_of(r["d"]): r["title"] for r in rows}
    return {d: titles.get(d, d) for d in sorted(docs)}
