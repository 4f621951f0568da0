"""The ``Store`` interface: where the graph lives.

Two implementations share it: the embedded Oxigraph store (a folder on disk, the default)
and a client of any SPARQL 1.1 Protocol server (Query + Update + Graph Store). Everything
above ``kg`` talks to a ``Store`` only, so a contract test suite can run against both.

Graphs are named by IRI strings; ``None`` names the default graph. Serialized bodies are
bytes with a media type, so the HTTP layer can pass them through untouched.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

Kept = TypeVar("Kept")


@dataclass(frozen=True)
class QueryAnswer:
    """A serialized SPARQL answer: the body and its media type; where a query worker wrote it,
    the CPU seconds the engine spent on it there (``engine_seconds``)."""

    body: bytes
    media_type: str
    engine_seconds: float | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DocumentInfo:
    """What the store knows of one ingested document."""

    doc: str
    graph: str
    triples: int
    norms: int
    title: str = ""
    lang: str = ""
    source: str = ""
    ingested: str = ""     # xsd:dateTime of the last ingest


class Store(ABC):
    """A quad store with SPARQL 1.1 query and update."""

    location: str = ""

    # ---- SPARQL -------------------------------------------------------------------------
    @abstractmethod
    def select(self, sparql: str, *, timeout: float | None = None) -> list[dict[str, str]]:
        """Run a SELECT and return its rows as plain strings (unbound variables left out).
        Raises QueryError on a malformed or timed-out query, StoreError on a store failure."""

    @abstractmethod
    def ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        """Run an ASK query."""

    @abstractmethod
    def query_serialized(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
        max_results: int | None = None,
    ) -> QueryAnswer:
        """Run any query form and serialize the answer in ``media_type`` (a SPARQL results
        format for SELECT/ASK, an RDF format for CONSTRUCT/DESCRIBE)."""

    def answer_at_once(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        max_results: int | None = None,
    ) -> QueryAnswer | None:
        """The answer of a query known to take the engine a moment on the present data, written
        at once in this thread; None for any other query (by default: every one), which then
        goes through ``query_serialized_async`` with its timeout."""
        return None

    async def query_serialized_async(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout: float | None = None,
        max_results: int | None = None,
    ) -> QueryAnswer:
        """``query_serialized`` for an event loop (by default in a worker thread)."""
        import asyncio
        return await asyncio.to_thread(
            self.query_serialized, sparql, media_type, default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris, timeout=timeout, max_results=max_results)

    @abstractmethod
    def update(
        self,
        sparql: str,
        *,
        using_graph_uris: Sequence[str] = (),
        using_named_graph_uris: Sequence[str] = (),
        writes: Collection[str | None] | None = None,
    ) -> None:
        """Run a SPARQL 1.1 Update. ``writes`` names the graphs it may change (None for the
        default graph), where the caller knows them; without it any graph may have changed."""

    def warm_up(self) -> None:
        """Get ready to serve queries (start worker processes, say); by default nothing."""

    def check_update(self, sparql: str, *, timeout: float | None = None) -> None:
        """Refuse, with a QueryError, an update that must not reach the store's own process
        (it would crash its parser); by default nothing is checked (a server parses in a
        process of its own)."""

    # ---- Graph Store ----------------------------------------------------------------------
    @abstractmethod
    def graph_get(self, graph: str | None, media_type: str) -> bytes:
        """Serialize one graph; raises NotFound for a named graph that does not exist."""

    @abstractmethod
    def graph_put(self, graph: str | None, data: bytes, media_type: str) -> bool:
        """Replace a graph with parsed data; returns True if the graph was created."""

    @abstractmethod
    def graph_post(self, graph: str | None, data: bytes, media_type: str) -> bool:
        """Merge parsed data into a graph; returns True if the graph was created."""

    @abstractmethod
    def graph_delete(self, graph: str | None) -> None:
        """Drop a graph; raises NotFound for a named graph that does not exist."""

    @abstractmethod
    def graph_exists(self, graph: str) -> bool:
        """Whether a named graph holds any quad."""

    # ---- Documents and datasets -----------------------------------------------------------
    def replace_graphs(self, graphs: dict[str | None, bytes], *, extra_update: str = "",
                       extra_writes: Collection[str | None] | None = None) -> None:
        """Atomically replace each named graph by the N-Triples given for it: readers see
        either all old or all new graphs, never a mix. ``extra_update`` (SPARQL Update
        operations) runs in the same transaction, after the replacement; ``extra_writes`` names
        the graphs it changes (as ``update``'s ``writes``)."""
        text = replace_graphs_update(graphs, extra_update)
        if text:
            self.update(text, writes=written_graphs(graphs, extra_update, extra_writes))

    def add_graphs(self, graphs: dict[str, bytes], *, extra_update: str = "", meta: bytes = b"",
                   extra_writes: Collection[str | None] | None = None) -> None:
        """Store N-Triples in named graphs that do not exist yet, with ``meta`` (N-Quads of the
        meta graph) once ``extra_update`` has run: the bulk path of ingest. By default one
        atomic update per graph (a server may refuse one update of many documents); a store may
        load faster where no reader can see a half-written batch. ``extra_writes`` names the
        graphs ``extra_update`` changes."""
        if extra_update.strip():
            self.update(extra_update, writes=extra_writes)
        for graph, data in graphs.items():
            self.replace_graphs({graph: data})
        if meta.strip():
            by_graph = _by_graph(meta)
            self.update(" ;\n".join(op for graph, data in by_graph.items()
                                     for op in insert_data_operations(graph, data)), writes=set(by_graph))

    @abstractmethod
    def named_graphs(self) -> list[str]:
        """The IRIs of all named graphs."""

    @abstractmethod
    def dump(self, media_type: str) -> bytes:
        """The whole dataset as N-Quads or TriG."""

    @abstractmethod
    def load(self, data: bytes | Iterable[bytes], media_type: str) -> int:
        """Add a dataset (N-Quads or TriG); returns the number of quads read."""

    def data_version(self) -> Hashable | None:
        """A number that changes whenever the data may have changed, for caching answers that
        depend only on the data; None where other writers may change it unseen (a server)."""
        return None

    def graph_version(self, graph: str | None) -> tuple[object, int] | None:
        """(this store, how many writes may have changed ``graph`` so far), for caching what
        depends on one graph: a write that named its graphs counts for those, any other write
        for every graph. None where other writers may change it unseen (a server)."""
        return None

    def close(self) -> None:
        """Release the store (flush, unlock)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


INSERT_CHUNK = 1000
"""Triples per INSERT DATA operation. One operation of a whole document is more than some
engines compile (Virtuoso 7 stops at 10,000 lines of generated SQL, about 2,000-4,000
triples); bounded operations in one request load a document of any size."""


def written_graphs(graphs: Iterable[str | None], extra_update: str = "",
                   extra_writes: Collection[str | None] | None = None) -> set[str | None] | None:
    """The graphs a replacement writes: its own and ``extra_writes``; None (any graph) when an
    ``extra_update`` does not say what it writes."""
    if extra_update.strip() and extra_writes is None:
        return None
    return {*graphs, *(extra_writes or ())}


def replace_graphs_update(graphs: dict[str | None, bytes], extra_update: str = "") -> str:
    """One SPARQL Update request (one transaction on Oxigraph and most servers) that drops each
    graph and inserts its new N-Triples in operations of at most ``INSERT_CHUNK`` triples, then
    runs ``extra_update``."""
    parts = []
    for graph, data in graphs.items():
        target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        parts.append(f"DROP SILENT {target}")
        parts += insert_data_operations(graph, data)
    if extra_update.strip():
        parts.append(extra_update)
    return " ;\n".join(parts)


def insert_data_operations(graph: str | None, data: bytes) -> list[str]:
    """``INSERT DATA`` operations for N-Triples (one triple a line), ``INSERT_CHUNK`` at a time."""
    lines = [line for line in data.decode("utf-8").splitlines() if line.strip()]
    operations = []
    for start in range(0, len(lines), INSERT_CHUNK):
        body = "\n".join(lines[start:start + INSERT_CHUNK]) + "\n"
        wrap = f"GRAPH <{graph}> {{\n{body}}}" if graph is not None else body
        operations.append(f"INSERT DATA {{\n{wrap}}}")
    return operations


def _by_graph(nquads: bytes) -> dict[str | None, bytes]:
    """N-Quads split into the N-Triples of each graph (None: the default graph)."""
    import pyoxigraph as ox
    triples: dict[str | None, list] = {}
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        triples.setdefault(graph, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return {graph: ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) or b"" for graph, items in triples.items()}


def kept_while_unchanged(store: Store, kept: dict, key: Hashable, compute: Callable[[], Kept]) -> Kept:
    """``compute()``, kept in ``kept`` under ``key`` for the store's current data version: entries of
    other versions are dropped (they can never be asked for again); computed afresh where the store
    has no version (a server that others may write to)."""
    version = store.data_version()
    if version is None:
        return compute()
    for stale in [k for k in kept if k[0] != version]:
        del kept[stale]
    if (version, key) not in kept:
        kept[version, key] = compute()
    return kept[version, key]
