"""Extract and map many files at once, on every core.

Reading, extraction and mapping to RDF are pure computation on one file each, so worker
processes do them side by side; the process that holds the store only writes what they send
back (N-Triples bytes and counts, see ``PreparedDocument``). Workers are started fresh
(``spawn``): the caller may already run RocksDB threads, which a fork would copy mid-flight.
At most a few files per worker are in flight, so finished documents never pile up in memory
while the writer catches up.
"""
from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from govkg.ingest.readers import DEFAULT_LIMITS, Limits
from govkg.kg.documents import PreparedDocument, prepare_document
from govkg.ontology import errors
from govkg.ontology.errors import ExtractionError, GovKGError, StoreError

IN_FLIGHT_PER_WORKER = 3


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # not on Linux
        return max(1, os.cpu_count() or 1)


def prepare_path(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> PreparedDocument:
    """Read, extract and map one file."""
    from govkg.ingest.extract import extract_path
    if not Path(path).exists():
        raise StoreError("no such file")
    return prepare_document(extract_path(path, limits=limits))


def _prepare_in_worker(path: str, limits: Limits) -> PreparedDocument | tuple[str, str]:
    """``prepare_path`` with its error as (class name, message): exceptions of our own tree
    travel as plain strings, whatever their constructor takes."""
    try:
        return prepare_path(path, limits)
    except GovKGError as exc:
        return type(exc).__name__, str(exc)


def _as_error(answer: tuple[str, str]) -> GovKGError:
    name, message = answer
    cls = getattr(errors, name, None)
    return cls(message) if isinstance(cls, type) and issubclass(cls, GovKGError) else StoreError(message)


def prepare_paths(paths: Iterable[Path], *, limits: Limits = DEFAULT_LIMITS,
                  workers: int = 1) -> Iterator[tuple[Path, PreparedDocument | GovKGError]]:
    """Each file with its prepared document or its error, in the order given."""
    paths = list(paths)
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            try:
                yield path, prepare_path(path, limits)
            except GovKGError as exc:
                yield path, exc
        return
    if not _main_reimportable():
        yield from prepare_paths(paths, limits=limits, workers=1)
        return
    yield from _in_workers(paths, limits, min(workers, len(paths)))


def _main_reimportable() -> bool:
    """Spawned workers import the caller's main module again by its file: a main read from
    standard input or typed at a prompt has none, and then the files are done in this process."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return path is None or os.path.exists(path)


def _in_workers(paths: list[Path], limits: Limits,
                workers: int) -> Iterator[tuple[Path, PreparedDocument | GovKGError]]:
    """A worker that dies (out of memory, a crash in a native library) breaks the pool: a new
    one takes the files that were in flight, and a file in flight at two breaks is given up."""
    pool = _pool(workers)
    pending: deque[tuple[Path, futures.Future]] = deque()
    breaks: dict[Path, int] = {}
    queue = iter(paths)
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                path = next(queue, None)
                if path is None:
                    break
                pending.append((path, pool.submit(_prepare_in_worker, str(path), limits)))
            if not pending:
                return
            path, future = pending[0]
            try:
                answer = future.result()
            except futures.process.BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(workers)
                pending = deque((p, f) if f.done() and f.exception() is None else _resubmit(pool, p, breaks, limits)
                                for p, f in pending)
                continue
            pending.popleft()
            yield path, answer if isinstance(answer, PreparedDocument) else _as_error(answer)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> futures.ProcessPoolExecutor:
    return futures.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def _resubmit(pool: futures.ProcessPoolExecutor, path: Path, breaks: dict[Path, int],
              limits: Limits) -> tuple[Path, futures.Future]:
    breaks[path] = breaks.get(path, 0) + 1
    if breaks[path] < 2:
        return path, pool.submit(_prepare_in_worker, str(path), limits)
    given_up: futures.Future = futures.Future()
    given_up.set_result(("ExtractionError", "the extraction worker stopped unexpectedly on this file"))
    return path, given_up
