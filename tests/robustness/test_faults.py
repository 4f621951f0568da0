"""Faults: an ingest killed with SIGKILL, a SPARQL server that is down, flaps or is slow, and a
restart of ``govkg serve`` — nothing half-written, no hang, nothing lost."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from govkg.kg.documents import list_documents
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.server_store import ServerStore
from govkg.ontology.errors import QueryError, StoreError
from tests.conftest import CORPUS, GOVKG, free_port
from tests.robustness.badfiles import GOOD_EN, GOOD_ZH
from tests.robustness.helpers import TOKEN, Served, dump_quads, figure, govkg

OXIGRAPH = str(Path(sys.executable).parent / "oxigraph")
GRAPH_PREFIX = "<https://w3id.org/govkg/id/graph/"
META = "<https://w3id.org/govkg/id/graph/meta>"


# ---- SIGKILL in the middle of an ingest --------------------------------------------------------
@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """Five real laws and a paper (the bundled corpus, under names of their own)."""
    folder = tmp_path_factory.mktemp("sources")
    for copy in (1,):
        for path in sorted(CORPUS.iterdir()):
            if path.suffix in {".md", ".txt"} and path.name != "SOURCES.md":
                shutil.copy(path, folder / f"c{copy}_{path.name}")
    return folder


@pytest.fixture(scope="module")
def reference(sources, tmp_path_factory) -> dict[str, set[str]]:
    """Each document's graph after an ingest that ran to the end: {graph line suffix: quads}."""
    store = tmp_path_factory.mktemp("reference") / "store"
    result = govkg("ingest", sources, "--store", store, timeout=300)
    assert result.returncode == 0, result.stderr
    return _by_graph(dump_quads(store))


def _by_graph(quads: set[str]) -> dict[str, set[str]]:
    graphs: dict[str, set[str]] = {}
    for quad in quads:
        graph = quad[quad.rindex("<"):].rstrip(" .")
        graphs.setdefault(graph, set()).add(quad)
    return graphs


def _ingested(store: Path) -> dict[str, str]:
    """{doc: ingest time} as a reader beside the running writer sees it."""
    if not (store / "CURRENT").exists():
        return {}
    try:
        opened = OxigraphStore(store, read_only=True, query_workers=0)
    except StoreError:
        return {}
    try:
        return {info.doc: info.ingested for info in list_documents(opened)}
    finally:
        opened.close()


BATCH_BYTES = 300_000
"""Small batches of new documents (two or three of the corpus each), so that a kill can fall
between batches and inside one."""


