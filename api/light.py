"""Answers that are light by construction — the actor list, the document list — kept light
under load.

Such an answer changes only when the data does: it is kept per data version of the store
(``Store.data_version``) as the bytes sent, and a request that finds it is answered on the event
loop, with no thread and no query. A request that does not is computed in a thread of its own
(``LIGHT_THREADS``), never in the thread pool that every other route shares (40 heavy requests
fill it), and its queries may use the store's fast lane (``govkg.kg.query_context.LIGHT``).
"""
from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from govkg.kg.query_context import LIGHT
from govkg.kg.store import Store

LIGHT_THREADS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="govkg-light")
KEPT = 64
"""Light answers kept (the oldest are dropped): query strings differ by limit and type."""

_KEPT: OrderedDict[tuple, bytes] = OrderedDict()
_LOCK = threading.Lock()


async def light_answer(request: Request, store: Store, compute: Callable[[], BaseModel]) -> Response:
    """The JSON of ``compute()`` for this request, from what is kept for the store's current
    data when it is there."""
    version = store.data_version()
    key = (version, request.url.path, request.url.query)
    if version is not None:
        with _LOCK:
            body = _KEPT.get(key)
        if body is not None:
            return Response(body, media_type="application/json")
    body = await asyncio.get_running_loop().run_in_executor(LIGHT_THREADS, _computed, compute)
    if version is not None:
        with _LOCK:
            _KEPT[key] = body
            while len(_KEPT) > KEPT:
                _KEPT.popitem(last=False)
    return Response(body, media_type="application/json")


def _computed(compute: Callable[[], BaseModel]) -> bytes:
    LIGHT.set(True)                 # this thread's context is its own: the flag stays here
    try:
        return compute().model_dump_json().encode()
    finally:
        LIGHT.set(False)
