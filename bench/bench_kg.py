"""Benchmark of the knowledge-graph layer: the corpus ingested N times under distinct names.

Prints, at 0.1 M and >= 1 M triples: ingest throughput, peak RSS, and the time of the norms of
one actor and of the full gap report on the embedded Oxigraph store against the same SPARQL on
an rdflib in-memory Dataset built from the same quads (one rdflib run of the slow queries).

"The norms of one actor" is what ``GET /actors/{id}/norms`` does: ``govkg.kg.queries.norms(store,
actor=id)`` (its first page of 500 norms and their bearers), for one actor node. The SPARQL it
sends is recorded and the same text is run on rdflib. rdflib runs the gap detectors named by
``--rdflib-kinds`` (all nine take minutes there), with the two look-ups of texts and labels that
every report makes; the Oxigraph side of that ratio runs the same queries.

    /work/venv/bin/python bench/bench_kg.py [--target 1000000] [--first 100000]
        [--rdflib-kinds unassigned,vague-actor,shared-no-lead,no-sanction]
"""
from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import queue
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkg.ingest.extract import extract_path  # noqa: E402
from govkg.kg import gaps, queries  # noqa: E402
from govkg.kg.documents import ingest_document  # noqa: E402
from govkg.kg.gaps import GAP_KINDS, _with_doc_filter, find_gaps, gap_query  # noqa: E402
from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402

