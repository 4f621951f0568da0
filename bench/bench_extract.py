"""Extraction speed and memory, against jieba's own tokenizing time measured in the same run.

    python bench/bench_extract.py [--corpus DIR] [--laws ../shared/corpus-cn] [--mb 1.0]

Prints: jieba.lcut seconds and govkg extraction seconds on ~1 MB of Chinese law text and their
ratio (target <= 2x); chars/s for zh and en; en_gdpr_full.txt end to end (warm and as a fresh
``govkg extract`` process); the peak RSS of extracting the whole corpus in a fresh process.
The 1 MB are distinct laws (from ``--laws`` where it exists, else the corpus repeated), and the
segmenter's memory of cut runs is emptied before every timed run: repetition must not flatter.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def zh_law_text(corpus: Path, megabytes: float, laws_dir: Path | None = None) -> str:
    """Chinese law texts up to ``megabytes`` (UTF-8): distinct laws of ``laws_dir`` where it
    exists, else the corpus's zh_*.md repeated."""
    if laws_dir is not None and laws_dir.is_dir():
        parts, size = [], 0
        for path in sorted(p for p in laws_dir.glob("*.md") if p.name != "SOURCES.md"):
            if size >= megabytes * 1_000_000:
                break
            parts.append(path.read_text(encoding="utf-8"))
            size += len(parts[-1].encode("utf-8"))
        return "\n\n".join(parts)
    laws = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("zh_*.md"))]
    if not laws:
        sys.exit(f"no zh_*.md laws in {corpus}")
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        for law in laws:
            parts.append(law)
            size += len(law.encode("utf-8"))
    return "\n\n".join(parts)


def forget_cut_runs() -> None:
    """Empty the Chinese segmenter's memory, so that each timed run starts cold."""
    from govkg.ingest.pipeline import build_pipeline
    remembered = getattr(build_pipeline("zh").tokenizer.jieba_seg, "remembered", None)
    if remembered is not None:
        remembered.clear()


def timed(func, *args, repeat: int = 1) -> tuple[float, float, object]:
    """Best wall time and best CPU time (this process: user + sys) of ``repeat`` runs (the
    machine may be shared), and the last result."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        forget_cut_runs()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func(*args)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "ingest" / "corpus")
    ap.add_argument("--laws", type=Path, default=ROOT.parent / "shared" / "corpus-cn",
                    help="a folder of distinct Chinese laws for the 1 MB text")
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    args = ap.parse_args()

    import jieba

    from govkg.ingest.extract import extract_path, extract_text
    from govkg.ingest.pipeline import build_pipeline

    jieba.setLogLevel(60)
    jieba.initialize()
    for lang in ("zh", "en"):
        build_pipeline(lang)
    extract_text("第一条 居民委员会应当开展工作。", "warmup", "zh")
    extract_text("Article 1\n\n1. The controller shall act.", "warmup", "en")

    text = zh_law_text(args.corpus, args.mb, args.laws)
    t_jieba, c_jieba, tokens = timed(jieba.lcut, text, repeat=args.repeat)
    t_zh, c_zh, zh_doc = timed(extract_text, text, "bench_zh", "zh", repeat=args.repeat)
    print(f"zh text: {len(text.encode('utf-8')) / 1e6:.2f} MB, {len(text):,} chars, {len(tokens):,} jieba tokens")
    print(f"best of {args.repeat} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"jieba.lcut:        {t_jieba:7.2f} s wall, {c_jieba:6.2f} s CPU  ({len(text) / t_jieba:,.0f} chars/s)")
    print(f"govkg extract zh:  {t_zh:7.2f} s wall, {c_zh:6.2f} s CPU  ({len(text) / t_zh:,.0f} chars/s, "
          f"{len(zh_doc.norms):,} norms)")
    print(f"ratio extract/jieba: {t_zh / t_jieba:.2f}x wall, {c_zh / c_jieba:.2f}x CPU  (target <= 2x)")

    gdpr = args.corpus / "en_gdpr_full.txt"
    if not gdpr.exists():
        gdpr = ROOT.parent / "shared" / "corpus" / "en_gdpr_full.txt"
    if gdpr.exists():
        t_en, _, en_doc = timed(extract_path, gdpr, repeat=args.repeat)
        print(f"govkg extract en:  {t_en:7.2f} s  ({len(en_doc.text) / t_en:,.0f} chars/s, {len(en_doc.norms):,} norms)"
              f"  [{gdpr.name}, warm]")
        cold = fresh_process([str(gdpr)])
        print(f"{gdpr.name} end to end (fresh `govkg extract` process): {cold[0]:.2f} s")

    files = sorted(str(p) for p in args.corpus.iterdir() if p.suffix in (".md", ".txt") and p.name != "SOURCES.md")
    seconds, peak_kb = fresh_process(files)
    print(f"whole corpus ({len(files)} files) in a fresh process: {seconds:.2f} s, peak RSS {peak_kb / 1024:.0f} MiB")


def fresh_process(files: list[str]) -> tuple[float, int]:
    """Run ``govkg extract`` on ``files`` in a new process: seconds and peak RSS (KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    code = ("import sys; from govkg.ingest.extract import extract_paths\n"
            "for path, result in extract_paths(sys.argv[1:]):\n"
            "    assert not isinstance(result, Exception), result\n")
    subprocess.run([sys.executable, "-c", code, *files], check=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


if __name__ == "__main__":
    main()
