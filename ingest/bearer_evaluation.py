"""Leave one set out: does the bearer model raise the first scores of texts it was not trained on?

    python -m govkg.ingest.bearer_evaluation [--models DIR] [--readings DIR...] [--grid]
                                            [--fill T] [--bounds T] [--scorer score.py]

For each reference set S with a first reading (``tests/data/first_readings/S.jsonl``: the norms the
extractor gave S before it was tuned on it), a model is trained on every other tuned set
(``--models DIR/S``, trained once and kept), its corrections (``govkg.ingest.bearer_corrections``)
are applied to S's first reading, and both are scored against S's reference files with the
reference scorer: F1 of all norms and of the norms with no bearer (``--unassigned``). ``--grid``
prints every pair of thresholds of the two uses, so that the uses are chosen on these figures.
"""
from __future__ import annotations

import argparse
import functools
import itertools
import json
from pathlib import Path

from govkg.ingest.bearer_corrections import Uses, correct_norms
from govkg.ingest.bearers import Found, find_bearers, load_model, model_doc
from govkg.ingest.calibrate import load_scorer
from govkg.ingest.train_bearers import ROOT, TUNED_SETS, sentences_of, train

READINGS = ROOT / "tests" / "data" / "first_readings"
GRID = (0.5, 0.7, 0.8, 0.9, 0.95, 2.0)


def sentence_finder(model) -> "functools._lru_cache_wrapper":
    """The model's bearer spans in a sentence, over the pipeline's own tokens (each sentence once)."""
    from govkg.ingest.pipeline import build_pipeline
    tokenizer = build_pipeline("zh").tokenizer

    @functools.lru_cache(maxsize=None)
    def find(sentence: str) -> list[Found]:
        tokens = tokenizer(sentence)
        doc = model_doc(model, [t.text for t in tokens], [bool(t.whitespace_) for t in tokens])
        return find_bearers(model, doc, floor=0.5)
    return find


def left_out_model(name: str, models: Path):
    """The model trained on every tuned set but ``name`` (trained now if not kept in ``models``)."""
    path = models / name
    if not (path / "config.cfg").exists():
        print(f"training without {name} ...", flush=True)
        models.mkdir(parents=True, exist_ok=True)
        train(sentences_of(TUNED_SETS, [name]), log=lambda _: None).to_disk(path)
    return load_model(path)


def scores(scorer, gold_files: list[Path], rows: list[dict]) -> dict[str, float]:
    """F1 of all norms and of the unassigned ones, as ``score.py`` computes them."""
    gold_rows = [r for p in gold_files for r in scorer.load(str(p))]
    scope = {str(r["doc"]): tuple(r["articles"]) for r in gold_rows if "articles" in r}
    gold_rows = [r for r in gold_rows if "articles" not in r]
    docs = {str(r["doc"]) for r in gold_rows}
    pred = [r for r in rows if str(r.get("doc", "")) in docs and scorer.in_scope(r, scope)]
    whole = frozenset(d for d in docs if all(scorer.article_number(r.get("article")) == 0
                                            for r in gold_rows if str(r["doc"]) == d))
    out = {}
    for mode in ("all", "unassigned"):
        out[mode] = round(scorer.prf(scorer.keys(gold_rows, mode, whole), scorer.keys(pred, mode, whole))[2], 4)
    return out


def reading_sets(folders: list[Path]) -> list[tuple[str, Path]]:
    """(set name, first reading) of each tuned set with a first reading in ``folders``."""
    names = {s.name for s in TUNED_SETS}
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            if path.stem in names:
                found.setdefault(path.stem, path)
    return sorted(found.items())


def evaluate(args: argparse.Namespace) -> dict:
    scorer = load_scorer(args.scorer)
    gold_of = {s.name: s.files() for s in TUNED_SETS}
    grid = list(itertools.product(GRID, GRID)) if args.grid else [(args.fill, args.bounds)]
    table = {}
    for name, path in reading_sets(args.readings):
        reading = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        find = sentence_finder(left_out_model(name, args.models))
        row = {"first": scores(scorer, gold_of[name], reading)}
        for fill, bounds in grid:
            corrected = correct_norms(reading, find, Uses(fill=fill, bounds=bounds))
            row[f"fill {fill} bounds {bounds}"] = scores(scorer, gold_of[name], corrected)
        table[name] = row
        print(name, json.dumps(row), flush=True)
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", type=Path, default=Path("bearer-models"), help="where the left-out models are kept")
    ap.add_argument("--readings", type=Path, nargs="+", default=[READINGS])
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--grid", action="store_true", help="every pair of thresholds in GRID")
    ap.add_argument("--fill", type=float, default=Uses().fill)
    ap.add_argument("--bounds", type=float, default=Uses().bounds)
    args = ap.parse_args()
    table = evaluate(args)
    for uses in next(iter(table.values()), {}):
        if uses == "first":
            continue
        gains = [row[uses]["all"] - row["first"]["all"] for row in table.values()]
        print(f"{uses}: mean gain {sum(gains) / len(gains):+.4f}, worst {min(gains):+.4f}")


if __name__ == "__main__":
    from govkg.ingest.offline_command import run
    run(main)
