"""A client of any SPARQL 1.1 server through the Protocol: Query, Update and Graph Store.

Tested against ``oxigraph serve`` (query ``/query``, update ``/update``, graph store ``/store``);
Fuseki (``/ds/sparql``, ``/ds/update``, ``/ds/data``), GraphDB (``/repositories/R``,
``/repositories/R/statements``, ``/repositories/R/rdf-graphs/service``), Virtuoso (``/sparql``
for both, ``/sparql-graph-crud``) and QLever (query + update on one URL) speak the same
protocol. Transient failures (connection refused, 502/503/504) are retried a few times with
backoff; a server that stays down or too slow becomes one ``StoreError`` line.
"""
from __future__ import annotations

import json
import time
from collections.abc import Collection, Iterable, Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from govkg.kg.formats import media_base, rdf_format, refuse_entities
from govkg.kg.oxigraph_query import _capped, _reserialize, check_answer_size
from govkg.kg.server_engines import Engine, engine_of
from govkg.kg.store import QueryAnswer, Store, insert_data_operations
from govkg.ontology.errors import NotFound, QueryError, StoreError

RETRY_STATUS = {502, 503, 504}
JSON_RESULTS = "application/sparql-results+json"
FORM = "application/x-www-form-urlencoded"
CUT_HEADER = "x-sparql-maxrows"    # Virtuoso: the answer stops at its ResultSetMaxRows


