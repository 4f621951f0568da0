"""The embedded store: pyoxigraph on disk (RocksDB), or in memory when no folder is given."""
from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from govkg.kg.formats import media_base, rdf_format, refuse_entities
from govkg.kg.oxigraph_query import QueryRequest, check_answer_size, execute, named_node
from govkg.kg.proven_light import ProvenLight
from govkg.kg.query_context import is_light
from govkg.kg.query_lanes import FastLane
from govkg.kg.query_pool import SERVICE_NICENESS, WORKER_NICENESS, QueryPool
from govkg.kg.store import QueryAnswer, Store
from govkg.ontology.errors import NotFound, QueryError, StoreError
from govkg.ontology.namespaces import PREFIXES


def _graph_name(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else named_node(graph)


def _open(location: str | Path | None, read_only: bool) -> ox.Store:
    if location is None:
        return ox.Store()
    if read_only:
        if not Path(location, "CURRENT").exists():
            raise StoreError(f"no store in {location} (ingest some documents first)")
        return ox.Store.read_only(str(location))
    Path(location).mkdir(parents=True, exist_ok=True)
    return ox.Store(str(location))


class OxigraphStore(Store):
    """pyoxigraph's Store behind the govkg ``Store`` interface.

    Queries without a timeout run in this process. Queries with one run in a ``QueryPool``
    worker (a read-only view of the same folder, with no network) that is killed when the
    time is up; an in-memory store has no folder to share and ignores timeouts.
    ``query_timeout`` is the timeout of a call that gives none: a service sets it, so that
    every query runs in a worker, where a query that crashes pyoxigraph costs one request
    and not the process. ``max_answer_bytes`` refuses a larger serialized answer (a select's
    rows included) while it is written. ``max_results`` refuses larger answers with a QueryError (see
    ``govkg.kg.oxigraph_query``).
    """

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False,
                 query_workers: int = 2, query_timeout: float | None = None,
                 max_answer_bytes: int | None = None, service_workers: int = 3) -> None:
        self.location = str(location or "")
        self.read_only = read_only
        self.query_timeout = query_timeout
        self.max_answer_bytes = max_answer_bytes
        try:
            self._store = _open(location, read_only)
        except (OSError, RuntimeError) as exc:     # RocksDB: "Column family not found" on a half-created folder
            raise StoreError(_open_error(location, exc)) from exc
        folder = str(location) if location is not None else None
        self._pool = QueryPool(folder, query_workers, niceness=WORKER_NICENESS) if folder else None
        self._service_pool = QueryPool(folder, service_workers, niceness=SERVICE_NICENESS) if folder else None
        self._lane = FastLane(QueryPool(folder, 2)) if folder else None
        self._proven = ProvenLight()
        self.answered_here = 0
        """SPARQL requests answered in this process, proven light by a worker (for tests and benchmarks)."""
        self._generation = 0
        self._dirty = False
        self._written_lock = threading.Lock()
        self._version = 0
        self._every_graph = 0          # writes that did not say which graphs they change
        self._graph_writes: dict[str | None, int] = {}
        self._instance = object()      # names this store in cache keys: ids of dead objects come back

    def _mark_written(self, graphs: Iterable[str | None] | None = None) -> None:
        """Count a write, of ``graphs`` (None: of any graph)."""
        with self._written_lock:
            self._dirty = True
            self._version += 1
            if graphs is None:
                self._every_graph += 1
            for graph in graphs or ():
                self._graph_writes[graph] = self._graph_writes.get(graph, 0) + 1

    def data_version(self) -> tuple[object, int]:
        """Changes with every write through this store; this process is the only writer (the
        folder is locked), and a read-only store is a snapshot, so equal versions mean equal data."""
        return self._instance, self._version

    def graph_version(self, graph: str | None) -> tuple[object, int]:
        with self._written_lock:
            return self._instance, self._every_graph + self._graph_writes.get(graph, 0)

    # ---- SPARQL -------------------------------------------------------------------------
    def _execute(self, request: QueryRequest, timeout: float | None, since: float | None = None):
        """Run ``request``: in a worker when there is a timeout (counted from ``since``, a
        monotonic time, by default now), else in this process. A call that gives its own
        timeout (the SPARQL endpoint's queries) and one that takes ``query_timeout`` (the
        service's own: REST, pages, the gap report) have pools of their own, so that heavy
        SPARQL queries holding every worker of theirs leave the service's pages light. Queries
        light by construction (``govkg.kg.query_context.LIGHT``) may take the fast lane while their
        pool is busy (``govkg.kg.query_lanes``)."""
        pool = self._pool if timeout is not None else self._service_pool
        timeout = self.query_timeout if timeout is None else timeout
        if timeout is None or pool is None:
            return execute(self._store, request)
        if timeout <= 0:
            raise QueryError("the query timeout must be positive")
        if self._dirty:
            self._store.flush()            # a worker's fresh read-only view must see the writes
            self._generation += 1
            self._dirty = False
        if self._lane is not None and is_light():
            return self._lane.run(pool, request, generation=self._generation, timeout=timeout, since=since)
        return pool.run(request, generation=self._generation, timeout=timeout, since=since)

    def select(self, sparql: str, *, timeout: float | None = None) -> list[dict[str, str]]:
        return self._execute(QueryRequest("select", sparql, max_bytes=self.max_answer_bytes), timeout)

    def ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        return self._execute(QueryRequest("ask", sparql), timeout)

    def query_serialized(self, sparql: str, media_type: str, *, default_graph_uris: Sequence[str] = (),
                         named_graph_uris: Sequence[str] = (), timeout: float | None = None,
                         max_results: int | None = None) -> QueryAnswer:
        request = QueryRequest("serialized", sparql, media_type, tuple(default_graph_uris),
                               tuple(named_graph_uris), max_results, self.max_answer_bytes)
        return self._execute(request, timeout)

    async def query_serialized_async(self, sparql: str, media_type: str, *, default_graph_uris: Sequence[str] = (),
                                     named_graph_uris: Sequence[str] = (), timeout: float | None = None,
                                     max_results: int | None = None) -> QueryAnswer:
        """``query_serialized`` for an event loop: a worker's answer is awaited on the loop
        itself; anything that may block (a flush after writes, an in-process query) runs in a
        thread, and the wait for that thread counts against the timeout. A worker's answer
        within milliseconds proves its request light on this data: ``answer_at_once`` then
        writes it here (``govkg.kg.proven_light``)."""
        since = time.monotonic()
        request = QueryRequest("serialized", sparql, media_type, tuple(default_graph_uris),
                               tuple(named_graph_uris), max_results, self.max_answer_bytes)
        if self._pool is None or timeout is None or self._dirty:
            return await asyncio.to_thread(self._execute, request, timeout, since)
        if timeout <= 0:
            raise QueryError("the query timeout must be positive")
        generation = self._generation
        if self._lane is not None and is_light():
            answer = await self._lane.run_async(self._pool, request, generation=generation, timeout=timeout)
        else:
            answer = await self._pool.run_async(request, generation=generation, timeout=timeout)
        self._proven.answered(request, generation, answer.engine_seconds)
        return answer

    def answer_at_once(self, sparql: str, media_type: str, *, default_graph_uris: Sequence[str] = (),
                       named_graph_uris: Sequence[str] = (), max_results: int | None = None) -> QueryAnswer | None:
        """The answer, written here, of a request a query worker has answered within
        milliseconds on the same data (``govkg.kg.proven_light``); None for any other."""
        if self._pool is None or self._dirty:
            return None
        request = QueryRequest("serialized", sparql, media_type, tuple(default_graph_uris),
                               tuple(named_graph_uris), max_results, self.max_answer_bytes)
        if not self._proven.proven(request, self._generation):
            return None
        self.answered_here += 1
        # the same answer a worker wrote within the byte cap: written in one call, then measured
        answer = execute(self._store, QueryRequest("serialized", sparql, media_type, request.default_graph_uris,
                                                   request.named_graph_uris, max_results))
        check_answer_size(len(answer.body), self.max_answer_bytes)
        return answer

    def warm_up(self) -> None:
        """Start the query workers now and keep their number up (``QueryPool.warm``): for a
        service, whose queries should not wait for a worker to start."""
        for pool in (self._pool, self._service_pool, self._lane):
            if pool is not None:
                pool.warm()

    def check_update(self, sparql: str, *, timeout: float | None = None) -> None:
        """Have pyoxigraph's parser read ``sparql`` in a query worker before this process runs
        it (``govkg.kg.oxigraph_query.check_update``): an update that crashes the parser, or that it
        refuses, is refused here with a QueryError and nothing is written. Without a worker
        (a store in memory) there is nothing to check with, and the update runs unchecked."""
        timeout = self.query_timeout if timeout is None else timeout
        if self._pool is None:
            return
        request = QueryRequest("check-update", sparql)
        self._pool.run(request, generation=self._generation, timeout=timeout or 30.0)

    def update(self, sparql: str, *, using_graph_uris: Sequence[str] = (),
               using_named_graph_uris: Sequence[str] = (), writes: Collection[str | None] | None = None) -> None:
        self._check_writable()
        if using_graph_uris or using_named_graph_uris:
            raise QueryError("using-graph-uri / using-named-graph-uri are not supported by the embedded store")
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {_one_line(exc)}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"update failed: {_one_line(exc)}") from exc
        self._mark_written(writes)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store in {self.location} is open read-only "
                             "(another govkg process holds it; stop `govkg serve` to write, or write through its API)")

    # ---- Graph Store ----------------------------------------------------------------------
    def graph_exists(self, graph: str) -> bool:
        return self._store.contains_named_graph(named_node(graph))

    def graph_get(self, graph: str | None, media_type: str) -> bytes:
        if graph is not None and not self.graph_exists(graph):
            raise NotFound(f"no graph {graph}")
        return self._store.dump(format=rdf_format(media_type), from_graph=_graph_name(graph))

    def _parse(self, data: bytes, media_type: str, graph: str | None) -> list[ox.Quad]:
        name = _graph_name(graph)
        fmt = rdf_format(media_type)
        refuse_entities(data, fmt)
        try:
            return [ox.Quad(q.subject, q.predicate, q.object, name) for q in ox.parse(data, format=fmt)]
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_base(media_type)}: {exc}") from exc

    def graph_put(self, graph: str | None, data: bytes, media_type: str) -> bool:
        self._check_writable()
        quads = self._parse(data, media_type, graph)
        created = graph is not None and not self.graph_exists(graph)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        self.replace_graphs({graph: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""})
        if graph is not None:
            self._store.add_graph(named_node(graph))
        return created

    def graph_post(self, graph: str | None, data: bytes, media_type: str) -> bool:
        self._check_writable()
        quads = self._parse(data, media_type, graph)
        created = graph is not None and not self.graph_exists(graph)
        if graph is not None:
            self._store.add_graph(named_node(graph))
        self._store.extend(quads)
        self._mark_written([graph])
        return created

    def graph_delete(self, graph: str | None) -> None:
        self._check_writable()
        self._mark_written([graph])
        if graph is None:
            self._store.clear_graph(ox.DefaultGraph())
            return
        if not self.graph_exists(graph):
            raise NotFound(f"no graph {graph}")
        self._store.remove_graph(named_node(graph))

    # ---- Documents and datasets -----------------------------------------------------------
    def add_graphs(self, graphs: dict[str, bytes], *, extra_update: str = "", meta: bytes = b"",
                   extra_writes: Collection[str | None] | None = None) -> None:
        """New graphs, with their ``meta`` N-Quads, in one call of RocksDB's bulk loader (about
        3x a SPARQL ``INSERT DATA``), which ingests a batch of this size all at once or not at all:
        a process killed mid-way leaves each document whole or absent. ``extra_update`` runs first
        (it clears stale metadata). Query workers read a snapshot refreshed only after the batch;
        if the load fails, the new graphs are removed again and nothing stored before is touched."""
        self._check_writable()
        if any(self.graph_exists(graph) for graph in graphs):
            raise StoreError("add_graphs is for new graphs only: use replace_graphs")
        if extra_update.strip():
            self.update(extra_update, writes=extra_writes)
        # one copy of the batch, held while the loader sorts it (which costs several times as much)
        quads = b"".join([*(data.replace(b" .\n", f" <{graph}> .\n".encode()) for graph, data in graphs.items()), meta])
        self._mark_written([*graphs, *_meta_graphs(meta)])
        try:
            self._store.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            for graph in graphs:
                self._store.remove_graph(ox.NamedNode(graph))
            raise StoreError(f"bulk load failed: {_one_line(exc)}") from exc

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, media_type: str) -> bytes:
        return self._store.dump(format=rdf_format(media_type, dataset=True))

    def load(self, data: bytes | Iterable[bytes], media_type: str) -> int:
        self._check_writable()
        if not isinstance(data, bytes):
            data = b"".join(data)
        try:
            quads = list(ox.parse(data, format=rdf_format(media_type, dataset=True)))
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_base(media_type)}: {exc}") from exc
        self._store.extend(quads)
        self._mark_written()
        return len(quads)

    def close(self) -> None:
        for pool in (self._pool, self._service_pool, self._lane):
            if pool is not None:
                pool.close()
        if self._store is None:
            return
        if not self.read_only:
            try:
                self._store.flush()
            except OSError:
                pass
        self._store = None     # drops the RocksDB lock, so another process may open the folder


def _meta_graphs(meta: bytes) -> set[str | None]:
    """The graphs of N-Quads (None for the default graph)."""
    return {q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
            for q in ox.parse(meta, format=ox.RdfFormat.N_QUADS)} if meta.strip() else set()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _open_error(location: object, exc: OSError) -> str:
    message = _one_line(exc)
    if "lock" in message.lower():
        return (f"the store in {location} is in use by another process (is `govkg serve` running?); "
                "read commands open it read-only, writes must wait or go through the server's API")
    return f"cannot open the store in {location}: {message}"
