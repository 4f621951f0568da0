"""One contract for both stores: the embedded Oxigraph folder and a live `oxigraph serve`."""
from __future__ import annotations

import pytest

from govkg.kg.dataset import export_dataset, import_dataset
from govkg.kg.documents import delete_document, get_document, ingest_document, list_documents
from govkg.kg.gaps import find_gaps
from govkg.kg.mapping import graph_iri
from govkg.ontology.errors import NotFound, QueryError

G = "http://example.org/g"
TTL = b"@prefix ex: <http://example.org/> . ex:a ex:p ex:b , ex:c ."


def test_update_then_select_and_ask(store):
    store.update(f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/a> <http://example.org/p> "x"@zh }} }}')
    rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")
    assert rows == [{"o": "x"}]
    assert store.ask(f"ASK {{ GRAPH <{G}> {{ ?s ?p 'x'@zh }} }}")
    assert not store.ask(f"ASK {{ GRAPH <{G}> {{ ?s ?p 'y' }} }}")


TRICKY_VALUES = ['tab\there', 'two\nlines\r\n', 'say "hi" \\ back\\slash \\n', '居民委员会\u00a0\u2028',
                 'emoji \U0001f600', "", "ends with quote\"", "\\u0041 stays"]


def test_select_gives_values_exactly(store):
    """Every kind of term comes back as its value: escapes in literals undone, IRIs and blank
    nodes bare, tagged and typed literals as their lexical form, unbound variables left out."""
    literals = " ".join(f"<http://example.org/s{i}> <http://example.org/p> {_quoted(v)} ." for i, v in
                        enumerate(TRICKY_VALUES))
    store.update(f"""INSERT DATA {{ GRAPH <{G}> {{ {literals}
        <http://example.org/t> <http://example.org/p> "x"@zh-Hans , "7"^^<http://www.w3.org/2001/XMLSchema#integer> ,
            "2.5"^^<http://www.w3.org/2001/XMLSchema#decimal> , true , <http://example.org/o%20x> , "d"^^<http://example.org/dt> }} }}""")
    query = f"SELECT ?s ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
    rows = store.select(query)
    assert sorted(map(str, store.select(query, timeout=30))) == sorted(map(str, rows))   # a query worker's way
    found = {row["o"] for row in rows if row["s"].startswith("http://example.org/s")}
    assert found == set(TRICKY_VALUES)
    assert {row["o"] for row in rows if row["s"] == "http://example.org/t"} == {
        "x", "7", "2.5", "true", "http://example.org/o%20x", "d"}
    optional = store.select(f"SELECT ?s ?none WHERE {{ GRAPH <{G}> {{ ?s ?p 'x'@zh-Hans OPTIONAL {{ ?s ?q ?none . FILTER(false) }} }} }}")
    assert optional == [{"s": "http://example.org/t"}]
    assert store.select("SELECT * WHERE {}") == [{}]


def _quoted(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped.replace(chr(9), chr(92) + "t")}"'


def test_malformed_query_is_a_query_error(store):
    with pytest.raises(QueryError):
        store.select("SELECT WHERE {")


def test_graph_store_put_get_post_delete(store):
    assert store.graph_put(G, TTL, "text/turtle") is True
    assert store.graph_exists(G)
    assert store.graph_post(G, b"<http://example.org/a> <http://example.org/p> <http://example.org/d> .",
                            "application/n-triples") is False
    objects = {r["o"] for r in store.select(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")}
    assert objects == {"http://example.org/b", "http://example.org/c", "http://example.org/d"}
    assert b"http://example.org/d" in store.graph_get(G, "application/n-triples")
    assert G in store.named_graphs()
    store.graph_delete(G)
    assert not store.graph_exists(G)
    with pytest.raises(NotFound):
        store.graph_get(G, "text/turtle")
    with pytest.raises(NotFound):
        store.graph_delete(G)


def test_bad_graph_data_keeps_what_is_stored(store):
    store.graph_put(G, TTL, "text/turtle")
    with pytest.raises(QueryError):
        store.graph_put(G, b"this is not turtle", "text/turtle")
    assert len(store.select(f"SELECT * WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")) == 2


def test_max_results_refuses_larger_answers(store):
    store.graph_put(G, TTL, "text/turtle")
    query = f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
    answer = store.query_serialized(query, "text/csv", max_results=2)
    assert answer.body.decode().splitlines()[1:] and len(answer.body.decode().split()) == 3
    with pytest.raises(QueryError, match="more than 1 rows"):
        store.query_serialized(query, "application/sparql-results+json", max_results=1)


def test_ingest_is_stable_and_replaces(store, residents):
    first = ingest_document(store, residents)
    dump1 = store.graph_get(graph_iri("residents"), "application/n-triples")
    second = ingest_document(store, residents)
    dump2 = store.graph_get(graph_iri("residents"), "application/n-triples")
    assert sorted(dump1.splitlines()) == sorted(dump2.splitlines())
    assert first.triples == second.triples and first.norms == 4
    residents.norms = residents.norms[:1]
    assert ingest_document(store, residents).norms == 1
    assert get_document(store, "residents").norms == 1


def test_list_and_delete_documents(store, residents, gdpr):
    ingest_document(store, residents)
    ingest_document(store, gdpr)
    docs = list_documents(store)
    assert [d.doc for d in docs] == ["gdpr", "residents"]
    assert docs[1].title == "居民委员会测试法" and docs[1].lang == "zh" and docs[1].triples > 20
    delete_document(store, "gdpr")
    assert [d.doc for d in list_documents(store)] == ["residents"]
    with pytest.raises(NotFound):
        delete_document(store, "gdpr")


def test_export_import_round_trip(store, residents, gdpr, tmp_path):
    from govkg.kg.oxigraph_store import OxigraphStore
    ingest_document(store, residents)
    ingest_document(store, gdpr)
    for media in ("application/n-quads", "application/trig"):
        exported = export_dataset(store, media)
        target = OxigraphStore(None)
        import_dataset(target, exported, media)
        again = export_dataset(target, "application/n-quads")
        assert sorted(again.splitlines()) == sorted(export_dataset(store, "application/n-quads").splitlines())
        assert [d.doc for d in list_documents(target)] == ["gdpr", "residents"]


def test_same_findings_from_both_stores(store, residents, gdpr):
    ingest_document(store, residents)
    ingest_document(store, gdpr)
    kinds = {f.kind for f in find_gaps(store)}
    assert {"vague-actor", "shared-no-lead", "no-sanction"} <= kinds


def test_virtuoso_as_configured_refuses_load(virtuoso):
    """The grants of the README's Virtuoso paragraph: updates pass, LOAD (sponging) does not."""
    from govkg.kg.server_store import ServerStore
    from govkg.ontology.errors import StoreError
    with ServerStore(virtuoso.endpoint) as server:
        server.update(f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/a> <http://example.org/p> "new" }} }}')
        assert server.graph_exists(G)
        with pytest.raises((QueryError, StoreError), match="sponge permission"):
            server.update(f"LOAD <{virtuoso.endpoint}?query=ASK%7B%7D> INTO GRAPH <http://example.org/loaded>")
        assert not server.graph_exists("http://example.org/loaded")


def test_an_answer_the_server_cuts_short_is_an_error(tmp_path):
    """Virtuoso stops an answer at ResultSetMaxRows with only a header to say so: the store
    raises rather than hand on a partial gap report."""
    from govkg.kg.server_store import ServerStore
    from govkg.ontology.errors import StoreError
    from virtuoso_support import MISSING, VIRTUOSO, running_virtuoso
    if VIRTUOSO is None:
        pytest.skip(MISSING)
    with running_virtuoso(tmp_path / "virtuoso", max_rows=3) as virtuoso, ServerStore(virtuoso.endpoint) as server:
        server.graph_put(G, TTL, "text/turtle")
        assert len(server.select(f"SELECT ?o WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")) == 2
        with pytest.raises(StoreError, match="cut the answer at 3 rows"):
            server.select("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 10")


def test_serialized_answers_are_standard(store):
    """ASK as a boolean, CONSTRUCT as RDF, in the format asked for, whatever the engine writes."""
    import json
    store.graph_put(G, TTL, "text/turtle")
    asked = store.query_serialized(f"ASK {{ GRAPH <{G}> {{ ?s ?p ?o }} }}", "application/sparql-results+json")
    assert json.loads(asked.body)["boolean"] is True
    assert b"false" in store.query_serialized("ASK { <http://example.org/none> ?p ?o }",
                                              "application/sparql-results+xml").body
    built = store.query_serialized(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}",
                                   "application/n-triples")
    assert len(built.body.decode().strip().splitlines()) == 2 and built.media_type.startswith("application/n-triples")
