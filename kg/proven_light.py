"""Queries proven light: run in this process once a worker has answered them within milliseconds.

A SPARQL query with a timeout runs in a query worker because nothing can stop pyoxigraph once
a query runs, and its text alone cannot say how long it will take. Once a worker's engine has
answered a request within ``PROVEN_SECONDS`` of CPU (the worker measures it: a busy machine
stretches the wall-clock time, not the work), the same
request over the same data is known to cost that little: the engine's work depends on the text,
the dataset it names, the caps and the data, and on nothing else. Such a request then runs in
this process, which saves the trip to the worker and back — two process wake-ups, about as much
as the engine's own time for a light query, and more on a busy machine.

What is proven is forgotten when the data changes (the store's generation moves on), and at
most ``REMEMBERED`` requests are kept. A text that names ``SERVICE`` (in any case) or holds a
codepoint escape (behind which it could) is never proven: query workers have no network, this
process does.
"""
from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict

from govkg.kg.oxigraph_query import QueryRequest

PROVEN_SECONDS = 0.005
"""CPU seconds of a worker's engine within which an answer proves its request light (it then
holds this process's event loop about that long)."""

REMEMBERED = 4096
"""How many proven requests are kept (the least recently used are forgotten)."""

PROVEN_CHARS = 4096
"""Longer texts are never proven: a light query is short, and a long one is not worth hashing
on the event loop for every request."""

_MAY_REACH_OUT = re.compile(r"service|\\[uU]", re.IGNORECASE)


class ProvenLight:
    """The requests proven light on the data of one store generation."""

    def __init__(self, remembered: int = REMEMBERED) -> None:
        self._proven: OrderedDict[bytes, int] = OrderedDict()
        self._remembered = remembered
        self._lock = threading.Lock()

    def proven(self, request: QueryRequest, generation: int) -> bool:
        """Whether ``request`` answered within ``PROVEN_SECONDS`` on this generation's data."""
        if len(request.sparql) > PROVEN_CHARS:
            return False
        key = _key(request)
        with self._lock:
            if self._proven.get(key) != generation:
                return False
            self._proven.move_to_end(key)
            return True

    def answered(self, request: QueryRequest, generation: int, seconds: float | None) -> None:
        """A worker answered ``request`` on ``generation``'s data, its engine spending ``seconds``
        of CPU (None: not measured)."""
        if (seconds is None or seconds > PROVEN_SECONDS or len(request.sparql) > PROVEN_CHARS
                or _MAY_REACH_OUT.search(request.sparql)):
            return
        key = _key(request)
        with self._lock:
            self._proven[key] = generation
            self._proven.move_to_end(key)
            while len(self._proven) > self._remembered:
                self._proven.popitem(last=False)


@functools.lru_cache(maxsize=1024)
def _key(request: QueryRequest) -> bytes:
    """The digest ``request`` is remembered by; kept for the requests asked again and again (the
    texts are the same objects each time, from the endpoint's own kept readings)."""
    fields = (request.kind, request.sparql, request.media_type, request.default_graph_uris,
              request.named_graph_uris, request.max_results, request.max_bytes)
    return hashlib.blake2b(repr(fields).encode("utf-8", "surrogatepass"), digest_size=16).digest()