class ServerStore(Store):
    """The ``Store`` interface over HTTP."""

    def __init__(self, query_endpoint: str, update_endpoint: str | None = None,
                 graph_store_endpoint: str | None = None, *, timeout: float = 60.0,
                 retries: int = 3, backoff: float = 0.2, client: httpx.Client | None = None,
                 max_answer_bytes: int | None = None) -> None:
        self.location = query_endpoint
        self.max_answer_bytes = max_answer_bytes
        """The largest answer read from the server: a larger one is refused while it streams in."""
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or _sibling(query_endpoint, "update") or query_endpoint
        self.graph_store_endpoint = graph_store_endpoint or _sibling(query_endpoint, "store")
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self._client = client or httpx.Client(timeout=httpx.Timeout(timeout, connect=5.0))
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """What the server is, from its ``Server`` header (asked once)."""
        if self._engine is None:
            self._engine = engine_of(self._query("ASK {}", JSON_RESULTS).headers.get("server", ""))
        return self._engine

    # ---- HTTP -------------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, timeout: float | None = None, max_bytes: int | None = None,
              **kwargs) -> httpx.Response:
        """One request, retried on connection failures and 502/503/504, errors converted; a body
        over ``max_bytes`` is refused as it streams in (never held whole)."""
        limit = httpx.Timeout(timeout or self.timeout, connect=min(5.0, timeout or 5.0))
        for attempt in range(self.retries + 1):
            try:
                response = self._request(method, url, limit, max_bytes, **kwargs)
            except (httpx.NetworkError, httpx.ConnectTimeout, httpx.RemoteProtocolError) as exc:
                # refused, reset or dropped connections: the request is retried (updates here
                # are DROP/INSERT DATA of whole graphs, so a repeat gives the same dataset)
                if attempt < self.retries:
                    time.sleep(self.backoff * 2 ** attempt)
                    continue
                raise StoreError(f"cannot reach the SPARQL server at {url}: {_one_line(exc)}") from exc
            except httpx.TimeoutException as exc:
                raise QueryError(f"query timed out after {timeout or self.timeout:g} s ({url})") from exc
            except httpx.HTTPError as exc:
                raise StoreError(f"SPARQL server error at {url}: {_one_line(exc)}") from exc
            if response.status_code in RETRY_STATUS and attempt < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
                continue
            return _checked(response, url)
        raise AssertionError("unreachable")

    def _request(self, method: str, url: str, limit: httpx.Timeout, max_bytes: int | None, **kwargs) -> httpx.Response:
        if max_bytes is None:
            return self._client.request(method, url, timeout=limit, **kwargs)
        request = self._client.build_request(method, url, timeout=limit, **kwargs)
        response = self._client.send(request, stream=True)
        try:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                check_answer_size(size, max_bytes)
                chunks.append(chunk)
        finally:
            response.close()
        return httpx.Response(response.status_code, headers=response.headers, content=b"".join(chunks),
                              request=request)

    def _query(self, sparql: str, accept: str, *, default_graph_uris: Sequence[str] = (),
               named_graph_uris: Sequence[str] = (), timeout: float | None = None) -> httpx.Response:
        form = [("query", sparql), *(("default-graph-uri", g) for g in default_graph_uris),
                *(("named-graph-uri", g) for g in named_graph_uris)]
        response = self._send("POST", self.query_endpoint, content=urlencode(form), timeout=timeout,
                              max_bytes=self.max_answer_bytes, headers={"Accept": accept, "Content-Type": FORM})
        if CUT_HEADER in response.headers:
            raise StoreError(f"the SPARQL server cut the answer at {response.headers[CUT_HEADER]} rows "
                             "(on Virtuoso raise [SPARQL] ResultSetMaxRows in virtuoso.ini)")
        return response

    # ---- SPARQL -----------------------------------------------------------------------------
    def select(self, sparql: str, *, timeout: float | None = None) -> list[dict[str, str]]:
        body = self._json(self._query(sparql, JSON_RESULTS, timeout=timeout))
        if "results" not in body:
            raise QueryError("expected a SELECT query")
        value, hidden = self.engine.value, self.engine.hidden_variables
        return [{k: value(v) for k, v in b.items() if k not in hidden} for b in body["results"]["bindings"]]

    def ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        body = self._json(self._query(sparql, JSON_RESULTS, timeout=timeout))
        answer = self.engine.boolean(body)
        if answer is None:
            raise QueryError("expected an ASK query")
        return answer

    def query_serialized(self, sparql: str, media_type: str, *, default_graph_uris: Sequence[str] = (),
                         named_graph_uris: Sequence[str] = (), timeout: float | None = None,
                         max_results: int | None = None) -> QueryAnswer:
        graphs = {"default_graph_uris": default_graph_uris, "named_graph_uris": named_graph_uris}
        if max_results is None and not self.engine.virtuoso:   # Virtuoso's answers are read and rewritten
            response = self._query(sparql, media_type, timeout=timeout, **graphs)
            return QueryAnswer(response.content, response.headers.get("content-type", media_type))
        accept = f"{JSON_RESULTS}, application/n-triples;q=0.9"
        if self.engine.virtuoso and _is_rdf(media_type):
            accept = "application/n-triples"    # Virtuoso answers CONSTRUCT in JSON results if let
        response = self._query(sparql, accept, timeout=timeout, **graphs)
        return _capped_answer(response, self._standard_json(response), media_type, max_results)

    def update(self, sparql: str, *, using_graph_uris: Sequence[str] = (),
               using_named_graph_uris: Sequence[str] = (), writes: Collection[str | None] | None = None) -> None:
        form = [("update", sparql), *(("using-graph-uri", g) for g in using_graph_uris),
                *(("using-named-graph-uri", g) for g in using_named_graph_uris)]
        self._send("POST", self.update_endpoint, content=urlencode(form), headers={"Content-Type": FORM})

    def _standard_json(self, response: httpx.Response) -> bytes:
        """A SPARQL JSON answer as the standard writes it (see ``govkg.kg.server_engines``)."""
        if not self.engine.virtuoso or media_base(response.headers.get("content-type", "")) != JSON_RESULTS:
            return response.content
        return json.dumps(self.engine.results_json(self._json(response))).encode()

    @staticmethod
    def _json(response: httpx.Response) -> dict:
        try:
            return response.json()
        except ValueError as exc:
            raise StoreError("the SPARQL server did not answer in SPARQL JSON") from exc

    # ---- Graph Store ------------------------------------------------------------------------
    def _graph_params(self, graph: str | None) -> dict[str, str]:
        return {"default": ""} if graph is None else {"graph": graph}

    def graph_exists(self, graph: str) -> bool:
        return self.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")

    def graph_get(self, graph: str | None, media_type: str) -> bytes:
        fmt = rdf_format(media_type)
        if self.graph_store_endpoint:
            return self._gsp("GET", graph, headers={"Accept": fmt.media_type}).content
        if graph is not None and not self.graph_exists(graph):
            raise NotFound(f"no graph {graph}")
        where = "{ ?s ?p ?o }" if graph is None else f"{{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        return self._query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}", fmt.media_type).content

    def _gsp(self, method: str, graph: str | None, **kwargs) -> httpx.Response:
        try:
            return self._send(method, self.graph_store_endpoint, params=self._graph_params(graph), **kwargs)
        except NotFound:
            raise NotFound(f"no graph {graph}") from None

    def graph_put(self, graph: str | None, data: bytes, media_type: str) -> bool:
        body = _to_ntriples(data, media_type)    # parse here: bad data never reaches the server
        if self.graph_store_endpoint:
            response = self._gsp("PUT", graph, content=body, headers={"Content-Type": "application/n-triples"})
            return response.status_code == 201
        created = graph is not None and not self.graph_exists(graph)
        self.replace_graphs({graph: body})
        return created

    def graph_post(self, graph: str | None, data: bytes, media_type: str) -> bool:
        body = _to_ntriples(data, media_type)
        if self.graph_store_endpoint:
            response = self._gsp("POST", graph, content=body, headers={"Content-Type": "application/n-triples"})
            return response.status_code == 201
        created = graph is not None and not self.graph_exists(graph)
        operations = insert_data_operations(graph, body)
        if operations:
            self.update(" ;\n".join(operations))
        return created

    def graph_delete(self, graph: str | None) -> None:
        if self.graph_store_endpoint:
            self._gsp("DELETE", graph)
            return
        if graph is not None and not self.graph_exists(graph):
            raise NotFound(f"no graph {graph}")
        # SILENT: the graph was just seen; Virtuoso refuses a plain DROP of a graph that
        # an INSERT made rather than CREATE GRAPH
        self.update("DROP SILENT DEFAULT" if graph is None else f"DROP SILENT GRAPH <{graph}>")

    # ---- Documents and datasets -------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        """The named graphs of the data (not those the engine keeps for itself)."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"] for row in rows if not self.engine.own_graph(row["g"]))

    def dump(self, media_type: str) -> bytes:
        """Every named graph (through SELECT, which every server answers), plus the default
        graph from the Graph Store endpoint when there is one and it is a graph of its own
        (on Virtuoso it is the union of all graphs)."""
        fmt = rdf_format(media_type, dataset=True)
        response = self._query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", JSON_RESULTS)
        own = self.engine.own_graph
        quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"])
                 for row in ox.parse_query_results(self._standard_json(response),
                                                   format=ox.QueryResultsFormat.JSON)
                 if not own(row["g"].value)]
        if not self.engine.union_default_graph:
            quads += [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ox.parse(
                self.graph_get(None, "application/n-triples"), format=ox.RdfFormat.N_TRIPLES)]
        return ox.serialize(quads, format=fmt) or b""

    def load(self, data: bytes | Iterable[bytes], media_type: str) -> int:
        from govkg.kg.dataset import parse_dataset
        raw = data if isinstance(data, bytes) else b"".join(data)
        graphs = parse_dataset(raw, media_type)
        for graph, triples in graphs.items():
            self.graph_post(graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                            "application/n-triples")
        return sum(len(t) for t in graphs.values())

    def close(self) -> None:
        self._client.close()


