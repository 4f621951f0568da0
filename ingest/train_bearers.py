"""Train the bearer model on the reference sets the rules were tuned on: one offline, seeded command.

    python -m govkg.ingest.train_bearers [--leave-out SET...] [--out DIR] [--epochs N] [--seed N] [--limit N]

The examples are the Chinese sentences of every annotated article with their bearers marked
(``govkg.ingest.bearer_examples``). ``--leave-out`` trains without the named sets (for the
leave-one-set-out evaluation, ``govkg.ingest.bearer_evaluation``); ``--limit`` keeps the first N
sentences (a quick run). The unseen measures (``tests/data/heldout6``, ``heldout9``) are never in
``TUNED_SETS`` and never trained on.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from govkg.ingest.bearer_examples import Example as Sentence
from govkg.ingest.bearer_examples import ReferenceSet, examples_of_set
from govkg.ingest.bearers import LABEL, MAX_TOKENS, MODEL_DIR, SPANS_KEY, model_doc

ROOT = Path(__file__).resolve().parent.parent
_SHARED, _DATA = ROOT.parent / "shared", ROOT / "tests" / "data"
TUNED_SETS = (
    ReferenceSet("gold", _SHARED / "eval" / "gold", (_SHARED / "corpus",)),
    ReferenceSet("gold-wide", _SHARED / "eval" / "gold-wide", (_SHARED / "corpus",)),
    ReferenceSet("tests-gold", _DATA / "gold", (_SHARED / "corpus",)),
    *(ReferenceSet(name, _DATA / name / "gold", (_DATA / name / "corpus",))
      for name in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout7", "heldout8")),
)
EMBED_ROWS = {"NORM": 5000, "PREFIX": 1000, "SUFFIX": 2500, "SHAPE": 200, "TAG": 200}
WIDTH = 64


def new_model() -> Language:
    """A blank Chinese model with an untrained span categorizer reading jieba's tags."""
    nlp = spacy.blank("zh")
    nlp.add_pipe("spancat", config={
        "spans_key": SPANS_KEY, "threshold": 0.5, "max_positive": 1,
        "suggester": {"@misc": "spacy.ngram_range_suggester.v1", "min_size": 1, "max_size": MAX_TOKENS},
        "model": {
            "@architectures": "spacy.SpanCategorizer.v1",
            "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 128},
            "scorer": {"@layers": "spacy.LinearLogistic.v1"},
            "tok2vec": {
                "@architectures": "spacy.Tok2Vec.v2",
                "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": WIDTH,
                          "attrs": list(EMBED_ROWS), "rows": list(EMBED_ROWS.values()),
                          "include_static_vectors": False},
                "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": WIDTH,
                           "window_size": 1, "maxout_pieces": 3, "depth": 4},
            },
        },
    })
    return nlp


def training_examples(model: Language, sentences: Sequence[Sentence]) -> list[Example]:
    """spaCy examples over the pipeline's own tokens, each bearer widened to whole tokens."""
    from govkg.ingest.pipeline import build_pipeline
    tokenizer = build_pipeline("zh").tokenizer
    examples = []
    for sentence in sentences:
        tokens = tokenizer(sentence.text)
        words, spaces = [t.text for t in tokens], [bool(t.whitespace_) for t in tokens]
        reference = model_doc(model, words, spaces)
        marked = [reference.char_span(s, e, label=LABEL, alignment_mode="expand") for s, e in sentence.bearers]
        reference.spans[SPANS_KEY] = [span for span in marked if span is not None and len(span) <= MAX_TOKENS]
        examples.append(Example(model_doc(model, words, spaces), reference))
    return examples


def train(sentences: Sequence[Sentence], epochs: int = 12, seed: int = 0, log=print) -> Language:
    """A model trained on ``sentences`` (the same sentences and seed give the same weights)."""
    fix_random_seed(seed)
    model = new_model()
    examples = training_examples(model, sentences)
    optimizer = model.initialize(lambda: examples)
    order = random.Random(seed)
    for epoch in range(epochs):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=16):
            model.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        log(f"epoch {epoch + 1}: loss {losses.get('spancat', 0.0):.2f}")
    return model


def sentences_of(sets: Sequence[ReferenceSet], leave_out: Sequence[str] = ()) -> list[Sentence]:
    unknown = set(leave_out) - {s.name for s in sets}
    if unknown:
        raise ValueError(f"no such reference set: {', '.join(sorted(unknown))}")
    return [e for s in sets if s.name not in leave_out for e in examples_of_set(s)]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--leave-out", nargs="*", default=[], help="reference sets not to train on")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only")
    args = ap.parse_args(argv)
    try:
        sentences = sentences_of(TUNED_SETS, args.leave_out)
    except (ValueError, FileNotFoundError) as exc:
        sys.exit(f"train_bearers: {exc}")
    if args.limit:
        sentences = sentences[:args.limit]
    started = time.process_time()
    print(f"{len(sentences)} sentences, {sum(len(s.bearers) for s in sentences)} bearers")
    model = train(sentences, args.epochs, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.to_disk(args.out)
    print(f"wrote {args.out} ({time.process_time() - started:.0f} CPU s)")


if __name__ == "__main__":
    from govkg.ingest.offline_command import run
    run(main)
