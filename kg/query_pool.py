"""Query workers that can be stopped: timeouts for the embedded store.

pyoxigraph cannot interrupt a running query, so a query with a timeout runs in a worker
process that holds a read-only view of the store (``pyoxigraph.Store.read_only``) and is killed
when the time is up. A read-only view sees the store as of its opening; the writer bumps a
*generation* after it flushes its writes, and a worker reopens its view when the generation it
is asked for is newer than the one it holds (a reopen of a flushed store takes ~10 ms).

Requests and answers are length-prefixed frames on a socket pair; a serialized answer comes back
as its bytes (the worker serializes and applies the result cap), never as a pickled object.
``QueryPool.run`` waits in the calling thread; ``QueryPool.run_async`` waits on the event loop
itself when a worker is idle (no hop to a thread and back: ~50 us a query, more under load).
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import select
import socket
import struct
import subprocess
import sys
import threading
import time

from govkg.kg.oxigraph_query import QueryRequest, SolutionsTSV
from govkg.kg.query_context import Cancel, current_cancel
from govkg.kg.store import QueryAnswer
from govkg.ontology import errors
from govkg.ontology.errors import QueryCancelled, QueryError, QueryTimeout, StoreError

_LENGTH = struct.Struct("!I")


# ---- wire: frames on the socket pair ---------------------------------------------------------
def request_frame(generation: int, request: QueryRequest) -> bytes:
    """The request's fields as a pickled tuple of plain values (no class lookup on either side)."""
    fields = (generation, request.kind, request.sparql, request.media_type, request.default_graph_uris,
              request.named_graph_uris, request.max_results, request.max_bytes)
    return _frame(pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL))


