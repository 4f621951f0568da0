"""How many bearers extracted from the corpus fall back to the generic gov:Actor class.

Run: ``python -m tests.ontology.actor_coverage [corpus folder]`` (prints per file and in total,
for the type extraction gives and for ``govkg.ontology.thesaurus.classify_actor``)."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from govkg.ingest.extract import extract_path
from govkg.ontology.thesaurus import FALLBACK, classify_actor

DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def coverage(folder: Path) -> dict[str, Counter]:
    """Per file: bearers, extraction fallbacks, classify_actor fallbacks, and the fallback texts."""
    rows: dict[str, Counter] = {}
    for path in sorted(folder.glob("*")):
        if path.suffix not in (".md", ".txt") or path.name == "SOURCES.md":
            continue
        document = extract_path(path)
        count: Counter = Counter()
        for norm in document.norms:
            if not norm.actor:
                continue
            count["bearers"] += 1
            count["extract_fallback"] += norm.actor_type in ("", FALLBACK)
            if classify_actor(norm.actor, document.lang)[0] == FALLBACK:
                count["classify_fallback"] += 1
                count["text:" + norm.actor] += 1
        rows[path.name] = count
    return rows


def main(argv: list[str]) -> int:
    rows = coverage(Path(argv[0]) if argv else DEFAULT_CORPUS)
    total: Counter = Counter()
    for name, count in rows.items():
        total.update({k: v for k, v in count.items() if not k.startswith("text:")})
        print(f"{name:50} bearers {count['bearers']:5}  extract→Actor {count['extract_fallback']:3}"
              f"  classify→Actor {count['classify_fallback']:3}")
    share = lambda key: total[key] / total["bearers"] if total["bearers"] else 0.0  # noqa: E731
    print(f"{'total':50} bearers {total['bearers']:5}  extract→Actor {share('extract_fallback'):.2%}"
          f"  classify→Actor {share('classify_fallback'):.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
