"""Replace the whole dataset in one transaction (Graph Store PUT without a graph name)."""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from govkg.kg.formats import media_base, rdf_format
from govkg.kg.store import Store
from govkg.ontology.errors import QueryError


def split_graphs(data: bytes, media_type: str) -> dict[str | None, bytes]:
    """N-Quads or TriG (or a plain graph format, read into the default graph) as N-Triples
    per graph name (None = the default graph). Raises QueryError on a parse error."""
    triples: dict[str | None, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(data, format=rdf_format(media_type, dataset=True)):
            graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            triples[graph].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    except SyntaxError as exc:
        raise QueryError(f"cannot parse {media_base(media_type)}: {exc}") from exc
    return {graph: ox.serialize(items, format=ox.RdfFormat.N_TRIPLES) or b"" for graph, items in triples.items()}


def replace_dataset(store: Store, data: bytes, media_type: str) -> None:
    """Every graph of the store replaced by the graphs of ``data``; graphs it lacks are emptied.
    The body is parsed before anything is written, so a bad body changes nothing."""
    new = split_graphs(data, media_type)
    graphs: dict[str | None, bytes] = {None: b"", **{g: b"" for g in store.named_graphs()}}
    graphs.update(new)
    store.replace_graphs(graphs)