def answer_frame(answer, engine_seconds: float = 0.0) -> bytes:
    """``A`` media type, newline, the engine's CPU seconds, newline, body for a serialized
    answer; ``T`` TSV for a select's solutions (read into rows by the caller); ``P`` pickle for
    anything else (a bool, empty rows)."""
    if isinstance(answer, SolutionsTSV):
        return _frame(b"T" + answer.data)
    if isinstance(answer, QueryAnswer):
        return _frame(b"A" + answer.media_type.encode() + b"\n" + b"%.6f" % engine_seconds + b"\n" + answer.body)
    return _frame(b"P" + pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def error_frame(exc: Exception) -> bytes:
    if isinstance(exc, errors.GovKGError):
        name, message = type(exc).__name__, str(exc)
    else:
        name, message = "StoreError", f"query worker failed: {' '.join(str(exc).split())}"
    return _frame(b"E" + name.encode() + b"\n" + message.encode("utf-8", "replace"))


def read_answer(payload: bytes):
    """The answer an answer frame carries; an error frame raises its GovKGError."""
    tag, rest = payload[:1], payload[1:]
    if tag == b"P":
        return pickle.loads(rest)
    if tag == b"T":
        return SolutionsTSV(bytes(rest)).rows()
    head, _, tail = bytes(rest).partition(b"\n")
    if tag == b"A":
        seconds, _, body = tail.partition(b"\n")
        return QueryAnswer(body, head.decode(), float(seconds))
    cls = getattr(errors, head.decode(), StoreError)
    raise cls(tail.decode("utf-8", "replace"))


def read_request(sock: socket.socket) -> tuple[int, QueryRequest]:
    generation, *fields = pickle.loads(read_frame(sock, None))
    return generation, QueryRequest(*fields)


def read_frame(sock: socket.socket, deadline: float | None) -> bytes:
    """One frame's payload, read with as few system calls as a small frame allows (one);
    TimeoutError once ``deadline`` (monotonic) passes."""
    first = b""
    while len(first) < _LENGTH.size:
        first += _recv(sock, 1 << 16, deadline)
    view, got = _frame_start(first)
    while got < len(view):
        if deadline is not None:
            sock.settimeout(max(deadline - time.monotonic(), 1e-6))
        got += _received(sock.recv_into(view[got:]))
    return bytes(view[_LENGTH.size:])


def _frame_start(first: bytes) -> tuple[memoryview, int]:
    """A buffer the size of the frame whose length prefix ``first`` starts with, ``first``
    copied in, and how much of it is filled."""
    size = _LENGTH.unpack_from(first)[0] + _LENGTH.size
    buffer = bytearray(size)
    got = min(len(first), size)
    buffer[:got] = first[:got]
    return memoryview(buffer), got


def _received(count: int) -> int:
    """``count`` bytes were read; none means the other end closed the socket."""
    if not count:
        raise EOFError("the socket closed")
    return count


def _recv(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    if deadline is not None:
        sock.settimeout(max(deadline - time.monotonic(), 1e-6))
    chunk = sock.recv(size)
    _received(len(chunk))
    return chunk


async def exchange_async(sock: socket.socket, request: bytes, timeout: float, *, booting: bool = False) -> bytes:
    """Send a request frame and await the answer frame on the running loop; TimeoutError
    after ``timeout`` seconds. A ``booting`` worker's ready byte is read first."""
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    async with asyncio.timeout(timeout):
        if booting and await loop.sock_recv(sock, 1) != READY:
            raise EOFError("the query worker stopped while it started")
        await loop.sock_sendall(sock, request)
        first = await loop.sock_recv(sock, 1 << 16)
        while len(first) < _LENGTH.size:
            more = await loop.sock_recv(sock, 1 << 16)
            _received(len(more))
            first += more
        view, got = _frame_start(first)
        while got < len(view):
            got += _received(await loop.sock_recv_into(sock, view[got:]))
        return bytes(view[_LENGTH.size:])


def _frame(payload: bytes) -> bytes:
    return _LENGTH.pack(len(payload)) + payload


# ---- workers -----------------------------------------------------------------------------------


def _open_view(path: str):
    import pyoxigraph as ox
    return ox.Store.read_only(path)


_STALE = ("No such file", "Corruption", "IO error")


def _answer(path: str, view, request: QueryRequest, attempts: int = 4):
    """Execute on the view: the view, the answer and the CPU seconds the engine took (opening
    the view left out); a view whose files a concurrent compaction removed is reopened. An
    update check needs no view (``govkg.kg.oxigraph_query.check_update``)."""
    from govkg.kg.oxigraph_query import check_update, execute
    if request.kind == "check-update":
        return view, check_update(request.sparql), 0.0
    for attempt in range(attempts):
        try:
            view = view or _open_view(path)
            started = time.thread_time()
            answer = execute(view, request, wire=True)
            return view, answer, time.thread_time() - started
        except Exception as exc:
            if attempt + 1 == attempts or not any(m in str(exc) for m in _STALE):
                raise
            view = None
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


READY = b"R"
"""What a worker sends once it has started and imported what queries need: until then a query
sent to it waits for an interpreter to start (a second or more on a loaded machine)."""


def _serve(sock: socket.socket, path: str) -> None:
    """Worker loop: a request frame in, an answer frame out, until the socket closes."""
    import govkg.kg.oxigraph_query  # noqa: F401  (imported before the worker says it is ready)
    sock.sendall(READY)
    view, held = None, -1
    while True:
        try:
            generation, request = read_request(sock)
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if generation != held:
                view, held = None, generation
            view, answer, seconds = _answer(path, view, request)
            reply = answer_frame(answer, seconds)
        except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever pyoxigraph raised
            reply = error_frame(exc)
        sock.sendall(reply)


def _checkout() -> list[str]:
    """The checkout this govkg runs from (where its ``govkg.py`` stands in for the package), or
    nothing when govkg is installed: the worker's interpreter finds an installed one itself."""
    import govkg
    here = os.path.abspath(getattr(govkg, "__file__", None) or "")
    return [os.path.dirname(here)] if os.path.basename(here) == "govkg.py" else []


def _worker_env() -> dict[str, str]:
    """The worker's environment: it imports this very copy of govkg (a checkout first on the
    path, and ``-P`` keeps the current directory off it, where another ``govkg`` may lie)."""
    paths = [*_checkout(), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.pathsep.join(paths)}


class _Worker:
    """``python -m govkg.kg.query_pool FD PATH``: a fresh interpreter, cut off the network
    (``govkg.kg.isolation``) (no fork of a process that runs
    RocksDB threads, and no re-import of the caller's main module), talking over a socket pair."""

    def __init__(self, path: str, *, report_isolation: bool = False, niceness: int = 0) -> None:
        parent, child = socket.socketpair()
        report = ["--report-isolation"] if report_isolation else []
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", "govkg.kg.query_pool", str(child.fileno()), path, str(niceness), *report],
            pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, env=_worker_env())
        child.close()
        self.sock = parent
        self.booting = True
        """Until its ready byte is read (``READY``)."""

    def ready(self) -> bool:
        """Whether the worker has started (its ready byte read now, without waiting, if it came)."""
        if self.booting and select.select([self.sock], [], [], 0)[0]:
            self.booting = self.sock.recv(1) != READY     # nothing (it died): left to the next exchange
        return not self.booting

    def exchange(self, request: bytes, timeout: float) -> bytes:
        """Send a request frame and wait at most ``timeout`` seconds for the answer frame."""
        deadline = time.monotonic() + timeout
        self.sock.settimeout(timeout)
        if self.booting:
            if self.sock.recv(1) != READY:
                raise EOFError("the query worker stopped while it started")
            self.booting = False
        self.sock.sendall(request)
        return read_frame(self.sock, deadline)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.sock.close()


class QueryPool:
    """At most ``size`` workers over the store in ``path``; a timed-out worker is killed and
    replaced on demand."""

    _isolation_reported = False
    """Whether a worker of this process was asked to say if it could not leave the network
    (the first one is: the answer is the same for all)."""

    def __init__(self, path: str, size: int = 2, *, niceness: int = 0) -> None:
        self.path, self.size, self.niceness = path, size, niceness
        self._idle: list[_Worker] = []
        self._count = 0
        self._keep_full = False
        self._lock = threading.Condition()
        self._closed = False

    def run(self, request: QueryRequest, *, generation: int, timeout: float, since: float | None = None,
            retries: int = 1, cancel: Cancel | None = None):
        """The answer of ``request``; ``timeout`` counts from ``since`` (a monotonic time; by
        default now), the wait for a worker included. A worker that dies under a request is
        replaced and the request tried ``retries`` times more (a worker may die of something
        else than the query, such as a view of files the writer was compacting); a query
        that kills its worker every time is refused. ``cancel`` (by default the request's,
        ``govkg.kg.query_context``) stops the wait, or kills the worker, when the client leaves."""
        deadline = (time.monotonic() if since is None else since) + timeout
        cancel = cancel or current_cancel()
        frame = request_frame(generation, request)
        for attempt in range(retries + 1):
            if time.monotonic() >= deadline:
                raise QueryTimeout(f"query timed out after {timeout:g} s (waiting to be run)")
            worker = self._acquire(deadline, timeout, cancel)
            try:
                with cancel.calling(worker.process.kill) if cancel else contextlib.nullcontext():
                    reply = worker.exchange(frame, max(deadline - time.monotonic(), 1e-3))
            except TimeoutError:
                self._discard(worker)
                raise QueryTimeout(f"query timed out after {timeout:g} s") from None
            except (EOFError, OSError) as exc:
                self._discard(worker)
                _check_cancel(cancel)
                if attempt == retries:
                    raise QueryError(WORKER_DIED) from exc
                continue
            except BaseException:          # interrupted mid-answer: the worker's state is unknown
                self._discard(worker)
                raise
            self._release(worker)
            return read_answer(reply)
        raise AssertionError("unreachable")

    async def run_async(self, request: QueryRequest, *, generation: int, timeout: float,
                        since: float | None = None):
        """As ``run``, waiting on the running event loop; falls back to ``run`` in a thread
        when no worker is idle (starting one, or waiting for one, must not block the loop); the
        time spent waiting for that thread counts against the timeout too. Cancelling the
        awaiting task stops the query either way (the thread's worker is killed)."""
        since = time.monotonic() if since is None else since
        frame = request_frame(generation, request)
        worker = self._take_idle()
        if worker is None:
            return await self._run_in_thread(request, generation=generation, timeout=timeout, since=since)
        try:
            booting, worker.booting = worker.booting, False
            reply = await exchange_async(worker.sock, frame, max(since + timeout - time.monotonic(), 1e-3),
                                         booting=booting)
        except TimeoutError:
            self._discard(worker)          # a kill and a reap: milliseconds, and no thread to wait for
            raise QueryTimeout(f"query timed out after {timeout:g} s") from None
        except (EOFError, OSError):
            self._discard(worker)          # the worker died: once more on a fresh one, as ``run`` does
            return await self._run_in_thread(request, generation=generation, timeout=timeout, since=since,
                                             retries=0)
        except BaseException:              # cancelled mid-answer: the worker's state is unknown
            self._discard(worker)
            raise
        self._release(worker)
        return read_answer(reply)

    async def _run_in_thread(self, request: QueryRequest, **options):
        cancel = Cancel()
        try:
            return await asyncio.to_thread(self.run, request, cancel=cancel, **options)
        except asyncio.CancelledError:
            cancel.cancel()                # the thread's wait ends, or its worker is killed
            raise

    def has_idle(self) -> bool:
        """Whether a query would find a worker now, without waiting."""
        with self._lock:
            return bool(self._idle) or self._count < self.size

    def has_ready(self) -> bool:
        """Whether an idle worker has started already: a query sent now runs at once."""
        with self._lock:
            return any(worker.ready() for worker in self._idle)

    def _pop_idle(self) -> _Worker:
        """An idle worker, one that has started if there is one (called with the lock held)."""
        for index in range(len(self._idle) - 1, -1, -1):
            if self._idle[index].ready():
                return self._idle.pop(index)
        return self._idle.pop()

    def _take_idle(self) -> _Worker | None:
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            return self._pop_idle() if self._idle else None

    def warm(self) -> None:
        """Start every worker now, and from now on start a replacement as soon as one is
        killed: a query then never waits for an interpreter to start (up to a second or two on
        a loaded machine, which a short time limit cannot spare)."""
        with self._lock:
            self._keep_full = True
        while self._start_idle():
            pass

    def _start_idle(self) -> bool:
        """Start one idle worker if the pool has room (and is kept full); whether one started."""
        with self._lock:
            if self._closed or not self._keep_full or self._count >= self.size:
                return False
            self._count += 1
            first, QueryPool._isolation_reported = not QueryPool._isolation_reported, True
        try:
            worker = _Worker(self.path, report_isolation=first, niceness=self.niceness)
        except OSError:
            with self._lock:
                self._count -= 1
            return False
        self._release(worker)
        return True

    def _acquire(self, deadline: float, timeout: float, cancel: Cancel | None = None) -> _Worker:
        """An idle worker, or a new one while fewer than ``size`` run; waiting for one counts
        against the query's time (a query never waits longer than its timeout in all), and
        ends when ``cancel`` is set."""
        with cancel.calling(self._wake) if cancel else contextlib.nullcontext(), self._lock:
            while not self._idle and self._count >= self.size and not self._closed:
                _check_cancel(cancel)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise QueryTimeout(f"query timed out after {timeout:g} s (every query worker was busy)")
                self._lock.wait(left)
            _check_cancel(cancel)
            if self._closed:
                raise StoreError("the store is closed")
            if self._idle:
                return self._pop_idle()
            self._count += 1
            first, QueryPool._isolation_reported = not QueryPool._isolation_reported, True
        try:
            return _Worker(self.path, report_isolation=first, niceness=self.niceness)
        except OSError as exc:
            with self._lock:
                self._count -= 1
                self._lock.notify()
            raise StoreError(f"cannot start a query worker: {exc}") from exc

    def _wake(self) -> None:
        with self._lock:
            self._lock.notify_all()

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                self._count -= 1
                worker.stop()
                return
            self._idle.append(worker)
            self._lock.notify()

    def _discard(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._count -= 1
            self._lock.notify()
        self._start_idle()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._count -= len(idle)
            self._lock.notify_all()
        for worker in idle:
            worker.stop()


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel.cancelled:
        raise QueryCancelled("the client left: the query was stopped")


WORKER_NICENESS = 5
"""The SPARQL endpoint's workers run below the server's priority: a query that runs to its
timeout must not starve the process that answers everyone else."""

SERVICE_NICENESS = 2
"""The service's own workers (REST resources, pages) run a little below the server and the
fast lane (``govkg.kg.query_lanes``, at the server's priority): forty heavy REST requests hold them
all, and the requests that are light by construction must still get the cores they need."""

WORKER_DIED = ("the SPARQL text stopped the query engine (nested or repeated deeper than it can parse?) "
               "and was refused; nothing else was affected")
"""What a request whose query killed its worker answers (a stack overflow in pyoxigraph's
parser ends the process; here it ends one worker, which the pool replaces)."""


def _main(argv: list[str]) -> None:
    from govkg.kg.isolation import leave_network
    reason = leave_network()            # first, while this process has one thread
    if reason and "--report-isolation" in argv:
        print(f"govkg: query workers keep network access ({reason}); SERVICE is refused by the "
              "query guard alone", file=sys.stderr, flush=True)
    with contextlib.suppress(OSError, AttributeError, ValueError):
        os.nice(int(argv[3]))
    _serve(socket.socket(fileno=int(argv[1])), argv[2])


if __name__ == "__main__":
    _main(sys.argv)
