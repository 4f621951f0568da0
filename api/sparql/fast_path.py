"""``/sparql`` straight to its endpoint, past FastAPI's routing.

A light SPARQL query costs the engine a fraction of a millisecond; matching the request against
every route of the service, and the exception and exit-stack layers around the router, cost about
as much again. This ASGI middleware sits inside the service's own middleware (the write gate, the
body cap, client-leave cancellation: each request still passes them all) and hands a request for
exactly ``/sparql`` to the endpoint the router would have chosen. The endpoints answer every error
of theirs themselves (``error_response``); anything else goes on to the server-error layer as before.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

Endpoint = Callable[[Request], Awaitable[Response]]
ASGIApp = Callable[..., Awaitable[None]]


class SparqlFastPath:
    """ASGI middleware: ``(method, path)`` in ``endpoints`` is answered by that endpoint."""

    def __init__(self, app: ASGIApp, endpoints: dict[tuple[str, str], Endpoint]) -> None:
        self.app = app
        self.endpoints = endpoints

    async def __call__(self, scope: MutableMapping[str, Any], receive, send) -> None:
        endpoint = self.endpoints.get((scope.get("method"), scope.get("path"))) if scope["type"] == "http" else None
        if endpoint is None or scope.get("root_path"):
            await self.app(scope, receive, send)
            return
        response = await endpoint(Request(scope, receive, send))
        await response(scope, receive, send)
