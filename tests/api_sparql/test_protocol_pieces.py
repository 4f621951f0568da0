"""The protocol pieces: tokenizer checks, negotiation, request reading."""
from __future__ import annotations

import pytest

from govkg.api.sparql.guard import apply_using, query_form, refuse_remote, with_base
from govkg.api.sparql.negotiation import parse_accept, prefers_html, result_type
from govkg.api.sparql.protocol import ProtocolError, read_get, read_post
from govkg.ontology.errors import QueryError


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://e/> SELECT * { ?s ex:p ?o OPTIONAL { Service ?endpoint { ?o ?q ?r } } }",
])
def test_service_is_found_in_any_case_and_position(text):
    with pytest.raises(QueryError, match="SERVICE"):
        refuse_remote(text, allow_service=False)
    refuse_remote(text, allow_service=True)


@pytest.mark.parametrize("text", [
    'SELECT ?service WHERE { ?s <http://e/SERVICE> "SERVICE" }',
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:load ?o } # a comment",
    "SELECT * WHERE { ?s ?p '''LOAD <http://e/>''' }",
    r'SELECT * WHERE { ?s ?p "a\"SERVICE\u0041" FILTER(?s = <http://e/\u0041>) }',
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }",
])
def test_the_words_inside_strings_iris_and_names_do_not_count(text):
    refuse_remote(text, allow_service=False)


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://e/> { }",
    "PREFIX service: <http://e/> SELECT * WHERE { ?s service:load ?o }",
    r"SELECT * WHERE { ?s ?p ?o } \u0053ERVICE",
    r'SELECT * WHERE { ?s ?p "\u0022 } SERVICE <http://e/> { ?a ?b ?c } \u0022" }',
])
def test_a_text_that_reads_two_ways_is_refused(text):
    with pytest.raises(QueryError, match="more than one way|SERVICE calls are disabled"):
        refuse_remote(text, allow_service=False)
    refuse_remote(text, allow_service=True)


def test_load_is_refused():
    with pytest.raises(QueryError, match="LOAD"):
        refuse_remote("load <http://example.org/data.ttl> INTO GRAPH <urn:g>", allow_service=False)


@pytest.mark.parametrize("text,form", [
    ("PREFIX a: <http://e/> # SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { { SELECT * { ?s ?p ?o } } }", "CONSTRUCT"),
    ("ask {}", "ASK"), ("BASE <http://e/> DESCRIBE <x>", "DESCRIBE"), ("SELECT (1 AS ?x) {}", "SELECT"),
])
def test_query_form(text, form):
    assert query_form(text) == form


def test_using_graphs_go_before_each_where_of_a_modify():
    text = ("PREFIX f: <http://f/> CLEAR ALL ; INSERT DATA { <urn:a> a f:D } ;\n"
            "INSERT { GRAPH <urn:out> { ?s a f:B } } WHERE { ?s a f:D } ;\n"
            "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o = \"WHERE\") } ; DELETE WHERE { ?s ?p ?o }")
    rewritten = apply_using(text, ["urn:g1"], ["urn:g2"])
    assert rewritten.count("USING <urn:g1> USING NAMED <urn:g2> WHERE") == 2
    assert "DELETE WHERE { ?s ?p ?o }" in rewritten and "INSERT DATA { <urn:a>" in rewritten
    assert apply_using(text, [], []) == text


@pytest.mark.parametrize("text", [
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <urn:h> WHERE { ?s ?p ?o }",
])
def test_using_params_conflict_with_a_dataset_in_the_text(text):
    with pytest.raises(QueryError, match="USING or WITH"):
        apply_using(text, ["urn:g1"], [])


def test_relative_iris_get_the_endpoint_as_base():
    text = "INSERT DATA { <http://e/s> <http://e/p> <test> }"
    assert with_base(text, "http://h/sparql").startswith("BASE <http://h/sparql> ")
    assert with_base("BASE <http://b/> INSERT DATA { <s> <p> <o> }", "http://h/sparql").startswith("BASE <http://b/>")
    assert with_base("ASK { <urn:a> ?p <http://e/o> }", "http://h/sparql").startswith("ASK")


def test_accept_q_values_and_specificity():
    assert [p.media_range for p in parse_accept("text/*;q=0.5, text/csv, */*;q=0.1")] == ["text/csv", "text/*", "*/*"]
    assert result_type("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "SELECT") == \
        "application/sparql-results+xml"
    assert result_type("application/json", "ASK") == "application/sparql-results+json"
    assert result_type("text/csv", "ASK") is None
    assert result_type(None, "CONSTRUCT") == "text/turtle"
    assert result_type("application/rdf+xml;q=0.3, application/ld+json;q=0.6", "DESCRIBE") == "application/ld+json"
    assert result_type("application/xml", "CONSTRUCT") == "application/rdf+xml"
    assert result_type("application/json", "CONSTRUCT") == "application/ld+json"
    assert result_type("text/turtle;q=0, */*", "CONSTRUCT") == "application/n-triples"


def test_browsers_get_html_and_curl_does_not():
    assert prefers_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert not prefers_html("*/*")
    assert not prefers_html(None)
    assert not prefers_html("text/turtle, text/html;q=0.5")


def test_request_reading_rules():
    assert read_get([]).kind == "describe"
    op = read_get([("query", "ASK {}"), ("default-graph-uri", "urn:a"), ("default-graph-uri", "urn:b")])
    assert (op.kind, op.default_graphs) == ("query", ["urn:a", "urn:b"])
    form = read_post([("named-graph-uri", "urn:n")], "application/x-www-form-urlencoded", b"update=CLEAR+ALL")
    assert (form.kind, form.text, form.named_graphs) == ("update", "CLEAR ALL", ["urn:n"])
    cases = [
        (lambda: read_get([("update", "CLEAR ALL")]), 400),
        (lambda: read_get([("query", "ASK {}"), ("query", "ASK {}")]), 400),
        (lambda: read_post([], "application/x-www-form-urlencoded", b"query=ASK%7B%7D&update=CLEAR+ALL"), 400),
        (lambda: read_post([], None, b"query=ASK%20%7B%7D"), 415),
        (lambda: read_post([], "text/plain", b"ASK {}"), 415),
        (lambda: read_post([], "application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16")), 415),
        (lambda: read_post([], "application/sparql-update", "CLEAR ALL".encode("utf-16")), 400),
        (lambda: read_post([], "application/x-www-form-urlencoded", b"query=%FF%FE"), 400),
        (lambda: read_post([("query", "ASK {}")], "application/sparql-query", b"ASK {}"), 400),
        (lambda: read_get([("query", "  ")]), 400),
    ]
    for call, status in cases:
        with pytest.raises(ProtocolError) as caught:
            call()
        assert caught.value.status == status, str(caught.value)
