"""uvicorn's HTTP protocol with two changes: a deadline on request heads, and a response's
head and body written to the socket together.

A deadline on request heads: a connection that has not sent a whole request head in time is
closed.

uvicorn keeps a connection open for as long as its client takes to send the head of a request
(its keep-alive timeout only counts between requests), so a few thousand connections that each
send half a header ("slowloris") hold as many sockets and file descriptors for ever. This
protocol, uvicorn's own (httptools) with one timer more, closes each after ``header_timeout``
seconds without a complete head, on the first request of a connection and on every later one.

One write per response: uvicorn writes a response's status line and headers, then its body, as
two writes — two system calls, and a client that reads the head wakes once more for the body
(on a busy machine each wake-up waits for a core). Here the head waits for the first body write
(or the end of the response) and goes out with it; a streamed body's later parts go out as
they come.
"""
from __future__ import annotations

import asyncio

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


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

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        self._arm_header_timer()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_timer()

    def on_headers_complete(self) -> None:
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


def with_header_timeout(seconds: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class for ``uvicorn.run(http=...)`` with a deadline of ``seconds``."""
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout": seconds})
