"""Real SPARQL clients (SPARQLWrapper, rdflib's SPARQLStore) against a live ``govkg serve``."""
from __future__ import annotations

import csv
import io

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from tests.conftest import govkg_serve

TOKEN = "client-test-token"
GRAPH = "https://w3id.org/govkg/id/graph/test-law"
GOV = "https://w3id.org/govkg/ontology#"
DATA = """
@prefix gov: <https://w3id.org/govkg/ontology#> .
@prefix norm: <https://w3id.org/govkg/id/norm/test-law/> .
@prefix actor: <https://w3id.org/govkg/id/actor/> .
@prefix doc: <https://w3id.org/govkg/id/doc/test-law/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
norm:a1 a gov:Norm , gov:Obligation ; gov:action "组织物业管理" ;
    gov:hasBearer actor:居民委员会 , actor:街道办事处 ; gov:statedIn doc:art3 .
norm:a2 a gov:Norm , gov:Prohibition ; gov:action "收取费用" ;
    gov:hasBearer actor:居民委员会 ; gov:statedIn doc:art4 .
actor:居民委员会 a gov:Actor ; skos:prefLabel "居民委员会"@zh .
actor:街道办事处 a gov:Actor ; skos:prefLabel "街道办事处"@zh .
"""
BEARERS = f"""PREFIX gov: <{GOV}>
SELECT ?norm ?actor WHERE {{ GRAPH ?g {{ ?norm gov:hasBearer ?actor }} }} ORDER BY ?norm ?actor"""
CONSTRUCT = f"""PREFIX gov: <{GOV}>
CONSTRUCT {{ ?norm gov:hasBearer ?actor }} WHERE {{ GRAPH ?g {{ ?norm gov:hasBearer ?actor }} }}"""


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with govkg_serve(tmp_path_factory.mktemp("clients") / "store", token=TOKEN) as url:
        answer = httpx.put(f"{url}/store", params={"graph": GRAPH}, content=DATA.encode(),
                           headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 201, answer.text
        yield url


def wrapper(base: str, query: str, fmt: str, method: str = GET, request: str = URLENCODED) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    client.setRequestMethod(request)
    return client


METHODS = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]


@pytest.mark.parametrize("method,request_method", METHODS, ids=["get", "post-form", "post-direct"])
def test_select_json_by_every_method(base, method, request_method):
    rows = wrapper(base, BEARERS, JSON, method, request_method).query().convert()["results"]["bindings"]
    pairs = {(r["norm"]["value"].rsplit("/", 1)[-1], r["actor"]["value"].rsplit("/", 1)[-1]) for r in rows}
    assert pairs == {("a1", "居民委员会"), ("a1", "街道办事处"), ("a2", "居民委员会")}


def test_select_xml_csv_tsv(base):
    xml_doc = wrapper(base, BEARERS, XML, POST).query().convert()
    assert len(xml_doc.getElementsByTagName("result")) == 3
    csv_rows = list(csv.DictReader(io.StringIO(wrapper(base, BEARERS, CSV).query().convert().decode())))
    assert [row["actor"].rsplit("/", 1)[-1] for row in csv_rows] == ["居民委员会", "街道办事处", "居民委员会"]
    tsv = wrapper(base, BEARERS, TSV).query().convert().decode().splitlines()
    assert tsv[0] == "?norm\t?actor" and len(tsv) == 4 and tsv[1].startswith("<https://w3id.org/govkg/id/norm/")


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(base, fmt):
    query = f'PREFIX gov: <{GOV}> ASK {{ GRAPH ?g {{ ?n gov:action "收取费用" }} }}'
    result = wrapper(base, query, fmt, POST, POSTDIRECTLY).query().convert()
    value = result["boolean"] if fmt == JSON else result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    assert value is True


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML])
@pytest.mark.parametrize("method,request_method", METHODS, ids=["get", "post-form", "post-direct"])
def test_construct_in_every_graph_format(base, fmt, method, request_method):
    result = wrapper(base, CONSTRUCT, fmt, method, request_method).query()
    graph = result.convert()
    if isinstance(graph, bytes):  # SPARQLWrapper hands Turtle back as bytes
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) == 3
    assert (URIRef("https://w3id.org/govkg/id/norm/test-law/a2"), URIRef(GOV + "hasBearer"),
            URIRef("https://w3id.org/govkg/id/actor/居民委员会")) in graph


