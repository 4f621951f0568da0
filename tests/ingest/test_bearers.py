"""The trained bearer model: training on a slice, the span group it writes, and where its
corrections change a norm (and where they do not)."""
from __future__ import annotations

import pytest

from govkg.ingest.bearer_corrections import Uses, corrected_bearers, correct_norms
from govkg.ingest.bearer_examples import Example, examples_of_document, locate
from govkg.ingest.bearers import BearerFinder, find_bearers, model_doc
from govkg.ingest.pipeline import build_pipeline, new_pipeline
from govkg.ingest.train_bearers import train

TEXT = ("第五条 县级以上人民政府卫生健康、公安等有关部门应当加强监督检查。\n"
        "第六条 物业服务企业应当向业主委员会报告。\n")
ROWS = [
    {"article": 5, "actor": "县级以上人民政府卫生健康部门", "modality": "obligation", "action": "加强监督检查"},
    {"article": 5, "actor": "县级以上人民政府公安部门", "modality": "obligation", "action": "加强监督检查"},
    {"article": 6, "actor": "物业服务企业", "modality": "obligation", "action": "向业主委员会报告"},
]


def test_a_bearer_is_marked_where_it_bears_the_norm_not_where_it_receives_one():
    assert locate("业主委员会应当向物业服务企业报告。", "物业服务企业", "向物业服务企业报告") is None
    assert locate("物业服务企业应当向业主委员会报告。", "物业服务企业", "向业主委员会报告") == (0, 6)


def test_a_list_under_one_head_is_marked_whole():
    examples = list(examples_of_document("zh_test", TEXT, ROWS, (5, 6)))
    marked = {e.text[s:t] for e in examples for s, t in e.bearers}
    assert marked == {"县级以上人民政府卫生健康、公安等有关部门", "物业服务企业"}


@pytest.fixture(scope="module")
def small_model():
    """A model trained for a few epochs on a handful of sentences (the bearers it was shown)."""
    sentences = [Example("zh_test", n, text, [(0, len(bearer))]) for n, (text, bearer) in enumerate([
        ("物业服务企业应当及时报告。", "物业服务企业"),
        ("业主委员会应当召开会议。", "业主委员会"),
        ("居民委员会应当协助调解。", "居民委员会"),
        ("物业服务企业不得擅自改变用途。", "物业服务企业"),
        ("捐赠人捐赠的财产应当是其有权处分的合法财产。", "捐赠人"),
    ] * 6)] + [Example("zh_test", 99, "应急预案应当定期修订。", [])] * 6
    return train(sentences, epochs=30, seed=1, log=lambda _: None)


def _found(model, text: str) -> list[str]:
    tokens = build_pipeline("zh").tokenizer(text)
    doc = model_doc(model, [t.text for t in tokens], [bool(t.whitespace_) for t in tokens])
    return [text[s:e] for s, e, _ in find_bearers(model, doc)]


def test_training_yields_a_model_that_finds_a_bearer_it_was_shown(small_model):
    assert "物业服务企业" in _found(small_model, "物业服务企业应当及时报告。")


def test_the_component_writes_its_span_group_with_probabilities(small_model):
    nlp = build_pipeline("zh")
    doc = nlp.make_doc("业主委员会应当召开会议。")
    BearerFinder("bearers", 0.5, model=small_model)(doc)
    group = doc.spans["bearers"]
    assert [span.text for span in group] == ["业主委员会"]
    assert all(0.5 <= p <= 1 for p in group.attrs["scores"])


SENTENCE = "城市人民政府交通运输主管部门应当建立投诉处理制度，及时处理投诉。"


def test_fill_gives_a_norm_without_bearer_the_span_before_its_action():
    found = [(0, 14, 0.93)]
    assert corrected_bearers(SENTENCE, "", "建立投诉处理制度", found, Uses(fill=0.8)) == ["城市人民政府交通运输主管部门"]
    assert corrected_bearers(SENTENCE, "", "建立投诉处理制度", found, Uses(fill=0.95)) is None


