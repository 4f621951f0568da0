"""Calibrated confidence: traits of a norm, the shipped model (or the rule's confidence without
one), the fitting command on real reference norms and saved first readings, and the shipped
model's promise on a held-out set it was not fitted on."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govkg.ingest import confidence
from govkg.ingest.calibrate import fit, read_norms
from govkg.ingest.confidence import calibrated, document_traits, rules_only, traits
from govkg.ingest.extract import extract_text
from govkg.ingest.records import Norm

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def norm(**fields) -> Norm:
    base = dict(doc="d", article=3, actor="居民委员会", modality="obligation", action="开展工作",
                provision="第三条", confidence=0.9, sentence="居民委员会应当开展工作。")
    return Norm(**{**base, **fields})


def test_traits_flag_what_the_grammar_saw():
    plain = traits(norm(), "zh")
    assert plain["no_bearer"] == 0 and plain["vague"] == 0 and plain["item"] == 0
    passive = traits(norm(actor="", provision="第三条/（二）", modality="prohibition"), "zh")
    assert passive["no_bearer"] == 1 and passive["item"] == 1 and passive["prohibition"] == 1
    assert traits(norm(actor="the supervisory authority"), "en")["bearer_length"] < plain["bearer_length"]


def test_traits_tell_a_fragment_bearer_from_a_subject():
    subject = traits(norm(), "zh")
    assert not any(subject[k] for k in ("bearer_preposition", "bearer_not_in_clause", "bearer_in_action",
                                        "list_bearer", "short_bearer", "bearer_head_not_noun"))
    cut = traits(norm(actor="对用人单位", sentence="对用人单位应当加强监督。", action="加强监督"), "zh")
    assert cut["bearer_preposition"] == 1
    assert traits(norm(actor="取得《医疗机构"), "zh")["bearer_verb"] == 1
    recipient = traits(norm(actor="劳动者", sentence="用人单位应当如实告知劳动者。", action="如实告知劳动者"), "zh")
    assert recipient["bearer_in_action"] == 1 and recipient["bearer_after_action"] == 1
    carried = traits(norm(actor="委托人", sentence="应当办理变更手续。", action="办理变更手续"), "zh")
    assert carried["bearer_not_in_clause"] == 1
    assert traits(norm(actor="经营"), "zh")["short_bearer"] == 1
    assert traits(norm(actor="运输单位、矿山"), "zh")["list_bearer"] == 1


def test_fanout_counts_the_norms_a_clause_was_split_into():
    split = [norm(actor=a, start=0, end=20) for a in ("小型企业", "微型企业", "其他单位")] + [norm(start=30, end=40)]
    found = document_traits(split, "zh")
    assert [round(t["fanout"], 3) for t in found] == [1.099, 1.099, 1.099, 0.0]


def test_without_a_model_the_rule_confidence_stands(monkeypatch, tmp_path):
    monkeypatch.setattr(confidence, "WEIGHTS", tmp_path / "none.json")
    confidence._model.cache_clear()
    try:
        assert calibrated(norm(confidence=0.7), "zh") == 0.7
    finally:
        confidence._model.cache_clear()


def test_a_model_turns_traits_into_a_probability(monkeypatch, tmp_path):
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({"bias": 2.0, "weights": {"no_bearer": -4.0}}))
    monkeypatch.setattr(confidence, "WEIGHTS", weights)
    confidence._model.cache_clear()
    try:
        assert calibrated(norm(), "zh") == pytest.approx(0.88, abs=0.01)
        assert calibrated(norm(actor=""), "zh") == pytest.approx(0.12, abs=0.01)
    finally:
        confidence._model.cache_clear()


def test_fit_weighs_the_trait_that_predicts_errors():
    samples = [({"no_bearer": 1.0, "noise": float(i % 2)}, int(i % 5 == 0)) for i in range(200)]
    samples += [({"no_bearer": 0.0, "noise": float(i % 2)}, int(i % 5 != 0)) for i in range(200)]
    weights, bias = fit(samples)
    assert weights["no_bearer"] < -1.5 and abs(weights["noise"]) < 0.5 and bias > 0.5


def test_the_norms_of_one_key_count_as_one_decision_weighed_by_its_root():
    from govkg.ingest.calibrate import Sample, decision_weights
    samples = [Sample({}, 1, "a", 1)] + [Sample({}, 0, "a", 4)] * 4
    weights = decision_weights(samples)
    assert sum(weights) == pytest.approx(len(samples))
    assert sum(weights[1:]) == pytest.approx(2 * weights[0])       # four norms of one key: sqrt(4) = 2 singles
    assert decision_weights(samples, key_weight=1.0) == [1.0] * 5


def test_fit_follows_the_weight_of_each_sample():
    samples = [({"flag": f}, y) for f in (1.0, 0.0) for y in (1, 0) for _ in range(50)]
    even, _ = fit(samples)
    tilted, _ = fit(samples, weights=[3.0] * 50 + [1.0] * 150)      # the flagged right ones count thrice
    assert abs(even["flag"]) < 0.05 and tilted["flag"] > 0.3


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_calibrate_command_fits_and_checks_on_reference_norms(tmp_path):
    out = tmp_path / "confidence.json"
    run = subprocess.run([sys.executable, "-m", "govkg.ingest.calibrate",
                          "--fit", str(SHARED / "eval" / "gold" / "zh_urban_residents_committee_law.jsonl"),
                          "--check", str(SHARED / "eval" / "gold" / "en_gdpr_ch4.jsonl"),
                          "--texts", str(SHARED / "corpus"), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    model = json.loads(out.read_text())
    assert set(model["weights"]) == set(traits(norm(), "zh"))
    assert sum(band["norms"] for band in model["check"]["bands"].values()) > 10
    assert sum(row["norms"] for row in model["check"]["deciles"]) > 10 and 0 <= model["check"]["brier"] <= 1
    assert "checked on" in run.stdout and "mean confidence" in run.stdout


FIRST = ROOT / "tests" / "data" / "first_readings"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_a_saved_first_reading_is_labelled_in_place_of_a_fresh_extraction():
    """The first reading of a held-out text (the extractor before it was tuned on it) holds more
    wrong norms than the rules now extract there: the labels are the saved norms', not today's."""
    from govkg.ingest.calibrate import labelled, load_scorer
    gold = [ROOT / "tests" / "data" / "heldout3" / "gold" / "zh_law_data_security.jsonl"]
    scorer = load_scorer(SHARED / "eval" / "score.py")
    first = labelled(gold, [], scorer, [FIRST / "heldout3.jsonl"])
    now = labelled(gold, [ROOT / "tests" / "data" / "heldout3" / "corpus"], scorer)
    saved, _ = read_norms([FIRST / "heldout3.jsonl"])["zh_law_data_security"]
    assert len(first) == len(saved) and first and now
    assert sum(s.right for s in first) / len(first) < sum(s.right for s in now) / len(now)
    assert {s.reading for s in first} == {"heldout3"} and {s.reading for s in now} == {"zh_law_data_security"}


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_leaving_each_reading_out_checks_the_model_on_a_reading_it_was_not_fitted_on(tmp_path):
    """Three first readings, each left out in turn: fitted on the other two, the norms the model is
    sure of (>= 0.8) in the one left out are right more often than its norms as a whole."""
    sets = ("heldout3", "heldout7", "heldout8")
    out = tmp_path / "confidence.json"
    run = subprocess.run([sys.executable, "-m", "govkg.ingest.calibrate", "--leave-one-out", "--out", str(out),
                          "--fit", *(str(g) for s in sets for g in sorted((ROOT / "tests" / "data" / s / "gold").glob("*.jsonl"))),
                          "--readings", *(str(FIRST / f"{s}.jsonl") for s in sets)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    left_out = json.loads(out.read_text())["leave_one_out"]
    assert set(left_out["readings"]) == set(sets)
    for name, row in left_out["readings"].items():
        saved = sum(1 for line in (FIRST / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip())
        assert row["norms"] == saved, name
        assert row["bands"][">=0.8"]["right"] > row["right"], (name, row)
    assert left_out["lowest_right_at_0.8"] == min(r["bands"][">=0.8"]["right"] for r in left_out["readings"].values())
    assert "left out, fitted on the others" in run.stdout


def test_leaving_one_out_needs_two_readings(tmp_path):
    from govkg.ingest.calibrate import Sample, leave_one_out
    with pytest.raises(SystemExit, match="two readings"):
        leave_one_out([Sample({"x": 1.0}, 1, "only")], 1.0)


def test_a_broken_reading_file_is_named_not_a_traceback(tmp_path):
    bad = tmp_path / "reading.jsonl"
    bad.write_text('{"doc": "d", "article": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="reading.jsonl:1: not a norm record"):
        read_norms([bad])


def test_calibration_changes_a_norms_confidence_and_nothing_else():
    text = "第三条 居民委员会应当开展工作。\n第四条 有关部门、街道办事处和其他单位应当予以支持。"
    with rules_only():
        plain = extract_text(text, "d", "zh").norms
    shipped = extract_text(text, "d", "zh").norms
    assert [n.to_json() | {"confidence": 0} for n in plain] == [n.to_json() | {"confidence": 0} for n in shipped]
    assert [n.confidence for n in plain] != [n.confidence for n in shipped]


HELDOUT6 = ROOT / "tests" / "data" / "heldout6"


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_shipped_model_separates_on_texts_it_was_not_fitted_on():
    """On the sixth held-out set, which neither the rules nor the model were fitted on, the sure
    norms are right more often than the rest, and not every norm is that sure. (Measured when the
    model was fitted on the twelve first readings: 86.1 % right at >= 0.8, against 89.2 % on the
    readings each left out of the fit in turn; the promise of 90 % is not yet kept on unseen text.)"""
    from govkg.ingest.calibrate import bands, labelled, load_scorer
    model = json.loads(confidence.WEIGHTS.read_text())
    assert not set(model["fitted_on"]) & {p.stem for p in (HELDOUT6 / "gold").glob("*.jsonl")}
    assert {Path(r).stem for r in model["readings"]} == {p.stem for p in FIRST.glob("heldout*.jsonl")}
    samples = labelled(sorted((HELDOUT6 / "gold").glob("*.jsonl")), [HELDOUT6 / "corpus"],
                       load_scorer(SHARED / "eval" / "score.py"))
    found = bands(samples, model["weights"], model["bias"])
    sure, middle, low = found[">=0.8"], found["0.5-0.8"], found["<0.5"]
    assert sure["norms"] >= 100 and sure["right"] >= 0.85, found
    assert sure["right"] > middle["right"] > low["right"], found
    assert sure["norms"] <= 0.85 * len(samples), found
