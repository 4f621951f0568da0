"""Ingest of a real body of law into a new embedded store: one extraction process against one
per core, measured in the same run.

    python bench/bench_ingest.py [--corpus ../shared/corpus-cn] [--limit N] [--workers N] [--skip-baseline]

Each run is a fresh `govkg ingest DIR --store TMP` process. Prints per run: wall seconds, files,
triples, and the peak RSS of the whole process tree (the writer and its extraction workers,
sampled every 0.1 s from /proc), then the speed-up of the parallel run over the one-process run.
Targets for ../shared/corpus-cn (1,071 files): <= 90 s and <= 1.5 GB on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOVKG = str(Path(sys.executable).parent / "govkg")


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack += children.get(current, [])
        try:
            pages = int(Path(f"/proc/{current}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += pages * os.sysconf("SC_PAGE_SIZE")
    return total


def run_ingest(source: Path, workers: int) -> tuple[float, int, str]:
    """Seconds, peak tree RSS (bytes) and the last stderr line of one fresh ingest."""
    store = Path(tempfile.mkdtemp(prefix="govkg-bench-ingest-"))
    env = {**os.environ, "GOVKG_INGEST_WORKERS": str(workers)}
    try:
        start = time.perf_counter()
        process = subprocess.Popen([GOVKG, "ingest", str(source), "--store", str(store / "data")], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        lines = [line for line in process.stderr.read().splitlines() if line.strip()]
        if process.returncode not in (0, 1):
            sys.exit(f"ingest failed ({process.returncode}): {lines[-3:]}")
        triples = subprocess.run([GOVKG, "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                  "--store", str(store / "data"), "--format", "csv"],
                                 capture_output=True, text=True, check=True).stdout.split()[-1]
        return seconds, peak, f"{lines[-1] if lines else ''}; {int(triples):,} triples"
    finally:
        shutil.rmtree(store, ignore_errors=True)


def sample(corpus: Path, limit: int | None) -> Path:
    """The corpus itself, or a folder of links to its first ``limit`` files."""
    if not limit:
        return corpus
    folder = Path(tempfile.mkdtemp(prefix="govkg-bench-sample-"))
    for path in sorted(p for p in corpus.iterdir() if p.suffix == ".md" and p.name != "SOURCES.md")[:limit]:
        (folder / path.name).symlink_to(path.resolve())
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-cn")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    ap.add_argument("--workers", type=int, default=0, help="parallel run's workers (0: one per core)")
    ap.add_argument("--skip-baseline", action="store_true", help="leave out the one-process run")
    args = ap.parse_args()
    from api.cli.ingest_batch import default_workers
    workers = args.workers or default_workers()
    source = sample(args.corpus, args.limit)
    runs = [] if args.skip_baseline else [1]
    runs.append(workers)
    measured = {}
    for count in runs:
        seconds, peak, summary = run_ingest(source, count)
        measured[count] = seconds
        print(f"{count} extraction process(es): {seconds:7.1f} s, peak RSS {peak / 2**30:.2f} GiB  ({summary})")
    if len(measured) == 2:
        print(f"speed-up with {workers} workers: {measured[1] / measured[workers]:.2f}x")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
