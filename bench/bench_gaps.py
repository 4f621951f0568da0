"""Benchmark of the gap report on real law: ``../shared/corpus-cn`` (1,071 national laws and
regulations, ~2.75 M triples), ingested once into a store of its own.

Each figure is measured in the same run as its baseline, the report computed from scratch (every
detector run on every document, nothing kept), and printed with the ratio to it and the load
average of the machine at that moment:

- from scratch (the baseline): the kinds asked, together (and each alone with ``--per-kind``);
- the first report (computes, then keeps what it found), and its first page (``kg.first_page``);
- cold: a fresh process over the store (nothing in memory) — the report, then again on unchanged
  data;
- a fresh ``govkg serve`` over the store: ``/gaps?limit=50`` (its first request), ``/view/gaps``,
  and ``/gaps?limit=50`` again;
- after ingesting one more document (``--extra``, by default a law of ``../shared/corpus``): the
  report is current (the new document's findings are in it, and it equals the report from scratch
  with ``--check``); then after deleting it again.

    PYTHONPATH=. /work/main/.venv/bin/python bench/bench_gaps.py --store /tmp/gaps-cn \
        [--corpus ../shared/corpus-cn] [--kinds all | unassigned,vague-actor,...] [--per-kind]
        [--extra ../shared/corpus/zh_work_safety_law.md] [--check]

The store is written to (findings kept, one document added and deleted): give it a copy.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkg.ingest.extract import extract_path  # noqa: E402
from govkg.kg import gaps  # noqa: E402
from govkg.kg.documents import delete_document, ingest_document, list_documents  # noqa: E402
from govkg.kg.first_page import first_page  # noqa: E402
from govkg.kg.kept_findings import LOCAL_KINDS, forget  # noqa: E402
from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402

EXTRA = "bench-extra-document"
EXTRA_LAW = ROOT.parent / "shared" / "corpus" / "zh_work_safety_law.md"


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def line(label: str, seconds: float, baseline: float, findings: int) -> None:
    print(f"{label:<44} {seconds:9.3f} s  {baseline / seconds if seconds else float('inf'):9.1f}x  "
          f"{findings:8,d} findings   load {os.getloadavg()[0]:5.2f}", flush=True)


def ingest_corpus(store: OxigraphStore, corpus: Path) -> None:
    from govkg.kg.documents import prepare_document, store_documents
    paths = sorted(p for p in corpus.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    for start in range(0, len(paths), 50):
        store_documents(store, [prepare_document(extract_path(p)) for p in paths[start:start + 50]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True, help="a folder: corpus-cn is ingested there when it is empty")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-cn"))
    parser.add_argument("--kinds", default="all", help="comma-separated, or all")
    parser.add_argument("--per-kind", action="store_true", help="also each kind alone from scratch")
    parser.add_argument("--extra", default=str(EXTRA_LAW), help="the one more document")
    parser.add_argument("--check", action="store_true",
                        help="compare the report after one more document with the report from scratch")
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    kinds = list(gaps.GAP_KINDS) if args.kinds == "all" else [k for k in args.kinds.split(",") if k]
    if args.cold_child:
        return cold_child(args.store, kinds)
    corpus = Path(args.corpus)
    store = OxigraphStore(args.store)
    if not list_documents(store):
        print(f"ingesting {corpus} ...", flush=True)
        ingest_corpus(store, corpus)
    print(f"{len(list_documents(store))} documents, kinds: {', '.join(kinds)}", flush=True)
    forget(store)
    if args.per_kind:
        for kind in kinds:
            seconds, found = timed(lambda k=kind: gaps._detect(store, [k], None, None)[k])
            line(f"from scratch: {kind}", seconds, seconds, len(found))
    scratch, found = timed(lambda: gaps._detect(store, kinds, None, None))
    line("from scratch: the kinds together (baseline)", scratch, scratch, sum(len(v) for v in found.values()))
    first, report = timed(lambda: gaps.find_gaps(store, kinds))
    line("first report (computes, then keeps)", first, scratch, len(report))
    if kinds == list(gaps.GAP_KINDS):
        made, page = timed(lambda: first_page(store))
        line("its first page (ranked, then kept)", made, scratch, sum(len(g.findings) for g, _ in page.groups))
    store.close()
    cold(args.store, kinds, scratch)
    served(args.store, kinds, scratch)
    store = OxigraphStore(args.store)
    again, report = timed(lambda: gaps.find_gaps(store, kinds))
    line("reopened in this process (entries in memory)", again, scratch, len(report))
    after_one_more(store, Path(args.extra), kinds, scratch, args.check)
    store.close()


def cold(folder: str, kinds: list[str], scratch: float) -> None:
    """The report in a fresh process over the store, then again in that process."""
    child = subprocess.run([sys.executable, __file__, "--store", folder, "--kinds", ",".join(kinds), "--cold-child"],
                           capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    line("cold: a fresh process, kept findings read", figures["cold"], scratch, figures["findings"])
    line("again on unchanged data", figures["again"], scratch, figures["findings"])


def cold_child(folder: str, kinds: list[str]) -> None:
    store = OxigraphStore(folder)
    seconds, report = timed(lambda: gaps.find_gaps(store, kinds))
    again, _ = timed(lambda: gaps.find_gaps(store, kinds))
    store.close()
    print(json.dumps({"cold": seconds, "again": again, "findings": len(report)}))


def served(folder: str, kinds: list[str], scratch: float) -> None:
    """A fresh ``govkg serve`` over the store: the first page of the report, the gap page, the first
    page again."""
    import httpx

    from tests.conftest import free_port, running_server
    port = free_port()
    command = [sys.executable, "-c", "from govkg.api.cli import main; main()", "serve", "--store", folder, "--port", str(port)]
    with running_server(command, port, env={"PYTHONPATH": str(ROOT)}, ready_path="/openapi.json",
                        timeout=120) as base, httpx.Client(base_url=base, timeout=600) as client:
        params = {"kind": ",".join(kinds), "limit": 50}
        for label, path, query in (("served: /gaps?limit=50, first request", "/gaps", params),
                                   ("served: /view/gaps", "/view/gaps", {}),
                                   ("served: /gaps?limit=50 again", "/gaps", params)):
            seconds, answer = timed(lambda p=path, q=query: client.get(p, params=q))
            assert answer.status_code == 200, answer.text[:500]
            shown = len(answer.json()["findings"]) if path == "/gaps" else answer.text.count('class="finding"')
            line(label, seconds, scratch, shown)


def after_one_more(store: OxigraphStore, law: Path, kinds: list[str], scratch: float, check: bool) -> None:
    document = dataclasses.replace(extract_path(law), doc=EXTRA)
    ingested, _ = timed(lambda: ingest_document(store, document))
    seconds, report = timed(lambda: gaps.find_gaps(store, kinds))
    added = sum(f.doc == EXTRA for f in report)
    line(f"after ingesting one more ({ingested:.2f} s to ingest)", seconds, scratch, len(report))
    print(f"  findings of the new document in the report: {added}", flush=True)
    keyed()
    if check:
        equal(store, kinds, report)
    deleted, _ = timed(lambda: delete_document(store, EXTRA))
    seconds, report = timed(lambda: gaps.find_gaps(store, kinds))
    line(f"after deleting it again ({deleted:.2f} s to delete)", seconds, scratch, len(report))
    keyed()
    if check:
        equal(store, kinds, report)


def keyed() -> None:
    """The keys each cross-document kind computed again, and how long that took."""
    print("  keyed: " + ", ".join(f"{kind} {n} keys {s:.2f} s" for kind, (n, s) in gaps.KEYED_SECONDS.items()), flush=True)
    gaps.KEYED_SECONDS.clear()


def equal(store: OxigraphStore, kinds: list[str], report: list) -> None:
    found = gaps._detect(store, kinds, None, None)
    print(f"  equal to the report from scratch: {report == [f for kind in kinds for f in found[kind]]}", flush=True)


if __name__ == "__main__":
    main()
