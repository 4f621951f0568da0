"""The gap report at 10 M triples: ``../shared/corpus-cn`` ingested four times over, each copy a body
of law of its own, into one embedded store.

    PYTHONPATH=. /work/main/.venv/bin/python bench/bench_gaps_10m.py --work /tmp/gaps-10m \
        [--corpus ../shared/corpus-cn] [--copies 4] [--limit N] [--baseline]

Each copy of a law gets a new file name (its document id: ``…-副本2``) and a new title (第2辑
after a leading 中华人民共和国, else before the title), so that no two copies are one document,
nor versions of one work; the texts are otherwise unchanged. The copies are written to
``WORK/copies`` and ingested by one ``govkg ingest`` process into ``WORK/store``. Printed, each
with the load average: triples; ingest wall and CPU seconds (user + sys of the writer and its
extraction workers) and peak RSS of that process tree; the full gap report from scratch (nothing
kept: every detector on every document, then the findings are kept); cold — a fresh process over
the store, which reads the kept findings (the operating system's page cache is not dropped); again
in that process on unchanged data. ``--baseline`` also runs the detectors alone first, without
keeping. A second run with the same ``--work`` goes on with the store it finds there, ingesting only
the copies it does not hold.

Targets (issue 17): peak RSS <= 8 GB, the report <= 20 s cold.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_gaps import cold, line, timed  # noqa: E402
from bench.bench_ingest import ingest_into, report  # noqa: E402
from govkg.kg import gaps  # noqa: E402
from govkg.kg.documents import list_documents  # noqa: E402
from govkg.kg.kept_findings import forget  # noqa: E402
from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402

TITLE = re.compile(r"^(\s*#*\s*)(中华人民共和国)?")


def copied_title(text: str, number: int) -> str:
    """``text`` with 第N辑 in its title (its first line, after any 中华人民共和国)."""
    return TITLE.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}第{number}辑", text, count=1)


def make_copies(corpus: Path, folder: Path, copies: int, limit: int | None) -> int:
    """Write ``copies`` renamed and retitled copies of the corpus's laws under ``folder``."""
    laws = sorted(p for p in corpus.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")[:limit]
    shutil.rmtree(folder, ignore_errors=True)
    for number in range(1, copies + 1):
        target = folder / f"copy{number}"
        target.mkdir(parents=True)
        for law in laws:
            text = law.read_text(encoding="utf-8")
            (target / f"{law.stem}-副本{number}{law.suffix}").write_text(copied_title(text, number), encoding="utf-8")
    return len(laws) * copies


def triples(store: OxigraphStore) -> int:
    return int(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])


def peak_rss(who: int) -> str:
    return f"{resource.getrusage(who).ru_maxrss / 2**20:.2f} GiB"


def ingest(args, work: Path) -> None:
    """The copies ingested into ``work/store``; a store an earlier run left gets only the copies it
    does not hold yet (the figures are then those of the rest alone)."""
    store, copies = work / "store", work / "copies"
    files = make_copies(Path(args.corpus), copies, args.copies, args.limit)
    source = copies
    if store.exists():
        opened = OxigraphStore(store)
        held = {info.doc for info in list_documents(opened)}
        opened.close()
        missing = [p for p in sorted(copies.rglob("*")) if p.is_file() and p.stem not in held]
        if not missing:
            print(f"{store} already holds all {files} documents: not ingested again", flush=True)
            return
        if held:
            source = work / "rest"
            shutil.rmtree(source, ignore_errors=True)
            source.mkdir()
            for path in missing:
                (source / path.name).symlink_to(path)
            print(f"{store} holds {len(held)} documents: ingesting the other {len(missing)} "
                  "(figures for those alone)", flush=True)
            files = len(missing)
    print(f"ingesting {files} files ({args.copies} copies) into {store}  load {os.getloadavg()[0]:.2f}", flush=True)
    run = ingest_into(source, store, args.workers)
    report("ingest: ", files, run)
    print(f"  load after ingest {os.getloadavg()[0]:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", required=True, help="a folder for the copies and the store")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus-cn"))
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--limit", type=int, help="only the first N laws of the corpus (a quick run)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction processes")
    parser.add_argument("--baseline", action="store_true", help="also the detectors alone, nothing kept")
    args = parser.parse_args()
    if args.copies < 1:
        parser.error("--copies must be at least 1")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    ingest(args, work)
    kinds = list(gaps.GAP_KINDS)
    store = OxigraphStore(work / "store")
    forget(store)       # findings an earlier run kept are neither counted nor read
    print(f"{len(list_documents(store))} documents, {triples(store):,} triples  load {os.getloadavg()[0]:.2f}",
          flush=True)
    scratch = 0.0
    if args.baseline:
        scratch, found = timed(lambda: gaps._detect(store, kinds, None, None))
        line("detectors alone, nothing kept", scratch, scratch, sum(len(v) for v in found.values()))
    first, findings = timed(lambda: gaps.find_gaps(store, kinds))
    line("from scratch (computes, then keeps)", first, scratch or first, len(findings))
    store.close()
    print(f"  peak RSS of this process (the report from scratch): {peak_rss(resource.RUSAGE_SELF)}", flush=True)
    cold(str(work / "store"), kinds, scratch or first)
    print(f"  peak RSS of the largest child process (ingest writer or cold report): "
          f"{peak_rss(resource.RUSAGE_CHILDREN)}", flush=True)


if __name__ == "__main__":
    main()
