"""Read paths survive any data a SPARQL Update can write, and odd requests get a 4xx: numbers
that are not numbers in the meta graph and in a document, an IRI with a byte that is not
UTF-8, blank nodes in every results format."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg.mapping import META_GRAPH, graph_iri
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology import terms as T
from govkg.ontology.namespaces import GOV
from tests.robustness.badfiles import GOOD_ZH
from tests.robustness.helpers import TOKEN, no_traceback

DOC = "odd_law"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    store = OxigraphStore(folder / "store")
    app = create_app(Settings(store=str(folder / "store"), write_token=TOKEN), store=store)
    with TestClient(app, raise_server_exceptions=False) as http:
        http.headers["Authorization"] = f"Bearer {TOKEN}"
        uploaded = http.post("/documents", files={"file": (f"{DOC}.txt", GOOD_ZH.encode(), "text/plain")})
        assert uploaded.status_code == 201, uploaded.text
        yield http
    store.close()


def _update(http: TestClient, text: str) -> None:
    answer = http.post("/sparql", content=text.encode(), headers={"Content-Type": "application/sparql-update"})
    assert answer.status_code == 204, answer.text


def test_numbers_that_are_not_numbers_are_skipped(client):
    doc_graph = graph_iri(DOC)
    _update(client, f"""
      DELETE {{ GRAPH <{META_GRAPH}> {{ ?d <{GOV}triples> ?t ; <{GOV}norms> ?n }} }}
      INSERT {{ GRAPH <{META_GRAPH}> {{ ?d <{GOV}triples> "lots" ; <{GOV}norms> "many" }} }}
      WHERE {{ GRAPH <{META_GRAPH}> {{ ?d <{GOV}triples> ?t ; <{GOV}norms> ?n }} }} ;
      DELETE {{ GRAPH <{doc_graph}> {{ ?x <{T.startOffset}> ?s ; <{T.endOffset}> ?e }} }}
      INSERT {{ GRAPH <{doc_graph}> {{ ?x <{T.startOffset}> "x" ; <{T.endOffset}> "1e400" }} }}
      WHERE {{ GRAPH <{doc_graph}> {{ ?x <{T.startOffset}> ?s ; <{T.endOffset}> ?e }} }} ;
      DELETE {{ GRAPH <{doc_graph}> {{ ?p <{T.articleNumber}> ?a }} }}
      INSERT {{ GRAPH <{doc_graph}> {{ ?p <{T.articleNumber}> "第一" }} }}
      WHERE {{ GRAPH <{doc_graph}> {{ ?p <{T.articleNumber}> ?a }} }} ;
      DELETE {{ GRAPH <{doc_graph}> {{ ?n <{T.confidence}> ?c }} }}
      INSERT {{ GRAPH <{doc_graph}> {{ ?n <{T.confidence}> "high" }} }}
      WHERE {{ GRAPH <{doc_graph}> {{ ?n <{T.confidence}> ?c }} }}""")
    norms = client.get("/norms", params={"doc": DOC})
    assert norms.status_code == 200 and norms.json()["norms"], norms.text[:300]
    provision = norms.json()["norms"][0]["provision"]
    paths = ["/documents", f"/documents/{DOC}", "/", "/network", f"/network?doc={DOC}",
             f"/view/documents/{DOC}", f"/provisions/{DOC}/{provision}", "/gaps", "/actors"]
    for path in paths:
        answer = client.get(path)
        assert answer.status_code < 500, (path, answer.status_code, answer.text[:300])
    listed = client.get("/documents").json()["documents"]
    assert [d["triples"] for d in listed if d["doc"] == DOC] == [0]


def test_a_graph_iri_with_a_byte_that_is_not_utf8_is_refused(client):
    for query in ("graph=http://x/%FF", "graph=http://x/%C3", "graph=http://x/%00"):
        answer = client.get(f"/store?{query}")
        assert 400 <= answer.status_code < 500, (query, answer.status_code, answer.text[:300])
        assert no_traceback(answer.text)


@pytest.mark.parametrize("accept,expected", [
    ("application/sparql-results+xml", "<bnode>"),
    ("text/csv", "_:"),
    ("text/tab-separated-values", "_:"),
    ("application/sparql-results+json", '"bnode"'),
])
def test_blank_nodes_stay_blank_nodes_in_every_results_format(client, accept, expected):
    _update(client, "INSERT DATA { GRAPH <urn:x:bnodes> { _:b1 <urn:x:p> _:b2 } }")
    answer = client.get("/sparql", params={"query": "SELECT ?s ?o WHERE { GRAPH <urn:x:bnodes> { ?s ?p ?o } }"},
                        headers={"Accept": accept})
    assert answer.status_code == 200, answer.text
    assert expected in answer.text and "genid" not in answer.text, answer.text
