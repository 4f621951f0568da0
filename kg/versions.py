"""One version of a law as a diff reads it: its articles in order and its norms, one per bearer.

A version comes from an extracted ``Document`` (a file read and never stored) or from a stored
document, and both give the same records: the bearer is the actor's canonical label (what the
store keeps as ``skos:prefLabel``), so a file can be compared with a stored document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from govkg.ingest.records import Document
from govkg.kg.actors import identify
from govkg.kg.mapping import graph_iri, provision_class
from govkg.kg.provisions import provisions as stored_provisions
from govkg.kg.queries import norms as stored_norms
from govkg.kg.sparql_terms import actor_id_of, iri
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.errors import NotFound, StoreError

MAX_NORMS = 10_000      # rows a query may ask to sort on Virtuoso as it comes (ResultSetMaxRows)


@dataclass(frozen=True)
class Article:
    """An article (or, in a text without articles, a top-level provision) with its text."""

    key: str
    label: str          # as the text writes it: 第七条, Article 33
    text: str


@dataclass(frozen=True)
class VersionNorm:
    """One bearer's duty, prohibition or permission, placed in its article."""

    article: str        # Article.key
    label: str          # the article's label
    actor: str          # canonical label, "" for a norm with no bearer
    modality: str
    action: str
    vague: bool = False

    def to_json(self) -> dict:
        return {"article": self.label, "actor": self.actor, "modality": self.modality,
                "action": self.action, "vague_actor": self.vague}


@dataclass
class Version:
    doc: str
    articles: list[Article]
    norms: list[VersionNorm] = field(default_factory=list)


def article_of(key: str, article_keys: set[str]) -> str | None:
    """The key of the article holding provision ``key`` (itself or the nearest ancestor)."""
    parts = key.split("/")
    while parts:
        candidate = "/".join(parts)
        if candidate in article_keys:
            return candidate
        parts.pop()
    return None


def version_from_document(document: Document) -> Version:
    """The articles and norms of an extracted document."""
    articles = [Article(p.key, p.label, p.text) for p in document.provisions if provision_class(p) == T.Article]
    if not articles:
        articles = [Article(p.key, p.label, p.text) for p in document.provisions if len(p.path) == 1]
    labels = {a.key: a.label for a in articles}
    out = []
    for n in document.norms:
        key = article_of(n.provision, set(labels))
        if key is None:
            continue
        actor, vague = "", False
        if n.actor.strip():
            ident = identify(n.actor, document.lang or "zh", n.actor_type, n.vague_actor)
            actor, vague = ident.label, ident.vague
        out.append(VersionNorm(key, labels[key], actor, n.modality, n.action, vague))
    return Version(document.doc, articles, _in_order(out, articles))


def version_from_store(store: Store, doc: str) -> Version:
    """The articles and norms of a stored document; NotFound if it was never ingested."""
    if not store.graph_exists(graph_iri(doc)):
        raise NotFound(f"no document named {doc!r}")
    rows = stored_provisions(store, doc)
    articles = [Article(r["key"], r["label"], r["text"]) for r in rows if r["kind"] == "article"]
    if not articles:
        articles = [Article(r["key"], r["label"], r["text"]) for r in rows if "/" not in r["key"]]
    labels = {a.key: a.label for a in articles}
    vague = vague_actors(store, doc)
    out = []
    views = stored_norms(store, doc=doc, limit=MAX_NORMS)
    if len(views) >= MAX_NORMS:
        raise StoreError(f"{doc!r} has more than {MAX_NORMS - 1} norms: too many to compare")
    for view in views:
        key = article_of(view.provision, set(labels))
        if key is None:
            continue
        for bearer in view.bearers or [None]:
            actor = bearer.label if bearer else ""
            out.append(VersionNorm(key, labels[key], actor, view.modality, view.action,
                                   bool(bearer) and bearer.id in vague))
    return Version(doc, articles, _in_order(out, articles))


def _in_order(norms: list[VersionNorm], articles: list[Article]) -> list[VersionNorm]:
    """Norms by article, then by bearer, modality and action: the same order whether a version
    was read from a file or from the store (which keeps no order among a norm's bearers)."""
    order = {a.key: i for i, a in enumerate(articles)}
    return sorted(norms, key=lambda n: (order[n.article], n.actor, n.modality, n.action))


def vague_actors(store: Store, doc: str) -> set[str]:
    """The ids of the actors a document's graph types as vague (有关部门)."""
    rows = store.select(f"SELECT DISTINCT ?a WHERE {{ GRAPH {iri(graph_iri(doc))} {{ ?a a <{T.VagueActor}> }} }}")
    return {actor_id_of(r["a"]) for r in rows}

