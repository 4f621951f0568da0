"""Timeouts that really stop a query, read-only views that follow the writer, and a store
held by another process."""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import pytest

from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology.errors import QueryError, StoreError

G = "http://example.org/g"
SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?a ?b ?c . ?d ?e ?f . ?h ?i ?j }} }}"


def _fill(store: OxigraphStore, n: int) -> None:
    body = " ".join(f"<http://example.org/s{i}> <http://example.org/p> {i} ." for i in range(n))
    store.update(f"INSERT DATA {{ GRAPH <{G}> {{ {body} }} }}")


def test_timeout_stops_a_slow_query_and_the_store_keeps_working(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        _fill(store, 3000)
        started = time.monotonic()
        with pytest.raises(QueryError, match="timed out after 1 s"):
            store.select(SLOW, timeout=1)
        assert time.monotonic() - started < 5
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
        assert store.select(count, timeout=5) == [{"n": "3000"}]


def test_timed_queries_see_every_write(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
        for expected in (10, 20, 30):
            _fill_more(store, expected)
            assert store.select(count, timeout=5) == [{"n": str(expected)}]


def _fill_more(store: OxigraphStore, total: int) -> None:
    body = " ".join(f"<http://example.org/s{i}> <http://example.org/p> {i} ." for i in range(total))
    store.update(f"INSERT DATA {{ GRAPH <{G}> {{ {body} }} }}")


def test_read_only_open_beside_a_writer_process(tmp_path):
    folder = tmp_path / "s"
    with OxigraphStore(folder) as store:
        _fill(store, 5)
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('ok', flush=True); "
                               "sys.stdin.read()", str(folder)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process"):
            OxigraphStore(folder)
        with OxigraphStore(folder, read_only=True) as reader:
            assert len(reader.select(f"SELECT * WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}")) == 5
            with pytest.raises(StoreError, match="read-only"):
                reader.update("CLEAR ALL")
    finally:
        holder.stdin.close()
        holder.wait(10)


JSON = "application/sparql-results+json"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"


def _count_of(answer) -> int:
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def _idle_workers(store: OxigraphStore) -> list[subprocess.Popen]:
    return [worker.process for worker in store._pool._idle]


def test_awaited_timeout_kills_the_worker_and_the_store_keeps_working(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        _fill(store, 3000)
        assert store.select(COUNT, timeout=5) == [{"n": "3000"}]      # flushed: the next query is awaited
        busy = _idle_workers(store)
        started = time.monotonic()
        with pytest.raises(QueryError, match="timed out after 1 s"):
            asyncio.run(store.query_serialized_async(SLOW, JSON, timeout=1))
        assert time.monotonic() - started < 5
        assert all(process.poll() is not None for process in busy)    # the query really stopped
        assert _count_of(asyncio.run(store.query_serialized_async(COUNT, JSON, timeout=5))) == 3000


def test_a_cancelled_wait_gives_up_its_worker(tmp_path):
    with OxigraphStore(tmp_path / "s", query_workers=1) as store:
        _fill(store, 3000)
        assert store.select(COUNT, timeout=5) == [{"n": "3000"}]
        busy = _idle_workers(store)

        async def cancel_midway() -> None:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(store.query_serialized_async(SLOW, JSON, timeout=60), 0.5)

        asyncio.run(cancel_midway())
        assert all(process.poll() is not None for process in busy)
        assert store._pool._count == 0                                 # else the next query would wait forever
        assert store.select(COUNT, timeout=5) == [{"n": "3000"}]      # the only slot was given back


def test_concurrent_awaited_queries_all_get_their_answer(tmp_path):
    with OxigraphStore(tmp_path / "s", query_workers=2) as store:
        _fill(store, 50)
        assert store.select(COUNT, timeout=5) == [{"n": "50"}]

        async def many() -> list:
            queries = [f"SELECT ?o WHERE {{ GRAPH <{G}> {{ <http://example.org/s{i}> ?p ?o }} }}" for i in range(12)]
            return await asyncio.gather(*(store.query_serialized_async(query, JSON, timeout=5, max_results=10)
                                          for query in queries))

        answers = asyncio.run(many())
        values = [json.loads(a.body)["results"]["bindings"][0]["o"]["value"] for a in answers]
        assert values == [str(i) for i in range(12)]


JSON = "application/sparql-results+json"


def _ask(store: OxigraphStore, sparql: str, times: int = 2, timeout: float = 30) -> list[bytes]:
    """``sparql`` asked ``times`` times as ``/sparql`` asks: written at once if proven light, else by a worker."""
    async def one() -> bytes:
        answer = store.answer_at_once(sparql, JSON) or await store.query_serialized_async(sparql, JSON, timeout=timeout)
        return answer.body

    async def each():
        return [await one() for _ in range(times)]
    return asyncio.run(each())


def _count(body: bytes) -> str:
    return json.loads(body)["results"]["bindings"][0]["n"]["value"]


def test_a_request_a_worker_answered_fast_runs_here_until_the_data_changes(tmp_path):
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?s ?p ?o }} }}"
    with OxigraphStore(tmp_path / "s", query_timeout=30) as store:
        _fill(store, 10)
        store.warm_up()
        answers = _ask(store, count, times=4)
        assert {_count(body) for body in answers} == {"10"}
        here = store.answered_here
        assert here >= 2            # proven by a worker's first answer or two, then answered here
        _fill_more(store, 20)       # new data: a worker answers first, and proves it again
        first = _ask(store, count, times=1)
        assert _count(first[0]) == "20" and store.answered_here == here
        assert {_count(body) for body in _ask(store, count, times=3)} == {"20"}
        assert store.answered_here > here


def test_slow_requests_and_texts_that_may_reach_out_always_go_to_a_worker(tmp_path):
    pairs = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G}> {{ ?a ?b ?c . ?d ?e ?f }} }}"
    with OxigraphStore(tmp_path / "s", query_timeout=30) as store:
        _fill(store, 1500)          # 2.25 M pairs: far longer than a worker's answer may take to prove
        store.warm_up()
        for sparql in (pairs, f'SELECT * WHERE {{ GRAPH <{G}> {{ ?s ?p "service" }} }}',
                       f'SELECT * WHERE {{ GRAPH <{G}> {{ ?s ?p "\\u0073" }} }}'):
            _ask(store, sparql, times=4)
        assert store.answered_here == 0


def test_what_is_proven_is_bounded_and_tied_to_one_generation():
    from govkg.kg.oxigraph_query import QueryRequest
    from govkg.kg.proven_light import PROVEN_SECONDS, ProvenLight

    proven = ProvenLight(remembered=2)
    first, second, third = (QueryRequest("serialized", f"ASK {{ <urn:x{i}> ?p ?o }}", JSON) for i in range(3))
    for request in (first, second, third):
        proven.answered(request, generation=1, seconds=PROVEN_SECONDS / 2)
    assert not proven.proven(first, 1)                       # the least recently used went first
    assert proven.proven(second, 1) and proven.proven(third, 1)
    assert not proven.proven(third, 2)                       # other data: not proven there
    proven.answered(first, generation=1, seconds=PROVEN_SECONDS * 2)
    assert not proven.proven(first, 1)                       # too slow to prove anything
