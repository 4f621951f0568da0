"""The RDF shape of documents (docs/rdf-shape.md), on documents built by hand."""
from __future__ import annotations

import pyoxigraph as ox

from govkg.kg.documents import ingest_document
from govkg.kg.mapping import META_GRAPH, document_graph, graph_iri, norm_iri, provision_iri
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology import terms as T
from govkg.ontology.namespaces import GOV, ID

SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _triples(document) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value)
            for t in ox.parse(document_graph(document), format=ox.RdfFormat.N_TRIPLES)}


def test_same_document_gives_identical_triples(residents):
    assert document_graph(residents) == document_graph(residents)


def test_shared_duty_is_one_norm_with_two_joint_bearers(residents):
    triples = _triples(residents)
    norm = norm_iri("residents", "第十一条", "obligation", "维护公共秩序")
    bearers = {o for s, p, o in triples if s == norm and p == T.hasBearer}
    assert bearers == {ID + "actor/居民委员会", ID + "actor/业主委员会"}
    assert {o for s, p, o in triples if s == norm and p == T.hasJointBearer} == bearers
    assert (norm, T.statedIn, provision_iri("residents", "第十一条")) in triples


def test_tags_references_recipient_and_vague_actor(residents):
    triples = _triples(residents)
    sanction = norm_iri("residents", "第十二条", "obligation", "责令改正")
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert (sanction, rdf_type, T.Sanction) in triples
    assert (sanction, T.refersTo, provision_iri("residents", "第十条")) in triples
    penalty, report = provision_iri("residents", "第十二条"), norm_iri("residents", "第十条", "obligation", "报告工作")
    assert (penalty, rdf_type, T.PenaltyProvision) in triples
    assert {(penalty, T.punishes, report), (penalty, T.punishesByReference, report)} <= triples
    assert not any(p == T.punishesByContent for _, p, _ in triples)
    report = norm_iri("residents", "第十条", "obligation", "报告工作")
    assert (report, rdf_type, T.InformationDuty) in triples
    assert (report, T.recipient, ID + "actor/街道办事处") in triples
    assert (ID + "actor/有关部门", rdf_type, T.VagueActor) in triples
    assert (ID + "actor/居民委员会", rdf_type, GOV + "ResidentsCommittee") in triples


def test_english_reference_resolves_to_sub_provision_and_actor_is_canonical(gdpr):
    triples = _triples(gdpr)
    norm = norm_iri("gdpr", "Article 33/1", "obligation", "notify the supervisory authority of a breach")
    assert (norm, T.statedIn, provision_iri("gdpr", "Article 33/1")) in triples
    assert provision_iri("gdpr", "Article 33/1") == ID + "doc/gdpr/Article%2033/1"
    # "The controller" is the thesaurus's "controller": same node in every document, linked to zh
    assert (norm, T.hasBearer, ID + "actor/controller") in triples
    assert (ID + "actor/controller", SKOS + "exactMatch", ID + "actor/控制者") in triples
    assert (ID + "actor/controller", SKOS + "altLabel", "The controller") in triples


def test_meta_graph_holds_ingest_time_not_the_document_graph(residents):
    store = OxigraphStore(None)
    ingest_document(store, residents)
    meta = store.select(f"SELECT ?p WHERE {{ GRAPH <{META_GRAPH}> {{ ?d ?p ?o }} }}")
    assert {T.ingestedAt, T.extractorVersion} <= {r["p"] for r in meta}
    assert not store.ask(f"ASK {{ GRAPH <{graph_iri('residents')}> {{ ?d <{T.ingestedAt}> ?t }} }}")


def test_bearer_defined_by_the_document_links_to_its_definition():
    from govkg.ingest.extract import extract_text
    document = extract_text("Article 1\n\nIn this Part “relevant authority” means a chief officer of police.\n\n"
                            "Article 2\n\nThe relevant authority must keep a register.", "defs", "en")
    triples = _triples(document)
    bearer = next(o for s, p, o in triples if p == T.hasBearer)
    assert (bearer, T.definedIn, provision_iri("defs", "Article 1")) in triples


def test_lines_are_those_pyoxigraph_writes_for_every_kind_of_literal():
    from govkg.kg.mapping import _Triples
    s, p = ID + "provision/第一条", T.text
    values = ["第一条 居民委员会应当开展工作。", 'say "x" \\ y', "line\nbreak\ttab\r", "\x00\x07\x1f\x7f",
              "\ufffe\uffff\U0001fffe", 12, 0.85, True, "an English text"]
    out, expected = _Triples(), []
    for value in values:
        for lang in (None, "zh", "EN"):
            out.lit(s, p, value, lang)
            if isinstance(value, bool):
                literal = ox.Literal(str(value).lower(), datatype=ox.NamedNode(XSD + "boolean"))
            elif isinstance(value, int):
                literal = ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
            elif isinstance(value, float):
                literal = ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
            else:
                literal = ox.Literal(value, language=lang)
            expected.append(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), literal))
    out.iri(s, T.partOf, ID + "doc/x")
    expected.append(ox.Triple(ox.NamedNode(s), ox.NamedNode(T.partOf), ox.NamedNode(ID + "doc/x")))
    unique = list(dict.fromkeys(expected))
    assert out.ntriples() == ox.serialize(unique, format=ox.RdfFormat.N_TRIPLES)
    assert len(out) == len(unique) < len(expected)          # a triple added twice is written once


def test_an_iri_pyoxigraph_refuses_is_refused():
    import pytest
    from govkg.kg.mapping import _Triples
    with pytest.raises(ValueError):
        _Triples().iri(ID + "provision/a b>", T.partOf, ID + "doc/x")
