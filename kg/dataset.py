"""Export and import of the whole dataset (N-Quads, TriG): a lossless round trip.

Import replaces each graph the file holds (atomically, in one update) and merges the meta
graph per document, so importing one document's export does not forget the others.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from govkg.kg.formats import media_base, rdf_format
from govkg.kg.kept_findings import FINDINGS_GRAPH, drop_kept_update, without_kept
from govkg.kg.mapping import META_GRAPH
from govkg.kg.store import Store
from govkg.ontology.errors import QueryError

SUFFIX_MEDIA = {".nq": "application/n-quads", ".nquads": "application/n-quads", ".trig": "application/trig"}


def media_for_path(path: Path) -> str:
    """The dataset media type of a file by its suffix."""
    try:
        return SUFFIX_MEDIA[path.suffix.lower()]
    except KeyError:
        raise QueryError(f"cannot tell the format of {path.name}: use --format nquads or trig") from None


def export_dataset(store: Store, media_type: str = "application/n-quads") -> bytes:
    """Every quad of every graph (and the default graph) in N-Quads or TriG, less the kept gap
    findings (derived data, computed again where they are missing)."""
    data = store.dump(media_type)
    if FINDINGS_GRAPH.encode() not in data:
        return data
    fmt = rdf_format(media_type, dataset=True)
    return ox.serialize(without_kept(ox.parse(data, format=fmt)), format=fmt) or b""


def parse_dataset(data: bytes, media_type: str) -> dict[str | None, list[ox.Triple]]:
    """Quads grouped by graph name (None for the default graph)."""
    fmt = rdf_format(media_type, dataset=True)
    graphs: dict[str | None, list[ox.Triple]] = defaultdict(list)
    try:
        for quad in ox.parse(data, format=fmt):
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            graphs[name].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    except SyntaxError as exc:
        raise QueryError(f"cannot parse {media_base(media_type)}: {' '.join(str(exc).split())}") from exc
    return graphs


def import_dataset(store: Store, data: bytes, media_type: str) -> int:
    """Load a dataset; returns the number of graphs it held."""
    graphs = parse_dataset(data, media_type)
    meta = graphs.pop(META_GRAPH, [])
    graphs.pop(FINDINGS_GRAPH, None)          # derived data: never taken from a file
    content = {name: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
               for name, triples in graphs.items()}
    store.replace_graphs(content, extra_update=" ;\n".join(filter(None, (_merge_meta(meta), drop_kept_update()))))
    return len(graphs) + (1 if meta else 0)


def _merge_meta(meta: list[ox.Triple]) -> str:
    if not meta:
        return ""
    subjects = sorted({str(t.subject) for t in meta})
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in meta)
    return (f"DELETE {{ GRAPH <{META_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {' '.join(subjects)} }} "
            f"GRAPH <{META_GRAPH}> {{ ?s ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{\n{body}\n}} }}")
