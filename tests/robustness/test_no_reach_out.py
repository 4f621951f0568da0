"""No request makes the server reach out: SERVICE and LOAD written with every escape the SPARQL
grammar has (and the tricks that hid them from the guard's tokenizer) are refused, and the query
engine itself has no network (query workers run in an empty network namespace) — proven with
SERVICE allowed by the settings. A real HTTP server on 127.0.0.1 records every connection."""
from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port
from tests.robustness.helpers import TOKEN, Served, figure, ingested_store

NQUADS = {"Accept": "application/n-quads"}


class Recorder:
    """An HTTP server on loopback that counts connections and records request paths, and answers
    like a SPARQL endpoint with one empty solution."""

    def __init__(self) -> None:
        recorder = self
        self.connections, self.paths = 0, []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorder.paths.append(self.path)
                body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            def verify_request(self, request, address) -> bool:
                recorder.connections += 1
                return True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def escaped_queries(t: str) -> list[str]:
    """SERVICE to ``t`` behind each escape form; the first two are those of issue 12."""
    return [
        rf"SELECT ?x WHERE {{ BIND(<urn:x:\u0041#> AS ?q) SERVICE <{t}/a> {{ ?x ?y ?z }} }}",
        rf"PREFIX e: <http://e/> SELECT ?x WHERE {{ BIND(e:a\# AS ?q) SERVICE <{t}/b> {{ ?x ?y ?z }} }}",
        rf"SELECT ?x WHERE {{ BIND(<urn:x:\U00000041#> AS ?q) SERVICE <{t}/c> {{ ?x ?y ?z }} }}",
        rf"PREFIX : <{t}/> SELECT * WHERE {{ SERVICE:d {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ SERVICE#x\n<{t}/e> {{ ?x ?y ?z }} }}",
        f"SELECT * WHERE {{ VALUES ?v {{ <{t}/f> }} ?s ?p ?o FILTER(?o<?s)SERVICE?v#>\n{{ ?x ?y ?z }} }}",
        rf'SELECT * WHERE {{ BIND("""a""\"""" AS ?q) SERVICE <{t}/g> {{ ?x ?y ?z }} }}',
        rf"PREFIX e: <http://e/> SELECT * WHERE {{ BIND(e:a%23 AS ?q) SERVICE <{t}/h> {{ ?x ?y ?z }} }}",
        rf"SELECT * WHERE {{ BIND('x\'' AS ?q) SERVICE <{t}/i> {{ ?x ?y ?z }} }}",
        rf"SELECT * WHERE {{ ?s ?p ?o }} \u0053ERVICE <{t}/j> {{ ?x ?y ?z }}",
        f"select * where {{ sErViCe silent <{t}/k> {{ ?x ?y ?z }} }}",
    ]


def escaped_updates(t: str) -> list[str]:
    """LOAD from ``t`` behind each escape form."""
    return [
        rf"INSERT DATA {{ <urn:s> <urn:p> <urn:x:\u0041#> }} ; LOAD <{t}/la> INTO GRAPH <urn:g>",
        rf"PREFIX e: <http://e/> INSERT DATA {{ <urn:s> <urn:p> e:a\# }} ; LOAD <{t}/lb> INTO GRAPH <urn:g>",
        rf"PREFIX : <{t}/> LOAD:lc INTO GRAPH <urn:g>",
        f"INSERT DATA {{ <urn:s> <urn:p> <urn:o> }} ; LOAD#x\n<{t}/ld> INTO GRAPH <urn:g>",
        rf"CLEAR SILENT GRAPH <urn:g> ; \u004COAD <{t}/le>",
    ]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    return ingested_store(tmp_path_factory.mktemp("seed"), english=False)


@pytest.fixture
def recorder():
    listening = Recorder()
    yield listening
    listening.close()


def _post(http: httpx.Client, content: str, kind: str, **params) -> httpx.Response:
    headers = {"Content-Type": f"application/sparql-{kind}", "Authorization": f"Bearer {TOKEN}"}
    return http.post("/sparql", content=content.encode(), headers=headers, params=params)


@pytest.mark.slow
def test_no_escape_form_reaches_out(seeded, recorder):
    t = recorder.url
    with Served(seeded, free_port(), token=TOKEN) as served, httpx.Client(base_url=served.base, timeout=30) as http:
        dump = http.get("/store", headers=NQUADS).text
        for query in escaped_queries(t):
            for answer in (http.get("/sparql", params={"query": query}), _post(http, query, "query")):
                assert answer.status_code == 400, (query, answer.status_code, answer.text[:200])
        for update in escaped_updates(t):
            answer = _post(http, update, "update")
            assert answer.status_code == 400, (update, answer.status_code, answer.text[:200])
        injected = f"urn:g> WHERE {{}} ; LOAD <{t}/lf> ; INSERT {{ <urn:a> <urn:b> <urn:c> }} USING <urn:h"
        answer = _post(http, "INSERT { <urn:s> <urn:p> ?o } WHERE { ?s ?p ?o }", "update", **{"using-graph-uri": injected})
        assert answer.status_code == 400 and "absolute IRI" in answer.text, answer.text
        graph = rf"http://x/\u003E;LOAD\u003C{t}/lg\u003E"
        answer = http.put("/store", params={"graph": graph}, content=b"<urn:s> <urn:p> <urn:o> .",
                          headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 400, answer.text
        time.sleep(0.5)
        assert http.get("/store", headers=NQUADS).text == dump
    assert (recorder.connections, recorder.paths) == (0, [])
    figure(f"{len(escaped_queries(t))} escaped SERVICE queries (GET and POST), {len(escaped_updates(t))} escaped "
           "LOAD updates, an injected using-graph-uri and graph IRI: all 400, 0 connections")


@pytest.mark.slow
def test_the_engine_cannot_reach_out_even_with_service_allowed(seeded, recorder):
    t = recorder.url
    queries = [f"SELECT * WHERE {{ SERVICE <{t}/plain> {{ ?x ?y ?z }} }}", *escaped_queries(t)]
    with Served(seeded, free_port(), env={"GOVKG_ALLOW_SERVICE": "true"}) as served, \
            httpx.Client(base_url=served.base, timeout=30) as http:
        statuses = [http.get("/sparql", params={"query": q}).status_code for q in queries]
        assert http.get("/norms").status_code == 200
    assert (recorder.connections, recorder.paths) == (0, []), statuses
    figure(f"SERVICE allowed: {len(queries)} SERVICE queries answered {sorted(set(statuses))}, 0 connections "
           "(query workers have no network)")


def test_dataset_parameters_must_be_absolute_iris(seeded):
    with Served(seeded, free_port(), token=TOKEN) as served, httpx.Client(base_url=served.base, timeout=30) as http:
        for name in ("default-graph-uri", "named-graph-uri"):
            answer = http.get("/sparql", params={"query": "ASK {}", name: "not an iri"})
            assert answer.status_code == 400 and name in answer.text, answer.text
        for name in ("using-graph-uri", "using-named-graph-uri"):
            for bad in ("urn:g> ; LOAD <http://127.0.0.1:9/>", "urn:{g}", "urn:a\\u003E", "relative"):
                answer = _post(http, "INSERT { <urn:s> <urn:p> ?o } WHERE { ?s ?p ?o }", "update", **{name: bad})
                assert answer.status_code == 400 and "absolute IRI" in answer.text, (name, bad, answer.text)
        good = http.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "urn:x:graph"})
        assert good.status_code == 200
