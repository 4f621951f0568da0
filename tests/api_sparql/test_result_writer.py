"""Capped SELECT answers: the JSON written for the cap matches Oxigraph's own serialization."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from govkg.kg.oxigraph_query import QueryRequest, execute
from govkg.ontology.errors import QueryError

JSON = "application/sparql-results+json"
TERMS = """SELECT ?iri ?lang ?typed ?plain ?unbound ?text ?dir WHERE {
  VALUES (?iri ?lang ?typed ?plain ?unbound ?text) {
    (<http://example.org/a> "居民委员会"@zh 42 "x" UNDEF "quote \\" tab \\t newline \\n </b> & é")
    (<http://example.org/b?q=1#f> "Bürger"@de-CH "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date> "" UNDEF "\\u0001")
  }
  OPTIONAL { BIND("ltr"@en--ltr AS ?dir) FILTER(false) }
}"""


def answer(sparql: str, max_results: int | None, media_type: str = JSON) -> bytes:
    return execute(ox.Store(), QueryRequest("serialized", sparql, media_type, (), (), max_results)).body


@pytest.mark.parametrize("sparql", [
    TERMS,
    "SELECT * WHERE {}",
    "SELECT ?x WHERE {}",
    "SELECT ?x WHERE { FILTER(false) }",
    'SELECT ?d WHERE { BIND("right"@ar--rtl AS ?d) }',
])
def test_capped_json_equals_the_uncapped_answer(sparql):
    assert json.loads(answer(sparql, 10)) == json.loads(answer(sparql, None))


def test_blank_nodes_stay_blank_nodes_with_one_label_per_node():
    body = json.loads(answer("SELECT ?b ?c WHERE { BIND(BNODE('k') AS ?b) VALUES ?c { 1 2 } }", 10))
    rows = body["results"]["bindings"]
    assert [row["b"]["type"] for row in rows] == ["bnode", "bnode"]
    assert rows[0]["b"]["value"] == rows[1]["b"]["value"]


def test_the_cap_refuses_one_row_too_many_in_every_format():
    three = "SELECT ?n WHERE { VALUES ?n { 1 2 3 } }"
    for media_type in (JSON, "application/sparql-results+xml", "text/csv", "text/tab-separated-values"):
        assert answer(three, 3, media_type) == answer(three, None, media_type)
        with pytest.raises(QueryError, match="more than 2 rows"):
            answer(three, 2, media_type)


def test_an_answer_too_short_to_pass_the_cap_is_written_once_and_a_longer_one_is_counted():
    rows = "SELECT ?n WHERE { VALUES ?n { " + " ".join(str(n) for n in range(50)) + " } }"
    for media_type in (JSON, "application/sparql-results+xml"):
        assert answer(rows, 100_000, media_type) == answer(rows, None, media_type)     # far under the cap
        assert answer(rows, 50, media_type) == answer(rows, None, media_type)          # counted: just within
        with pytest.raises(QueryError, match="more than 49 rows"):
            answer(rows, 49, media_type)


@pytest.mark.parametrize("media_type", [JSON, "application/sparql-results+xml"])
@pytest.mark.parametrize("ask", ["ASK {}", "ASK { FILTER(false) }", "ASK { VALUES ?x { 1 } FILTER(?x > 0) }"])
def test_ask_answers_are_the_engine_s_own(media_type, ask):
    from govkg.kg.formats import result_format

    own = ox.Store().query(ask).serialize(format=result_format(media_type))
    assert answer(ask, None, media_type) == answer(ask, 10, media_type) == own


def test_texts_with_and_without_prefixes_of_their_own_read_alike():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("https://w3id.org/govkg/ontology#a"), ox.NamedNode("http://example.org/p"),
                      ox.Literal("x")))
    undeclared = "SELECT ?o WHERE { gov:a <http://example.org/p> ?o }"
    declared = "PREFIX gov: <https://w3id.org/govkg/ontology#> " + undeclared
    shadowing = "PREFIX gov: <http://example.org/other#> " + undeclared
    for _ in range(2):              # the second time from what is kept about each text
        rows = [execute(store, QueryRequest("select", text)) for text in (undeclared, declared, shadowing)]
        assert rows == [[{"o": "x"}], [{"o": "x"}], []]
    with pytest.raises(QueryError, match="syntax error"):
        execute(store, QueryRequest("select", "SELECT ?o WHERE { nope:a ?p ?o }"))
