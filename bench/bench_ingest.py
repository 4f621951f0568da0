"""Ingest of a real body of law into a new embedded store: one extraction process against one
per core, measured in the same run.

    python bench/bench_ingest.py [--corpus ../shared/corpus-cn] [--limit N] [--workers N] [--skip-baseline]
                                 [--against CHECKOUT] [--rounds N]

Each run is a fresh `govkg ingest DIR --store TMP` process. Prints per run: files, workers, wall
seconds, CPU seconds (user + sys of the writer and its extraction workers), the CPU's share of
wall x workers, peak RSS of the whole process tree (sampled every 0.1 s from /proc) and triples,
then the speed-up of the parallel run over the one-process run. On a shared machine read CPU
seconds and ratios taken in one run, not wall seconds. ``--against`` runs another checkout's code
(put first on PYTHONPATH) on the same files, taking turns with this one for ``--rounds`` rounds.
Targets for ../shared/corpus-cn (1,071 files): <= 90 s and <= 1.5 GB on 2 cores.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
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


@dataclass
class Run:
    """One fresh ingest, as measured."""

    workers: int
    seconds: float
    cpu: float              # user + sys of the ingest process and every process it waited for
    peak: int               # bytes
    summary: str


def run_ingest(source: Path, workers: int, code: Path | None = None) -> Run:
    """Time, CPU, peak tree RSS and the last stderr line of one fresh ingest (``code``: a checkout
    whose modules go first on the path)."""
    store = Path(tempfile.mkdtemp(prefix="govkg-bench-ingest-"))
    try:
        return ingest_into(source, store / "data", workers, code)
    finally:
        shutil.rmtree(store, ignore_errors=True)


def ingest_into(source: Path, store: Path, workers: int, code: Path | None = None) -> Run:
    """One ``govkg ingest source --store store`` process, measured; the store is left as written."""
    env = {**os.environ, "GOVKG_INGEST_WORKERS": str(workers)}
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(code.resolve()), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    start = time.perf_counter()
    process = subprocess.Popen([GOVKG, "ingest", str(source), "--store", str(store)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = _drain(process.stderr)
    peak, usage, status = 0, None, 0
    while usage is None:
        peak = max(peak, tree_rss(process.pid))
        pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            usage = rusage
        else:
            time.sleep(0.1)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in "".join(stderr).splitlines() if line.strip()]
    if process.returncode not in (0, 1):
        sys.exit(f"ingest failed ({process.returncode}): {lines[-3:]}")
    triples = subprocess.run([GOVKG, "query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                              "--store", str(store), "--format", "csv"], env=env,
                             capture_output=True, text=True, check=True).stdout.split()[-1]
    return Run(workers, seconds, usage.ru_utime + usage.ru_stime, peak,
               f"{lines[-1] if lines else ''}; {int(triples):,} triples")


def _drain(stream) -> list[str]:
    """Read ``stream`` to its end in a thread (a full pipe would stop the ingest); the text so far."""
    chunks: list[str] = []
    threading.Thread(target=lambda: chunks.extend(stream), daemon=True).start()
    return chunks


def report(label: str, files: int, run: Run) -> None:
    share = run.cpu / (run.seconds * run.workers) if run.seconds else 0.0
    print(f"{label}{files} files, {run.workers} worker(s): wall {run.seconds:7.1f} s, CPU {run.cpu:7.1f} s "
          f"(user+sys, {share:.0%} of wall x workers), peak RSS {run.peak / 2**30:.2f} GiB  ({run.summary})",
          flush=True)


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
    ap.add_argument("--against", type=Path, default=None,
                    help="another checkout of govkg: its code and this one take turns on the same files")
    ap.add_argument("--rounds", type=int, default=1, help="turns of each code with --against")
    args = ap.parse_args()
    from govkg.api.cli.ingest_batch import default_workers
    workers = args.workers or default_workers()
    source = sample(args.corpus, args.limit)
    files = sum(1 for p in source.iterdir() if p.suffix == ".md" and p.name != "SOURCES.md")
    print(f"{files} files of {args.corpus}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if args.against is not None:
        compare(source, files, workers, args.against, args.rounds)
        return
    runs = [] if args.skip_baseline else [1]
    runs.append(workers)
    measured = {}
    for count in runs:
        measured[count] = run_ingest(source, count)
        report("", files, measured[count])
    if len(measured) == 2:
        print(f"speed-up with {workers} workers: {measured[1].seconds / measured[workers].seconds:.2f}x wall")


def compare(source: Path, files: int, workers: int, other: Path, rounds: int) -> None:
    """This code and ``other``'s in turns on the same files: CPU and wall ratios of each round."""
    for number in range(1, rounds + 1):
        theirs = run_ingest(source, workers, other)
        report(f"round {number} {other}: ", files, theirs)
        ours = run_ingest(source, workers)
        report(f"round {number} this code: ", files, ours)
        print(f"round {number} this code / {other}: CPU {ours.cpu / theirs.cpu:.2f}x, "
              f"wall {ours.seconds / theirs.seconds:.2f}x, peak RSS {ours.peak / theirs.peak:.2f}x", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
