"""IRIs shared by every layer: the ontology namespace and the namespace of data resources."""
from __future__ import annotations

GOV = "https://w3id.org/govkg/ontology#"
"""Terms of the govkg OWL ontology (classes and properties)."""

ID = "https://w3id.org/govkg/id/"
"""Data resources: documents, provisions, norms, actors, gap findings."""

ONTOLOGY_IRI = "https://w3id.org/govkg/ontology"

PREFIXES = {
    "gov": GOV,
    "id": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prefixes() -> str:
    """The PREFIX lines for every namespace above, to put before a query."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
