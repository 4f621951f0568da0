"""The SHACL gap shapes parse, flag tiny inline graphs, and agree with the graph's own detectors."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import RDF
from rdflib.namespace import SH

from govkg.ontology.namespaces import GOV, ID
from govkg.ontology.shacl import DETECTS, shape_kinds, validate
from govkg.ontology.source import shapes_graph
from govkg.ontology.terms import GAP_KINDS

PREFIXES = f"@prefix gov: <{GOV}> .\n@prefix id: <{ID}> .\n"
CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "corpus"


def _graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + turtle, format="turtle")


def _flagged(turtle: str, kind: str) -> set[str]:
    return {r["focus"][len(ID):] for r in validate(_graph(turtle)) if r["kind"] == kind}


def test_shapes_parse_and_name_known_gap_kinds():
    shapes = shapes_graph()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 6
    for shape in node_shapes:
        assert str(shapes.value(shape, DETECTS)) in GAP_KINDS.values()
    assert {"unassigned", "vague-actor", "shared-no-lead", "no-sanction"} <= set(shape_kinds().values())
    assert len(list(shapes.objects(None, SH.message))) >= len(node_shapes)


def test_unassigned_duty_is_flagged_and_assigned_one_is_not():
    data = """id:n1 a gov:Norm , gov:Obligation ; gov:action "建立制度" .
              id:n2 a gov:Norm , gov:Obligation ; gov:hasBearer id:a ; gov:action "报告" .
              id:n3 a gov:Norm , gov:Permission ; gov:action "查询" .
              id:a a gov:ResidentsCommittee ."""
    assert _flagged(data, "unassigned") == {"n1"}


def test_vague_bearer_is_flagged_through_the_class_tree():
    data = """id:n1 a gov:Norm , gov:Obligation ; gov:hasBearer id:vague .
              id:n2 a gov:Norm , gov:Obligation ; gov:hasBearer id:clear .
              id:vague a gov:RelevantDepartment .
              id:clear a gov:EmergencyManagementDepartment ."""
    assert _flagged(data, "vague-actor") == {"n1"}


def test_shared_duty_without_lead_is_flagged():
    data = """id:shared a gov:Norm , gov:Obligation ; gov:hasBearer id:a , id:b ; gov:hasJointBearer id:a , id:b .
              id:led a gov:Norm , gov:Obligation ; gov:hasBearer id:a , id:b ; gov:hasLeadBearer id:a ;
                  gov:hasSupportingBearer id:b .
              id:sole a gov:Norm , gov:Prohibition ; gov:hasBearer id:a ."""
    assert _flagged(data, "shared-no-lead") == {"shared"}


def test_duty_no_sanction_enforces_is_flagged():
    data = """id:p1 a gov:Article . id:p2 a gov:Article . id:p3 a gov:Article , gov:PenaltyProvision .
              id:kept a gov:Norm , gov:Obligation ; gov:hasBearer id:a ; gov:statedIn id:p1 .
              id:cited a gov:Norm , gov:Prohibition ; gov:hasBearer id:a ; gov:statedIn id:p2 .
              id:loose a gov:Norm , gov:Obligation ; gov:hasBearer id:a ; gov:statedIn id:p1 .
              id:fine a gov:Norm , gov:Sanction , gov:Obligation ; gov:hasBearer id:b ; gov:enforces id:kept .
              id:p3 gov:punishes id:cited ; gov:punishesByContent id:cited ."""
    assert _flagged(data, "no-sanction") == {"loose"}


try:
    from govkg.ingest.extract import extract_path
    from govkg.kg import open_store
    from govkg.kg.documents import ingest_document
    from govkg.kg.gaps import find_gaps
    KG_MISSING = ""
except ImportError as exc:   # the graph layer is written in parallel; run once it exists
    KG_MISSING = f"govkg.kg.gaps / govkg.ingest.extract not importable yet: {exc}"
AGREEING_KINDS = ("unassigned", "vague-actor", "shared-no-lead", "no-sanction", "no-oversight")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    if KG_MISSING:
        pytest.skip(KG_MISSING)
    store = open_store(str(tmp_path_factory.mktemp("store")))
    for path in sorted(CORPUS.glob("*")):
        if path.suffix in (".md", ".txt") and path.name != "SOURCES.md":
            ingest_document(store, extract_path(path))
    answer = store.query_serialized("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                                    "application/n-triples")
    data = rdflib.Graph().parse(data=answer.body.decode("utf-8"), format="nt")
    return store, validate(data)


@pytest.mark.skipif(bool(KG_MISSING), reason=KG_MISSING)
@pytest.mark.parametrize("kind", AGREEING_KINDS)
def test_pyshacl_agrees_with_find_gaps_on_the_corpus(ingested, kind):
    store, report = ingested
    expected = {f.norm for f in find_gaps(store, kinds=[kind]) if f.norm}
    found = {r["focus"] for r in report if r["kind"] == kind}
    assert expected, f"the corpus should show some {kind} gaps"
    assert found == expected


@pytest.mark.skipif(bool(KG_MISSING), reason=KG_MISSING)
def test_information_gaps_agree_on_norms_and_on_uninformed_overseers(ingested):
    store, report = ingested
    findings = find_gaps(store, kinds=["information-gap"])
    found = {r["focus"] for r in report if r["kind"] == "information-gap"}
    norms = {f.norm for f in findings if f.norm}
    overseers = [f for f in findings if not f.norm]
    assert norms and overseers
    assert norms <= found
    actors = found - norms
    assert all(focus.startswith(ID + "actor/") for focus in actors)
    labels = {}   # actor IRI -> its labels (an actor may carry several)
    for row in store.select("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                            "SELECT ?a ?l WHERE { GRAPH ?g { ?a skos:prefLabel ?l } }"):
        labels.setdefault(row["a"], set()).add(row["l"])
    assert {f.actor for f in overseers} == {label for a in actors for label in labels.get(a, ())}
