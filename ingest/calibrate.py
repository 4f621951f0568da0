"""Fit the confidence model on reference norms, and check it on others: one offline command.

    python -m govkg.ingest.calibrate --fit GOLD.jsonl... [--readings NORMS.jsonl...]
                               [--check GOLD.jsonl...] [--texts DIR...]
                               [--scorer ../shared/eval/score.py] [--out ingest/patterns/confidence.json]

Each reference file names its document (``doc``); the source text is the file of that stem in
one of ``--texts``. Every predicted norm of an annotated provision is labelled right or wrong
with the scorer's own matching (``score.py``: doc, article, modality and bearer), then a
logistic model over ``govkg.ingest.confidence.traits`` is fitted (L2-regularised Newton steps) and
written with what it was fitted on. With ``--readings`` the norms fitted on are those of saved
norm files rather than a fresh extraction: the shipped model is fitted on the first readings in
``tests/data/first_readings`` (see its README), the extractor's norms on texts it had not yet been
tuned on. ``--check`` prints how the model does on texts it did not see (always a fresh
extraction): the share of right norms at each confidence band, above all at >= 0.8, a
reliability table (per tenth of the scale, mean confidence against share right) and the Brier score.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy

from govkg.ingest import confidence
from govkg.ingest.confidence import document_traits, probability, rules_only
from govkg.ingest.records import Norm

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("govkg_reference_scorer", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Sample = tuple[dict[str, float], int]


def labelled(gold_files: list[Path], texts: list[Path], scorer,
             readings: Sequence[Path] = ()) -> list[Sample]:
    """(traits, 1 if right else 0) of every in-scope predicted norm of the reference documents:
    the norms the rules extract now, or with ``readings`` (norm files saved from an earlier
    extraction) the norms those files hold (a document they leave out had none)."""
    rows = [row for path in gold_files for row in scorer.load(str(path))]
    scope = {str(r["doc"]): tuple(r["articles"]) for r in rows if "articles" in r}
    gold = [r for r in rows if "articles" not in r]
    saved = read_norms(readings)
    samples = []
    for doc in sorted({str(r["doc"]) for r in gold}):
        mine = [r for r in gold if str(r["doc"]) == doc]
        norms, lang = (saved.get(doc, ([], "")) if readings else _extracted(_source(doc, texts)))
        found = [(n, t) for n, t in zip(norms, document_traits(norms, lang)) if scorer.in_scope(n.to_json(), scope)]
        samples += zip((t for _, t in found), _labels(scorer, mine, [n for n, _ in found]))
    return samples


def _extracted(path: Path) -> tuple[list[Norm], str]:
    from govkg.ingest.extract import extract_path
    with rules_only():
        document = extract_path(path)
    return document.norms, document.lang


def read_norms(paths: Sequence[Path]) -> dict[str, tuple[list[Norm], str]]:
    """The norms of saved norm files (``govkg extract --format jsonl``), by document, with the
    document's language (from its name's ``en_`` / ``zh_`` prefix, else its text)."""
    fields = {f.name for f in dataclasses.fields(Norm)}
    by_doc: dict[str, list[Norm]] = defaultdict(list)
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                norm = Norm(**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items() if k in fields})
            except (json.JSONDecodeError, TypeError) as exc:
                sys.exit(f"{path}:{number}: not a norm record ({exc})")
            by_doc[norm.doc].append(norm)
    return {doc: (norms, _lang(doc, norms)) for doc, norms in by_doc.items()}


def _lang(doc: str, norms: list[Norm]) -> str:
    from govkg.ingest.extract import detect_lang
    prefix = doc.split("_", 1)[0]
    return prefix if prefix in ("en", "zh") else detect_lang(" ".join(n.sentence for n in norms))


def _labels(scorer, gold: list[dict], norms: list[Norm]) -> list[int]:
    """1 for each norm the scorer's matching pairs with a reference norm, else 0."""
    doc = norms[0].doc if norms else ""
    whole = frozenset([doc]) if all(scorer.article_number(r.get("article")) == 0 for r in gold) else frozenset()
    keys = [next(iter(scorer.keys([n.to_json()], "all", whole)), None) for n in norms]
    right = _right_keys(scorer, scorer.keys(gold, "all", whole), {k for k in keys if k})
    return [int(k in right) for k in keys]


def _source(doc: str, texts: list[Path]) -> Path:
    for folder in texts:
        for path in sorted(folder.glob(f"{doc}.*")):
            if path.name != "SOURCES.md":
                return path
    sys.exit(f"no source text for {doc} in {', '.join(map(str, texts))}")


