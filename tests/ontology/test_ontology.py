"""The ontology loads in rdflib and owlready2, declares every term the code uses, is labelled in
both languages, keeps its disjointness, and HermiT finds it consistent."""
from __future__ import annotations

import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import OWL, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS

import govkg.kg.gaps
from govkg.ontology import terms
from govkg.ontology.gap_kinds import GAP_KINDS, LANGUAGES
from govkg.ontology.check import check, load_world, run_reasoner
from govkg.ontology.namespaces import GOV, ONTOLOGY_IRI
from govkg.ontology.source import ontology_graph

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java: no 'java' on PATH")


@pytest.fixture()
def world():
    return load_world()[0]


def test_rdflib_reads_the_header():
    graph = ontology_graph()
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in graph
    assert graph.value(onto, OWL.versionIRI) is not None
    assert graph.value(onto, DCTERMS.license) is not None
    assert {t.language for t in graph.objects(onto, DCTERMS.title)} == {"zh", "en"}


def test_every_term_of_the_code_is_declared():
    graph = ontology_graph()
    undeclared = [name for name, iri in terms.all_terms().items()
                  if not set(graph.objects(URIRef(iri), RDF.type))]
    assert undeclared == []


def test_gap_kinds_are_individuals_with_codes_and_explanations():
    graph = ontology_graph()
    for code, iri in terms.GAP_KINDS.items():
        node = URIRef(iri)
        assert (node, RDF.type, URIRef(terms.GapKind)) in graph
        assert str(graph.value(node, URIRef(GOV + "gapCode"))) == code
        assert graph.value(node, URIRef(terms.explanation)) is not None


def test_the_gap_kind_registry_and_the_ontology_agree():
    graph = ontology_graph()
    declared = {str(node) for node in graph.subjects(RDF.type, URIRef(terms.GapKind))}
    assert declared == {kind.iri for kind in GAP_KINDS.values()}
    for kind in GAP_KINDS.values():
        labels = {literal.language: str(literal) for literal in graph.objects(URIRef(kind.iri), SKOS.prefLabel)}
        assert labels == {"en": kind.label_en, "zh": kind.label_zh}, kind.code
        assert (Path(govkg.kg.gaps.QUERY_DIR) / kind.query_file).is_file()


def test_every_gap_kind_explains_every_modality_in_both_languages():
    for kind in GAP_KINDS.values():
        for lang in LANGUAGES:
            for modality in ("obligation", "prohibition", ""):
                template = kind.template(lang, modality)
                assert "{" in template and template.format(action="A", actor="B", count="2", other="C")
        assert kind.colour.startswith("#") and 1 <= kind.severity <= 5


def test_owlready2_loads_the_class_tree(world):
    committee = world[GOV + "ResidentsCommittee"]
    ancestors = {c.name for c in committee.ancestors() if hasattr(c, "name")}
    assert {"SelfGoverningBody", "Committee", "Organization", "Actor"} <= ancestors
    assert world[GOV + "hasLeadBearer"] in world[GOV + "hasBearer"].descendants()


def test_structural_checks_pass(world):
    report = check(world)
    assert report.classes > 100 and report.properties > 30
    assert report.missing_labels == []
    assert report.orphan_properties == []
    assert report.missing_disjointness == []
    assert report.disjointness_violations == []


def test_checks_notice_an_unlabelled_class_and_a_disjointness_clash(world):
    onto = world.get_ontology(ONTOLOGY_IRI + "#")
    with onto:
        clash = type("ForbiddenDuty", (world[GOV + "Obligation"], world[GOV + "Prohibition"]), {})
        orphan = type("orphanProperty", (owlready2.ObjectProperty,), {})
    report = check(world)
    assert f"gov:{clash.name} lacks skos:prefLabel@zh" in report.missing_labels
    assert f"gov:{orphan.name}" in report.orphan_properties
    assert any(v.startswith("gov:ForbiddenDuty is a subclass of disjoint") for v in report.disjointness_violations)


@needs_java
def test_hermit_finds_the_ontology_consistent(world):
    result = run_reasoner(world)
    assert result.consistent, result.message
    assert result.unsatisfiable == ()


@needs_java
def test_hermit_rejects_a_norm_that_is_both_obligation_and_prohibition(world):
    onto = world.get_ontology(ONTOLOGY_IRI + "#")
    with onto:
        norm = world[GOV + "Obligation"]("contradiction")
        norm.is_a.append(world[GOV + "Prohibition"])
    assert run_reasoner(world).consistent is False


def test_every_actor_class_has_labels_in_both_languages():
    graph = ontology_graph()
    for cls in graph.transitive_subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), URIRef(terms.Actor)):
        langs = {label.language for label in graph.objects(cls, SKOS.prefLabel)}
        assert langs == {"zh", "en"}, cls


def test_the_view_registry_and_the_ontology_agree_and_each_view_has_its_documented_query():
    """Delegation and named-below are entries of the registry beside the gap kinds: an individual
    each in govkg.ttl with the registry's labels, a query file that starts with a comment saying what
    it finds, and the command and route that answer it."""
    from govkg.api.cli import app as cli
    from govkg.api.routers import ROUTERS
    from govkg.ontology.gap_kinds import VIEW_KINDS
    graph = ontology_graph()
    declared = {str(node) for node in graph.subjects(RDF.type, URIRef(terms.ViewKind))}
    assert declared == {view.iri for view in VIEW_KINDS.values()} and len(declared) == 2
    routes = {route.path for router in ROUTERS for route in router.routes}
    commands = {c.name or c.callback.__name__ for c in cli.registered_commands}
    for view in VIEW_KINDS.values():
        labels = {literal.language: str(literal) for literal in graph.objects(URIRef(view.iri), SKOS.prefLabel)}
        assert labels == {"en": view.label_en, "zh": view.label_zh}, view.code
        assert str(graph.value(URIRef(view.iri), URIRef(GOV + "viewCode"))) == view.code
        query = (Path(govkg.kg.gaps.QUERY_DIR).with_name("view_queries") / view.query).read_text(encoding="utf-8")
        assert query.startswith("# ") and "SELECT" in query
        assert view.route in routes and view.command.removeprefix("govkg ") in commands
