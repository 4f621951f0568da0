"""Validate a data graph against the gap shapes with pySHACL, and map the report to gap kinds.

The result uses the same gap codes as ``govkg.ontology.terms.GAP_KINDS`` and the graph's own
detectors, so the two can be compared finding by finding (kind, focus node).
"""
from __future__ import annotations

import pyshacl
import rdflib
from rdflib import RDF, URIRef
from rdflib.namespace import SH

from govkg.ontology.errors import OntologyError
from govkg.ontology.namespaces import GOV
from govkg.ontology.source import ontology_graph, shapes_graph
from govkg.ontology.terms import GAP_KINDS

DETECTS = URIRef(GOV + "detects")
CODE_OF_KIND = {iri: code for code, iri in GAP_KINDS.items()}


def validate(data_graph: rdflib.Graph) -> list[dict[str, str]]:
    """Gap findings of the shapes over ``data_graph``: sorted ``{"kind", "focus"}`` dicts
    (kind a gap code such as "unassigned", focus the IRI of the norm or actor)."""
    report = _report(data_graph)
    kind_of_shape = shape_kinds()
    found: set[tuple[str, str]] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        kind = kind_of_shape.get(report.value(result, SH.sourceShape))
        focus = report.value(result, SH.focusNode)
        if kind and focus is not None:
            found.add((kind, str(focus)))
    return [{"kind": kind, "focus": focus} for kind, focus in sorted(found)]


def shape_kinds() -> dict[rdflib.term.Node, str]:
    """Every shape (node shapes, their property shapes and SPARQL constraints) -> gap code."""
    shapes = shapes_graph()
    kinds: dict[rdflib.term.Node, str] = {}
    for shape, kind in shapes.subject_objects(DETECTS):
        code = CODE_OF_KIND.get(str(kind))
        if code is None:
            raise OntologyError(f"shape {shape} detects {kind}, which is no gap kind")
        kinds[shape] = code
        for prop in (SH.property, SH.sparql):
            for part in shapes.objects(shape, prop):
                kinds[part] = code
    return kinds


def _report(data_graph: rdflib.Graph) -> rdflib.Graph:
    try:
        _, report, _ = pyshacl.validate(
            data_graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
            inference="none", advanced=True, allow_warnings=True, allow_infos=True)
    except Exception as exc:  # pySHACL raises its own ReportableRuntimeError and others
        raise OntologyError(f"SHACL validation failed: {exc}") from exc
    return report
