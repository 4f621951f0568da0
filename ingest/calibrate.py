"""Fit the confidence model on reference norms, and check it on others: one offline command.

    python -m govkg.ingest.calibrate --fit GOLD.jsonl... [--readings NORMS.jsonl...] [--leave-one-out]
                               [--check GOLD.jsonl...] [--texts DIR...] [--l2 1.0] [--key-weight 0.5]
                               [--scorer ../shared/eval/score.py] [--out ingest/patterns/confidence.json]

Each reference file names its document (``doc``); the source text is the file of that stem in
one of ``--texts``. Every predicted norm of an annotated provision is labelled right or wrong
with the scorer's own matching (``score.py``: doc, article, modality and bearer), then a
logistic model over ``govkg.ingest.confidence.traits`` is fitted (L2-regularised Newton steps, the
norms of one scored key counting as one decision: ``decision_weights``) and written with what it
was fitted on. With ``--readings`` the norms fitted on are those of saved
norm files rather than a fresh extraction: the shipped model is fitted on the first readings in
``tests/data/first_readings`` (see its README), the extractor's norms on texts it had not yet been
tuned on. ``--check`` prints how the model does on texts it did not see (always a fresh
extraction): the share of right norms at each confidence band, above all at >= 0.8, a
reliability table (per tenth of the scale, mean confidence against share right) and the Brier score.
``--leave-one-out`` first fits on all readings but one and checks on the one left out, for each
reading in turn: how the model does on a text it has not seen, the figure that chooses a model.
"""
from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy

from govkg.ingest import confidence
from govkg.ingest.confidence import document_traits, probability, rules_only
from govkg.ingest.records import Norm

ROOT = Path(__file__).resolve().parent.parent
KEY_WEIGHT = 0.5       # a scored key of k norms counts k ** KEY_WEIGHT in the fit (1: every norm once)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("govkg_reference_scorer", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Sample(NamedTuple):
    """One predicted norm of a reference document, judged by the scorer."""

    traits: dict[str, float]
    right: int                     # 1 if the scorer pairs it with a reference norm, else 0
    reading: str = ""              # the saved reading it came from (its file's stem), else its document
    key_norms: int = 1             # norms of its document with its scored key (article, bearer, modality)


def labelled(gold_files: list[Path], texts: list[Path], scorer,
             readings: Sequence[Path] = ()) -> list[Sample]:
    """Every in-scope predicted norm of the reference documents, judged: the norms the rules
    extract now, or with ``readings`` (norm files saved from an earlier extraction) the norms
    those files hold (a document they leave out had none)."""
    rows = [row for path in gold_files for row in scorer.load(str(path))]
    scope = {str(r["doc"]): tuple(r["articles"]) for r in rows if "articles" in r}
    gold = [r for r in rows if "articles" not in r]
    saved = {doc: (norms, lang, path.stem) for path in readings for doc, (norms, lang) in read_norms([path]).items()}
    samples = []
    for doc in sorted({str(r["doc"]) for r in gold}):
        mine = [r for r in gold if str(r["doc"]) == doc]
        norms, lang, reading = (saved.get(doc, ([], "", "")) if readings
                                else (*_extracted(_source(doc, texts)), doc))
        found = [(n, t) for n, t in zip(norms, document_traits(norms, lang)) if scorer.in_scope(n.to_json(), scope)]
        judged = _judged(scorer, mine, [n for n, _ in found])
        samples += [Sample(t, right, reading or doc, shared) for (_, t), (right, shared) in zip(found, judged)]
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


def _judged(scorer, gold: list[dict], norms: list[Norm]) -> list[tuple[int, int]]:
    """For each norm: 1 if the scorer's matching pairs it with a reference norm, else 0; and how
    many of ``norms`` share its scored key (all of them are right or wrong together)."""
    doc = norms[0].doc if norms else ""
    whole = frozenset([doc]) if all(scorer.article_number(r.get("article")) == 0 for r in gold) else frozenset()
    keys = [next(iter(scorer.keys([n.to_json()], "all", whole)), None) for n in norms]
    right = _right_keys(scorer, scorer.keys(gold, "all", whole), {k for k in keys if k})
    shared = Counter(keys)
    return [(int(k in right), shared[k] if k else 1) for k in keys]


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


def fit(samples: Sequence[tuple], l2: float = 1.0, steps: int = 50,
        weights: Sequence[float] | None = None) -> tuple[dict, float]:
    """Weights and bias of the logistic model over ``(traits, right, ...)`` samples, each sample
    counting ``weights[i]`` (1 by default) in the L2-regularised log-likelihood."""
    names = sorted(samples[0][0])
    x = numpy.array([[s[0][n] for n in names] + [1.0] for s in samples])
    y = numpy.array([s[1] for s in samples], dtype=float)
    counts = numpy.ones(len(samples)) if weights is None else numpy.asarray(weights, dtype=float)
    w = numpy.zeros(x.shape[1])
    penalty = numpy.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + numpy.exp(-x @ w))
        gradient = x.T @ (counts * (p - y)) + penalty * w
        hessian = (x * (counts * p * (1 - p))[:, None]).T @ x + numpy.diag(penalty)
        w -= numpy.linalg.solve(hessian, gradient)
    return {n: round(float(v), 4) for n, v in zip(names, w[:-1])}, round(float(w[-1]), 4)


def decision_weights(samples: Sequence[Sample], key_weight: float = KEY_WEIGHT) -> list[float]:
    """How much each norm counts in the fit: a scored key is one decision of the extractor, and the
    norms that share it (the items under one lead-in, the actions of one bearer in one article)
    are right or wrong together, so a key of k norms counts k ** key_weight (sqrt(k) by default,
    chosen by leaving one reading out: see tests/data/first_readings/README.md), not k.
    Scaled to a mean of 1."""
    raw = [s.key_norms ** (key_weight - 1.0) for s in samples]
    scale = len(raw) / sum(raw) if raw else 1.0
    return [r * scale for r in raw]


