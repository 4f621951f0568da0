"""The spaCy pipelines: registered components, thesaurus-fed actor spans, batching."""
from __future__ import annotations

from pathlib import Path

from ingest.extract import extract_paths
from ingest.pipeline import build_pipeline
from ontology.errors import ReadError


def test_pipelines_are_blank_with_our_components_and_cached():
    zh = build_pipeline("zh")
    assert zh.pipe_names == ["govkg_clauses", "govkg_actors", "govkg_modality", "govkg_norms"]
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
    assert {n["actor"] for n in doc.user_data["norms"]} == {"业主大会", "业主委员会"}


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
