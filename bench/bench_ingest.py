"""Ingest of a real body of law into a new embedded store: one extraction process against one
per core, measured in the same run.

    python bench/bench_ingest.py [--corpus ../shared/corpus-cn] [--limit N] [--workers N] [--skip-baseline]
                                 [--against CHECKOUT] [--rounds N]

Each run is a fresh `govkg ingest DIR --store TMP` process. Prints per run: files, workers, wall
seconds, CPU seconds (user + sys of the writer and its extraction workers, and of the writer
alone), the CPU's share of wall x workers, peak RSS of the whole process tree, of the writer and
of the workers together (sampled every 0.1 s from /proc) and triples,
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOVKG = str(Path(sys.executable).parent / "govkg")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds so far: user + sys) of a live process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss(pid: int) -> int:
    """Resident bytes of ``pid`` (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None:
                children.setdefault(stat[0], []).append(int(entry))
    found, stack = [], list(children.get(pid, []))
    while stack:
        current = stack.pop()
        found.append(current)
        stack += children.get(current, [])
    return found


@dataclass
class Tree:
    """What sampling an ingest's process tree saw: peaks of the writer (the ``govkg ingest``
    process), of its extraction workers together and of the whole tree, and each process's
    last CPU reading."""

    writer: int = 0
    workers: int = 0
    whole: int = 0
    cpu: dict[int, float] = field(default_factory=dict)
    workers_busy: float = 0.0   # when the workers' CPU last grew (perf_counter)

    def sample(self, pid: int) -> None:
        writer, below = _rss(pid), descendants(pid)
        workers = sum(_rss(p) for p in below)
        self.writer, self.workers = max(self.writer, writer), max(self.workers, workers)
        self.whole = max(self.whole, writer + workers)
        before = sum(cpu for p, cpu in self.cpu.items() if p != pid)
        for p in [pid, *below]:
            stat = _stat(p)
            if stat is not None:
                self.cpu[p] = stat[1]
        if sum(cpu for p, cpu in self.cpu.items() if p != pid) > before:
            self.workers_busy = time.perf_counter()


@dataclass
class Run:
    """One fresh ingest, as measured."""

    workers: int
    seconds: float
    cpu: float              # user + sys of the ingest process and every process it waited for
    peak: int               # bytes, the whole tree
    summary: str
    writer_cpu: float = 0.0     # of the ingest process alone (its last reading, every 0.1 s)
    writer_peak: int = 0
    workers_peak: int = 0       # the workers together
    tail: float = 0.0           # seconds at the end with no worker computing (the writer finishing)


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
    tree, usage, status = Tree(), None, 0
    while usage is None:
        tree.sample(process.pid)
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
    return Run(workers, seconds, usage.ru_utime + usage.ru_stime, tree.whole,
               f"{lines[-1] if lines else ''}; {int(triples):,} triples",
               writer_cpu=tree.cpu.get(process.pid, 0.0), writer_peak=tree.writer, workers_peak=tree.workers,
               tail=max(0.0, start + seconds - tree.workers_busy) if tree.workers_busy else 0.0)


def _drain(stream) -> list[str]:
    """Read ``stream`` to its end in a thread (a full pipe would stop the ingest); the text so far."""
    chunks: list[str] = []
    threading.Thread(target=lambda: chunks.extend(stream), daemon=True).start()
    return chunks


def report(label: str, files: int, run: Run) -> None:
    share = run.cpu / (run.seconds * run.workers) if run.seconds else 0.0
    print(f"{label}{files} files, {run.workers} worker(s): wall {run.seconds:7.1f} s, CPU {run.cpu:7.1f} s "
          f"(user+sys, {share:.0%} of wall x workers; writer {run.writer_cpu:.1f} s, workers "
          f"{run.cpu - run.writer_cpu:.1f} s; the last {run.tail:.1f} s no worker computing), peak RSS {run.peak / 2**30:.2f} GiB (writer "
          f"{run.writer_peak / 2**30:.2f}, workers together {run.workers_peak / 2**30:.2f})  ({run.summary})",
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
