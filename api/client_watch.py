"""Stop a request's queries when its client leaves.

A REST resource or a page runs its queries from a thread, waiting on a query worker; without
this, a client that sends a heavy request and hangs up leaves the worker busy until the query
ends or its time limit (30 s) is up, and a few such clients hold every worker. This ASGI
middleware watches the connection of each GET and HEAD request while the app answers it; when
the client disconnects, the request's ``govkg.kg.query_context.Cancel`` is set, which kills the worker
running its query (or ends its wait for one), and its further queries are refused at once.

Only requests without a body are watched: the watcher reads the connection, and a body must
stay for the route (and the body cap) to read. The app still sees every message, in order.
"""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from govkg.kg.query_context import CANCEL, Cancel

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
ASGIApp = Callable[..., Awaitable[None]]
WATCHED = ("GET", "HEAD")


class CancelOnLeave:
    """ASGI middleware: a ``Cancel`` for each GET/HEAD request, set when its client disconnects."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") not in WATCHED:
            await self.app(scope, receive, send)
            return
        cancel = Cancel()
        messages: asyncio.Queue[Message] = asyncio.Queue()
        watcher = asyncio.ensure_future(_watch(receive, messages, cancel))
        token = CANCEL.set(cancel)
        try:
            await self.app(scope, _relay(messages), send)
        finally:
            CANCEL.reset(token)
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


async def _watch(receive: Receive, messages: asyncio.Queue, cancel: Cancel) -> None:
    """Pass each message on; at the disconnect, cancel the request's queries (on the loop: a
    kill signal and a wake-up, no wait)."""
    while True:
        message = await receive()
        messages.put_nowait(message)
        if message["type"] == "http.disconnect":
            cancel.cancel()
            return


def _relay(messages: asyncio.Queue) -> Receive:
    async def relayed() -> Message:
        message = await messages.get()
        if message["type"] == "http.disconnect":
            messages.put_nowait(message)            # every later call sees the disconnect too
        return message
    return relayed
