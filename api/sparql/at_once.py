"""A proven-light SPARQL query answered in front of the service's layers.

A query a worker has answered within milliseconds on the present data is written in this
process (``Store.answer_at_once``): the engine then spends a tenth of a millisecond or so, and
the layers a request passes on its way to the endpoint — server-error and telemetry wrappers,
the write gate, the body cap, the client-leave watch, Starlette's request and response objects —
cost more than that. ``AtOnce`` takes a GET or a small POST for exactly ``/sparql``, reads it
with the endpoint's own functions (``govkg.api.sparql.prepared``: the same protocol rules, the same
SERVICE/LOAD refusal, the same negotiation and row cap), and writes the answer when the store
has it at once. Anything else — an update, an error to report, a body without a length or a
large one, a text needing the endpoint as its base IRI, a query not proven light — goes on to
the service exactly as it came, the body read here handed on unchanged. None of those layers
has work to do for a request answered here: the write gate knows only ``/documents``, the body
read here is within the endpoint's own cap (and the service's), the answer is written without a
wait (no client to watch while it waits), and there is no error to catch.
"""
from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from govkg.api.settings import Settings
from govkg.api.sparql.prepared import (
    REMEMBERED_TEXT_CHARS,
    needs_base,
    prepare_query,
    read_get_request,
    read_post_request,
    read_text,
)
from govkg.kg.store import QueryAnswer, Store

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

BODY_BYTES = 16 * 1024
"""Largest POST body read here; a longer one (or one the endpoint's cap refuses) goes on unread."""
REMEMBERED = 1024
"""Requests whose reading is kept (those up to ``REMEMBERED_TEXT_CHARS``); past that many, all are forgotten."""


class AtOnce:
    """``answer`` writes a proven-light answer when the store has one; as an ASGI front,
    ``await at_once(scope, receive, send)`` is None when the request was answered, else the
    ``receive`` the rest of the service reads it with."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings, self.store = settings, store
        self.body_bytes = min(BODY_BYTES, settings.max_body_bytes)
        self._runnable: dict[tuple, tuple] = {}
        """Requests (URL query, Content-Type, Accept, body) read already, and what they ask the store."""

    def takes(self, method: str, content_length: bytes | None) -> bool:
        """Whether a request with this method and Content-Length may be answered here."""
        if method == "GET":
            return True
        return method == "POST" and content_length is not None and content_length.isdigit() \
            and int(content_length) <= self.body_bytes

    def answer(self, query_string: bytes, headers: dict[bytes, bytes], body: bytes | None) -> QueryAnswer | None:
        """The answer of a GET (``body`` None) or POST when the store has it at once; None for
        any request the endpoint is to see (its errors included: the endpoint reports them).
        ``headers``: those ``request_headers`` picks."""
        request = (query_string, headers.get(b"content-type"), headers.get(b"accept"), body)
        runnable = self._runnable.get(request)
        if runnable is None:
            runnable = self._read(*request)
            if len(query_string) + len(body or b"") <= REMEMBERED_TEXT_CHARS:
                if len(self._runnable) >= REMEMBERED:
                    self._runnable.clear()
                self._runnable[request] = runnable
        if not runnable:
            return None
        text, media_type, default_graphs, named_graphs, row_cap = runnable
        try:
            return self.store.answer_at_once(text, media_type, default_graph_uris=default_graphs,
                                             named_graph_uris=named_graphs, max_results=row_cap)
        except Exception:           # noqa: BLE001 - the endpoint runs it again and answers its error
            return None

    def _read(self, query_string: bytes, content_type: bytes | None, accept: bytes | None,
              body: bytes | None) -> tuple:
        """What the store is asked for the request (the endpoint's reading of it), or () when
        the endpoint is to see the request."""
        try:
            if body is None:
                operation = read_get_request(query_string)
            else:
                operation = read_post_request(query_string, _text(content_type), body)
            if operation.kind != "query" or needs_base(read_text(operation.text)[0]):
                return ()
            query = prepare_query(self.settings, operation, _text(accept), _no_base)
        except Exception:           # noqa: BLE001 - the endpoint reads the request again and answers its error
            return ()
        return query.text, query.media_type, tuple(operation.default_graphs), tuple(operation.named_graphs), query.row_cap

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> Receive | None:
        headers = request_headers(scope["headers"])
        if scope.get("root_path") or not self.takes(scope["method"], headers.get(b"content-length")):
            return receive
        body = None
        if scope["method"] == "POST":
            messages = await _body_messages(receive)
            receive = _replaying(messages, receive)
            if messages[-1]["type"] != "http.request":
                return receive                  # the client left: the service sees it as it came
            body = b"".join(message.get("body", b"") for message in messages)
        answer = self.answer(scope["query_string"], headers, body)
        if answer is None:
            return receive
        await send({"type": "http.response.start", "status": 200, "headers": response_headers(answer)})
        await send({"type": "http.response.body", "body": answer.body})
        return None


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("latin-1")


def response_headers(answer: QueryAnswer) -> list[tuple[bytes, bytes]]:
    """The headers of ``answer``, as the endpoint's ``Response`` writes them."""
    return [*_head(answer.media_type), (b"content-length", b"%d" % len(answer.body))]


def request_headers(raw: list[tuple[bytes, bytes]]) -> dict[bytes, bytes]:
    """The headers ``answer`` reads, the first of each name (as Starlette's ``Headers.get``)."""
    found: dict[bytes, bytes] = {}
    for name, value in raw:
        if name in (b"accept", b"content-type", b"content-length") and name not in found:
            found[name] = value
    return found


async def _body_messages(receive: Receive) -> list[Message]:
    """The request's body messages up to the last one, or up to a disconnect."""
    messages = [await receive()]
    while messages[-1]["type"] == "http.request" and messages[-1].get("more_body", False):
        messages.append(await receive())
    return messages


def _replaying(messages: list[Message], receive: Receive) -> Receive:
    """A ``receive`` that gives ``messages`` first, then what ``receive`` gives."""
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()
    return replayed


def _no_base() -> str:
    raise AssertionError("a text that needs a base IRI is not answered here")


@functools.lru_cache(maxsize=16)
def _head(media_type: str) -> tuple[tuple[bytes, bytes], ...]:
    content_type = f"{media_type}; charset=utf-8" if media_type.startswith("text/") and "charset" not in media_type \
        else media_type
    return (b"vary", b"Accept"), (b"content-type", content_type.encode("latin-1"))
