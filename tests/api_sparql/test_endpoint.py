"""/sparql and /store through the real app over a real Oxigraph store (limits, tokens, statuses)."""
from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace, URIRef

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg.oxigraph_store import OxigraphStore

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TOKEN = "endpoint-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NT = b'<urn:x:s> <urn:x:p> "one" .\n<urn:x:s> <urn:x:p> "two" .\n'


def make_client(tmp_path, **settings) -> tuple[TestClient, OxigraphStore]:
    store = OxigraphStore(tmp_path / "store")
    config = Settings(store=str(tmp_path / "store"), **settings)
    return TestClient(create_app(config, store)), store


@pytest.fixture
def client(tmp_path):
    client, store = make_client(tmp_path, write_token=TOKEN, max_body_bytes=32768, max_results=50,
                                query_timeout=1.0)
    yield client
    store.close()


def count(client: TestClient, graph: str = "urn:x:g") -> int:
    answer = client.get("/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"})
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_graph_store_statuses(client):
    put = lambda: client.put("/store", params={"graph": "urn:x:g"}, content=NT,
                             headers={**AUTH, "Content-Type": "application/n-triples"})
    assert put().status_code == 201
    assert put().status_code == 204
    assert client.post("/store", params={"graph": "urn:x:g"}, content=b'<urn:x:s> <urn:x:p> "three" .',
                       headers={**AUTH, "Content-Type": "text/turtle"}).status_code == 204
    assert count(client) == 3
    got = client.get("/store", params={"graph": "urn:x:g"}, headers={"Accept": "application/n-triples"})
    assert got.status_code == 200 and len(Graph().parse(data=got.text, format="nt")) == 3
    head = client.head("/store", params={"graph": "urn:x:g"})
    assert head.status_code == 200 and head.headers["content-type"].startswith("text/turtle")
    assert client.get("/store", params={"graph": "urn:x:none"}).status_code == 404
    assert client.head("/store", params={"graph": "urn:x:none"}).status_code == 404
    assert client.delete("/store", params={"graph": "urn:x:g"}, headers=AUTH).status_code == 204
    assert client.delete("/store", params={"graph": "urn:x:g"}, headers=AUTH).status_code == 404


def test_graph_store_dataset_in_nquads_and_trig(client):
    quads = b'<urn:x:a> <urn:x:p> "1" <urn:x:g1> .\n<urn:x:b> <urn:x:p> "2" <urn:x:g2> .\n<urn:x:c> <urn:x:p> "3" .\n'
    assert client.post("/store", content=quads, headers={**AUTH, "Content-Type": "application/n-quads"}).status_code == 204
    trig = client.get("/store", headers={"Accept": "application/trig"})
    assert trig.headers["content-type"].startswith("application/trig") and "<urn:x:g2>" in trig.text
    replacement = b'<urn:x:z> <urn:x:p> "9" <urn:x:g3> .\n'
    assert client.put("/store", content=replacement,
                      headers={**AUTH, "Content-Type": "application/n-quads"}).status_code == 204
    assert client.get("/store").text.strip() == replacement.decode().strip()


def test_graph_store_refuses_bad_input_and_keeps_the_data(client):
    client.put("/store", params={"graph": "urn:x:g"}, content=NT, headers={**AUTH, "Content-Type": "application/n-triples"})
    bad = [
        client.put("/store", params={"graph": "urn:x:g"}, content=b"not rdf", headers={**AUTH, "Content-Type": "text/turtle"}),
        client.put("/store", content=b"not rdf", headers={**AUTH, "Content-Type": "application/n-quads"}),
        client.put("/store", params={"graph": "urn:x:g"}, content=NT, headers={**AUTH, "Content-Type": "application/zip"}),
        client.put("/store", params={"graph": "urn:x:g"}, content=NT, headers={"Content-Type": "application/n-triples"}),
        client.delete("/store", params={"graph": "urn:x:g"}, headers={"Authorization": "Bearer nope"}),
        client.put("/store", params={"graph": "not an iri"}, content=NT, headers={**AUTH, "Content-Type": "text/turtle"}),
        client.post("/store", params={"graph": "urn:x:g"}, content=b" " * 40000,
                    headers={**AUTH, "Content-Type": "text/turtle"}),
    ]
    assert [r.status_code for r in bad] == [400, 400, 415, 401, 401, 400, 413]
    assert count(client) == 2


