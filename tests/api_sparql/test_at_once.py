"""Proven-light queries answered before the service's layers — in the HTTP protocol under a real
uvicorn server, and in front of the middleware for any ASGI server — answer exactly what the
endpoint answers; everything else still reaches the endpoint, its body intact."""
from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.http_protocol import protocol_class
from govkg.api.settings import Settings
from govkg.kg.oxigraph_store import OxigraphStore
from tests.api_rest.test_response_writes import exchange
from tests.conftest import uvicorn_in_thread

G = "http://example.org/g"
JSON = "application/sparql-results+json"
ASK = "ASK { GRAPH ?g { ?s <http://example.org/p> ?o } }"
SELECT = "SELECT ?s ?o WHERE { GRAPH ?g { ?s <http://example.org/p> ?o } } ORDER BY ?o"


def _fill(folder) -> None:
    with OxigraphStore(folder) as store:
        store.update(f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/a> <http://example.org/p> "x" . '
                     f'<http://example.org/b> <http://example.org/p> "y" }} }}')


class AppCalls:
    """The ASGI app, with each request that reached it counted."""

    def __init__(self, app) -> None:
        self.app, self.calls = app, 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.calls += 1
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[tuple[str, int], AppCalls, OxigraphStore]]:
    folder = tmp_path_factory.mktemp("at-once") / "store"
    _fill(folder)
    app = create_app(Settings(store=str(folder), query_timeout=10, max_results=1000))
    counted = AppCalls(app)
    try:
        with uvicorn_in_thread(counted, protocol_class(5.0, app.at_once)) as address:
            yield address, counted, app.state.store
    finally:
        app.state.store.close()


