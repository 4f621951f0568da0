"""The same laws on the embedded store and on a real Virtuoso: ingest time, gap report time, findings.

    python bench/bench_engines.py [--corpus ingest/corpus] [--limit N]

The texts are extracted once; each engine then stores every document (``ingest_document``, as
``govkg ingest`` does one file) and computes the whole gap report from scratch. Printed per
engine: seconds to store, seconds for the report, findings per kind, and whether the findings
are equal (kind, document, article, actor, text and explanation alike). Virtuoso is started as
the tests start it (``tests/virtuoso_support.py``: a new database in a temporary folder, free
ports, the grants made through ``isql-vt``), and stopped at the end.
"""
from __future__ import annotations

import argparse
import collections
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from govkg.ingest.extract import extract_path  # noqa: E402
from govkg.kg.documents import ingest_document  # noqa: E402
from govkg.kg.gaps import find_gaps  # noqa: E402
from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402
from govkg.kg.server_store import ServerStore  # noqa: E402
from tests.virtuoso_support import running_virtuoso  # noqa: E402


def laws(corpus: Path, limit: int | None) -> list[Path]:
    paths = sorted(p for p in corpus.iterdir() if p.suffix in {".md", ".txt"} and p.name != "SOURCES.md")
    return paths[:limit] if limit else paths


def measure(store, documents) -> tuple[float, float, list]:
    started = time.perf_counter()
    for document in documents:
        ingest_document(store, document)
    stored = time.perf_counter() - started
    started = time.perf_counter()
    findings = find_gaps(store)
    return stored, time.perf_counter() - started, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "ingest" / "corpus"), help="folder of laws (.md, .txt)")
    parser.add_argument("--limit", type=int, help="the first N laws only")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per request to Virtuoso")
    args = parser.parse_args()
    paths = laws(Path(args.corpus), args.limit)
    started = time.perf_counter()
    documents = [extract_path(p) for p in paths]
    print(f"{len(documents)} laws, {sum(len(d.norms) for d in documents)} norms, "
          f"extracted in {time.perf_counter() - started:.1f} s")
    work = Path(tempfile.mkdtemp(prefix="govkg-bench-engines-"))
    results = {}
    try:
        embedded = OxigraphStore(work / "embedded")
        try:
            results["embedded"] = measure(embedded, documents)
        finally:
            embedded.close()
        with running_virtuoso(work / "virtuoso") as virtuoso:
            server = ServerStore(virtuoso.endpoint, timeout=args.timeout)
            try:
                results["virtuoso"] = measure(server, documents)
            finally:
                server.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for engine, (stored, report, findings) in results.items():
        kinds = collections.Counter(f.kind for f in findings)
        print(f"{engine:9} store {stored:7.1f} s  gap report {report:7.1f} s  {len(findings)} findings  "
              + " ".join(f"{k}={n}" for k, n in sorted(kinds.items())))
    local, remote = results["embedded"][2], results["virtuoso"][2]
    print("findings equal" if local == remote else
          f"findings differ: {len(set(remote) - set(local))} only on Virtuoso, {len(set(local) - set(remote))} only embedded")


if __name__ == "__main__":
    main()
