"""Media types of SPARQL results and RDF serializations, mapped to pyoxigraph formats."""
from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

from govkg.ontology.errors import QueryError

RESULT_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n3": RdfFormat.N3,
    "text/n3": RdfFormat.N3,
}

DATASET_FORMATS: dict[str, RdfFormat] = {
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}


def refuse_entities(data: bytes, fmt: RdfFormat) -> None:
    """Refuse RDF/XML that declares entities, before it is parsed: pyoxigraph's RDF/XML reader
    expands them (638 bytes of nested entities became a 300 MB literal), and a graph never
    needs them. Other formats have no entities."""
    if fmt != RdfFormat.RDF_XML:
        return
    texts = [data]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:512]:
        texts.append(data.decode("utf-16", "replace").encode("utf-8"))    # a UTF-16 document
    if any(b"<!ENTITY" in text for text in texts):
        raise QueryError("RDF/XML that declares entities (<!ENTITY ...>) is refused: entity expansion is off")


def media_base(media_type: str) -> str:
    """``text/turtle; charset=utf-8`` -> ``text/turtle``."""
    return media_type.split(";", 1)[0].strip().lower()


def result_format(media_type: str) -> QueryResultsFormat:
    fmt = RESULT_FORMATS.get(media_type)         # a bare media type, as the endpoint gives it
    if fmt is not None:
        return fmt
    try:
        return RESULT_FORMATS[media_base(media_type)]
    except KeyError:
        raise QueryError(f"unsupported results format: {media_type}") from None


def rdf_format(media_type: str, *, dataset: bool = False) -> RdfFormat:
    table = {**GRAPH_FORMATS, **DATASET_FORMATS} if dataset else GRAPH_FORMATS
    try:
        return table[media_base(media_type)]
    except KeyError:
        raise QueryError(f"unsupported RDF format: {media_type}") from None
