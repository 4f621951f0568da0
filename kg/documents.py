"""The document lifecycle: ingest (atomic replace), list, get, delete.

A document's content lives in its own named graph; its ingest metadata (time, extractor
version, counts) in the meta graph. Both change in one SPARQL Update, so readers see either
the old or the new document, never half of one.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import pyoxigraph as ox

from govkg.ingest.records import Document
from govkg.kg.mapping import (
    META_GRAPH,
    count_norms,
    doc_iri,
    document_triples,
    graph_iri,
    meta_triples,
    norm_prefix,
)
from govkg.kg import crossing, mentions
from govkg.kg.kept_findings import FINDINGS_GRAPH, drop_crossing_update, drop_kept_update
from govkg.kg.mentions import Name, Watch, watches_and_names
from govkg.kg.sparql_terms import as_int
from govkg.kg.store import DocumentInfo, Store
from govkg.ontology import terms as T
from govkg.ontology.errors import NotFound, StoreError
from govkg.ontology.namespaces import GOV, ID

GRAPH_PREFIX = ID + "graph/"


@functools.cache
def extractor_version() -> str:
    """The version of the extraction code, recorded with every ingest (read once: looking up
    the installed package's metadata costs as much as mapping a short law)."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("govkg")
    except PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class PreparedDocument:
    """A document mapped to RDF and ready to store: plain bytes and counts, so that it can be
    made in a worker process and written by the one process that holds the store."""

    info: DocumentInfo
    content: bytes          # N-Triples of the document's named graph
    meta_update: str        # SPARQL Update that replaces its meta-graph entry
    meta: bytes = b""       # the same entry as N-Quads, for the bulk path
    watches: tuple[Watch, ...] = ()     # its oversight and sanction actions (``govkg.kg.mentions``)
    names: tuple[Name, ...] = ()        # the names of the actors that bear its norms


def prepare_document(document: Document, *, ingested_at: datetime | None = None) -> PreparedDocument:
    """Map ``document`` to its graph's N-Triples and its meta-graph update."""
    if not document.doc:
        raise StoreError("a document needs a name (its file stem) to be stored")
    triples = document_triples(document)
    facts = triples.facts()
    count = len(facts)
    norms = count_norms(facts)
    when = ingested_at or datetime.now(timezone.utc)
    meta = meta_triples(document, triples=count, norms=norms, extractor_version=extractor_version(),
                        ingested_at=when)
    info = DocumentInfo(doc=document.doc, graph=graph_iri(document.doc), triples=count, norms=norms,
                        title=document.title, lang=document.lang, source=document.source,
                        ingested=meta[0].object.value)
    watches, names = watches_and_names(facts)
    return PreparedDocument(info, triples.ntriples(),
                            _replace_meta_update(document.doc, meta),
                            ox.serialize(meta, format=ox.RdfFormat.N_QUADS) or b"", watches, names)


def store_documents(store: Store, prepared: list[PreparedDocument]) -> list[DocumentInfo]:
    """Write prepared documents: each replaces any earlier version of itself atomically; a batch
    of documents new to the store goes through the store's bulk path (``Store.add_graphs``)."""
    prepared, later, after = with_mentions(store, prepared)
    seen: set[str] = set()
    fresh = []
    for p in prepared:
        if p.info.graph not in seen and not store.graph_exists(p.info.graph):
            fresh.append(p)
        seen.add(p.info.graph)
    marked: set = set()       # the keys of cross-document findings marked (``govkg.kg.crossing``)
    if len(fresh) > 1:
        # a batch is loaded after its update has run: what is kept of the cross-document findings goes
        store.add_graphs({p.info.graph: p.content for p in fresh}, meta=b"".join(p.meta for p in fresh),
                         extra_update=" ;\n".join([_clear_meta_update(*(p.info.doc for p in fresh)),
                                                   drop_crossing_update()]),
                         extra_writes=META_WRITES)
    else:
        fresh = []
    written = {id(p) for p in fresh}
    for p in prepared:
        if id(p) not in written:
            crossing_update = crossing.write_update(store, lambda p=p: _noted(marked, _changes(store, p)))
            store.replace_graphs({p.info.graph: p.content}, extra_update=" ;\n".join(filter(None, [p.meta_update, crossing_update])),
                                 extra_writes=META_WRITES)
    if later:       # the stored actions that name a new actor: marked again with the mentions
        store.update(" ;\n".join(filter(None, [later, crossing.write_update(store, lambda: marked)])),
                     writes=(mentions.MENTIONS_GRAPH, FINDINGS_GRAPH))
    mentions.remember(store, after)
    return [p.info for p in prepared]


def _noted(marked: set, keys: set) -> set:
    marked |= keys
    return keys


def _changes(store: Store, p: PreparedDocument) -> set:
    """The keys of cross-document findings that writing ``p`` can change: its own, and those of
    the version it replaces (``govkg.kg.crossing``)."""
    keys = crossing.document_keys(store, p.info.graph, ox.parse(p.content, format=ox.RdfFormat.N_TRIPLES))
    if store.graph_exists(p.info.graph):
        keys |= crossing.stored_keys(store, p.info.graph, norm_prefix(p.info.doc))
    else:
        keys.add(crossing.written_new(p.info.graph))
    return keys


def with_mentions(store: Store, prepared: list[PreparedDocument]
                  ) -> tuple[list[PreparedDocument], str, mentions.Stored]:
    """The documents with their ``gov:mentions`` added to their graphs, the update that records
    the stored actions that name their new actors, and the store's watches and names once they
    are written (``govkg.kg.mentions``)."""
    added, later, after = mentions.for_documents(store, [(p.info.graph, p.watches, p.names) for p in prepared])
    return [_with_more_triples(p, added[p.info.graph]) if added.get(p.info.graph) else p
            for p in prepared], later, after


def _with_more_triples(p: PreparedDocument, extra: bytes) -> PreparedDocument:
    """``p`` with the N-Triples ``extra`` in its graph, and counted in its info and metadata."""
    triples = p.info.triples + extra.count(b"\n")
    counted = ox.NamedNode(GOV + "triples")
    meta = [ox.Quad(q.subject, q.predicate, ox.Literal(str(triples), datatype=q.object.datatype), q.graph_name)
            if q.predicate == counted else q for q in ox.parse(p.meta, format=ox.RdfFormat.N_QUADS)]
    return replace(p, info=replace(p.info, triples=triples), content=p.content + extra,
                   meta_update=_replace_meta_update(p.info.doc, meta),
                   meta=ox.serialize(meta, format=ox.RdfFormat.N_QUADS) or b"")


def ingest_document(store: Store, document: Document, *, ingested_at: datetime | None = None) -> DocumentInfo:
    """Write ``document`` to its named graph, replacing any earlier version atomically."""
    return store_documents(store, [prepare_document(document, ingested_at=ingested_at)])[0]


META_WRITES = (META_GRAPH, FINDINGS_GRAPH)
"""The graphs a document's metadata update writes besides its own graph."""


def _replace_meta_update(doc: str, meta: list[ox.Quad]) -> str:
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in meta)
    return f"{_clear_meta_update(doc)} ;\nINSERT DATA {{ GRAPH <{META_GRAPH}> {{\n{body}\n}} }}"


