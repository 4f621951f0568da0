"""No request ends the server: queries that overflow the query engine's stack, sent to a real
``govkg serve``, cost one request (a query worker) and are answered with a one-line error;
the server keeps answering and the data is unchanged. Search texts are bounded as well."""
from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg.oxigraph_store import OxigraphStore

from tests.conftest import free_port
from tests.robustness.helpers import TOKEN, Served, figure, ingested_store, no_traceback

WIDE = "a," * 12000                      # 12 000 words: a FILTER pyoxigraph cannot parse
DEEP_FILTER = "SELECT * WHERE { ?s ?p ?a FILTER(" + " && ".join(f'CONTAINS(?a, "w{i}")' for i in range(12000)) + ") }"
DEEP_UPDATE = "INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + "{" * 5000 + "}" * 5000
NQUADS = {"Accept": "application/n-quads"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    return ingested_store(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def unbounded(seeded):
    """A server whose search bounds are lifted, so that every crashing text reaches the engine."""
    env = {"GOVKG_MAX_SEARCH_WORDS": "1000000", "GOVKG_MAX_SEARCH_CHARS": "10000000"}
    with Served(seeded, free_port(), token=TOKEN, env=env) as served:
        yield served


def _alive(http: httpx.Client, dump: str) -> None:
    assert http.get("/norms", params={"q": "报告"}).status_code == 200
    assert http.get("/sparql", params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"}).status_code == 200
    assert http.get("/store", headers=NQUADS).text == dump


@pytest.mark.slow
def test_queries_that_crash_the_engine_cost_one_request(unbounded):
    requests = [("GET", "/norms", {"params": {"q": WIDE}}),
                ("GET", "/view/search", {"params": {"q": WIDE}}),
                ("GET", "/responsible", {"params": {"topic": WIDE}}),
                ("POST", "/sparql", {"content": DEEP_FILTER, "headers": {"Content-Type": "application/sparql-query"}}),
                ("POST", "/sparql", {"content": DEEP_UPDATE, "headers": {
                    "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}})]
    with httpx.Client(base_url=unbounded.base, timeout=60) as http:
        dump = http.get("/store", headers=NQUADS).text
        assert dump
        for method, path, kwargs in requests:
            started = time.monotonic()
            answer = http.request(method, path, **kwargs)
            took = time.monotonic() - started
            assert unbounded.proc.poll() is None, f"{method} {path} ended the server"
            assert answer.status_code in (400, 503), (path, answer.status_code, answer.text[:300])
            assert no_traceback(answer.text) and len(answer.text.strip().splitlines()) == 1, answer.text[:300]
            figure(f"{method} {path} (crashing text): {answer.status_code} in {took:.2f} s: {answer.text.strip()[:90]}")
            _alive(http, dump)


def test_search_texts_are_bounded(tmp_path):
    store = OxigraphStore(tmp_path / "store", query_timeout=5)
    with TestClient(create_app(Settings(store=str(tmp_path / "store")), store=store)) as http:
        for path, name in (("/norms", "q"), ("/responsible", "topic"), ("/actors", "q"),
                           ("/matrix", "topics"), ("/view/search", "q")):
            answer = http.get(path, params={name: "w," * 100})
            assert answer.status_code == 400 and "GOVKG_MAX_SEARCH_WORDS" in answer.text, (path, answer.text[:200])
            long = http.get(path, params={name: "x" * 5000})
            assert long.status_code == 400 and "GOVKG_MAX_SEARCH_CHARS" in long.text, (path, long.text[:200])
        assert http.get("/norms", params={"q": "报告 事故"}).status_code == 200
    store.close()


def test_a_worker_that_died_of_something_else_costs_no_request(tmp_path):
    """A worker killed from outside (here SIGKILL) while idle is replaced under the next query,
    which is answered: only a query that kills its worker every time is refused."""
    with OxigraphStore(tmp_path / "store", query_timeout=10) as store:
        store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }")
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert store.select(count) == [{"n": "1"}]
        idle = store._service_pool._idle
        assert idle
        for worker in idle:
            worker.process.kill()
            worker.process.wait(5)
        assert store.select(count) == [{"n": "1"}]
