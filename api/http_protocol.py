"""uvicorn's HTTP protocol with three changes: a deadline on request heads, a response's
head and body written to the socket together, and proven-light SPARQL queries answered as
soon as the request has arrived.

A deadline on request heads: a connection that has not sent a whole request head in time is
closed.

uvicorn keeps a connection open for as long as its client takes to send the head of a request
(its keep-alive timeout only counts between requests), so a few thousand connections that each
send half a header ("slowloris") hold as many sockets and file descriptors for ever. This
protocol, uvicorn's own (httptools) with one timer more, closes each after ``header_timeout``
seconds without a complete head, on the first request of a connection (counted from the
connection) and on every later one (counted from the read that began it, and set only when that
read did not bring the whole head: most heads come in one).

One write per response: uvicorn writes a response's status line and headers, then its body, as
two writes — two system calls, and a client that reads the head wakes once more for the body
(on a busy machine each wake-up waits for a core). Here the head waits for the first body write
(or the end of the response) and goes out with it; a streamed body's later parts go out as
they come.

Proven-light SPARQL queries answered as soon as the request has arrived: a GET or small POST
for exactly ``/sparql`` whose answer the store has at once (``govkg.api.sparql.at_once``) is
written from the parser's callback, with no ASGI request cycle, task or message on the way (those
cost about as much as the engine spends on such a query). The request is read by the endpoint's
own functions, under the same guard; any other request, and one that the store does not answer
at once, starts its cycle as uvicorn starts it, its body handed on. Requests are only answered
here when the connection has no response in progress (no pipelined request waits), no
``Expect: 100-continue`` and no upgrade, and while its client reads what it is sent (else the
usual way waits for it, and stops reading further requests).
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from govkg.api.sparql.at_once import AtOnce, request_headers, response_headers


class HeadWithBody:
    """The transport a response cycle writes through: the response's head (the first write once
    the response has started: a ``100 Continue`` before it goes out at once) is held and sent
    with the next write; ``flush`` sends what is held (at the end of the response, and before
    the connection closes)."""

    def __init__(self, cycle: Any) -> None:
        self._cycle, self._transport = cycle, cycle.transport
        self._head: bytes | None = None
        self._held = False
        answered = cycle.on_response

        def on_response() -> None:
            self.flush()
            answered()

        cycle.on_response = on_response

    def write(self, data: bytes) -> None:
        if not self._held and self._cycle.response_started:
            self._held, self._head = True, bytes(data)
            return
        if self._head is not None:
            data, self._head = self._head + data, None
        self._transport.write(data)

    def flush(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that closes connections slow to send a request head."""

    header_timeout = 10.0

    _head_pending = False
    """A request head has begun and is not complete."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._head_pending and self._header_timer is None:   # a head that did not come whole: from now on
            self._arm_header_timer()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_pending = True

    def on_headers_complete(self) -> None:
        self._head_pending = False
        self._disarm_header_timer()
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not None and not isinstance(cycle.transport, HeadWithBody):
            cycle.transport = HeadWithBody(cycle)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._disarm_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm_header_timer(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


class AtOnceProtocol(HeaderDeadlineProtocol):
    """HeaderDeadlineProtocol that answers proven-light ``/sparql`` queries from the parser's
    callbacks (``at_once``, set on the class by ``protocol_class``)."""

    at_once: AtOnce | None = None
    _held: bytearray | None = None
    """The body of a request that may be answered here, as it arrives (None: no such request)."""
    _query_string = b""
    _picked: dict[bytes, bytes] = {}

    def on_headers_complete(self) -> None:
        if self._may_answer():
            self._disarm_header_timer()
            self._held = bytearray()
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if self._held is None:
            super().on_body(body)
        else:
            self._held += body

    def on_message_complete(self) -> None:
        if self._held is None:
            super().on_message_complete()
            return
        body, self._held = bytes(self._held), None
        answer = self.at_once.answer(self._query_string, self._picked, body if self.parser.get_method() == b"POST" else None)
        if answer is None:                  # the request goes its usual way, from the start
            super().on_headers_complete()
            if body:
                super().on_body(body)
            super().on_message_complete()
            return
        self._write(answer, keep_alive=self.parser.get_http_version() != "1.0" and self.parser.should_keep_alive())

    def _may_answer(self) -> bool:
        if self.at_once is None or self.expect_100_continue or self.parser.should_upgrade() or self.root_path:
            return False
        if self.limit_concurrency is not None or not (self.cycle is None or self.cycle.response_complete):
            return False
        if self.flow.write_paused:          # a client that does not read: its answers wait, on the usual way
            return False
        method = self.parser.get_method()
        if method != b"GET" and method != b"POST":
            return False
        url = httptools.parse_url(self.url)
        if url.path != b"/sparql":
            return False
        self._query_string, self._picked = url.query or b"", request_headers(self.headers)
        return self.at_once.takes(method.decode("ascii"), self._picked.get(b"content-length"))

    def _write(self, answer, *, keep_alive: bool) -> None:
        """The response, in one write; then what uvicorn does once a response is complete."""
        headers = [*self.server_state.default_headers, *response_headers(answer)]
        if not keep_alive:
            headers.append((b"connection", b"close"))
        head = b"".join(b"%s: %s\r\n" % header for header in headers)
        self.transport.write(STATUS_LINE[200] + head + b"\r\n" + answer.body)
        if self.access_log and self.access_logger.isEnabledFor(logging.INFO):
            self._log_access()
        if not keep_alive:
            self.transport.close()
        self.on_response_complete()

    def _log_access(self) -> None:
        url = httptools.parse_url(self.url)
        target = url.path.decode("ascii") + (f"?{url.query.decode('ascii')}" if url.query else "")
        client = "%s:%d" % self.client if self.client else ""
        self.access_logger.info('%s - "%s %s HTTP/%s" %d', client, self.parser.get_method().decode("ascii"), target,
                                self.parser.get_http_version(), 200)


def protocol_class(header_timeout: float, at_once: AtOnce | None = None) -> type[HeaderDeadlineProtocol]:
    """The protocol class for ``uvicorn.run(http=...)``: a deadline of ``header_timeout`` seconds
    on request heads, and proven-light queries answered by ``at_once`` (when given)."""
    attributes = {"header_timeout": header_timeout, "at_once": at_once}
    return type("AtOnceProtocol", (AtOnceProtocol,), attributes)
