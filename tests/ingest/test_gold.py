"""Quality against the shared reference annotations, scored by the shared scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.extract import extract_paths

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOOR = 0.90          # every document reaches it today (see the closing note of the extraction issue)


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not SCORER.exists():
        pytest.skip("../shared/eval is absent: reference annotations not available")
    corpus = SHARED / "corpus"
    pred = tmp_path_factory.mktemp("gold") / "pred.jsonl"
    files = sorted(corpus.glob("*.md")) + sorted(corpus.glob("*.txt"))
    with pred.open("w", encoding="utf-8") as fh:
        for _, document in extract_paths(files):
            for norm in getattr(document, "norms", []):
                fh.write(json.dumps(norm.to_json(), ensure_ascii=False) + "\n")
    gold = sorted(str(p) for p in (SHARED / "eval" / "gold").glob("*.jsonl"))

    def score(*mode: str) -> dict:
        out = subprocess.run([sys.executable, str(SCORER), *gold, "--pred", str(pred), "--json", *mode],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)
    return score


def test_every_document_reaches_the_f1_floor(scores):
    result = scores()
    low = {doc: round(v["f1"], 3) for doc, v in result.items() if v["f1"] < FLOOR}
    assert not low, low


def test_unassigned_and_vague_norms_are_found(scores):
    assert scores("--unassigned")["ALL"]["f1"] >= 0.85
    assert scores("--vague")["ALL"]["f1"] >= 0.9
