"""Benchmark: the cost of reviews on the gap report.

Ingests the bundled corpus into an embedded store, times the full gap report cold (the report
cache is emptied before each run; the findings kept per document stay, as they do between two
reports of a store), then records ``--reviews`` reviews (dismissed and confirmed findings,
rejected, corrected and confirmed norms, in the proportions a review team leaves) and times the
effective report cold again, in four states of what was read of the reviews:

- *reviews unchanged*: nothing was written since the last report, so the reviews read then are
  still in hand (``govkg.kg.review_cache``) and only the report itself is cold;
- *one new review*: a reviewer wrote one review, of a finding or of a norm, before each run (the
  common case, and the one the target is about: a review is a write, so the report cache is
  emptied by it anyway);
- *one document re-ingested*: the same text of one document written again before each run, so
  that document's reviews are checked against its provisions again;
- *read afresh*: everything read of the reviews dropped, as after a SPARQL Update or an import.

Each against the report without reviews on a second store of the same corpus, the runs of the two
taken in turn, each first every other time (so that a change of the machine's load falls on both),
best and median of ``--repeat`` runs each, on the clock and in CPU time.

    .venv/bin/python bench/bench_reviews.py [--reviews 1000] [--repeat 5] [--from-store]
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govkg.ingest.extract import extract_path  # noqa: E402
from govkg.kg import gaps, kept_findings, review_cache, reviews  # noqa: E402
from govkg.kg.documents import ingest_document  # noqa: E402
from govkg.kg.effective import effective_gaps, review_norm_as_seen  # noqa: E402
from govkg.kg.oxigraph_store import OxigraphStore  # noqa: E402
from govkg.kg.queries import norms  # noqa: E402


def cold(report, before=lambda: None, from_store: bool = False) -> tuple[float, float]:
    """Seconds of one report with the report cache emptied first (after ``before()``), and with
    ``from_store`` the kept findings decoded again, as a fresh process reads them: on the clock, and
    of this process's CPU (all its threads), which other work on the machine disturbs less."""
    before()
    gaps._CACHE.clear()
    if from_store:
        kept_findings._MEMORY.clear()
    started, cpu = time.perf_counter(), time.process_time()
    report()
    return time.perf_counter() - started, time.process_time() - cpu


def fill(store: OxigraphStore, count: int) -> dict[str, int]:
    """``count`` reviews: 40% finding reviews (three dismissed in four), 60% norm reviews."""
    findings = [f for f in gaps.find_gaps(store) if f.norm]
    every_norm = norms(store, limit=1_000_000, extracted=True)
    made = {"dismissed": 0, "confirmed finding": 0, "rejected": 0, "corrected": 0, "confirmed": 0}
    for i, finding in zip(range(count * 4 // 10), itertools.cycle(findings)):
        verdict = "dismissed" if i % 4 else "confirmed"
        reviews.review_finding(store, finding.kind, finding.norm, verdict, "bench", "见第九条")
        made["dismissed" if verdict == "dismissed" else "confirmed finding"] += 1
    for i, view in zip(range(count - count * 4 // 10), itertools.cycle(every_norm)):
        verdict = ("rejected", "corrected", "confirmed", "confirmed")[i % 4]
        revision = reviews.Revision(view.modality or "obligation", view.action, ["街道办事处"]) if verdict == "corrected" else None
        review_norm_as_seen(store, view.id, verdict, "bench", "", revision)
        made[verdict] += 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--from-store", action="store_true",
                        help="decode the kept findings from the store in every run (what a fresh process pays)")
    args = parser.parse_args()
    corpus = ROOT / "ingest" / "corpus"
    documents = [extract_path(path) for path in sorted(corpus.iterdir())
                 if path.suffix in {".md", ".txt"} and path.name != "SOURCES.md"]
    plain, reviewed = OxigraphStore(), OxigraphStore()
    for store in (plain, reviewed):
        for document in documents:
            ingest_document(store, document)
    findings = len(effective_gaps(plain).findings)
    made = fill(reviewed, args.reviews)
    effective_gaps(reviewed)
    pending = itertools.cycle([f for f in gaps.find_gaps(reviewed) if f.norm])
    nothing = lambda: None       # noqa: E731
    states = {       # name: (before each run with reviews, before each run of the same without reviews)
        "reviews unchanged since the last report (the reviews read then kept)": (nothing, nothing),
        "one new review of a finding written before each run": (lambda: _one_review(reviewed, next(pending)), nothing),
        "one new review of a norm (confirmed) written before each run": (
            lambda: reviews.review_norm(reviewed, next(pending).norm, "confirmed", "bench"), nothing),
        "one document re-ingested (same text) before each run": (
            lambda: ingest_document(reviewed, documents[0]), lambda: ingest_document(plain, documents[0])),
        "everything read of the reviews dropped (as after a SPARQL Update or import)": (review_cache.forget, nothing),
    }
    shown = effective_gaps(reviewed)
    print(f"bundled corpus: {findings} findings without reviews; {sum(made.values())} reviews {made}")
    print(f"  effective report with reviews: {len(shown.findings)} findings, {shown.dismissed} dismissed")
    print("  each state: runs with and without reviews taken in turn (each first every other time), "
          "on two stores of the same corpus")
    for name, (before, before_plain) in states.items():
        runs, base = [], []
        for i in range(args.repeat):        # in turn, each first every other time
            pair = [(base, lambda: effective_gaps(plain), before_plain), (runs, lambda: effective_gaps(reviewed), before)]
            for into, report, ready in pair[::1 if i % 2 else -1]:
                into.append(cold(report, ready, args.from_store))
        print(f"  {name}:")
        for label, i in (("clock", 0), ("CPU", 1)):
            plain_runs, with_runs = [t[i] for t in base], [t[i] for t in runs]
            print(f"    {label}: without reviews {_ms(plain_runs)}; with {args.reviews} reviews {_ms(with_runs)}; "
                  f"ratio (best) {min(with_runs) / min(plain_runs):.2f}x, "
                  f"(median) {statistics.median(with_runs) / statistics.median(plain_runs):.2f}x")
    print("  target <= 1.2x for the report after one new review (of a finding or of a norm)")


def _one_review(store: OxigraphStore, finding) -> None:
    reviews.review_finding(store, finding.kind, finding.norm, "confirmed", "bench")


def _ms(runs: list[float]) -> str:
    return f"best {min(runs) * 1000:.0f} ms, median {statistics.median(runs) * 1000:.0f} ms"


if __name__ == "__main__":
    main()
