"""Fit the confidence model on reference norms, and check it on others: one offline command.

    python -m govkg.ingest.calibrate --fit GOLD.jsonl... [--check GOLD.jsonl...] [--texts DIR...]
                               [--scorer ../shared/eval/score.py] [--out ingest/patterns/confidence.json]

Each reference file names its document (``doc``); the source text is the file of that stem in
one of ``--texts``. Every predicted norm of an annotated provision is labelled right or wrong
with the scorer's own matching (``score.py``: doc, article, modality and bearer), then a
logistic model over ``govkg.ingest.confidence.traits`` is fitted (L2-regularised Newton steps) and
written with what it was fitted on. ``--check`` prints how the model does on texts it did not
see: the share of right norms at each confidence band, above all at >= 0.8.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy

from govkg.ingest import confidence
from govkg.ingest.confidence import rules_only, traits

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("govkg_reference_scorer", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled(gold_files: list[Path], texts: list[Path], scorer) -> list[tuple[dict[str, float], int]]:
    """(traits, 1 if right else 0) of every in-scope predicted norm of the reference documents."""
    from govkg.ingest.extract import extract_path
    rows = [row for path in gold_files for row in scorer.load(str(path))]
    scope = {str(r["doc"]): tuple(r["articles"]) for r in rows if "articles" in r}
    gold = [r for r in rows if "articles" not in r]
    samples = []
    for doc in sorted({str(r["doc"]) for r in gold}):
        mine = [r for r in gold if str(r["doc"]) == doc]
        whole = frozenset([doc]) if all(scorer.article_number(r.get("article")) == 0 for r in mine) else frozenset()
        with rules_only():
            document = extract_path(_source(doc, texts))
        norms = [n for n in document.norms if scorer.in_scope(n.to_json(), scope)]
        keys = {id(n): next(iter(scorer.keys([n.to_json()], "all", whole)), None) for n in norms}
        right = _right_keys(scorer, scorer.keys(mine, "all", whole), {k for k in keys.values() if k})
        samples += [(traits(n, document.lang), int(keys[id(n)] in right)) for n in norms]
    return samples


def _source(doc: str, texts: list[Path]) -> Path:
    for folder in texts:
        for path in sorted(folder.glob(f"{doc}.*")):
            if path.name != "SOURCES.md":
                return path
    sys.exit(f"no source text for {doc} in {', '.join(map(str, texts))}")


def _right_keys(scorer, gold: set[tuple], predicted: set[tuple]) -> set[tuple]:
    """Predicted keys that the scorer's greedy one-to-one matching pairs with a reference key."""
    slots: dict[tuple, list[str]] = defaultdict(list)
    for doc, article, actor, modality in predicted:
        slots[(doc, article, modality)].append(actor)
    right: set[tuple] = set()
    for doc, article, actor, modality in sorted(gold, key=lambda k: -len(k[2])):
        candidates = slots.get((doc, article, modality), [])
        for index, candidate in enumerate(candidates):
            if scorer.actors_match(actor, candidate):
                right.add((doc, article, candidate, modality))
                del candidates[index]
                break
    return right


def fit(samples: list[tuple[dict[str, float], int]], l2: float = 1.0, steps: int = 50) -> tuple[dict, float]:
    names = sorted(samples[0][0])
    x = numpy.array([[s[n] for n in names] + [1.0] for s, _ in samples])
    y = numpy.array([label for _, label in samples], dtype=float)
    w = numpy.zeros(x.shape[1])
    penalty = numpy.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + numpy.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + numpy.diag(penalty)
        w -= numpy.linalg.solve(hessian, gradient)
    return {n: round(float(v), 4) for n, v in zip(names, w[:-1])}, round(float(w[-1]), 4)


def bands(samples, weights: dict, bias: float) -> dict[str, dict]:
    """Norms and the share of right ones per confidence band under the model."""
    labels: dict[str, list[int]] = {">=0.8": [], "0.5-0.8": [], "<0.5": []}
    for t, label in samples:
        p = 1.0 / (1.0 + numpy.exp(-(bias + sum(weights[n] * v for n, v in t.items()))))
        labels[">=0.8" if p >= 0.8 else "0.5-0.8" if p >= 0.5 else "<0.5"].append(label)
    return {band: {"norms": len(found), "right": round(sum(found) / len(found), 3) if found else None}
            for band, found in labels.items()}


def report(title: str, samples, weights: dict, bias: float) -> dict:
    summary = bands(samples, weights, bias)
    print(f"{title}: {len(samples)} norms, {sum(l for _, l in samples)} right")
    for band, found in summary.items():
        print(f"  confidence {band:8s} {found['norms']:5d} norms, right {found['right']}")
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", type=Path, nargs="+", required=True, help="reference files to fit on")
    ap.add_argument("--check", type=Path, nargs="*", default=[], help="reference files to check on")
    ap.add_argument("--texts", type=Path, nargs="+", default=[ROOT.parent / "shared" / "corpus"])
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--out", type=Path, default=confidence.WEIGHTS)
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    training = labelled(args.fit, args.texts, scorer)
    weights, bias = fit(training, args.l2)
    fitted = report("fitted on", training, weights, bias)
    checked = report("checked on", labelled(args.check, args.texts, scorer), weights, bias) if args.check else {}
    args.out.write_text(json.dumps({
        "about": "logistic model of P(norm is right | traits); python -m govkg.ingest.calibrate --help",
        "fitted_on": sorted(p.stem for p in args.fit), "checked_on": sorted(p.stem for p in args.check),
        "bias": bias, "weights": weights, "fit_bands": fitted, "check_bands": checked,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
