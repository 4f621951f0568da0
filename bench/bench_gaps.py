"""Benchmark of the gap report on real law: ``../shared/corpus-cn`` (1,071 national laws and
regulations, ~2.75 M triples), ingested once into a store of its own.

Each figure is measured in the same run as its baseline, the report computed from scratch (every
detector run on every document, nothing kept), and printed with the ratio to it:

- from scratch (the baseline), per kind and for the kinds asked together;
- cold with kept findings: a new store object (no report in memory) reading what was kept;
- again on unchanged data (the report in memory);
- the first page of ``/gaps?limit=50`` through the app (FastAPI's TestClient, in process);
- after ingesting one more document (a law of the corpus under a new name): the report is
  current (the new document's findings are in it) — then the document is deleted again.

    PYTHONPATH=. /work/main/.venv/bin/python bench/bench_gaps.py --store /tmp/gaps-cn \
        [--corpus ../shared/corpus-cn] [--kinds unassigned,vague-actor,shared-no-lead,no-sanction]

The cross-document kinds (no-oversight, conflict, overlap, ...) are always computed whole; ask for
them with ``--kinds all`` (minutes on corpus-cn).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract import extract_path  # noqa: E402
from kg import gaps  # noqa: E402
from kg.documents import delete_document, ingest_document, list_documents  # noqa: E402
from kg.kept_findings import LOCAL_KINDS, forget  # noqa: E402
from kg.oxigraph_store import OxigraphStore  # noqa: E402

EXTRA = "bench-extra-document"
EXTRA_LAW = "黑土地保护法(2022-06-24).md"     # 76 norms, ingested again under the name EXTRA


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def line(label: str, seconds: float, baseline: float, findings: int) -> None:
    print(f"{label:<44} {seconds:9.3f} s  {baseline / seconds if seconds else float('inf'):9.1f}x  "
          f"{findings:8,d} findings", flush=True)


def ingest_corpus(store: OxigraphStore, corpus: Path) -> None:
    from kg.documents import prepare_document, store_documents
    paths = sorted(p for p in corpus.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    for start in range(0, len(paths), 50):
        store_documents(store, [prepare_document(extract_path(p)) for p in paths[start:start + 50]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True, help="a folder: corpus-cn is ingested there when it is empty")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-cn"))
    parser.add_argument("--kinds", default=",".join(LOCAL_KINDS), help="comma-separated, or all")
    args = parser.parse_args()
    kinds = list(gaps.GAP_KINDS) if args.kinds == "all" else [k for k in args.kinds.split(",") if k]
    corpus = Path(args.corpus)
    store = OxigraphStore(args.store)
    if not list_documents(store):
        print(f"ingesting {corpus} ...", flush=True)
        ingest_corpus(store, corpus)
    print(f"{len(list_documents(store))} documents, kinds: {', '.join(kinds)}", flush=True)
    forget(store)
    per_kind = {}
    for kind in kinds:
        per_kind[kind], found = timed(lambda k=kind: gaps._detect(store, [k], None, None)[k])
        line(f"from scratch: {kind}", per_kind[kind], per_kind[kind], len(found))
    scratch, found = timed(lambda: gaps._detect(store, kinds, None, None))
    total = sum(len(v) for v in found.values())
    line("from scratch: the kinds together (baseline)", scratch, scratch, total)
    first, report = timed(lambda: gaps.find_gaps(store, kinds))
    line("first report (computes, then keeps)", first, scratch, len(report))
    store.close()
    store = OxigraphStore(args.store)
    cold, report = timed(lambda: gaps.find_gaps(store, kinds))
    line("cold, kept findings read", cold, scratch, len(report))
    again, report = timed(lambda: gaps.find_gaps(store, kinds))
    line("again on unchanged data", again, scratch, len(report))
    page(store, kinds, scratch)
    after_one_more(store, corpus, kinds, scratch)
    store.close()


def page(store: OxigraphStore, kinds: list[str], scratch: float) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    with TestClient(create_app(Settings(), store)) as client:
        seconds, answer = timed(lambda: client.get("/gaps", params={"kind": ",".join(kinds), "limit": 50}))
        assert answer.status_code == 200, answer.text
        line("/gaps?limit=50", seconds, scratch, len(answer.json()["findings"]))


def after_one_more(store: OxigraphStore, corpus: Path, kinds: list[str], scratch: float) -> None:
    law = corpus / EXTRA_LAW if (corpus / EXTRA_LAW).is_file() else next(p for p in sorted(corpus.iterdir())
                                                                      if p.suffix == ".md")
    document = dataclasses.replace(extract_path(law), doc=EXTRA)
    ingested, _ = timed(lambda: ingest_document(store, document))
    seconds, report = timed(lambda: gaps.find_gaps(store, kinds))
    added = sum(f.doc == EXTRA for f in report)
    line(f"after ingesting one more ({ingested:.2f} s to ingest)", seconds, scratch, len(report))
    print(f"  findings of the new document in the report: {added}", flush=True)
    delete_document(store, EXTRA)


if __name__ == "__main__":
    main()
