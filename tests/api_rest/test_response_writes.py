"""Responses of the real service over a real uvicorn server: head and body leave in one write,
and nothing that needs the head alone (HEAD, ``100 Continue``, pipelined requests) waits for it."""
from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator

import pytest

from govkg.api.app import create_app
from govkg.api.http_protocol import protocol_class
from govkg.api.settings import Settings
from govkg.kg.oxigraph_store import OxigraphStore
from tests.conftest import uvicorn_in_thread

WRITES: list[bytes] = []


class CountedTransport:
    """The server's own transport, with each write it is given noted."""

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport

    def write(self, data: bytes) -> None:
        WRITES.append(bytes(data))
        self._transport.write(data)

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


class CountedProtocol(protocol_class(5.0)):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CountedTransport(transport))


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, int]]:
    folder = tmp_path_factory.mktemp("writes") / "store"
    with OxigraphStore(folder) as store:
        store.update('INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/p> "x" } }')
    app = create_app(Settings(store=str(folder), query_timeout=10))
    try:
        with uvicorn_in_thread(app, CountedProtocol) as address:
            yield address
    finally:
        app.state.store.close()


def exchange(address: tuple[str, int], raw: bytes, bodies: tuple[bool, ...] = (True,),
             timeout: float = 5.0) -> bytes:
    """Send ``raw`` and read until as many whole responses as ``bodies`` came back (a response
    to HEAD, ``False`` there, has a Content-Length but no body)."""
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(raw)
        data = b""
        while _complete(data, bodies) < len(bodies):
            chunk = sock.recv(65536)
            assert chunk, f"the server closed after {data!r}"
            data += chunk
        return data


def _complete(data: bytes, bodies: tuple[bool, ...]) -> int:
    """How many of the responses in ``data`` are whole."""
    count, rest = 0, data
    while count < len(bodies) and b"\r\n\r\n" in rest:
        head, _, rest = rest.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0) if bodies[count] else 0
        if len(rest) < length:
            break
        rest, count = rest[length:], count + 1
    return count


def test_a_response_leaves_in_one_write(served):
    WRITES.clear()
    answer = exchange(served, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: t\r\n"
                              b"Accept: application/sparql-results+json\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200") and answer.rstrip().endswith(b"}")
    assert len(WRITES) == 1 and WRITES[0] == answer


def test_a_head_request_gets_its_head_without_a_body(served):
    WRITES.clear()
    with socket.create_connection(served, timeout=5) as sock:
        sock.sendall(b"HEAD /sparql HTTP/1.1\r\nHost: t\r\nAccept: text/turtle\r\n\r\n")
        head = sock.recv(65536)
    assert head.startswith(b"HTTP/1.1 200") and head.endswith(b"\r\n\r\n")


def test_100_continue_goes_out_before_the_body_is_sent(served):
    query = b"query=ASK%7B%7D"
    with socket.create_connection(served, timeout=5) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(query))
        assert sock.recv(65536).startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(query)
        answer = b""
        while b"}" not in answer:
            answer += sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 200") and b'"boolean":true' in answer.replace(b" ", b"")


def test_pipelined_requests_each_get_their_whole_answer(served):
    one = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: t\r\nAccept: application/sparql-results+json\r\n\r\n"
    head = b"HEAD /sparql HTTP/1.1\r\nHost: t\r\nAccept: text/turtle\r\n\r\n"
    answers = exchange(served, one + head + one, bodies=(True, False, True))
    assert answers.count(b"HTTP/1.1 200") == 3


def test_a_later_head_sent_by_halves_is_cut_off_too(tmp_path):
    folder = tmp_path / "store"
    with OxigraphStore(folder):
        pass
    app = create_app(Settings(store=str(folder), query_timeout=10))
    whole = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: t\r\nAccept: application/sparql-results+json\r\n\r\n"
    try:
        with uvicorn_in_thread(app, protocol_class(0.5)) as address, \
                socket.create_connection(address, timeout=5) as sock:
            sock.sendall(whole)
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")       # the first head came whole: answered
            sock.sendall(b"GET /sparql HTTP/1.1\r\nHost: t\r\n")          # the second never ends
            started, data = time.monotonic(), b"x"
            while data:
                data = sock.recv(65536)
            assert time.monotonic() - started < 3
    finally:
        app.state.store.close()