def _sibling(query_endpoint: str, name: str) -> str | None:
    """Oxigraph's layout: ``…/query`` -> ``…/update`` and ``…/store``."""
    if query_endpoint.rstrip("/").endswith("/query"):
        return query_endpoint.rstrip("/")[: -len("query")] + name
    return None


def _checked(response: httpx.Response, url: str) -> httpx.Response:
    status = response.status_code
    if status < 400:
        return response
    message = _one_line(response.text)[:300] or response.reason_phrase
    if status == 404:
        raise NotFound(f"not found at {url}: {message}")
    if status in (400, 406, 415, 422):
        raise QueryError(f"the SPARQL server refused the request: {message}")
    raise StoreError(f"the SPARQL server at {url} answered {status}: {message}")


def _capped_answer(response: httpx.Response, body: bytes, media_type: str, max_results: int | None) -> QueryAnswer:
    kind = media_base(response.headers.get("content-type", JSON_RESULTS))
    if kind == "application/n-triples":
        fmt = rdf_format(media_type)
        try:
            triples = _capped(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES), max_results, "triples")
        except SyntaxError:
            raise QueryError(f"{media_base(media_type)} is for CONSTRUCT and DESCRIBE answers") from None
        return QueryAnswer(ox.serialize(triples, format=fmt) or b"", fmt.media_type)
    from govkg.kg.formats import result_format
    fmt = result_format(media_type)
    result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer(result.serialize(format=fmt), fmt.media_type)
    variables = list(result.variables)
    rows = _capped(result, max_results, "rows")
    return QueryAnswer(_reserialize(variables, rows, fmt), fmt.media_type)


def _is_rdf(media_type: str) -> bool:
    try:
        rdf_format(media_type)
    except QueryError:
        return False
    return True


def _to_ntriples(data: bytes, media_type: str) -> bytes:
    fmt = rdf_format(media_type)
    refuse_entities(data, fmt)
    try:
        triples = list(ox.parse(data, format=fmt))
    except SyntaxError as exc:
        raise QueryError(f"cannot parse {media_base(media_type)}: {_one_line(exc)}") from exc
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())