def _right_keys(scorer, gold: set[tuple], predicted: set[tuple]) -> set[tuple]:
    """Predicted keys that the scorer's greedy one-to-one matching pairs with a reference key
    (in sorted order, so that the labels do not depend on the order of a set: PYTHONHASHSEED)."""
    slots: dict[tuple, list[str]] = defaultdict(list)
    for doc, article, actor, modality in sorted(predicted, key=repr):
        slots[(doc, article, modality)].append(actor)
    right: set[tuple] = set()
    for doc, article, actor, modality in sorted(gold, key=lambda k: (-len(k[2]), repr(k))):
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


def bands(samples: list[Sample], weights: dict, bias: float) -> dict[str, dict]:
    """Norms and the share of right ones per confidence band under the model."""
    labels: dict[str, list[int]] = {">=0.8": [], "0.5-0.8": [], "<0.5": []}
    for t, label in samples:
        p = round(probability(t, weights, bias), 2)      # as a norm shows it
        labels[">=0.8" if p >= 0.8 else "0.5-0.8" if p >= 0.5 else "<0.5"].append(label)
    return {band: {"norms": len(found), "right": round(sum(found) / len(found), 3) if found else None}
            for band, found in labels.items()}


def reliability(samples: list[Sample], weights: dict, bias: float) -> dict:
    """The Brier score and, per tenth of the confidence scale, the norms, their mean confidence
    and the share of them that is right: a calibrated model has the two equal."""
    scored = [(round(probability(t, weights, bias), 2), label) for t, label in samples]     # as norms show it
    deciles = []
    for tenth in range(10):
        found = [(p, y) for p, y in scored if min(int(p * 10), 9) == tenth]
        if found:
            deciles.append({"from": tenth / 10, "norms": len(found),
                            "confidence": round(sum(p for p, _ in found) / len(found), 3),
                            "right": round(sum(y for _, y in found) / len(found), 3)})
    brier = sum((p - y) ** 2 for p, y in scored) / len(scored) if scored else None
    return {"brier": round(brier, 4) if brier is not None else None, "deciles": deciles}


def report(title: str, samples: list[Sample], weights: dict, bias: float) -> dict:
    """Print (and return) the bands, the reliability table and the Brier score of ``samples``."""
    summary = {"bands": bands(samples, weights, bias), **reliability(samples, weights, bias)}
    print(f"{title}: {len(samples)} norms, {sum(l for _, l in samples)} right, Brier {summary['brier']}")
    for band, found in summary["bands"].items():
        print(f"  confidence {band:8s} {found['norms']:5d} norms, right {found['right']}")
    for row in summary["deciles"]:
        print(f"    {row['from']:.1f}-{row['from'] + 0.1:.1f} {row['norms']:5d} norms, "
              f"mean confidence {row['confidence']:.3f}, right {row['right']:.3f}")
    return summary


def check_shipped(args: argparse.Namespace, scorer) -> None:
    """Report how the model in ``args.out`` does on ``args.check``, writing nothing."""
    if not args.check:
        sys.exit("--shipped needs --check: the reference files to check the model on")
    model = json.loads(args.out.read_text(encoding="utf-8"))
    report("checked on", labelled(args.check, args.texts, scorer), model["weights"], model["bias"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fit", type=Path, nargs="+", default=[], help="reference files to fit on")
    ap.add_argument("--readings", type=Path, nargs="*", default=[],
                    help="saved norm files (jsonl) to label in place of a fresh extraction of their documents")
    ap.add_argument("--check", type=Path, nargs="*", default=[], help="reference files to check on")
    ap.add_argument("--texts", type=Path, nargs="+", default=[ROOT.parent / "shared" / "corpus"])
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    ap.add_argument("--out", type=Path, default=confidence.WEIGHTS)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--shipped", action="store_true",
                    help="fit nothing: check the model in --out (by default the shipped one) on --check")
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    if args.shipped:
        check_shipped(args, scorer)
        return
    if not args.fit:
        ap.error("--fit is needed (or --shipped with --check)")
    training = labelled(args.fit, args.texts, scorer, args.readings)
    if not training:
        sys.exit("no predicted norm falls in the scope of the reference files to fit on")
    weights, bias = fit(training, args.l2)
    fitted = report("fitted on", training, weights, bias)
    checked = report("checked on", labelled(args.check, args.texts, scorer), weights, bias) if args.check else {}
    args.out.write_text(json.dumps({
        "about": "logistic model of P(norm is right | traits); python -m govkg.ingest.calibrate --help",
        "fitted_on": sorted(p.stem for p in args.fit), "readings": sorted(str(p) for p in args.readings),
        "checked_on": sorted(p.stem for p in args.check),
        "bias": bias, "weights": weights, "fit": fitted, "check": checked,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
