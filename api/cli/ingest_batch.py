"""Extract and map many files at once, on every core.

Reading, extraction and mapping to RDF are pure computation on one file each, so worker
processes do them side by side; the process that holds the store only writes what they send
back (N-Triples bytes and counts, see ``PreparedDocument``). Workers are started fresh
(``spawn``): the caller may already run RocksDB threads, which a fork would copy mid-flight.

The writer takes the documents in the order given, but the workers need not make them in that
order: files are handed out a block at a time, the longest of a block first, so that the last
files of a corpus do not leave one worker alone with a long law. Enough files are in flight that
the workers go on while the writer commits a batch (seconds); never more than two blocks, so
finished documents do not pile up in memory while the writer catches up.
"""
from __future__ import annotations

import concurrent.futures as futures
import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from govkg.ingest.readers import DEFAULT_LIMITS, Limits
from govkg.kg.documents import PreparedDocument, prepare_document
from govkg.ontology import errors
from govkg.ontology.errors import ExtractionError, GovKGError, StoreError

BLOCK_PER_WORKER = 16
"""Files per worker in a block handed out longest first; up to two blocks are in flight."""


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
    one takes the files that were in flight, and a file being read at two breaks is given up
    (being read: one of the first files not done, as the pool hands them to its workers in the
    order submitted; the others only waited)."""
    pool = _pool(workers)
    block = workers * BLOCK_PER_WORKER
    futures_of: dict[int, futures.Future] = {}       # by the file's place in ``paths``
    breaks: dict[Path, int] = {}
    order = iter(handout_order(paths, block))
    try:
        for index, path in enumerate(paths):
            while len(futures_of) < 2 * block:
                nxt = next(order, None)
                if nxt is None:
                    break
                futures_of[nxt] = pool.submit(_prepare_in_worker, str(paths[nxt]), limits)
            while True:
                try:
                    answer = futures_of[index].result()
                    break
                except futures.process.BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool, futures_of = _after_break(futures_of, paths, breaks, limits, workers)
            del futures_of[index]
            yield path, answer if isinstance(answer, PreparedDocument) else _as_error(answer)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def handout_order(paths: list[Path], block: int) -> list[int]:
    """The places of ``paths`` in the order workers get them: block by block, each block's
    largest files first (the file's size stands for its extraction time)."""
    order: list[int] = []
    for start in range(0, len(paths), block):
        order += sorted(range(start, min(start + block, len(paths))), key=lambda i: -_size(paths[i]))
    return order


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _pool(workers: int) -> futures.ProcessPoolExecutor:
    return futures.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_start_worker)


def _start_worker() -> None:
    """Build the Chinese pipeline, then move what exists by then (spaCy, the pipeline, the
    patterns: it lives as long as the worker) out of the cyclic garbage collector's sight, which
    otherwise walks it all again at each full collection (a tenth of a worker's CPU)."""
    from govkg.ingest.pipeline import build_pipeline
    build_pipeline("zh")
    gc.freeze()


def _after_break(futures_of: dict[int, futures.Future], paths: list[Path], breaks: dict[Path, int],
                 limits: Limits, workers: int) -> tuple[futures.ProcessPoolExecutor, dict[int, futures.Future]]:
    """A new pool, and the files in flight submitted to it again in the same order, save those
    done already; each of the first ``workers + 1`` not done (a worker's file and the one queued
    for it) counts a break."""
    pool, again = _pool(workers), {}
    suspects = workers + 1
    for i, f in futures_of.items():
        if f.done() and not f.cancelled() and f.exception() is None:
            again[i] = f
            continue
        again[i] = _resubmit(pool, paths[i], breaks, limits, suspect=suspects > 0)
        suspects -= 1
    return pool, again


def _resubmit(pool: futures.ProcessPoolExecutor, path: Path, breaks: dict[Path, int],
              limits: Limits, *, suspect: bool) -> futures.Future:
    if suspect:
        breaks[path] = breaks.get(path, 0) + 1
    if breaks.get(path, 0) < 2:
        return pool.submit(_prepare_in_worker, str(path), limits)
    given_up: futures.Future = futures.Future()
    given_up.set_result(("ExtractionError", "the extraction worker stopped unexpectedly on this file"))
    return given_up
