"""Where the ontology files live, and the ontology graph parsed once per process."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rdflib

from govkg.ontology.errors import OntologyError

HERE = Path(__file__).resolve().parent
ONTOLOGY_TTL = HERE / "govkg.ttl"
SHAPES_TTL = HERE / "shapes.ttl"


def ontology_turtle() -> str:
    """The Turtle source of the ontology, as written."""
    return _read(ONTOLOGY_TTL)


@lru_cache(maxsize=1)
def ontology_graph() -> rdflib.Graph:
    """The ontology parsed with rdflib (shared: callers must not modify it)."""
    return _parse(ONTOLOGY_TTL)


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes of the gap rules, parsed with rdflib (shared: do not modify)."""
    return _parse(SHAPES_TTL)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(f"cannot read {path.name}: {exc.strerror or exc}") from exc


def _parse(path: Path) -> rdflib.Graph:
    graph = rdflib.Graph()
    try:
        graph.parse(data=_read(path), format="turtle", publicID=path.as_uri())
    except Exception as exc:  # rdflib raises several unrelated parser error types
        raise OntologyError(f"{path.name} is not valid Turtle: {exc}") from exc
    return graph