def test_construct_and_describe_as_ntriples(base):
    answer = httpx.post(f"{base}/sparql", content=CONSTRUCT, headers={
        "Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert answer.headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=answer.text, format="nt")) == 3
    described = httpx.get(f"{base}/sparql", params={
        "query": "DESCRIBE <https://w3id.org/govkg/id/norm/test-law/a1>",
        "named-graph-uri": GRAPH, "default-graph-uri": GRAPH}, headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=described.text, format="turtle")
    assert (None, URIRef(GOV + "action"), Literal("组织物业管理")) in graph


def test_syntax_error_is_400_with_the_parser_message(base):
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(base, "SELECT ?x WHERE { ?x ", JSON).query()
    assert "syntax" in str(caught.value).lower()
    answer = httpx.get(f"{base}/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert answer.status_code == 400 and "error at" in answer.text


def test_update_without_token_is_refused_and_changes_nothing(base):
    client = wrapper(base, "PREFIX gov: <https://w3id.org/govkg/ontology#> "
                           "DELETE WHERE { GRAPH ?g { ?n gov:hasBearer ?a } }", JSON, POST)
    with pytest.raises(Unauthorized):
        client.query()
    client.addCustomHttpHeader("Authorization", "Bearer wrong")
    with pytest.raises(Unauthorized):
        client.query()
    assert len(wrapper(base, BEARERS, JSON).query().convert()["results"]["bindings"]) == 3


def test_update_with_token_through_sparqlwrapper(base):
    client = wrapper(base, 'INSERT DATA { GRAPH <urn:x-test:notes> { <urn:x-test:s> <urn:x-test:p> "v" } }',
                     JSON, POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.query()
    ask = "ASK { GRAPH <urn:x-test:notes> { <urn:x-test:s> <urn:x-test:p> \"v\" } }"
    assert wrapper(base, ask, JSON).query().convert()["boolean"] is True


def test_service_and_load_are_refused(base):
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryBadFormed) as caught:
        wrapper(base, federated, JSON, POST).query()
    assert "SERVICE" in str(caught.value)
    load = httpx.post(f"{base}/sparql", content="LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <urn:x-test:l>",
                      headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert load.status_code == 400 and "LOAD" in load.text


def test_rdflib_sparqlstore_select_ask_construct(base):
    graph = Graph(store=SPARQLStore(f"{base}/sparql"))
    rows = list(graph.query(BEARERS))
    assert len(rows) == 3 and {str(r.actor).rsplit("/", 1)[-1] for r in rows} == {"居民委员会", "街道办事处"}
    assert graph.query(f'PREFIX gov: <{GOV}> ASK {{ GRAPH ?g {{ ?n gov:action "收取费用" }} }}').askAnswer is True
    assert len(graph.query(CONSTRUCT).graph) == 3


def test_rdflib_sparqlupdatestore_needs_the_token(base):
    endpoint = f"{base}/sparql"
    anonymous = SPARQLUpdateStore(endpoint, endpoint)
    with pytest.raises(Exception) as caught:
        anonymous.update('INSERT DATA { GRAPH <urn:x-test:rdflib> { <urn:x-test:a> <urn:x-test:b> "c" } }')
    assert "401" in str(caught.value)
    store = SPARQLUpdateStore(endpoint, endpoint, headers={"Authorization": f"Bearer {TOKEN}"})
    store.update('INSERT DATA { GRAPH <urn:x-test:rdflib> { <urn:x-test:a> <urn:x-test:b> "c" } }')
    assert bool(Graph(store=SPARQLStore(endpoint)).query(
        'ASK { GRAPH <urn:x-test:rdflib> { <urn:x-test:a> <urn:x-test:b> "c" } }').askAnswer)
