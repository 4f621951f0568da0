"""What a query knows of the request that asked for it, without being handed it through every
function between the route and the store: whether anybody still waits for its answer
(``Cancel``), and whether it is light by construction (``light``), which lets it use the fast
lane of query workers kept free for such queries (``govkg.kg.query_lanes``).

Both are context variables: a route's thread (Starlette copies the request's context into it)
sees what the request's middleware set.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar


class Cancel:
    """Set once, when the answer is no longer wanted (the client left); the callbacks then stop
    whatever works for it (a query worker is killed). Thread-safe: set on the event loop, read
    and registered from route threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._set = False
        self._callbacks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._set

    def cancel(self) -> None:
        with self._lock:
            if self._set:
                return
            self._set = True
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    @contextlib.contextmanager
    def calling(self, callback: Callable[[], None]) -> Iterator[None]:
        """Within the block, ``cancel`` calls ``callback`` (at once, if it was already called)."""
        with self._lock:
            now = self._set
            if not now:
                self._callbacks.append(callback)
        if now:
            callback()
        try:
            yield
        finally:
            with self._lock, contextlib.suppress(ValueError):
                self._callbacks.remove(callback)


CANCEL: ContextVar[Cancel | None] = ContextVar("govkg_cancel", default=None)
"""The cancel token of the request being served, if its server watches for the client leaving."""

LIGHT: ContextVar[bool] = ContextVar("govkg_light_query", default=False)
"""Whether the queries in this context are light by construction (an actor list, a document
list, a SPARQL query of one pattern under a small LIMIT): such queries may use the fast lane
when their own pool's workers are busy."""


def current_cancel() -> Cancel | None:
    return CANCEL.get()


def is_light() -> bool:
    return LIGHT.get()