ACTOR = "生产经营单位"     # the work safety law's main duty bearer: one node, in every copy


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_documents():
    corpus = ROOT / "ingest" / "corpus"
    return [extract_path(p) for p in sorted(corpus.iterdir()) if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md"]


def grow(store: OxigraphStore, docs, copy: int, target: int, total: int) -> tuple[int, int, float]:
    started = time.perf_counter()
    while total < target:
        for doc in docs:
            total += ingest_document(store, dataclasses.replace(doc, doc=f"{doc.doc}-{copy:04d}")).triples
        copy += 1
    return copy, total, time.perf_counter() - started


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def rdflib_worker(nquads: bytes, batches: dict[str, list[str]], out) -> None:
    """In a child process (so that rdflib's memory does not count in the ingest's peak RSS):
    load the Dataset, then run each batch of queries once, reporting as it goes."""
    import rdflib
    started = time.perf_counter()
    ds = rdflib.Dataset()
    ds.parse(data=nquads, format="nquads")
    out.put(("loaded", time.perf_counter() - started, peak_rss_mb()))
    for name, batch in batches.items():
        out.put((name, timed(lambda: [list(ds.query(q)) for q in batch]), peak_rss_mb()))


def rdflib_times(nquads: bytes, batches: dict[str, list[str]], budget: float) -> dict[str, float | None]:
    """Seconds per batch on rdflib; None for a batch still running after ``budget`` seconds
    (the child is then stopped, and the ratio printed is a lower bound)."""
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    child = ctx.Process(target=rdflib_worker, args=(nquads, batches, out))
    child.start()
    try:
        _, loaded, rss = out.get()
        print(f"  rdflib Dataset (in a child process) loaded in {loaded:.1f} s, its RSS {rss:.0f} MB")
        times: dict[str, float | None] = dict.fromkeys(batches)
        for _ in batches:
            name, seconds, _ = out.get(timeout=budget)
            times[name] = seconds
    except queue.Empty:
        pass
    finally:
        child.kill()
        child.join()
    return times


def ratio(rdflib_seconds: float | None, ox_seconds: float, budget: float) -> str:
    if rdflib_seconds is None:
        return f"rdflib > {budget:.0f} s (stopped) -> oxigraph > {budget / ox_seconds:.0f}x faster"
    return f"rdflib {rdflib_seconds:.2f} s -> oxigraph {rdflib_seconds / ox_seconds:.0f}x faster"


class RecordingStore:
    """Passes SELECTs to the store and keeps their text, to replay them on rdflib."""

    def __init__(self, store: OxigraphStore) -> None:
        self.store, self.sent = store, []

    def select(self, sparql: str, **kwargs):
        self.sent.append(sparql)
        return self.store.select(sparql, **kwargs)


def actor_norms_sparql(store: OxigraphStore) -> list[str]:
    recorder = RecordingStore(store)
    found = queries.norms(recorder, actor=ACTOR)
    print(f"  norms of one actor ({ACTOR}): {len(found)} norms on the first page, {len(recorder.sent)} queries")
    return recorder.sent


def gap_sparql(kinds: list[str]) -> list[str]:
    texts = [gap_query(k) for k in kinds] + [gaps._PROVISIONS, gaps._ACTOR_LABELS]
    return [_with_doc_filter(text, None) for text in texts]


def measure(store: OxigraphStore, rdflib_kinds: list[str], budget: float) -> None:
    ox_norms = timed(lambda: queries.norms(store, actor=ACTOR), repeat=3)
    # cold: every detector runs (find_gaps would give back its cached report after the first run)
    ox_gaps = timed(lambda: gaps._detect(store, list(GAP_KINDS), None, None), repeat=3)
    threads, gaps.MAX_THREADS = gaps.MAX_THREADS, 1
    ox_gaps_serial = timed(lambda: gaps._detect(store, list(GAP_KINDS), None, None), repeat=2)
    gaps.MAX_THREADS = threads
    # the first run with a timeout starts the query workers on a fresh read-only view of the store
    ox_gaps_timed_first = timed(lambda: gaps._detect(store, list(GAP_KINDS), None, 60))
    ox_gaps_timed = timed(lambda: gaps._detect(store, list(GAP_KINDS), None, 60), repeat=2)
    find_gaps(store)
    ox_gaps_warm = timed(lambda: find_gaps(store), repeat=3)
    print(f"  oxigraph: norms of one actor {ox_norms * 1000:.1f} ms; full gap report {ox_gaps:.3f} s cold "
          f"(one thread {ox_gaps_serial:.3f} s; through the timeout workers {ox_gaps_timed:.3f} s, "
          f"{ox_gaps_timed_first:.3f} s the first time after the writes; "
          f"again on unchanged data {ox_gaps_warm * 1000:.2f} ms), {len(find_gaps(store))} findings")
    norms_sparql, subset = actor_norms_sparql(store), gap_sparql(rdflib_kinds)
    ox_subset = timed(lambda: [store.select(q) for q in subset], repeat=3)
    rl = rdflib_times(store.dump("application/n-quads"), {"norms": norms_sparql, "gaps": subset}, budget)
    print(f"  norms of one actor, one rdflib run: {ratio(rl['norms'], ox_norms, budget)}")
    print(f"  gap detectors {','.join(rdflib_kinds)} + the text/label look-ups, one rdflib run, against the "
          f"same queries on oxigraph ({ox_subset:.3f} s): {ratio(rl['gaps'], ox_subset, budget)}; "
          f"against the full oxigraph report ({ox_gaps:.3f} s): {ratio(rl['gaps'], ox_gaps, budget)}")

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", type=int, default=1_000_000)
    parser.add_argument("--rdflib-budget", type=float, default=300.0,
                        help="seconds an rdflib batch may run before it is stopped")
    parser.add_argument("--first", type=int, default=100_000, help="the smaller size measured first")
    parser.add_argument("--rdflib-kinds", default="unassigned,vague-actor,shared-no-lead,no-sanction")
    args = parser.parse_args()
    kinds = [k for k in args.rdflib_kinds.split(",") if k in GAP_KINDS]
    docs = corpus_documents()
    steps = []
    with tempfile.TemporaryDirectory() as tmp, OxigraphStore(Path(tmp) / "store") as store:
        copy, total, ingest_seconds = 0, 0, 0.0
        for target in (args.first, args.target):
            before = total
            copy, total, seconds = grow(store, docs, copy, target, total)
            ingest_seconds += seconds
            steps.append((total, total / ingest_seconds, peak_rss_mb()))
            print(f"{total:,} triples ({copy} copies of the corpus): ingest of the last step {seconds:.1f} s "
                  f"({(total - before) / seconds:,.0f} triples/s; {total / ingest_seconds:,.0f} triples/s overall), "
                  f"peak RSS {peak_rss_mb():.0f} MB")
            measure(store, kinds, args.rdflib_budget)
    (t0, rate0, rss0), (t1, rate1, rss1) = steps
    print(f"growth {t0:,} -> {t1:,} triples ({t1 / t0:.1f}x): ingest throughput {rate0:,.0f} -> {rate1:,.0f} "
          f"triples/s; peak RSS {rss0:.0f} -> {rss1:.0f} MB")


if __name__ == "__main__":
    main()