def test_bounds_replace_a_bearer_cut_short_only_above_the_threshold():
    found = [(0, 14, 0.92)]
    assert corrected_bearers(SENTENCE, "交通运输主管部门", "建立投诉处理制度", found, Uses(bounds=0.9)) \
        == ["城市人民政府交通运输主管部门"]
    assert corrected_bearers(SENTENCE, "交通运输主管部门", "建立投诉处理制度", found, Uses(bounds=0.95)) is None


def test_a_span_after_the_action_or_a_bearer_the_model_agrees_with_changes_nothing():
    assert corrected_bearers(SENTENCE, "", "建立投诉处理制度", [(24, 28, 0.99)], Uses(fill=0.5)) is None
    assert corrected_bearers(SENTENCE, "城市人民政府交通运输主管部门", "建立投诉处理制度", [(0, 14, 0.99)], Uses()) is None


def test_a_listed_span_gives_one_norm_per_unit_and_english_norms_are_left_alone():
    sentence = "县级以上人民政府卫生健康、公安部门应当加强监督检查。"
    norms = [{"doc": "zh_x", "actor": "", "action": "加强监督检查", "sentence": sentence, "modality": "obligation"},
             {"doc": "en_x", "actor": "", "action": "notify", "sentence": "It shall notify.", "modality": "obligation"}]
    corrected = correct_norms(norms, lambda s: [(0, 17, 0.99)] if s == sentence else [(0, 2, 0.99)], Uses(fill=0.9))
    assert [n["actor"] for n in corrected] == ["县级以上人民政府卫生健康部门", "县级以上人民政府公安部门", ""]


def test_inside_the_pipeline_the_spans_correct_the_drafts_with_the_assemblers_thresholds(small_model):
    text = "捐赠人捐赠的财产应当是其有权处分的合法财产。"
    rules = new_pipeline("zh", bearer_model=False)
    assert "govkg_bearers" not in rules.pipe_names
    assert [n["actor"] for n in rules(text)._.norms] == [""]             # the rules find no bearer
    nlp = new_pipeline("zh", bearer_model=False)
    nlp.add_pipe("govkg_bearers", before="govkg_norms")
    nlp.get_pipe("govkg_bearers").model = small_model
    assert [n["actor"] for n in nlp(text)._.norms] == [""]               # fill is off by default
    nlp.get_pipe("govkg_norms").uses = Uses(fill=0.5)
    assert [(n["actor"], n["action"]) for n in nlp(text)._.norms] == [("捐赠人", "是其有权处分的合法财产")]


def test_the_training_command_runs_on_a_slice_of_the_reference_sets(tmp_path, capsys):
    from govkg.ingest.bearers import load_model
    from govkg.ingest.train_bearers import main
    main(["--limit", "40", "--epochs", "1", "--out", str(tmp_path / "model")])
    assert "40 sentences" in capsys.readouterr().out
    assert load_model(tmp_path / "model").pipe_names == ["spancat"]


def test_the_training_command_refuses_an_unknown_set():
    from govkg.ingest.train_bearers import main
    with pytest.raises(SystemExit, match="no such reference set: heldout99"):
        main(["--leave-out", "heldout99"])


def test_the_shipped_model_loads_from_the_package_and_writes_its_spans_on_a_real_law():
    from govkg.ingest.bearers import MODEL_DIR, load_model
    from pathlib import Path
    assert load_model() is not None and MODEL_DIR.is_relative_to(Path(__file__).resolve().parents[2] / "ingest")
    law = (Path(__file__).resolve().parents[2] / "ingest" / "corpus" / "zh_urban_residents_committee_law.md")
    article = next(line for line in law.read_text(encoding="utf-8").splitlines() if line.startswith("第四条"))
    doc = new_pipeline("zh", bearer_model=True)(article.split(" ", 1)[1])     # a unit's text: no heading
    found = dict(zip((s.text for s in doc.spans["bearers"]), doc.spans["bearers"].attrs["scores"]))
    assert "居民委员会" in found and found["居民委员会"] >= 0.5
