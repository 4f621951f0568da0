"""Query workers that can be stopped: timeouts for the embedded store.

pyoxigraph cannot interrupt a running query, so a query with a timeout runs in a worker
process that holds a read-only view of the store (``pyoxigraph.Store.read_only``) and is killed
when the time is up. A read-only view sees the store as of its opening; the writer bumps a
*generation* after it flushes its writes, and a worker reopens its view when the generation it
is asked for is newer than the one it holds (a reopen of a flushed store takes ~10 ms).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

from kg.oxigraph_query import QueryRequest
from ontology import errors
from ontology.errors import QueryError, StoreError


def _open_view(path: str):
    import pyoxigraph as ox
    return ox.Store.read_only(path)


_STALE = ("No such file", "Corruption", "IO error")


def _answer(path: str, view, request: QueryRequest, attempts: int = 4):
    """Execute on the view; a view whose files a concurrent compaction removed is reopened."""
    import time

    from kg.oxigraph_query import execute
    for attempt in range(attempts):
        try:
            view = view or _open_view(path)
            return view, execute(view, request)
        except Exception as exc:
            if attempt + 1 == attempts or not any(m in str(exc) for m in _STALE):
                raise
            view = None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _serve(conn: Connection, path: str) -> None:
    """Worker loop: (generation, request) in, ("ok", answer) or ("error", class, message) out."""
    view, held = None, -1
    while True:
        try:
            generation, request = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if generation != held:
                view, held = None, generation
            view, answer = _answer(path, view, request)
            conn.send(("ok", answer))
        except errors.GovKGError as exc:
            conn.send(("error", type(exc).__name__, str(exc)))
        except Exception as exc:  # a worker must answer, whatever pyoxigraph raised
            conn.send(("error", "StoreError", f"query worker failed: {' '.join(str(exc).split())}"))


class _Worker:
    """``python -m kg.query_pool FD PATH``: a fresh interpreter (no fork of a process that runs
    RocksDB threads, and no re-import of the caller's main module), talking over a socket pair."""

    def __init__(self, path: str) -> None:
        parent, child = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.query_pool", str(child.fileno()), path],
            pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        child.close()
        self.conn = Connection(parent.detach())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


class QueryPool:
    """At most ``size`` workers over the store in ``path``; a timed-out worker is killed and
    replaced on demand."""

    def __init__(self, path: str, size: int = 2) -> None:
        self.path, self.size = path, size
        self._idle: list[_Worker] = []
        self._count = 0
        self._lock = threading.Condition()
        self._closed = False

    def run(self, request: QueryRequest, *, generation: int, timeout: float):
        worker = self._acquire()
        try:
            worker.conn.send((generation, request))
            if not worker.conn.poll(timeout):
                self._discard(worker)
                worker = None
                raise QueryError(f"query timed out after {timeout:g} s")
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            if worker is not None:
                self._discard(worker)
                worker = None
            raise StoreError("the query worker stopped unexpectedly") from exc
        finally:
            if worker is not None:
                self._release(worker)
        return _unwrap(reply)

    def _acquire(self) -> _Worker:
        with self._lock:
            while not self._idle and self._count >= self.size:
                self._lock.wait()
            if self._closed:
                raise StoreError("the store is closed")
            if self._idle:
                return self._idle.pop()
            self._count += 1
        try:
            return _Worker(self.path)
        except OSError as exc:
            with self._lock:
                self._count -= 1
                self._lock.notify()
            raise StoreError(f"cannot start a query worker: {exc}") from exc

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)
            self._lock.notify()

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._count -= 1
            self._lock.notify()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._count -= len(idle)
            self._lock.notify_all()
        for worker in idle:
            worker.stop()


def _unwrap(reply: tuple):
    if reply[0] == "ok":
        return reply[1]
    _, name, message = reply
    cls = getattr(errors, name, StoreError)
    raise cls(message)


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1])), sys.argv[2])