def post(query: str, *, version: bytes = b"1.1", accept: bytes = JSON.encode()) -> bytes:
    body = b"query=" + quote(query).encode()
    return (b"POST /sparql HTTP/" + version + b"\r\nHost: t\r\nAccept: " + accept +
            b"\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def get(query: str) -> bytes:
    return b"GET /sparql?query=" + quote(query).encode() + b" HTTP/1.1\r\nHost: t\r\nAccept: " + JSON.encode() + b"\r\n\r\n"


def parts(response: bytes) -> tuple[bytes, dict[bytes, bytes], bytes]:
    """Status line, headers (the Date left out: it moves) and body."""
    head, _, body = response.partition(b"\r\n\r\n")
    status, *lines = head.split(b"\r\n")
    headers = {name.lower(): value for name, value in (line.split(b": ", 1) for line in lines)}
    headers.pop(b"date", None)
    return status, headers, body


@pytest.mark.parametrize("request_of", [post, get], ids=["POST", "GET"])
@pytest.mark.parametrize("query", [ASK, SELECT], ids=["ASK", "SELECT"])
def test_a_proven_light_query_is_answered_in_the_protocol_as_the_endpoint_answers_it(served, request_of, query):
    address, app, store = served
    calls, here = app.calls, store.answered_here
    answers = [parts(exchange(address, request_of(query))) for _ in range(4)]
    assert store.answered_here > here and app.calls < calls + 4     # proven by a worker, then answered here
    assert all(answer == answers[0] for answer in answers)
    status, headers, body = answers[0]
    assert status == b"HTTP/1.1 200 OK" and headers[b"content-type"] == JSON.encode()
    assert headers[b"vary"] == b"Accept" and int(headers[b"content-length"]) == len(body)
    assert json.loads(body)


def test_csv_answers_keep_the_charset_the_endpoint_gives_them(served):
    address, _, _ = served
    answers = [parts(exchange(address, post(SELECT, accept=b"text/csv"))) for _ in range(3)]
    assert {answer[1][b"content-type"] for answer in answers} == {b"text/csv; charset=utf-8"}
    assert all(answer == answers[0] for answer in answers)


def test_refused_updates_and_relative_iris_reach_the_endpoint_every_time(served):
    address, app, _ = served
    calls = app.calls
    for _ in range(3):
        service = exchange(address, post("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
        update = exchange(address, b"POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: application/sparql-update\r\n"
                                   b"Content-Length: 12\r\n\r\nCLEAR ALL ;\n")
        relative = exchange(address, post("ASK { GRAPH ?g { <a> ?p ?o } }"))     # the endpoint is its base
        assert service.startswith(b"HTTP/1.1 400") and b"SERVICE" in service
        assert update.startswith(b"HTTP/1.1 403")
        assert parts(relative)[0] == b"HTTP/1.1 200 OK" and json.loads(parts(relative)[2]) == {"head": {}, "boolean": False}
    assert app.calls == calls + 9


def split(data: bytes) -> list[bytes]:
    """The bodies of the responses in ``data``, in order."""
    bodies = []
    while data:
        head, _, data = data.partition(b"\r\n\r\n")
        length = int(parts(head + b"\r\n\r\n")[1][b"content-length"])
        bodies.append(data[:length])
        data = data[length:]
    return bodies


def test_pipelined_requests_are_answered_in_order(served):
    address, app, _ = served
    for _ in range(3):
        exchange(address, post(ASK))                            # proven light
    unproven = post("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY DESC(?o)")
    calls = app.calls
    bodies = [json.loads(body) for body in split(exchange(address, post(ASK) + unproven + post(ASK),
                                                          bodies=(True, True, True)))]
    assert [("boolean" in body) for body in bodies] == [True, False, True]
    assert [row["o"]["value"] for row in bodies[1]["results"]["bindings"]] == ["y", "x"]
    assert app.calls == calls + 2           # the last waited behind the second, and went its way


def test_an_http_1_0_client_gets_its_answer_and_the_connection_closes(served):
    address, _, _ = served
    for _ in range(3):
        exchange(address, post(ASK))
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(post(ASK, version=b"1.0"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status, headers, body = parts(data)
    assert status == b"HTTP/1.1 200 OK" and headers[b"connection"] == b"close" and json.loads(body)["boolean"]


def test_in_front_of_the_middleware_answers_match_the_endpoint_and_bodies_are_handed_on(tmp_path):
    _fill(tmp_path / "s")
    app = create_app(Settings(store=str(tmp_path / "s"), query_timeout=10, write_token="t0ken"))
    try:
        with TestClient(app) as client:
            answers = [client.post("/sparql", data={"query": SELECT}, headers={"Accept": JSON}) for _ in range(4)]
            assert app.state.store.answered_here >= 2
            assert len({(a.status_code, a.headers["content-type"], a.content) for a in answers}) == 1
            update = client.post("/sparql", content=f'INSERT DATA {{ GRAPH <{G}> {{ <http://example.org/c> '
                                                    f'<http://example.org/p> "z" }} }}',
                                 headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer t0ken"})
            assert update.status_code == 204
            after = client.post("/sparql", data={"query": SELECT}, headers={"Accept": JSON}).json()
            assert [row["o"]["value"] for row in after["results"]["bindings"]] == ["x", "y", "z"]
    finally:
        app.state.store.close()


class Transport:
    """A transport that keeps what it is given."""

    def __init__(self) -> None:
        self.written: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.written.append(bytes(data))

    def get_extra_info(self, name: str, default=None):
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 5555)}.get(name, default)

    def is_closing(self) -> bool:
        return False

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def _written(transport: Transport, count: int, seconds: float = 30.0) -> None:
    """Wait until ``transport`` has been given ``count`` writes (a query worker may take a while to start)."""
    import asyncio

    deadline = time.monotonic() + seconds
    while len(transport.written) < count and time.monotonic() < deadline:
        await asyncio.sleep(0.01)


def test_while_the_client_does_not_read_its_answers_take_the_usual_way(tmp_path):
    import asyncio

    from uvicorn.config import Config
    from uvicorn.server import ServerState

    _fill(tmp_path / "s")
    app = create_app(Settings(store=str(tmp_path / "s"), query_timeout=10))

    async def feed() -> tuple[int, bool]:
        config = Config(app, log_level="warning")
        config.load()
        protocol = protocol_class(5.0, app.at_once)(config=config, server_state=ServerState(), app_state={})
        transport = Transport()
        protocol.connection_made(transport)
        for sent in range(1, 5):    # proven by a worker, then answered at once from the parser's callback
            protocol.data_received(get(ASK))
            await _written(transport, sent)
        answered_at_once = len(transport.written)
        protocol.pause_writing()    # the transport's buffer is full: the client is not reading
        protocol.data_received(get(ASK))
        held = len(transport.written) == answered_at_once and protocol.cycle is not None \
            and not protocol.cycle.response_complete
        protocol.resume_writing()
        await _written(transport, answered_at_once + 1)
        return answered_at_once, held and len(transport.written) == answered_at_once + 1

    try:
        answered, held_then_sent = asyncio.run(feed())
    finally:
        app.state.store.close()
    assert answered == 4 and held_then_sent
