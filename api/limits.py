"""A cap on the size of every request body, before any route (or multipart parser) reads it.

The SPARQL and Graph Store routes bound the bodies they read themselves, but a document upload is
parsed by the multipart reader first, which spools the whole body to disk: without this cap a
client could make the service write gigabytes before the route's own check runs. The cap is the
largest of the service's body settings, so it never refuses what a route would accept.
"""
from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLarge(HTTPException):
    """Raised inside ``receive`` once the streamed body passes the cap; an HTTPException, so the
    routes' own body readers pass it on as a 413 instead of calling it a parse error."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _message(max_bytes))


class BodyLimit:
    """ASGI middleware: 413 for a declared ``Content-Length`` above ``max_bytes``, and for a
    streamed (chunked) body as soon as it passes ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._counting(receive), tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message
        return counted

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"error": _message(self.max_bytes), "kind": "BodyTooLarge"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _message(max_bytes: int) -> str:
    return f"the request body is larger than the {max_bytes} bytes this service accepts"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def body_cap(settings: Any) -> int:
    """The cap for a service: the largest body any of its routes accepts."""
    return max(settings.max_body_bytes, settings.max_upload_bytes) + 64 * 1024   # room for multipart framing
