"""The spaCy pipelines: registered components, thesaurus-fed actor spans, batching."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from govkg.ingest import patterns
from govkg.ingest.extract import extract_paths
from govkg.ingest.pipeline import build_pipeline, new_pipeline
from govkg.ingest.spans import ranges
from govkg.ontology.errors import ReadError

CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "corpus"


def test_pipelines_are_blank_with_our_components_and_cached():
    zh = build_pipeline("zh")
    assert zh.pipe_names == ["govkg_clauses", "govkg_actors", "govkg_modality", "govkg_norms"]
    assert new_pipeline("zh", bearer_model=True).pipe_names == ["govkg_clauses", "govkg_actors", "govkg_modality",
                                                               "govkg_bearers", "govkg_norms"]
    assert zh.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    assert build_pipeline("zh") is zh
    assert build_pipeline("en").lang == "en"


def test_actor_and_modality_spans_and_clause_starts():
    nlp = build_pipeline("zh")
    text = "业主大会或者业主委员会应当执行决定，不得拒绝。"
    doc = nlp(text)
    assert {span.text for span in doc.spans["actors"]} >= {"业主大会", "业主委员会"}
    assert [(s.text, s.label_) for s in doc.spans["modality"]] == [("应当", "obligation"), ("不得", "prohibition")]
    assert [s.text for s in doc.sents] == ["业主大会或者业主委员会应当执行决定，", "不得拒绝。"]
    assert {n["actor"] for n in doc._.norms} == {"业主大会", "业主委员会"}


def test_english_actor_spans_come_from_the_thesaurus():
    doc = build_pipeline("en")("The supervisory authority may order the processor to comply.")
    assert "supervisory authority" in {span.text.lower() for span in doc.spans["actors"]}


def test_extract_paths_in_several_processes_gives_the_same_norms(corpus_dir, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    files = [corpus_dir / "zh_urban_residents_committee_law.md", bad, corpus_dir / "en_gdpr_ch4.md"]
    one = list(extract_paths(files))
    two = list(extract_paths(files, n_process=2))
    assert [p for p, _ in one] == [Path(f) for f in files]
    assert isinstance(one[1][1], ReadError) and isinstance(two[1][1], ReadError)
    for (_, a), (_, b) in zip(one[::2], two[::2]):
        assert [n.to_json() for n in a.norms] == [n.to_json() for n in b.norms]


# ---- components talk through span groups and extension attributes -------------------------

@Language.factory("fixed_actors", default_config={"labels": [], "spans_key": "actors"})
def make_fixed_actors(nlp: Language, name: str, labels: list[str], spans_key: str):
    """A stand-in for a trained actor component: spans on whole tokens, from a fixed list."""
    def annotate(doc: Doc) -> Doc:
        found = []
        for label in labels:
            found += [doc.char_span(m.start(), m.end(), label="ACTOR", alignment_mode="expand")
                      for m in re.finditer(re.escape(label), doc.text)]
        doc.spans[spans_key] = sorted((s for s in found if s is not None), key=lambda s: s.start)
        return doc
    return annotate


def test_the_assembler_reads_the_actor_spans_another_component_wrote():
    text = "张三应当向居民委员会报告工作。"
    assert [n["actor"] for n in build_pipeline("zh")(text)._.norms] == [""]     # no rule knows 张三
    nlp = new_pipeline("zh")
    nlp.replace_pipe("govkg_actors", "fixed_actors", config={"labels": ["张三", "居民委员会"]})
    assert nlp.get_pipe_meta("govkg_actors").factory == "fixed_actors"     # in its place, the others untouched
    doc = nlp(text)
    assert [n["actor"] for n in doc._.norms] == ["张三"]
    assert [n["action"] for n in doc._.norms] == ["向居民委员会报告工作"]
    with_two = [d._.norms for d in nlp.pipe([text, text], n_process=2)]      # the spans survive the workers
    assert with_two == [doc._.norms, doc._.norms]


def test_the_assembler_reads_the_modal_cues_it_is_given():
    nlp = new_pipeline("zh")
    nlp.remove_pipe("govkg_modality")
    nlp.add_pipe("fixed_actors", name="cues", before="govkg_norms", config={"labels": ["报告"], "spans_key": "modality"})
    text = "居民委员会应当报告工作。"
    assert nlp(text)._.norms == []                  # labelled ACTOR, not a modality: no cue, and 应当 unseen
    nlp.replace_pipe("cues", "fixed_cues", config={"cues": {"报告": "permission"}})
    assert [(n["actor"], n["modality"], n["action"]) for n in nlp(text)._.norms] == [("居民委员会", "permission", "工作")]


@Language.factory("fixed_cues", default_config={"cues": {}})
def make_fixed_cues(nlp: Language, name: str, cues: dict[str, str]):
    def annotate(doc: Doc) -> Doc:
        doc.spans["modality"] = [doc.char_span(m.start(), m.end(), label=cues[m.group()], alignment_mode="expand")
                                 for m in re.finditer("|".join(map(re.escape, cues)), doc.text)]
        return doc
    return annotate


def test_rule_spans_keep_the_characters_they_matched():
    doc = build_pipeline("zh")("第十四条 居民委员会可以分设若干居民小组，小组长由居民小组推选。")
    group = doc.spans["actors"]
    found = dict(zip((s.text for s in group), ranges(group)))
    assert doc.text[slice(*found["小组长"])] == "小组"           # the token is 小组长, the mention 小组
    assert [doc.text[s:e] for s, e in ranges(doc.spans["units"])] == [doc.text]
    assert [(s.text, s.label_) for s in doc.spans["modality"]] == [("可以", "permission")]


@pytest.mark.parametrize("build", [patterns.cue_regex, patterns.policy_cue_regex])
def test_the_guarded_cue_regex_finds_what_the_bare_alternation_finds(build):
    guarded = build("zh")
    assert guarded.pattern.startswith("(?=[")                # the guard is there
    bare = re.compile(guarded.pattern[guarded.pattern.index("])(?:") + 5:-1])
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("zh_*"))]
    texts.append("方可使用；都有保密的义务；会同有关部门；牵头负责；可靠的设备；应急预案；需要；主要负责人要组织")
    for text in texts:
        found = [(m.span(), m.lastgroup) for m in guarded.finditer(text)]
        assert found and found == [(m.span(), m.lastgroup) for m in bare.finditer(text)]
