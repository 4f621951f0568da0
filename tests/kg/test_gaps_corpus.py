"""Each gap detector on the real corpus (extracted by the real pipeline), checked against the
graph it reads."""
from __future__ import annotations

import re

import pytest

from govkg.ingest.extract import extract_path
from govkg.kg.documents import ingest_document
from govkg.kg.gaps import GAP_KINDS, find_gaps, findings_json
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology import terms as T

DOCS = ["zh_work_safety_law", "zh_urban_residents_committee_law", "zh_villagers_committee_law", "en_gdpr_ch4",
        "zh_civil_code_book2_ch6_building_ownership"]


@pytest.fixture(scope="module")
def corpus_store(corpus_dir, tmp_path_factory):
    store = OxigraphStore(tmp_path_factory.mktemp("corpus") / "store")
    for name in DOCS:
        path = next(corpus_dir.glob(f"{name}.*"))
        ingest_document(store, extract_path(path))
    yield store
    store.close()


@pytest.fixture(scope="module")
def findings(corpus_store):
    return find_gaps(corpus_store)


def _of(findings, kind):
    return [f for f in findings if f.kind == kind]


def test_every_finding_links_to_its_provision_text(findings):
    assert {f.kind for f in findings} >= {"unassigned", "vague-actor", "shared-no-lead", "no-sanction",
                                         "no-oversight", "power-imbalance", "information-gap"}
    for f in findings:
        assert f.kind in GAP_KINDS and f.explanation
        if f.norm:
            assert f.doc in DOCS and f.provision.startswith("https://w3id.org/govkg/id/doc/") and f.text


WHOLE_LABEL = re.compile(r"^(?:第[零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?|Article \d+)")
MODAL_WORDS = {"obligation": ("应当", "must"), "prohibition": ("不得", "must not"), "permission": ("可以", "may")}


def test_every_norm_finding_names_its_whole_article_and_follows_the_modality_in_both_languages(findings):
    """Issue 17 item 6: "第1款（三）" without its article, a prohibition explained as a duty or an
    English sentence on a Chinese page are what a reader cannot take at face value."""
    about_norms = [f for f in findings if f.norm]
    assert {f.modality for f in about_norms} >= {"obligation", "prohibition", "permission"}
    for f in about_norms:
        assert WHOLE_LABEL.match(f.article), (f.kind, f.article)
        assert f.explanation_zh.startswith(f.article + "：") and f.explanation.startswith(f.article + ": ")
        zh, en = MODAL_WORDS[f.modality]
        if f.modality in GAP_KINDS[f.kind].explain["en"]:     # kinds that speak of what the bearer must do
            assert zh in f.explanation_zh and f" {en} " in f.explanation, (f.kind, f.modality, f.explanation)
            assert f.modality == "prohibition" or not re.search(r"\bmust not\b", f.explanation), f.explanation


def test_unassigned_duties_have_no_bearer(corpus_store, findings):
    for f in _of(findings, "unassigned"):
        assert not corpus_store.ask(f"ASK {{ GRAPH ?g {{ <{f.norm}> <{T.hasBearer}> ?a }} }}")
        assert f.actor == ""


def test_vague_actors_are_phrases_like_relevant_departments(findings):
    actors = {f.actor for f in _of(findings, "vague-actor")}
    assert any("有关" in a for a in actors)
    assert any(a.startswith(("relevant", "any ")) or "authority" in a for a in actors)


def test_shared_no_lead_has_two_bearers_and_no_lead(corpus_store, findings):
    for f in _of(findings, "shared-no-lead"):
        rows = corpus_store.select(f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ <{f.norm}> <{T.hasBearer}> ?a }} }}")
        assert len(rows) >= 2
        assert not corpus_store.ask(f"ASK {{ GRAPH ?g {{ <{f.norm}> <{T.hasLeadBearer}> ?a }} }}")


def test_no_sanction_spares_duties_a_penalty_provision_punishes(corpus_store, findings):
    covered = corpus_store.select(f"""SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{
        ?s a <{T.PenaltyProvision}> ; <{T.punishes}> ?n . ?n a <{T.Obligation}> }} }}""")
    assert len(covered) > 50, "the work safety law's 法律责任 chapter punishes its duties"
    reported = {f.norm for f in _of(findings, "no-sanction")}
    assert reported and not reported & {r["n"] for r in covered}


def test_no_oversight_and_information_gaps_name_actors(findings):
    assert all(f.actor for f in _of(findings, "no-oversight"))
    kinds = {f.explanation.split(",")[0].endswith("supervises or sanctions others")
             for f in _of(findings, "information-gap")}
    assert kinds == {True, False}      # both an unaddressed duty and an uninformed overseer


def test_power_imbalance_counts_are_one_sided(findings):
    for f in _of(findings, "power-imbalance"):
        assert " 0 duties" in f.explanation or " 0 powers" in f.explanation


def test_conflict_and_overlap_queries_run_and_filter_by_document(corpus_store, findings):
    one = find_gaps(corpus_store, doc="zh_work_safety_law")
    assert one and {f.doc for f in one if f.norm} == {"zh_work_safety_law"}
    for f in _of(findings, "overlap"):
        assert "documents" in f.explanation
    assert '"findings"' in findings_json(findings[:3])


def test_a_report_is_reused_until_the_data_changes(tmp_path):
    from govkg.kg.documents import delete_document, ingest_document
    from govkg.kg.gaps import find_gaps
    from govkg.kg.oxigraph_store import OxigraphStore
    from tests.kg.conftest import residents_law

    store = OxigraphStore(tmp_path / "store")
    document = residents_law()
    ingest_document(store, document)
    first = find_gaps(store)
    assert first and find_gaps(store) == first
    assert find_gaps(store, ["unassigned"]) == [f for f in first if f.kind == "unassigned"]
    delete_document(store, document.doc)
    assert find_gaps(store) == []
    other = OxigraphStore()                       # another store never gets this one's report
    assert find_gaps(other) == []
    store.close()