def fit_samples(samples: Sequence[Sample], l2: float = 1.0, key_weight: float = KEY_WEIGHT) -> tuple[dict, float]:
    """The model fitted on judged norms, each weighed by ``decision_weights``."""
    return fit(samples, l2, weights=decision_weights(samples, key_weight))


def bands(samples: list[Sample], weights: dict, bias: float) -> dict[str, dict]:
    """Norms and the share of right ones per confidence band under the model."""
    labels: dict[str, list[int]] = {">=0.8": [], "0.5-0.8": [], "<0.5": []}
    for s in samples:
        p = round(probability(s.traits, weights, bias), 2)      # as a norm shows it
        labels[">=0.8" if p >= 0.8 else "0.5-0.8" if p >= 0.5 else "<0.5"].append(s.right)
    return {band: {"norms": len(found), "right": round(sum(found) / len(found), 3) if found else None}
            for band, found in labels.items()}


def reliability(samples: list[Sample], weights: dict, bias: float) -> dict:
    """The Brier score and, per tenth of the confidence scale, the norms, their mean confidence
    and the share of them that is right: a calibrated model has the two equal."""
    return shown_reliability([(round(probability(s.traits, weights, bias), 2), s.right) for s in samples])


def shown_reliability(scored: Sequence[tuple[float, int]]) -> dict:
    """The Brier score and the table per tenth of (confidence as a norm shows it, right) pairs."""
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
    print(f"{title}: {len(samples)} norms, {sum(s.right for s in samples)} right, Brier {summary['brier']}")
    for band, found in summary["bands"].items():
        print(f"  confidence {band:8s} {found['norms']:5d} norms, right {found['right']}")
    for row in summary["deciles"]:
        print(f"    {row['from']:.1f}-{row['from'] + 0.1:.1f} {row['norms']:5d} norms, "
              f"mean confidence {row['confidence']:.3f}, right {row['right']:.3f}")
    return summary


def leave_one_out(samples: Sequence[Sample], l2: float, key_weight: float = KEY_WEIGHT) -> dict[str, dict]:
    """For each reading: the model fitted on all the others, checked on it (what the model
    promises on a text it has not seen), and the lowest share right at >= 0.8 over them."""
    readings = sorted({s.reading for s in samples})
    if len(readings) < 2:
        sys.exit("--leave-one-out needs samples of two readings at least (--readings FILE...)")
    found: dict[str, dict] = {}
    scored: list[tuple[float, int]] = []
    for left in readings:
        weights, bias = fit_samples([s for s in samples if s.reading != left], l2, key_weight)
        kept = [s for s in samples if s.reading == left]
        found[left] = {"norms": len(kept), "right": round(sum(s.right for s in kept) / len(kept), 3),
                       "bands": bands(kept, weights, bias), "brier": reliability(kept, weights, bias)["brier"]}
        scored += [(round(probability(s.traits, weights, bias), 2), s.right) for s in kept]
    sure = [row["bands"][">=0.8"] for row in found.values()]
    lowest = min((band["right"] for band in sure if band["right"] is not None), default=None)
    pooled = sum(b["norms"] * (b["right"] or 0) for b in sure) / max(sum(b["norms"] for b in sure), 1)
    return {"readings": found, "lowest_right_at_0.8": lowest, "pooled_right_at_0.8": round(pooled, 3),
            "pooled": shown_reliability(scored)}


def report_left_out(found: dict) -> None:
    print("left out, fitted on the others:")
    for reading, row in found["readings"].items():
        sure = row["bands"][">=0.8"]
        print(f"  {reading:12s} {row['norms']:5d} norms, right {row['right']:.3f}; "
              f"at >= 0.8 {sure['norms']:5d} norms, right {sure['right']}; Brier {row['brier']}")
    print(f"  at >= 0.8 right: lowest {found['lowest_right_at_0.8']}, all left-out norms {found['pooled_right_at_0.8']}; "
          f"Brier of all {found['pooled']['brier']}")
    for row in found["pooled"]["deciles"]:
        print(f"    {row['from']:.1f}-{row['from'] + 0.1:.1f} {row['norms']:5d} norms, "
              f"mean confidence {row['confidence']:.3f}, right {row['right']:.3f}")


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
    ap.add_argument("--key-weight", type=float, default=KEY_WEIGHT,
                    help="a scored key of k norms counts k ** KEY_WEIGHT in the fit (1: every norm once)")
    ap.add_argument("--leave-one-out", action="store_true",
                    help="before the fit, fit on all readings but one and check on that one, for each reading")
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
    left_out = leave_one_out(training, args.l2, args.key_weight) if args.leave_one_out else {}
    if left_out:
        report_left_out(left_out)
    weights, bias = fit_samples(training, args.l2, args.key_weight)
    fitted = report("fitted on", training, weights, bias)
    checked = report("checked on", labelled(args.check, args.texts, scorer), weights, bias) if args.check else {}
    args.out.write_text(json.dumps({
        "about": "logistic model of P(norm is right | traits); python -m govkg.ingest.calibrate --help",
        "fitted_on": sorted(p.stem for p in args.fit), "readings": sorted(str(p) for p in args.readings),
        "checked_on": sorted(p.stem for p in args.check),
        "l2": args.l2, "key_weight": args.key_weight, "bias": bias, "weights": weights, "fit": fitted, "check": checked, "leave_one_out": left_out,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    from govkg.ingest.offline_command import run
    run(main)