def _clear_meta_update(*docs: str) -> str:
    """Forget documents' metadata, the gap findings kept for them and the mentions by their norms
    found after they were written. (What is kept of the cross-document findings is marked or
    dropped by the writer: ``govkg.kg.crossing.write_update``.)"""
    meta = "".join(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{doc_iri(doc)}> ?p ?o }} }} ;\n" for doc in docs)
    return (f"{meta}{drop_kept_update([graph_iri(doc) for doc in docs], whole=False)} ;\n"
            f"{mentions.forget_update(*(norm_prefix(doc) for doc in docs))}")


def delete_document(store: Store, doc: str) -> None:
    """Remove a document's graph and its metadata; NotFound if it was never ingested."""
    graph = graph_iri(doc)
    if not store.graph_exists(graph):
        raise NotFound(f"no document named {doc!r}")
    before = store.data_version()
    crossing_update = crossing.write_update(
        store, lambda: crossing.stored_keys(store, graph, norm_prefix(doc)) | {crossing.deleted(graph)})
    store.update(f"DROP SILENT GRAPH <{graph}> ;\n"    # SILENT: Virtuoso wants CREATE GRAPH otherwise
                 + " ;\n".join(filter(None, [_clear_meta_update(doc), crossing_update])), writes=(graph, *META_WRITES))
    mentions.forget_graph(store, graph, before)


_LIST_QUERY = f"""
SELECT ?g ?d ?title ?lang ?source ?triples ?norms ?ingested WHERE {{
  # @one-graph
  GRAPH ?g {{ ?d a <{T.Document}> .
    OPTIONAL {{ ?d <{T.label}> ?title }}
    OPTIONAL {{ ?d <{T.language}> ?lang }}
    OPTIONAL {{ ?d <{T.sourceFile}> ?source }} }}
  FILTER(STRSTARTS(STR(?g), "{GRAPH_PREFIX}"))
  OPTIONAL {{ GRAPH <{META_GRAPH}> {{
    OPTIONAL {{ ?d <{GOV}triples> ?triples }}
    OPTIONAL {{ ?d <{GOV}norms> ?norms }}
    OPTIONAL {{ ?d <{T.ingestedAt}> ?ingested }} }} }}
}} ORDER BY ?g
"""


def list_documents(store: Store, *, doc: str | None = None) -> list[DocumentInfo]:
    """Every ingested document with its counts, by name (only ``doc`` when given); the last lists
    are kept for the store's data version (pages list every document for their filters)."""
    version = store.data_version()
    key = (version, doc)
    if version is not None and key in _LISTED:
        return list(_LISTED[key])
    listed = _list_documents(store, doc)
    if version is not None:
        _LISTED[key] = tuple(listed)
        while len(_LISTED) > LISTS_KEPT:
            _LISTED.pop(next(iter(_LISTED)))
    return listed


LISTS_KEPT = 8
_LISTED: dict[tuple, tuple[DocumentInfo, ...]] = {}


def _list_documents(store: Store, doc: str | None) -> list[DocumentInfo]:
    docs: dict[str, DocumentInfo] = {}
    one = f"VALUES ?g {{ <{graph_iri(doc)}> }}" if doc else ""
    for row in store.select(_LIST_QUERY.replace("# @one-graph", one)):
        doc = _doc_name(row["d"])
        if doc in docs:
            continue
        docs[doc] = DocumentInfo(
            doc=doc, graph=row["g"], triples=as_int(row.get("triples")), norms=as_int(row.get("norms")),
            title=row.get("title", ""), lang=row.get("lang", ""), source=row.get("source", ""),
            ingested=row.get("ingested", ""))
    return sorted(docs.values(), key=lambda info: info.doc)


def get_document(store: Store, doc: str) -> DocumentInfo:
    """One document's info; NotFound if it was never ingested."""
    for info in list_documents(store, doc=doc):
        if info.doc == doc:
            return info
    raise NotFound(f"no document named {doc!r}")


def _doc_name(iri: str) -> str:
    from urllib.parse import unquote
    return unquote(iri.removeprefix(ID + "doc/"))