def _kill_after(sources: Path, store: Path, fresh: int, since: str) -> int:
    """Start ``govkg ingest``; SIGKILL it once ``fresh`` documents were (re)written after ``since``.
    Returns how many had been written when it died."""
    env = {k: v for k, v in os.environ.items() if k != "GOVKG_WRITE_TOKEN"}
    env["GOVKG_INGEST_BATCH_BYTES"] = str(BATCH_BYTES)
    proc = subprocess.Popen([*GOVKG, "ingest", str(sources), "--store", str(store)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            written = [d for d, when in _ingested(store).items() if when > since]
            if len(written) >= fresh:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    return len([d for d, when in _ingested(store).items() if when > since])


def _assert_whole(store: Path, reference: dict[str, set[str]]) -> tuple[int, int]:
    """Each document's graph is exactly its reference graph, or absent with its metadata."""
    graphs = _by_graph(dump_quads(store))
    meta = graphs.pop(META, set())
    present = 0
    for graph, quads in reference.items():
        if graph == META:
            continue
        doc = graph.removeprefix(GRAPH_PREFIX).rstrip(">")
        doc_meta = {q for q in meta if q.startswith(f"<https://w3id.org/govkg/id/doc/{doc}> ")}
        if graph in graphs:
            assert graphs.pop(graph) == quads, f"{doc} is in the store, but not as a whole"
            assert any(f'"{len(quads)}"' in q and "#triples" in q for q in doc_meta), doc
            present += 1
        else:
            assert not doc_meta, f"{doc} has metadata but no graph"
    assert not graphs, f"graphs no ingest wrote: {list(graphs)[:3]}"
    return present, len(reference) - 1


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_each_document_whole_or_absent(sources, reference, tmp_path):
    store = tmp_path / "store"
    written = _kill_after(sources, store, fresh=2, since="")
    present, total = _assert_whole(store, reference)
    figure(f"SIGKILL during a first ingest: {present} of {total} documents whole, the rest absent")
    assert 2 <= present < total and present >= written
    # a second ingest, killed while it replaces documents that are already stored
    since = max(_ingested(store).values())
    rewritten = _kill_after(sources, store, fresh=1, since=since)
    present, total = _assert_whole(store, reference)
    figure(f"SIGKILL during a re-ingest ({rewritten} rewritten): {present} of {total} documents whole")
    assert present >= 2
    # the next start works and completes the store
    result = govkg("ingest", sources, "--store", store, timeout=300)
    assert result.returncode == 0, result.stderr
    assert _assert_whole(store, reference) == (total, total)


# ---- a SPARQL server that is down, flaps, or is slow -------------------------------------------
class Unavailable:
    """An HTTP server that answers every request with 503, noting when each one came."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        times = self.times = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                times.append(time.monotonic())
                self.rfile.read(int(self.headers.get("content-length", 0)))
                self.send_response(503)
                self.send_header("Content-Length", "11")
                self.end_headers()
                self.wfile.write(b"overloaded\n")

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_server_that_is_down_is_one_clear_error_after_bounded_retries():
    port = free_port()
    store = ServerStore(f"http://127.0.0.1:{port}/query", retries=3, backoff=0.1)
    started = time.monotonic()
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    elapsed = time.monotonic() - started
    figure(f"server store, nothing listening: StoreError after {elapsed:.2f} s (3 retries, backoff 0.1 s doubling)")
    assert 0.1 + 0.2 + 0.4 <= elapsed < 5
    store.close()


def test_retries_back_off_and_stop():
    refuser = Unavailable()
    store = ServerStore(f"http://127.0.0.1:{refuser.port}/query", retries=3, backoff=0.1)
    try:
        with pytest.raises(StoreError) as caught:
            store.ask("ASK {}")
        assert "\n" not in str(caught.value) and "answered 503" in str(caught.value)
        time.sleep(0.2)
        assert len(refuser.times) == 4                       # one try and three retries, no more
        gaps = [b - a for a, b in zip(refuser.times, refuser.times[1:])]
        figure(f"server answering 503: {len(refuser.times)} attempts, gaps " + ", ".join(f"{g:.2f}" for g in gaps) + " s")
        assert gaps[0] >= 0.09 and gaps[1] >= 0.19 and gaps[2] >= 0.39, gaps
    finally:
        store.close()
        refuser.close()


@pytest.mark.server
def test_a_server_that_comes_back_during_the_retries_answers(tmp_path):
    port = free_port()
    store = ServerStore(f"http://127.0.0.1:{port}/query", retries=5, backoff=0.2)
    args = [OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert store.ask("ASK { ?s ?p ?o }") is False       # answered once the server was up
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        quick = ServerStore(f"http://127.0.0.1:{port}/query", retries=2, backoff=0.1)
        started = time.monotonic()
        with pytest.raises(StoreError, match="cannot reach"):
            quick.ask("ASK { <urn:a> ?p ?o }")
        assert time.monotonic() - started < 5
        quick.close()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert store.ask("ASK { <urn:a> <urn:b> <urn:c> }") is True
    finally:
        store.close()
        proc.kill()
        proc.wait(10)


class SlowServer:
    """An HTTP server that reads a request, then waits ``delay`` seconds before answering."""

    def __init__(self, delay: float) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                time.sleep(delay)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head": {}, "boolean": true}')

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_slow_server_is_cut_off_by_the_timeout():
    slow = SlowServer(delay=5)
    store = ServerStore(f"http://127.0.0.1:{slow.port}/query", timeout=30)
    try:
        started = time.monotonic()
        with pytest.raises(QueryError, match="timed out"):
            store.ask("ASK {}", timeout=0.5)
        figure(f"server 5 s slow, timeout 0.5 s: QueryError after {time.monotonic() - started:.2f} s")
        assert time.monotonic() - started < 2
    finally:
        store.close()
        slow.close()


@pytest.mark.slow
def test_govkg_serve_over_a_dead_server_store_answers_503_quickly(tmp_path):
    port = free_port()
    with Served(f"http://127.0.0.1:{port}/query", free_port(), ready_path="/openapi.json") as server:
        base = server.base
        started = time.monotonic()
        answer = httpx.get(base + "/norms", timeout=30)
        assert answer.status_code == 503, answer.text
        assert "cannot reach the SPARQL server" in answer.json()["error"]
        sparql = httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=30)
        assert sparql.status_code == 503 and "Traceback" not in sparql.text
        assert time.monotonic() - started < 10


# ---- restarting the service -------------------------------------------------------------------
def _state(base: str) -> tuple[set[str], dict]:
    quads = httpx.get(base + "/store", headers={"Accept": "application/n-quads"}, timeout=30).text
    return set(quads.splitlines()), httpx.get(base + "/documents", timeout=30).json()


@pytest.mark.slow
def test_restarting_govkg_serve_keeps_all_data(tmp_path):
    """Writes through the service survive a clean stop (SIGTERM) and a SIGKILL."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "breach_rules.txt").write_text(GOOD_EN, encoding="utf-8")
    store = tmp_path / "store"
    assert govkg("ingest", tmp_path / "src", "--store", store).returncode == 0
    port = free_port()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    update = {**auth, "Content-Type": "application/sparql-update"}
    with Served(store, port, token=TOKEN) as server:
        uploaded = httpx.post(server.base + "/documents", files={"file": ("property_rules.txt", GOOD_ZH.encode())},
                              headers=auth, timeout=60)
        assert uploaded.status_code == 201, uploaded.text
        assert httpx.post(server.base + "/sparql", content="INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'c' } }",
                          headers=update, timeout=30).status_code == 204
        before = _state(server.base)
        server.stop(signal.SIGTERM)
    assert {"breach_rules", "property_rules"} <= {d["doc"] for d in before[1]["documents"]}
    with Served(store, port, token=TOKEN) as server:
        assert _state(server.base) == before
        assert httpx.delete(server.base + "/documents/breach_rules", headers=auth, timeout=30).status_code == 204
        assert httpx.post(server.base + "/sparql", content="INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'd' } }",
                          headers=update, timeout=30).status_code == 204
        before = _state(server.base)
        server.stop(signal.SIGKILL)
    assert {d["doc"] for d in before[1]["documents"]} == {"property_rules"} and len(before[0]) > 50
    with Served(store, port, token=TOKEN) as server:
        assert _state(server.base) == before
    figure(f"govkg serve restarted after SIGTERM and after SIGKILL: all {len(before[0])} quads kept")
