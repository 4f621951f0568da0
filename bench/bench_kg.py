"""Benchmark of the knowledge-graph layer: the corpus ingested N times under distinct names.

Prints, at 0.1 M and >= 1 M triples: ingest throughput, peak RSS, and the time of the norms of
one actor and of the full gap report on the embedded Oxigraph store against the same SPARQL on
an rdflib in-memory Dataset built from the same quads (one rdflib run of the slow queries).

    /work/venv/bin/python bench/bench_kg.py [--target 1000000] [--rdflib-kinds unassigned,vague-actor]
"""
from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract import extract_path  # noqa: E402
from kg.documents import ingest_document  # noqa: E402
from kg.gaps import GAP_KINDS, _with_doc_filter, find_gaps, gap_query  # noqa: E402
from kg.oxigraph_store import OxigraphStore  # noqa: E402
from ontology.namespaces import sparql_prefixes  # noqa: E402

ACTOR_NORMS = sparql_prefixes() + """
SELECT ?norm ?action ?article WHERE {
  GRAPH ?g { ?norm gov:hasBearer <https://w3id.org/govkg/id/actor/生产经营单位> ; gov:action ?action ;
             gov:statedIn ?p . ?p gov:label ?article } }"""


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


def rdflib_dataset(store: OxigraphStore):
    import rdflib
    ds = rdflib.Dataset()
    ds.parse(data=store.dump("application/n-quads"), format="nquads")
    return ds


def measure(store: OxigraphStore, triples: int, rdflib_kinds: list[str]) -> None:
    ox_norms = timed(lambda: store.select(ACTOR_NORMS), repeat=20)
    ox_norms_timed = timed(lambda: store.select(ACTOR_NORMS, timeout=30), repeat=20)
    ox_gaps = timed(lambda: find_gaps(store), repeat=3)
    ox_gaps_timed = timed(lambda: find_gaps(store, timeout=60), repeat=3)
    print(f"  oxigraph: norms of one actor {ox_norms * 1000:.2f} ms (with timeout worker "
          f"{ox_norms_timed * 1000:.2f} ms); full gap report {ox_gaps:.3f} s (worker {ox_gaps_timed:.3f} s), "
          f"{len(find_gaps(store))} findings")
    started = time.perf_counter()
    ds = rdflib_dataset(store)
    print(f"  rdflib Dataset loaded in {time.perf_counter() - started:.1f} s")
    rl_norms = timed(lambda: list(ds.query(ACTOR_NORMS)))
    print(f"  norms of one actor: rdflib {rl_norms * 1000:.1f} ms -> oxigraph {rl_norms / ox_norms:.0f}x faster")
    ox_subset = sum(timed(lambda k=k: store.select(_with_doc_filter(gap_query(k), None))) for k in rdflib_kinds)
    rl_subset = sum(timed(lambda k=k: list(ds.query(_with_doc_filter(gap_query(k), None)))) for k in rdflib_kinds)
    print(f"  gap detectors {','.join(rdflib_kinds)}: rdflib {rl_subset:.2f} s, oxigraph {ox_subset:.3f} s "
          f"-> {rl_subset / ox_subset:.0f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", type=int, default=1_000_000)
    parser.add_argument("--rdflib-kinds", default="unassigned,vague-actor,shared-no-lead,no-sanction")
    args = parser.parse_args()
    kinds = [k for k in args.rdflib_kinds.split(",") if k in GAP_KINDS]
    docs = corpus_documents()
    with tempfile.TemporaryDirectory() as tmp, OxigraphStore(Path(tmp) / "store") as store:
        copy, total = 0, 0
        for target in (100_000, args.target):
            copy, total, seconds = grow(store, docs, copy, target, total)
            print(f"{total:,} triples ({copy} copies of the corpus): ingest of the last step "
                  f"{seconds:.1f} s, peak RSS {peak_rss_mb():.0f} MB")
            measure(store, total, kinds)


if __name__ == "__main__":
    main()
