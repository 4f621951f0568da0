"""Timeouts that really stop a query, read-only views that follow the writer, and a store
held by another process."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from kg.oxigraph_store import OxigraphStore
from ontology.errors import QueryError, StoreError

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
