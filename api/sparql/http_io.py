"""HTTP plumbing shared by ``/sparql`` and ``/store``: bounded bodies, plain-text errors, write access."""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from fastapi import HTTPException, Request
from fastapi.responses import PlainTextResponse

from govkg.api.deps import require_write_token
from govkg.api.settings import Settings
from govkg.api.sparql.protocol import ProtocolError
from govkg.ontology.errors import GovKGError, NotFound, QueryError, StoreError


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 once it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"the body is larger than the {limit} bytes this service accepts")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ProtocolError(413, f"the body is larger than the {limit} bytes this service accepts")
        chunks.append(chunk)
    return b"".join(chunks)


T = TypeVar("T")


class ClientGone(Exception):
    """The client closed its connection before its answer was ready."""


async def unless_client_leaves(request: Request, work: Awaitable[T]) -> T:
    """Await ``work``; when the client disconnects first, cancel it (a query worker awaited on
    the loop is then killed, and its query stops) and raise ClientGone. The request's body must
    have been read already: what comes after it on the connection is the disconnect."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_disconnect(request))
    try:
        done, _ = await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        task.cancel()
        raise
    finally:
        watch.cancel()
    if task in done:
        return task.result()
    task.cancel()
    with contextlib.suppress(BaseException):
        await task
    raise ClientGone()


async def _disconnect(request: Request) -> None:
    while (await request.receive())["type"] != "http.disconnect":
        pass


def check_write(request: Request, settings: Settings) -> None:
    """Refuse a write without the token: 403 on a read-only service, 401 without a valid token."""
    try:
        require_write_token(request, settings)
    except HTTPException as exc:
        raise ProtocolError(exc.status_code, str(exc.detail)) from None


def error_response(exc: Exception) -> PlainTextResponse:
    """A protocol or store error as a one-line plain-text answer, as SPARQL clients show it.

    A QueryError (syntax error, refused operation, query stopped by the timeout or the result
    cap) is the client's to fix: 400. A store that cannot answer is 503."""
    headers = {}
    if isinstance(exc, ProtocolError):
        status = exc.status
        if status == 401:
            headers["WWW-Authenticate"] = "Bearer"
    elif isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, QueryError):
        status = 400
    elif isinstance(exc, StoreError):
        status = 503
    elif isinstance(exc, GovKGError):
        status = 422
    else:
        raise exc
    return PlainTextResponse(f"{exc}\n", status_code=status, headers=headers)
