"""Time of comparing two versions of a law, against extracting them, measured in the same run.

    python bench/bench_diff.py [--old FILE] [--new FILE] [--repeat 3]

Prints, best of ``--repeat``: extracting both files (the pipeline already loaded, the segmenter's
memory emptied before each run), the diff of
the two extracted versions (alignment, norms, actors, clarity), the diff of the same two documents
read back from an embedded store (the work of ``govkg diff DOC DOC`` and ``/diff``), the same two
with the gap findings closed and opened (``--gaps``), and the diffs' ratios to the extraction. Target: a diff of two ~100-article versions in <= 2 s.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT.parent / "shared" / "corpus-cn"


def best(repeat: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, default=CORPUS / "慈善法(2016-03-16).md")
    parser.add_argument("--new", type=Path, default=CORPUS / "慈善法(2023-12-29).md")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from govkg.ingest.extract import extract_path, extract_text
    from govkg.kg.diff import diff_versions
    from govkg.kg.documents import ingest_document
    from govkg.kg.gap_diff import findings_of_document, gap_changes
    from govkg.kg.gaps import document_findings
    from govkg.kg.oxigraph_store import OxigraphStore
    from govkg.kg.versions import version_from_document, version_from_store

    from bench_extract import forget_cut_runs

    extract_text("第一条 居民委员会应当报告工作。", "warm-up", "zh")   # loads the pipeline, untimed

    def extract_both():
        forget_cut_runs()                                    # each run segments the texts afresh
        return extract_path(args.old), extract_path(args.new)

    t_extract, (old, new) = best(args.repeat, extract_both)
    t_diff, result = best(args.repeat, lambda: diff_versions(version_from_document(old), version_from_document(new)))

    def with_gaps(diffed: dict, old_findings, new_findings) -> dict:
        return {**diffed, "gaps": gap_changes(old_findings(), new_findings(), diffed["provisions"])}
    t_gaps, _ = best(args.repeat, lambda: with_gaps(
        diff_versions(version_from_document(old), version_from_document(new)),
        lambda: findings_of_document(old), lambda: findings_of_document(new)))
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        ingest_document(store, old)
        ingest_document(store, new)
        t_stored, _ = best(args.repeat, lambda: diff_versions(version_from_store(store, old.doc),
                                                               version_from_store(store, new.doc)))
        t_stored_gaps, _ = best(args.repeat, lambda: with_gaps(
            diff_versions(version_from_store(store, old.doc), version_from_store(store, new.doc)),
            lambda: document_findings(store, old.doc), lambda: document_findings(store, new.doc)))
        store.close()
    print(f"versions: {len(result['provisions'])} aligned articles, {len(result['norms'])} norm entries")
    print(f"extract both files      {t_extract:7.3f} s")
    print(f"diff, extracted         {t_diff:7.3f} s   {t_diff / t_extract:.3f}x extraction")
    print(f"diff, stored documents  {t_stored:7.3f} s   {t_stored / t_extract:.3f}x extraction")
    print(f"with gaps, extracted    {t_gaps:7.3f} s   {t_gaps / t_extract:.3f}x extraction")
    print(f"with gaps, stored       {t_stored_gaps:7.3f} s   {t_stored_gaps / t_extract:.3f}x extraction")
    print(f"target <= 2 s: {'met' if max(t_diff, t_stored, t_gaps, t_stored_gaps) <= 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
