"""Benchmark: the cost of reviews on the gap report.

Ingests the bundled corpus into an embedded store, times the full gap report cold (every detector
runs: the report cache is emptied before each run), then records ``--reviews`` reviews (dismissed
and confirmed findings, rejected, corrected and confirmed norms, in the proportions a review team
leaves) and times the effective report cold the same way (the reviews re-read too). Prints both and
their ratio, the best of ``--repeat`` runs each, measured in the same run.

    .venv/bin/python bench/bench_reviews.py [--reviews 1000] [--repeat 5]
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

from ingest.extract import extract_path  # noqa: E402
from kg import gaps, reviews  # noqa: E402
from kg.documents import ingest_document  # noqa: E402
from kg.effective import effective_gaps, review_norm_as_seen  # noqa: E402
from kg.oxigraph_store import OxigraphStore  # noqa: E402
from kg.queries import norms  # noqa: E402


def cold(report) -> float:
    """Seconds of one report with every cache emptied first."""
    gaps._CACHE.clear()
    reviews._CACHE.clear()
    started = time.perf_counter()
    report()
    return time.perf_counter() - started


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
    args = parser.parse_args()
    store = OxigraphStore()
    corpus = ROOT / "ingest" / "corpus"
    for path in sorted(corpus.iterdir()):
        if path.suffix in {".md", ".txt"} and path.name != "SOURCES.md":
            ingest_document(store, extract_path(path))
    plain = [cold(lambda: effective_gaps(store)) for _ in range(args.repeat)]
    findings = len(effective_gaps(store).findings)
    made = fill(store, args.reviews)
    reviewed = [cold(lambda: effective_gaps(store)) for _ in range(args.repeat)]
    report = effective_gaps(store)
    print(f"bundled corpus: {findings} findings without reviews; {sum(made.values())} reviews {made}")
    print(f"  effective report with reviews: {len(report.findings)} findings, {report.dismissed} dismissed")
    print(f"  cold report without reviews: best {min(plain) * 1000:.0f} ms, median {statistics.median(plain) * 1000:.0f} ms")
    print(f"  cold report with {args.reviews} reviews: best {min(reviewed) * 1000:.0f} ms, "
          f"median {statistics.median(reviewed) * 1000:.0f} ms")
    print(f"  ratio (best): {min(reviewed) / min(plain):.2f}x   (median): "
          f"{statistics.median(reviewed) / statistics.median(plain):.2f}x   target <= 1.2x")


if __name__ == "__main__":
    main()
