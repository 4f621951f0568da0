"""The same laws on the embedded store and on a real Virtuoso: ingest time, gap report time, findings.

    python bench/bench_engines.py [--corpus ingest/corpus] [--limit N] [--batch 50] [--work DIR]
        [--engines embedded,virtuoso] [--buffers 170000]

The texts are extracted once (in worker processes, as ``govkg ingest`` does); each engine then
stores every document (``store_documents``, ``--batch`` documents at a time: 1 is one
``ingest_document`` per law) and computes the whole gap report from scratch. Printed per engine:
seconds to store, seconds for the report, findings per kind, and per kind whether the findings are
equal (kind, document, article, actor, text and explanation alike). Virtuoso is started as the
tests start it (``tests/virtuoso_support.py``: a new database, free ports, the grants made through
``isql-vt``), and stopped at the end.

A whole legal system takes long: progress is printed after every batch, with the load average.
With ``--work DIR`` the stores and each engine's findings are kept there, and a run started
again goes on where it stopped: documents already stored are not written again, and an engine
whose findings were saved is not asked again.
"""
from __future__ import annotations

import argparse
import collections
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from govkg.api.cli.ingest_batch import default_workers, prepare_paths  # noqa: E402
from govkg.kg.documents import PreparedDocument, list_documents, store_documents  # noqa: E402
from govkg.kg.gaps import find_gaps  # noqa: E402
from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402
from govkg.kg.server_store import ServerStore  # noqa: E402
from govkg.ontology.errors import GovKGError  # noqa: E402
from tests.virtuoso_support import running_virtuoso  # noqa: E402

ENGINES = ("embedded", "virtuoso")


def laws(corpus: Path, limit: int | None) -> list[Path]:
    paths = sorted(p for p in corpus.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    return paths[:limit] if limit else paths


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def prepared_laws(paths: list[Path], workers: int) -> list[PreparedDocument]:
    """Every law read, extracted and mapped once; a law that fails is named and left out."""
    prepared = []
    for path, document in prepare_paths(paths, workers=workers):
        if isinstance(document, GovKGError):
            print(f"  failed {path.name}: {document}", flush=True)
        else:
            prepared.append(document)
    return prepared


def store_all(store, prepared: list[PreparedDocument], batch: int, engine: str) -> float:
    """Seconds to store the documents the store does not hold yet, ``batch`` at a time."""
    held = {info.doc for info in list_documents(store)}
    waiting = [p for p in prepared if p.info.doc not in held]
    if held:
        print(f"{engine}: {len(held)} documents already stored, {len(waiting)} to go", flush=True)
    started = time.perf_counter()
    for start in range(0, len(waiting), batch):
        store_documents(store, waiting[start:start + batch])
        done = min(start + batch, len(waiting))
        print(f"{engine}: stored {done}/{len(waiting)} in {time.perf_counter() - started:.1f} s  {load()}",
              flush=True)
    return time.perf_counter() - started


def measure(store, prepared: list[PreparedDocument], batch: int, engine: str, saved: Path) -> tuple:
    """(seconds to store, seconds for the report, findings), the findings saved to ``saved``."""
    if saved.is_file():
        print(f"{engine}: findings read from {saved}", flush=True)
        return pickle.loads(saved.read_bytes())
    stored = store_all(store, prepared, batch, engine)
    started = time.perf_counter()
    findings = find_gaps(store)
    result = (stored, time.perf_counter() - started, findings)
    print(f"{engine}: gap report {result[1]:.1f} s, {len(findings)} findings  {load()}", flush=True)
    saved.write_bytes(pickle.dumps(result))
    return result


def run_engine(engine: str, work: Path, prepared: list[PreparedDocument], args) -> tuple:
    saved = work / f"findings-{engine}.pickle"
    if engine == "embedded":
        store = OxigraphStore(work / "embedded")
        try:
            return measure(store, prepared, args.batch, engine, saved)
        finally:
            store.close()
    with running_virtuoso(work / "virtuoso", buffers=args.buffers) as virtuoso:
        server = ServerStore(virtuoso.endpoint, timeout=args.timeout)
        try:
            return measure(server, prepared, args.batch, engine, saved)
        finally:
            server.close()


def compare(results: dict[str, tuple]) -> None:
    """Figures per engine, then per kind whether both engines found the same."""
    for engine, (stored, report, findings) in results.items():
        kinds = collections.Counter(f.kind for f in findings)
        print(f"{engine:9} store {stored:7.1f} s  gap report {report:7.1f} s  {len(findings)} findings  "
              + " ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    if len(results) < 2:
        return
    local, remote = results["embedded"][2], results["virtuoso"][2]
    for kind in sorted({f.kind for f in local} | {f.kind for f in remote}):
        mine = collections.Counter(f for f in local if f.kind == kind)
        theirs = collections.Counter(f for f in remote if f.kind == kind)
        print(f"  {kind:16} " + ("equal" if mine == theirs else
              f"differ: {sum((theirs - mine).values())} only on Virtuoso, {sum((mine - theirs).values())} only embedded"))
    print("findings equal" if local == remote else
          f"findings differ: {len(set(remote) - set(local))} only on Virtuoso, {len(set(local) - set(remote))} only embedded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "ingest" / "corpus"), help="folder of laws (.md, .txt)")
    parser.add_argument("--limit", type=int, help="the first N laws only")
    parser.add_argument("--batch", type=int, default=50, help="documents per write (1: one ingest_document each)")
    parser.add_argument("--workers", type=int, default=default_workers(), help="extraction processes")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated: embedded, virtuoso")
    parser.add_argument("--work", help="keep the stores and findings here, and go on from them")
    parser.add_argument("--buffers", type=int, default=170000, help="Virtuoso's NumberOfBuffers (8 KB pages)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per request to Virtuoso")
    args = parser.parse_args()
    engines = [e for e in args.engines.split(",") if e]
    if unknown := set(engines) - set(ENGINES):
        parser.error(f"unknown engines: {', '.join(sorted(unknown))} (known: {', '.join(ENGINES)})")
    if args.batch < 1:
        parser.error("--batch must be at least 1")
    paths = laws(Path(args.corpus), args.limit)
    started = time.perf_counter()
    prepared = prepared_laws(paths, args.workers)
    print(f"{len(prepared)} laws, {sum(p.info.norms for p in prepared)} norms, "
          f"{sum(p.info.triples for p in prepared)} triples, extracted in {time.perf_counter() - started:.1f} s  "
          f"{load()}", flush=True)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="govkg-bench-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = {engine: run_engine(engine, work, prepared, args) for engine in engines}
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    compare(results)


if __name__ == "__main__":
    main()
