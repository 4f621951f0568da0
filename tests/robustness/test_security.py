"""Security of the service: writes need the token, the public endpoint is read-only, no request
leaves the machine, bodies and answers are capped, file names never become paths, CORS is off
unless configured, and text from a document never becomes markup."""
from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.limits import BodyLimit, body_cap
from govkg.api.settings import Settings
from govkg.kg.oxigraph_store import OxigraphStore
from tests.conftest import govkg_serve
from tests.robustness.badfiles import GOOD_ZH, SCRIPT_ZH
from tests.robustness.helpers import TOKEN, ingested_store, store_quads

GRAPH = "https://example.org/g/test"
TURTLE = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> ."


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory) -> Path:
    return ingested_store(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def live(seeded_store):
    with govkg_serve(seeded_store, token=TOKEN) as base:
        yield base


def _writes(token: str | None) -> list[tuple[str, str, dict]]:
    """Every kind of write, as (method, path, request keyword arguments)."""
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    form = {"Content-Type": "application/x-www-form-urlencoded", **auth}
    return [
        ("POST", "/documents", {"files": {"file": ("new_law.txt", GOOD_ZH.encode(), "text/plain")}, "headers": auth}),
        ("DELETE", "/documents/property_rules", {"headers": auth}),
        ("POST", "/sparql", {"content": f"update=INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:a> <urn:b> <urn:c> }} }}",
                             "headers": form}),
        ("POST", "/sparql", {"content": f"CLEAR SILENT GRAPH <{GRAPH}>", "headers": {"Content-Type": "application/sparql-update", **auth}}),
        ("PUT", f"/store?graph={GRAPH}", {"content": TURTLE, "headers": {"Content-Type": "text/turtle", **auth}}),
        ("POST", f"/store?graph={GRAPH}", {"content": TURTLE, "headers": {"Content-Type": "text/turtle", **auth}}),
        ("DELETE", "/store?graph=https://w3id.org/govkg/id/graph/breach_rules", {"headers": auth}),
    ]


@pytest.mark.slow
def test_every_write_needs_the_token_over_http(live, seeded_store):
    with httpx.Client(base_url=live, timeout=30) as http:
        before = http.get("/store", headers={"Accept": "application/n-quads"}).text
        for token, status in ((None, 401), ("wrong-token", 401), (TOKEN + "x", 401), (TOKEN[:-1], 401)):
            for method, path, kwargs in _writes(token):
                answer = http.request(method, path, **kwargs)
                assert answer.status_code == status, (token, method, path, answer.status_code, answer.text[:200])
        assert http.get("/store", headers={"Accept": "application/n-quads"}).text == before
        accepted = [http.request(method, path, **kwargs).status_code for method, path, kwargs in _writes(TOKEN)]
        assert all(200 <= code < 300 for code in accepted), accepted


def test_without_a_token_configured_the_service_is_read_only(tmp_path, seeded_store):
    store = OxigraphStore(tmp_path / "copy")
    store.load(OxigraphStore(seeded_store, read_only=True, query_workers=0).dump("application/n-quads"),
               "application/n-quads")
    with TestClient(create_app(Settings(store=str(tmp_path / "copy")), store=store)) as http:
        before = store_quads(store)
        for method, path, kwargs in _writes(TOKEN):
            answer = http.request(method, path, **kwargs)
            assert answer.status_code == 403, (method, path, answer.status_code, answer.text[:200])
        assert http.get("/norms").status_code == 200
        assert store_quads(store) == before
    store.close()


def test_the_token_is_compared_in_constant_time(monkeypatch):
    import govkg.api.deps as deps
    calls = []
    real = deps.hmac.compare_digest
    monkeypatch.setattr(deps.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    settings = Settings(write_token=TOKEN)
    assert deps.token_ok(settings, f"Bearer {TOKEN}")
    assert not deps.token_ok(settings, "Bearer nope")
    assert not deps.token_ok(settings, None) and not deps.token_ok(Settings(), f"Bearer {TOKEN}")
    assert calls == [(TOKEN.encode(), TOKEN.encode()), (b"nope", TOKEN.encode())]


# ---- nothing leaves the machine ------------------------------------------------------------
class Listener:
    """A TCP port on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.mark.slow
def test_service_and_load_make_no_outgoing_request(live):
    listener = Listener()
    target = f"http://127.0.0.1:{listener.port}/sparql"
    queries = [f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
               f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
               f"PREFIX r: <http://127.0.0.1:{listener.port}/> SELECT * WHERE {{ SeRvIcE r:q {{ ?s ?p ?o }} }}",
               f"SELECT * WHERE {{ ?x ?y ?z . SERVICE <{target}> {{ ?s ?p ?o }} }} LIMIT 1"]
    updates = [f"LOAD <{target}>", f"load silent <{target}> into graph <{GRAPH}>",
               f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"]
    try:
        with httpx.Client(base_url=live, timeout=30) as http:
            for query in queries:
                for answer in (http.get("/sparql", params={"query": query}),
                               http.post("/sparql", content=query,
                                         headers={"Content-Type": "application/sparql-query"})):
                    assert answer.status_code == 400 and "SERVICE" in answer.text, answer.text
            for update in updates:
                answer = http.post("/sparql", content=update, headers={
                    "Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
                assert answer.status_code == 400, answer.text
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        listener.close()


# ---- caps ---------------------------------------------------------------------------------------
@pytest.fixture
def small_caps(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    settings = Settings(store=str(tmp_path / "store"), write_token=TOKEN, max_body_bytes=4096,
                        max_upload_bytes=8192, max_results=5, query_timeout=5)
    app = create_app(settings, store=store)
    app.add_middleware(BodyLimit, max_bytes=body_cap(settings))
    with TestClient(app) as http:
        http.headers["Authorization"] = f"Bearer {TOKEN}"
        yield http, store
    store.close()


def test_request_bodies_are_capped(small_caps):
    http, store = small_caps
    big_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    assert http.post("/sparql", content=big_query, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    big_graph = b"\n".join(b"<urn:s%d> <urn:p> <urn:o> ." % i for i in range(400))
    assert http.put(f"/store?graph={GRAPH}", content=big_graph,
                    headers={"Content-Type": "application/n-triples"}).status_code == 413
    upload = http.post("/documents", files={"file": ("law.txt", (GOOD_ZH * 100).encode(), "text/plain")})
    assert upload.status_code == 413 and "larger than" in upload.text
    assert store_quads(store) == set()


def test_the_body_limit_refuses_early_and_streamed_bodies(small_caps):
    http, _ = small_caps
    huge = b"x" * (10 * 1024 * 1024)
    answer = http.post("/documents", content=huge, headers={"Content-Type": "multipart/form-data; boundary=zz"})
    assert answer.status_code == 413

    def chunks():
        for _ in range(200):
            yield b"y" * 1024
    streamed = http.post("/documents", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=zz"})
    assert streamed.status_code == 413


def test_answers_are_capped(small_caps):
    http, _ = small_caps
    data = b"\n".join(b"<urn:s%d> <urn:p> <urn:o> ." % i for i in range(20))
    assert http.put(f"/store?graph={GRAPH}", content=data, headers={"Content-Type": "application/n-triples"}).status_code == 201
    many = http.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert many.status_code == 400 and "more than 5" in many.text
    few = http.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"},
                   headers={"Accept": "application/sparql-results+json"})
    assert few.status_code == 200 and len(few.json()["results"]["bindings"]) == 5
    assert http.get("/norms", params={"limit": 10_000_000}).status_code == 422


# ---- uploaded file names -----------------------------------------------------------------------
HOSTILE_NAMES = ["../../escape_marker.txt", "/tmp/escape_marker.txt", "..\\..\\escape_marker.txt",
                 "escape\x00marker.txt", "....//....//escape_marker.txt", "%2e%2e%2fescape_marker.txt"]


def test_uploaded_file_names_never_become_paths(tmp_path, monkeypatch):
    import tempfile
    sandbox = tmp_path / "sandbox"
    (sandbox / "a" / "b").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(sandbox / "a" / "b"))
    monkeypatch.chdir(sandbox / "a" / "b")
    store = OxigraphStore(tmp_path / "store")
    with TestClient(create_app(Settings(store=str(tmp_path / "store"), write_token=TOKEN), store=store)) as http:
        http.headers["Authorization"] = f"Bearer {TOKEN}"
        for name in HOSTILE_NAMES:
            answer = http.post("/documents", files={"file": (name, GOOD_ZH.encode(), "text/plain")})
            assert answer.status_code in (201, 422), (name, answer.status_code, answer.text)
            if answer.status_code == 201:
                doc = answer.json()["doc"]
                assert "/" not in doc and "\\" not in doc and "\x00" not in doc and not doc.startswith("."), doc
        docs = [d["doc"] for d in http.get("/documents").json()["documents"]]
        assert docs and all("/" not in d and ".." not in d for d in docs)
    store.close()
    strays = [p for p in tmp_path.rglob("*") if "escape" in p.name] + list(Path("/tmp").glob("*escape*marker*"))
    assert strays == []
    assert not [p for p in (sandbox / "a" / "b").iterdir() if p.name.startswith("govkg-upload")]


# ---- CORS --------------------------------------------------------------------------------------
def test_cors_is_off_unless_configured(tmp_path):
    origin = {"Origin": "https://evil.example"}
    preflight = {**origin, "Access-Control-Request-Method": "POST"}
    store = OxigraphStore(tmp_path / "store")
    with TestClient(create_app(Settings(store=str(tmp_path / "store")), store=store)) as http:
        for answer in (http.get("/norms", headers=origin), http.get("/sparql", params={"query": "ASK {}"}, headers=origin),
                       http.options("/sparql", headers=preflight)):
            assert not any(h.lower().startswith("access-control-") for h in answer.headers), dict(answer.headers)
    allowed = Settings(store=str(tmp_path / "store"), cors_origins=["https://good.example"])
    with TestClient(create_app(allowed, store=store)) as http:
        assert http.get("/norms", headers={"Origin": "https://good.example"}).headers[
            "access-control-allow-origin"] == "https://good.example"
        assert "access-control-allow-origin" not in http.get("/norms", headers=origin).headers
    store.close()


# ---- no markup from documents ------------------------------------------------------------------
def test_document_text_never_becomes_markup(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    with TestClient(create_app(Settings(store=str(tmp_path / "store"), write_token=TOKEN), store=store)) as http:
        uploaded = http.post("/documents", files={"file": ("script_law.txt", SCRIPT_ZH.encode(), "text/plain")},
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert uploaded.status_code == 201, uploaded.text
        norms = http.get("/norms", params={"doc": "script_law"}).json()["norms"]
        assert any("<" in (n.get("action", "") + str(n.get("actor", ""))) for n in norms), norms
        actor_ids = [a["id"] for a in http.get("/actors").json()["actors"]][:5]
        pages = ["/", "/view/documents/script_law", "/view/gaps", "/network", "/network?doc=script_law",
                 "/view/search?q=<script>alert(3)</script>", *(f"/view/actors/{a}" for a in actor_ids)]
        for page in pages:
            answer = http.get(page)
            assert answer.status_code == 200, (page, answer.status_code, answer.text[:300])
            html = answer.text
            for raw in ("<script>alert", "<img src=x", "<b>街道", "<script>alert(3)"):
                assert raw not in html, (page, raw)
        document_page = http.get("/view/documents/script_law").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document_page
    store.close()
