"""The document lifecycle: ingest (atomic replace), list, get, delete.

A document's content lives in its own named graph; its ingest metadata (time, extractor
version, counts) in the meta graph. Both change in one SPARQL Update, so readers see either
the old or the new document, never half of one.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timezone

import pyoxigraph as ox

from ingest.records import Document
from kg.mapping import (
    META_GRAPH,
    count_norms,
    doc_iri,
    document_triples,
    graph_iri,
    meta_triples,
)
from kg.kept_findings import drop_kept_update
from kg.sparql_terms import as_int
from kg.store import DocumentInfo, Store
from ontology import terms as T
from ontology.errors import NotFound, StoreError
from ontology.namespaces import GOV, ID

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


def prepare_document(document: Document, *, ingested_at: datetime | None = None) -> PreparedDocument:
    """Map ``document`` to its graph's N-Triples and its meta-graph update."""
    if not document.doc:
        raise StoreError("a document needs a name (its file stem) to be stored")
    triples = document_triples(document).unique()
    count = len(triples)
    norms = count_norms(triples)
    when = ingested_at or datetime.now(timezone.utc)
    meta = meta_triples(document, triples=count, norms=norms, extractor_version=extractor_version(),
                        ingested_at=when)
    info = DocumentInfo(doc=document.doc, graph=graph_iri(document.doc), triples=count, norms=norms,
                        title=document.title, lang=document.lang, source=document.source,
                        ingested=meta[0].object.value)
    return PreparedDocument(info, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                            _replace_meta_update(document.doc, meta),
                            ox.serialize(meta, format=ox.RdfFormat.N_QUADS) or b"")


def store_documents(store: Store, prepared: list[PreparedDocument]) -> list[DocumentInfo]:
    """Write prepared documents: each replaces any earlier version of itself atomically; a batch
    of documents new to the store goes through the store's bulk path (``Store.add_graphs``)."""
    seen: set[str] = set()
    fresh = []
    for p in prepared:
        if p.info.graph not in seen and not store.graph_exists(p.info.graph):
            fresh.append(p)
        seen.add(p.info.graph)
    if len(fresh) > 1:
        store.add_graphs({p.info.graph: p.content for p in fresh}, meta=b"".join(p.meta for p in fresh),
                         extra_update=" ;\n".join(_clear_meta_update(p.info.doc) for p in fresh))
    else:
        fresh = []
    written = {id(p) for p in fresh}
    for p in prepared:
        if id(p) not in written:
            store.replace_graphs({p.info.graph: p.content}, extra_update=p.meta_update)
    return [p.info for p in prepared]


def ingest_document(store: Store, document: Document, *, ingested_at: datetime | None = None) -> DocumentInfo:
    """Write ``document`` to its named graph, replacing any earlier version atomically."""
    return store_documents(store, [prepare_document(document, ingested_at=ingested_at)])[0]


def _replace_meta_update(doc: str, meta: list[ox.Quad]) -> str:
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in meta)
    return f"{_clear_meta_update(doc)} ;\nINSERT DATA {{ GRAPH <{META_GRAPH}> {{\n{body}\n}} }}"


def _clear_meta_update(doc: str) -> str:
    """Forget a document's metadata and the gap findings kept for it."""
    return (f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{doc_iri(doc)}> ?p ?o }} }} ;\n"
            f"{drop_kept_update([graph_iri(doc)])}")


def delete_document(store: Store, doc: str) -> None:
    """Remove a document's graph and its metadata; NotFound if it was never ingested."""
    graph = graph_iri(doc)
    if not store.graph_exists(graph):
        raise NotFound(f"no document named {doc!r}")
    store.update(f"DROP SILENT GRAPH <{graph}> ;\n"    # SILENT: Virtuoso wants CREATE GRAPH otherwise
                 f"{_clear_meta_update(doc)}")


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
    """Every ingested document with its counts, by name (only ``doc`` when given)."""
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
