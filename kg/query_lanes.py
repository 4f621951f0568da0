"""A fast lane of query workers, so that light queries do not queue behind heavy ones.

A pool's workers can all be held by queries that run to their time limit; a light query sent
then would wait for one of them, seconds. The lane is a small pool of its own (two workers:
one to run, one standing by) that a query may use only while its own pool has no idle worker,
and only for a short deadline (``FAST_LANE_SECONDS``). A query that overruns it is moved to its
own pool: the lane's worker is killed, the standby takes the next light query at once while a
replacement starts, and the query runs again in its pool with the time it has left (its limit
still counts from its arrival). A query that overran once is tried once more in the lane (a
light query on a machine busy for a moment) before it moves; the text of a query that overran
twice (``OVERRUNS``) is kept out of the lane for a minute (``REMEMBER_SECONDS``): repeating a
heavy query does not cost the lane a worker each time. The lane gives a query only a worker that has
started: a replacement still starting would make the lightest query overrun.

Which queries may use the lane: those light by construction (``govkg.kg.query_context.LIGHT``) — the
service's actor and document lists, and SPARQL queries whose shape bounds their work
(``govkg.api.sparql.shape``). Other queries never do: each heavy one would cost the lane a worker.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict

from govkg.kg.oxigraph_query import QueryRequest
from govkg.kg.query_pool import WORKER_DIED, QueryPool
from govkg.ontology.errors import QueryError, QueryTimeout

FAST_LANE_SECONDS = 0.25
"""How long a query may run in the fast lane before it is moved to its own pool."""

REMEMBERED = 4096
"""How many texts of queries that overran the lane are kept (the oldest are forgotten)."""

REMEMBER_SECONDS = 60.0
"""How long a text that overran the lane is remembered."""

OVERRUNS = 2
"""Overruns within ``REMEMBER_SECONDS`` after which a text is kept out of the lane."""


class FastLane:
    """The lane, and the texts that overran it; ``run`` and ``run_async`` take the query's own pool."""

    def __init__(self, lane: QueryPool, deadline: float = FAST_LANE_SECONDS) -> None:
        self.lane, self.deadline = lane, deadline
        self._overran: OrderedDict[bytes, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.moved = 0
        """Queries moved from the lane to their own pool (for tests and benchmarks)."""

    def run(self, pool: QueryPool, request: QueryRequest, *, generation: int, timeout: float,
            since: float | None = None):
        """The answer of ``request``: in the lane when ``pool`` is busy and the lane is free, else
        (or after overruns) in ``pool``; ``timeout`` counts from ``since`` either way."""
        since = time.monotonic() if since is None else since
        for _ in range(OVERRUNS):
            if not self._worth_trying(pool, request):
                break
            left = since + timeout - time.monotonic()
            try:
                return self.lane.run(request, generation=generation, timeout=min(self.deadline, left), retries=0)
            except QueryError as exc:
                self._moved(request, exc, left)
        return pool.run(request, generation=generation, timeout=timeout, since=since)

    async def run_async(self, pool: QueryPool, request: QueryRequest, *, generation: int, timeout: float):
        """As ``run``, waiting on the event loop (``QueryPool.run_async``)."""
        since = time.monotonic()
        for _ in range(OVERRUNS):
            if not self._worth_trying(pool, request):
                break
            left = since + timeout - time.monotonic()
            try:
                return await self.lane.run_async(request, generation=generation,
                                                  timeout=min(self.deadline, left), since=time.monotonic())
            except QueryError as exc:
                self._moved(request, exc, left)
        return await pool.run_async(request, generation=generation, timeout=timeout, since=since)

    def _worth_trying(self, pool: QueryPool, request: QueryRequest) -> bool:
        if pool.has_ready() or not self.lane.has_ready():
            return False
        with self._lock:
            when, count = self._overran.get(_key(request), (0.0, 0))
        return count < OVERRUNS or time.monotonic() - when > REMEMBER_SECONDS

    def _moved(self, request: QueryRequest, exc: QueryError, left: float) -> None:
        """After the lane gave up on ``request``: re-raise what its own pool would say too (a real
        timeout, a syntax error), else remember an overrun and let the pool take the query."""
        if isinstance(exc, QueryTimeout) and left > self.deadline:
            with self._lock:
                key, now = _key(request), time.monotonic()
                when, count = self._overran.get(key, (now, 0))
                self._overran[key] = (now, 1 + (count if now - when <= REMEMBER_SECONDS else 0))
                self._overran.move_to_end(key)
                while len(self._overran) > REMEMBERED:
                    self._overran.popitem(last=False)
                self.moved += 1
            return
        if str(exc) != WORKER_DIED:
            raise exc

    def warm(self) -> None:
        self.lane.warm()

    def close(self) -> None:
        self.lane.close()


def _key(request: QueryRequest) -> bytes:
    return hashlib.blake2b(request.sparql.encode("utf-8", "surrogatepass"), digest_size=16).digest()
