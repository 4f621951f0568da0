"""The write token, checked before a document upload's body is read.

FastAPI parses a multipart form, spooling its files to disk, before it runs a route's
dependencies: the token check of ``POST /documents`` would come after an anonymous client had
made the service write its whole upload. This middleware answers such a request from its
headers alone, with the route's own 401 or 403.
"""
from __future__ import annotations

import json

from govkg.api.deps import token_ok
from govkg.api.limits import ASGIApp, Receive, Scope, Send
from govkg.api.settings import Settings

GATED = {("POST", "/documents"), ("POST", "/documents/")}


class WriteGate:
    """ASGI middleware: refuse a gated request without the write token before its body."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (scope["method"], scope["path"]) in GATED:
            refusal = self._refusal(scope)
            if refusal is not None:
                await _answer(send, *refusal)
                return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        if not self.settings.write_token:
            return 403, "this service is read-only: no write token is configured"
        authorization = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"authorization"), None)
        if not token_ok(self.settings, authorization):
            return 401, "a valid 'Authorization: Bearer <token>' is needed to write"
        return None


async def _answer(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