def test_updates_need_the_token_and_change_nothing_without_it(tmp_path, client):
    client.put("/store", params={"graph": "urn:x:g"}, content=NT, headers={**AUTH, "Content-Type": "application/n-triples"})
    drop = {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}
    assert client.post("/sparql", **drop).status_code == 401
    wrong = client.post("/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update",
                                                                "Authorization": "Bearer wrong"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.post("/sparql", data={"update": "DROP ALL"}).status_code == 401
    assert client.get("/sparql", params={"update": "DROP ALL"}).status_code == 400
    assert count(client) == 2
    read_only, store = make_client(tmp_path / "ro")
    try:
        refused = read_only.post("/sparql", **drop)
        assert refused.status_code == 403 and "read-only" in refused.text
    finally:
        store.close()


def test_body_cap_is_413(client):
    big = "ASK { " + "# padding\n" * 4000 + "}"
    answer = client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"})
    assert answer.status_code == 413 and "32768" in answer.text


def test_result_cap_refuses_a_larger_answer(client):
    rows = " ".join(f'<urn:x:s{i}> <urn:x:p> "{i}" .' for i in range(60))
    assert client.post("/sparql", content=f"INSERT DATA {{ GRAPH <urn:x:g> {{ {rows} }} }}",
                       headers={**AUTH, "Content-Type": "application/sparql-update"}).status_code == 204
    capped = client.get("/sparql", params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } }"})
    assert capped.status_code == 400 and "more than 50" in capped.text
    ok = client.get("/sparql", params={"query": "SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 50"})
    assert ok.status_code == 200 and len(ok.json()["results"]["bindings"]) == 50
    # the query's own LIMIT spares counting rows; a subquery's, a comment's or a larger one does not
    for text in ("SELECT * { { SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 10 } GRAPH ?h { ?t ?q ?v } }",
                 "SELECT * { GRAPH ?g { ?s ?p ?o } } # LIMIT 10",
                 "SELECT * { GRAPH ?g { ?s ?p ?o } } LIMIT 51",
                 'SELECT * { GRAPH ?g { ?s ?p ?o FILTER(?o != "LIMIT 10") } }'):
        refused = client.get("/sparql", params={"query": text})
        assert refused.status_code == 400 and "more than 50" in refused.text, text
    for accept in ("application/sparql-results+json", "text/csv"):
        limited = client.get("/sparql", params={"query": "SELECT ?o { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o LIMIT 7"},
                             headers={"Accept": accept})
        assert limited.status_code == 200
        rows = (limited.json()["results"]["bindings"] if accept.endswith("json")
                else limited.text.strip().splitlines()[1:])
        assert len(rows) == 7


def test_timeout_stops_a_runaway_query(client):
    rows = " ".join(f'<urn:x:s{i}> <urn:x:p{i % 7}> "{i}" .' for i in range(400))
    inserted = client.post("/sparql", content=f"INSERT DATA {{ {rows} }}",
                           headers={**AUTH, "Content-Type": "application/sparql-update"})
    assert inserted.status_code == 204
    runaway = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    started = time.monotonic()
    answer = client.get("/sparql", params={"query": runaway})
    assert answer.status_code == 400 and "timed out" in answer.text
    assert time.monotonic() - started < 10
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_service_description_is_negotiated(client):
    turtle = client.get("/sparql")
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.text, format="turtle")
    service = next(graph.subjects(URIRef(str(SD.endpoint)), None))
    assert str(service).endswith("/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) in graph
    assert len(set(graph.objects(service, SD.resultFormat))) == 8
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph
    jsonld = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)
    assert client.get("/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_browsers_get_the_yasgui_page_from_govkg_itself(client):
    page = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    for name in ("Norms of an actor", "Who is responsible for a topic", "Actors sharing a duty",
                 "Gap: unassigned", "Gap: vague-actor", "Gap: overlap"):
        assert name in page.text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/static/yasgui/yasgui.min.js" in sources
    assert all(not s.startswith(("http:", "https:", "//")) or s.startswith("http://testserver/") for s in sources)
    assert client.get("/yasgui").text == page.text
    script = client.get("/static/yasgui/yasgui.min.js")
    assert script.status_code == 200 and len(script.content) > 500_000
    assert client.get("/static/yasgui/yasgui.min.css").status_code == 200


def test_example_queries_all_run(client):
    from govkg.api.sparql.examples import QUESTIONS, examples
    from govkg.ontology.terms import GAP_KINDS
    assert len(examples()) == len(QUESTIONS) + len(GAP_KINDS) and len(QUESTIONS) == 5
    for example in examples():
        answer = client.post("/sparql", content=example.query, headers={"Content-Type": "application/sparql-query"})
        assert answer.status_code == 200, f"{example.name}: {answer.text}"
        assert "results" in answer.json()


def test_other_methods_are_405(client):
    answer = client.put("/sparql", params={"query": "ASK {}"})
    assert answer.status_code == 405 and "POST" in answer.headers["allow"]
