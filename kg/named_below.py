"""Who the laws below name: for a norm of a law whose bearer is vague (有关部门) or absent, the
named bearers that the stored documents implementing the law give the same matter.

    named_below(store, doc) -> list[dict]
    named_below_norms(store, views) -> {norm id: [hit, …]}     (for norms as govkg.kg.queries reads them)

The implementing documents are those with ``gov:implements`` the law's work
(``kg/view_queries/implementers.rq``). A matter is the norm's action: two norms of the same
modality are on one matter when their actions are alike (govkg.kg.alignment, ≥ ``MATTER_MATCH``: the
overlap detector's equal actions, and also "在各自的职责范围内做好相关工作" beside "在各自职责范围内做好相关工作").
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from govkg.kg.alignment import bigrams, dice
from govkg.kg.mapping import doc_iri, graph_iri
from govkg.kg.sparql_terms import doc_id_of
from govkg.kg.store import Store
from govkg.kg.versions import Version, VersionNorm, vague_actors, version_from_store
from govkg.ontology.errors import NotFound
from govkg.ontology.gap_kinds import view_kind
from govkg.ontology.namespaces import sparql_prefixes

QUERY = Path(__file__).with_name("view_queries") / view_kind("named-below").query
MATTER_MATCH = 0.75


@lru_cache(maxsize=1)
def implementers_query() -> str:
    return QUERY.read_text(encoding="utf-8")


def implementers(store: Store, doc: str) -> list[str]:
    """The stored documents that implement the work ``doc`` is a version of."""
    if not store.graph_exists(graph_iri(doc)):
        raise NotFound(f"no document named {doc!r}")
    values = f"VALUES ?doc {{ <{doc_iri(doc)}> }}"
    rows = store.select(sparql_prefixes() + implementers_query().replace("# @doc-values", values))
    return sorted({doc_id_of(r["implementer"]) for r in rows})


def named_below(store: Store, doc: str) -> list[dict]:
    """Each vague or bearerless norm of ``doc`` that an implementing document gives a named bearer."""
    law = version_from_store(store, doc)
    below = [version_from_store(store, other) for other in implementers(store, doc)]
    out = []
    for norm in law.norms:
        if norm.actor and not norm.vague:
            continue
        named = [hit for version in below for hit in _same_matter(norm, version)]
        if named:
            out.append({**norm.to_json(), "named": sorted(named, key=lambda h: (-h["similarity"], h["doc"], h["actor"]))})
    return out


def named_below_norms(store: Store, views: list) -> dict[str, list[dict]]:
    """For each vague or bearerless norm among ``views`` (``govkg.kg.queries.NormView``), the named bearers
    the documents implementing its law give the matter; a norm nothing names below is left out.
    Each law's implementers are read once, and only laws with an implementer cost more."""
    out: dict[str, list[dict]] = {}
    for doc in sorted({v.doc for v in views}):
        below = [version_from_store(store, other) for other in implementers(store, doc)]
        if not below:
            continue
        vague = vague_actors(store, doc)
        for view in (v for v in views if v.doc == doc):
            if view.bearers and not any(b.id in vague for b in view.bearers):
                continue
            norm = VersionNorm("", view.provision_label, "", view.modality, view.action)
            named = [hit for version in below for hit in _same_matter(norm, version)]
            if named:
                out[view.id] = sorted(named, key=lambda h: (-h["similarity"], h["doc"], h["actor"]))
    return out


def _same_matter(norm: VersionNorm, version: Version) -> list[dict]:
    grams = bigrams(norm.action)
    hits = []
    for other in version.norms:
        if not other.actor or other.vague or other.modality != norm.modality:
            continue
        score = dice(grams, bigrams(other.action))
        if score >= MATTER_MATCH:
            hits.append({"doc": version.doc, "article": other.label, "actor": other.actor, "action": other.action,
                         "similarity": round(score, 3)})
    return hits
