"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""
from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from govkg.kg.formats import rdf_format

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                  "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def _sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def service_triples(endpoint: str, *, writable: bool, federated: bool,
                    named_graphs: Sequence[str]) -> list[ox.Triple]:
    """The sd:Service resource of ``endpoint``: its languages, formats, features and dataset."""
    service = ox.NamedNode(endpoint)
    dataset, default_graph = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, ox.NamedNode(DCTERMS + "title"), ox.Literal("govkg SPARQL endpoint")),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("EmptyGraphs")),
        ox.Triple(service, _sd("defaultEntailmentRegime"),
                  ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    if writable:
        triples.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if federated:
        triples.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    triples += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS]
    for name in named_graphs:
        graph = ox.BlankNode()
        triples += [ox.Triple(dataset, _sd("namedGraph"), graph),
                    ox.Triple(graph, RDF_TYPE, _sd("NamedGraph")),
                    ox.Triple(graph, _sd("name"), ox.NamedNode(name))]
    return triples


def service_description(endpoint: str, media_type: str, *, writable: bool, federated: bool,
                        named_graphs: Sequence[str]) -> bytes:
    """The description serialized as ``media_type`` (any RDF graph format of govkg.kg.formats)."""
    triples = service_triples(endpoint, writable=writable, federated=federated, named_graphs=named_graphs)
    fmt = rdf_format(media_type)
    prefixes = {"sd": SD, "formats": FORMATS, "dcterms": DCTERMS} if fmt is ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
