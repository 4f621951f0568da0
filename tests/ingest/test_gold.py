"""Quality against the shared reference annotations, scored by the shared scorer."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.ingest.extract import extract_paths

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOOR = 0.90          # every document reaches it today (see the closing note of the extraction issue)
OWN_GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
# texts the rules were not first written for (tests/data/gold), annotated by hand after GUIDELINES.md;
# the scorer's greedy matching may move a document's F1 by about 0.01 from run to run
OWN_FLOORS = {"zh_work_safety_law": 0.90, "zh_villagers_committee_law": 0.82, "en_gdpr_full": 0.95, "ALL": 0.89}
# ../shared/eval/gold-wide: texts annotated by hand that the rules were not written for; a document
# joins here, with its own floor, once it reaches 0.90 (first score in brackets)
WIDE_GOLD = SHARED / "eval" / "gold-wide"
ZH_WIDE = {"zh_fire_protection_law": 0.94,                       # (0.664)
           "zh_shanghai_volunteer_service_regulations": 0.94,    # (0.585)
           "zh_policy_bonded_zones_2019": 0.97,                  # (0.000: no policy grammar)
           "zh_policy_employment_2018": 0.90}                    # (0.241)
WIDE_FLOORS = {"en_uk_victims_prisoners_act_2024_pt1": 0.90,     # (0.000: no structure recognised)
               **ZH_WIDE}
# tests/data/heldout7: policy texts annotated before the policy rules were tuned on them (first score in brackets)
DEV_POLICY = Path(__file__).resolve().parents[1] / "data" / "heldout7"
DEV_POLICY_FLOORS = {"zh_policy_consumption_poverty_2018": 0.88,   # (0.764)
                     "zh_policy_zero_waste_cities_2018": 0.93}     # (0.528)


def _write_predictions(files: list[Path], pred: Path) -> None:
    with pred.open("w", encoding="utf-8") as fh:
        for _, document in extract_paths(files):
            for norm in getattr(document, "norms", []):
                fh.write(json.dumps(norm.to_json(), ensure_ascii=False) + "\n")


def _score(gold: list[str], pred: Path, *mode: str) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), *gold, "--pred", str(pred), "--json", *mode],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not SCORER.exists():
        pytest.skip("../shared/eval is absent: reference annotations not available")
    corpus = SHARED / "corpus"
    pred = tmp_path_factory.mktemp("gold") / "pred.jsonl"
    _write_predictions(sorted(corpus.glob("*.md")) + sorted(corpus.glob("*.txt")), pred)
    shared_gold = sorted(str(p) for p in (SHARED / "eval" / "gold").glob("*.jsonl"))

    def score(*mode: str, gold: list[str] = shared_gold) -> dict:
        return _score(gold, pred, *mode)
    return score


def test_every_document_reaches_the_f1_floor(scores):
    result = scores()
    low = {doc: round(v["f1"], 3) for doc, v in result.items() if v["f1"] < FLOOR}
    assert not low, low


def test_unassigned_and_vague_norms_are_found(scores):
    assert scores("--unassigned")["ALL"]["f1"] >= 0.85
    assert scores("--vague")["ALL"]["f1"] >= 0.9


def test_own_reference_annotations_reach_their_floor(scores):
    gold = sorted(str(p) for p in OWN_GOLD.glob("*.jsonl"))
    assert len(gold) == 3
    result = scores(gold=gold)
    low = {doc: round(result[doc]["f1"], 3) for doc, floor in OWN_FLOORS.items() if result[doc]["f1"] < floor}
    assert not low, low


def _wide(*names: str) -> list[str]:
    paths = [WIDE_GOLD / f"{name}.jsonl" for name in names]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared/eval/gold-wide is absent")
    return [str(p) for p in paths]


def test_wide_reference_documents_keep_their_floor(scores):
    gold = _wide(*WIDE_FLOORS)
    result = scores(gold=gold)
    low = {doc: round(result[doc]["f1"], 3) for doc, floor in WIDE_FLOORS.items() if result[doc]["f1"] < floor}
    assert not low, low
    assert scores("--unassigned", gold=gold)["ALL"]["precision"] >= 0.85


def test_wide_chinese_roles_and_duties_with_no_bearer(scores):
    gold = _wide(*ZH_WIDE)
    assert scores("--roles", gold=gold)["ALL"]["f1"] >= 0.85
    assert scores("--unassigned", gold=gold)["ALL"]["precision"] >= 0.85


def test_policy_development_texts_keep_their_floor(tmp_path):
    if not SCORER.exists():
        pytest.skip("../shared/eval is absent: the scorer is not available")
    gold = [str(DEV_POLICY / "gold" / f"{doc}.jsonl") for doc in DEV_POLICY_FLOORS]
    pred = tmp_path / "pred.jsonl"
    _write_predictions([next((DEV_POLICY / "corpus").glob(f"{doc}.*")) for doc in DEV_POLICY_FLOORS], pred)
    result = _score(gold, pred)
    low = {doc: round(result[doc]["f1"], 3) for doc, floor in DEV_POLICY_FLOORS.items() if result[doc]["f1"] < floor}
    assert not low, low
    assert _score(gold, pred, "--roles")["ALL"]["f1"] >= 0.95
