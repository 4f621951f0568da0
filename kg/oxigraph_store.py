"""The embedded store: pyoxigraph on disk (RocksDB), or in memory when no folder is given."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.formats import media_base, rdf_format, result_format
from kg.store import QueryAnswer, Store
from ontology.errors import NotFound, QueryError, StoreError
from ontology.namespaces import PREFIXES


def _graph_name(graph: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if graph is None else ox.NamedNode(graph)


class OxigraphStore(Store):
    """pyoxigraph's Store behind the govkg ``Store`` interface."""

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False) -> None:
        self.location = str(location or "")
        try:
            if location is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(location))
            else:
                Path(location).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(location))
        except OSError as exc:
            raise StoreError(f"cannot open the store in {location}: {exc}") from exc

    # ---- SPARQL -------------------------------------------------------------------------
    def _query(self, sparql: str, default_graph_uris: Sequence[str] = (),
               named_graph_uris: Sequence[str] = ()):
        kwargs: dict = {"prefixes": PREFIXES}
        if default_graph_uris:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph_uris]
        if named_graph_uris:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graph_uris]
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def select(self, sparql: str, *, timeout: float | None = None) -> list[dict[str, str]]:
        result = self._query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term.value
            rows.append(row)
        return rows

    def ask(self, sparql: str, *, timeout: float | None = None) -> bool:
        result = self._query(sparql)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def query_serialized(self, sparql: str, media_type: str, *, default_graph_uris: Sequence[str] = (),
                         named_graph_uris: Sequence[str] = (), timeout: float | None = None,
                         max_results: int | None = None) -> QueryAnswer:
        result = self._query(sparql, default_graph_uris, named_graph_uris)
        if isinstance(result, ox.QueryTriples):
            fmt = rdf_format(media_type)
            return QueryAnswer(result.serialize(format=fmt), fmt.media_type)
        fmt = result_format(media_type)
        return QueryAnswer(result.serialize(format=fmt), fmt.media_type)

    def update(self, sparql: str, *, using_graph_uris: Sequence[str] = (),
               using_named_graph_uris: Sequence[str] = ()) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exc}") from exc
        except (OSError, ValueError) as exc:
            raise QueryError(f"update failed: {exc}") from exc

    # ---- Graph Store ----------------------------------------------------------------------
    def graph_exists(self, graph: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def graph_get(self, graph: str | None, media_type: str) -> bytes:
        if graph is not None and not self.graph_exists(graph):
            raise NotFound(f"no graph {graph}")
        return self._store.dump(format=rdf_format(media_type), from_graph=_graph_name(graph))

    def _parse(self, data: bytes, media_type: str, graph: str | None) -> list[ox.Quad]:
        name = _graph_name(graph)
        try:
            return [ox.Quad(q.subject, q.predicate, q.object, name)
                    for q in ox.parse(data, format=rdf_format(media_type))]
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_base(media_type)}: {exc}") from exc

    def graph_put(self, graph: str | None, data: bytes, media_type: str) -> bool:
        quads = self._parse(data, media_type, graph)
        created = graph is not None and not self.graph_exists(graph)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        self.replace_graphs({graph: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""})
        if graph is not None:
            self._store.add_graph(ox.NamedNode(graph))
        return created

    def graph_post(self, graph: str | None, data: bytes, media_type: str) -> bool:
        quads = self._parse(data, media_type, graph)
        created = graph is not None and not self.graph_exists(graph)
        if graph is not None:
            self._store.add_graph(ox.NamedNode(graph))
        self._store.extend(quads)
        return created

    def graph_delete(self, graph: str | None) -> None:
        if graph is None:
            self._store.clear_graph(ox.DefaultGraph())
            return
        if not self.graph_exists(graph):
            raise NotFound(f"no graph {graph}")
        self._store.remove_graph(ox.NamedNode(graph))

    # ---- Documents and datasets -----------------------------------------------------------
    def replace_graphs(self, graphs: dict[str | None, bytes]) -> None:
        """One SPARQL update (one transaction): DROP each graph, INSERT DATA its new content."""
        parts = []
        for graph, data in graphs.items():
            target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
            body = data.decode("utf-8")
            parts.append(f"DROP SILENT {target}")
            if body.strip():
                wrap = f"GRAPH <{graph}> {{ {body} }}" if graph is not None else body
                parts.append(f"INSERT DATA {{ {wrap} }}")
        if parts:
            try:
                self._store.update(" ;\n".join(parts))
            except (SyntaxError, OSError) as exc:
                raise StoreError(f"cannot write graphs: {exc}") from exc

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def dump(self, media_type: str) -> bytes:
        return self._store.dump(format=rdf_format(media_type, dataset=True))

    def load(self, data: bytes | Iterable[bytes], media_type: str) -> int:
        if not isinstance(data, bytes):
            data = b"".join(data)
        try:
            quads = list(ox.parse(data, format=rdf_format(media_type, dataset=True)))
        except SyntaxError as exc:
            raise QueryError(f"cannot parse {media_base(media_type)}: {exc}") from exc
        self._store.extend(quads)
        return len(quads)

    def close(self) -> None:
        try:
            self._store.flush()
        except OSError:
            pass
