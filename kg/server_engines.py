"""What a SPARQL server does its own way, and how the server store reads it back to the standard.

Most servers answer by the book. Virtuoso 7 (told by its ``Server`` header) differs in ways the
data can see: it answers ASK as one row ``__ASK_RETVAL`` = 1 or 0, stores ``true`` and ``false``
as 1 and 0, writes a double's value sometimes as ``1`` and sometimes as ``1.0`` (it keeps the
number, not its text: read back here in Oxigraph's canonical form, ``1``, as the embedded
store gives it), names blank nodes ``nodeID://…``, lower-cases language tags, keeps graphs of its own
(its RDF views, the LDP vocabulary, a service description), and its default graph is the union
of all graphs rather than a graph of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"
VIRTUOSO_BNODE = "nodeID://"
VIRTUOSO_OWN_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                       "http://localuriqaserver/")
VIRTUOSO_VARIABLES = frozenset({"_star_fake"})


@dataclass(frozen=True)
class Engine:
    """The server's ways; the standard ones unless ``virtuoso``."""

    virtuoso: bool = False

    @property
    def hidden_variables(self) -> frozenset[str]:
        """Variables the engine adds to an answer (Virtuoso: ``_star_fake`` for ``SELECT *``
        with no variable)."""
        return VIRTUOSO_VARIABLES if self.virtuoso else frozenset()

    @property
    def union_default_graph(self) -> bool:
        """Whether the default graph is the union of the named graphs (no graph of its own)."""
        return self.virtuoso

    def own_graph(self, graph: str) -> bool:
        """Whether ``graph`` is one the engine keeps for itself, not part of the data."""
        return self.virtuoso and graph.startswith(VIRTUOSO_OWN_GRAPHS)

    def value(self, term: dict) -> str:
        """A SPARQL JSON term's value as the standard gives it."""
        value = term["value"]
        if not self.virtuoso:
            return value
        kind = term.get("type")
        if kind == "bnode":
            return value.removeprefix(VIRTUOSO_BNODE)
        if kind == "typed-literal":
            return _lexical(value, term.get("datatype", ""))
        return value

    def boolean(self, body: dict) -> bool | None:
        """An ASK answer; None when ``body`` is no ASK answer."""
        if "boolean" in body:
            return bool(body["boolean"])
        if self.virtuoso and body.get("head", {}).get("vars") == ["__ASK_RETVAL"]:
            rows = body.get("results", {}).get("bindings", [])
            return bool(rows) and rows[0].get("__ASK_RETVAL", {}).get("value") not in (None, "0")
        return None

    def results_json(self, body: dict) -> dict:
        """SPARQL JSON results as the standard writes them: an ASK answer as ``boolean``, blank
        nodes, booleans and doubles as in ``value``, without the engine's own variables."""
        if not self.virtuoso:
            return body
        answer = self.boolean(body)
        if answer is not None:
            return {"head": {}, "boolean": answer}
        hidden = self.hidden_variables
        head = body.get("head", {})
        head["vars"] = [name for name in head.get("vars", []) if name not in hidden]
        rows = body.get("results", {}).get("bindings", [])
        for index, row in enumerate(rows):
            rows[index] = {name: {**term, "value": self.value(term)} for name, term in row.items()
                           if name not in hidden}
        return body


def _lexical(value: str, datatype: str) -> str:
    """The text of a Virtuoso boolean or double as Oxigraph writes the same value."""
    if datatype == XSD_BOOLEAN:
        return {"1": "true", "0": "false"}.get(value, value)
    if datatype == XSD_DOUBLE:
        try:
            return ox.Literal(float(value)).value
        except ValueError:
            return value
    return value


STANDARD = Engine()


def engine_of(server_header: str) -> Engine:
    """The engine behind a ``Server`` response header."""
    return Engine(virtuoso=server_header.lower().startswith("virtuoso"))
