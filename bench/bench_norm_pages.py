"""Benchmark: the first page of ``/norms`` on a large store.

Times ``govkg.kg.queries.norms`` (the page walks the document graphs and sorts in Python) against the
single query that sorts in SPARQL (``ORDER BY ?g ?n LIMIT k`` with the facts as OPTIONALs, as the
page was fetched before), on the same store in the same run, for the requests a reader makes first:
no filter, one modality, one word. Use a store of ``../shared/corpus-cn``
(``govkg ingest ../shared/corpus-cn --store DIR``).

    .venv/bin/python bench/bench_norm_pages.py --store DIR [--limit 50] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402
from govkg.kg.queries import NORM_FACTS, PROVISION_FACTS, _norm_where, norms, search_words  # noqa: E402
from govkg.ontology import terms as T  # noqa: E402

REQUESTS = {"first page": {}, "prohibitions": {"modality": "prohibition"}, "word 安全": {"words": "安全"}}


def sorted_in_sparql(store: OxigraphStore, limit: int, modality: str | None = None, words: str | None = None) -> int:
    """The baseline: one query that orders every matching norm in the store, then cuts."""
    where = _norm_where(None, modality, None, search_words(words), False)
    facts = " ".join(f"OPTIONAL {{ GRAPH ?g {{ ?n <{p}> ?{v} }} }}" for p, v in NORM_FACTS)
    provision = " ".join(f"OPTIONAL {{ GRAPH ?g {{ ?p <{p}> ?{v} }} }}" for p, v in PROVISION_FACTS)
    return len(store.select(f"""SELECT * WHERE {{
      {{ SELECT DISTINCT ?n ?g ?action WHERE {{ {where} }} ORDER BY ?g ?n LIMIT {limit} }}
      {facts} OPTIONAL {{ GRAPH ?g {{ ?n <{T.statedIn}> ?p }} {provision} }} }}"""))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = OxigraphStore(args.store, read_only=True)
    count = store.select(f"SELECT (COUNT(*) AS ?c) WHERE {{ GRAPH ?g {{ ?n a <{T.Norm}> }} }}")[0]["c"]
    print(f"{count} norms; page of {args.limit}; best of {args.repeat}")
    for label, request in REQUESTS.items():
        paged = best(lambda: norms(store, limit=args.limit, extracted=True, **request), args.repeat)
        baseline = best(lambda: sorted_in_sparql(store, args.limit, **request), 1)
        print(f"{label:14} paged {paged:7.2f} s   sorted in SPARQL {baseline:7.2f} s   ratio {paged / baseline:5.3f}")


if __name__ == "__main__":
    main()
