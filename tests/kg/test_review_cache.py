"""The reviews read for one report are kept for the next (``govkg.kg.review_cache``) and are right after
every write path: a review written, ingest (same text and edited), delete, SPARQL Update, Graph
Store and import. After each, what the kept reviews say is what reading them afresh says, and the
gap report follows it."""
from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg import review_cache, reviews
from govkg.kg.dataset import export_dataset, import_dataset
from govkg.kg.documents import delete_document, ingest_document
from govkg.kg.effective import effective_gaps
from govkg.kg.gaps import find_gaps
from govkg.kg.mapping import graph_iri
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.reviews import IN_FORCE, REVIEWS_GRAPH, STALE

from .conftest import ART10, gdpr_like, residents_law

TOKEN = "review-cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def store(tmp_path):
    opened = OxigraphStore(tmp_path / "store")
    ingest_document(opened, residents_law())
    ingest_document(opened, gdpr_like())
    yield opened
    opened.close()


@pytest.fixture
def reads(monkeypatch) -> list[int]:
    """How many times the reviews graph is read, and how many reviews each status check takes."""
    counted: list[int] = []
    real_read, real_check = reviews._read, reviews._statuses
    monkeypatch.setattr(reviews, "_read", lambda s: counted.append(-1) or real_read(s))
    monkeypatch.setattr(reviews, "_statuses", lambda s, found: counted.append(len(found)) or real_check(s, found))
    return counted


def vague_finding(store):
    return next(f for f in find_gaps(store, ["vague-actor"]) if f.doc == "residents")


def kept_and_fresh(store) -> tuple[dict[str, str], dict[str, str]]:
    """Each review's status as kept, then as read afresh."""
    kept = {r.id: r.status for r in reviews.reviews(store)}
    review_cache.forget()
    return kept, {r.id: r.status for r in reviews.reviews(store)}


def edited_residents():
    law = residents_law()
    changed = dataclasses.replace(law.provisions[0], text=ART10.replace("报告工作", "报告全部工作"))
    return dataclasses.replace(law, provisions=[changed, *law.provisions[1:]])


def test_a_written_review_joins_the_kept_ones_without_reading_them_again(store, reads):
    finding = vague_finding(store)
    first = reviews.review_finding(store, finding.kind, finding.norm, "confirmed", "李四")
    assert [r.id for r in reviews.reviews(store)] == [first.id]
    assert finding._replace(review="confirmed") in effective_gaps(store).findings
    reads.clear()
    second = reviews.review_finding(store, finding.kind, finding.norm, "dismissed", "王五", "第九条写明了承担者")
    report = effective_gaps(store)               # the last report's reviews, with the dismissal added
    assert reads == [1]                          # no read of the graph; the new review checked alone
    assert [r.id for r in reviews.reviews(store)] == [first.id, second.id]
    assert finding.norm not in {f.norm for f in report.findings if f.kind == "vague-actor"} and report.dismissed == 1
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh == {first.id: IN_FORCE, second.id: IN_FORCE}
    assert effective_gaps(store) == report       # as made from the reviews read afresh
    rejected = reviews.review_norm(store, finding.norm, "rejected", "王五", "不是规范")
    grown = effective_gaps(store)
    assert not [f for f in grown.findings if f.norm == finding.norm]
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh and rejected.id in fresh and effective_gaps(store) == grown


def test_a_correction_written_after_a_report_brings_its_own_findings(store):
    report = effective_gaps(store)
    norm = next(f.norm for f in report.findings if f.doc == "residents" and f.kind != "unassigned" and f.norm)
    reviews.review_norm(store, norm, "corrected", "李四", "没有写明由谁", reviews.Revision("obligation", "报告工作", []))
    after = effective_gaps(store)
    assert [f.review for f in after.findings if f.norm == norm and f.kind == "unassigned"] == ["norm corrected"]
    review_cache.forget()
    assert effective_gaps(store) == after


def test_ingest_checks_again_only_the_reviews_of_the_written_document(store, reads):
    residents = vague_finding(store)
    gdpr = next(f for f in find_gaps(store) if f.doc == "gdpr" and f.norm)
    on_residents = reviews.review_finding(store, residents.kind, residents.norm, "dismissed", "李四", "见第九条")
    on_gdpr = reviews.review_finding(store, gdpr.kind, gdpr.norm, "dismissed", "李四", "see Article 4")
    reviews.reviews(store)
    reads.clear()
    ingest_document(store, edited_residents())
    assert reviews.reviews(store) and reads == [1]         # the residents review only; nothing read again
    assert effective_gaps(store).dismissed == 1            # the stale dismissal hides nothing
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh == {on_residents.id: STALE, on_gdpr.id: IN_FORCE}
    ingest_document(store, residents_law())                # the text it judged, again
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh == {on_residents.id: IN_FORCE, on_gdpr.id: IN_FORCE}


def test_deleting_a_document_makes_its_reviews_stale(store):
    finding = vague_finding(store)
    review = reviews.review_finding(store, finding.kind, finding.norm, "dismissed", "李四", "见第九条")
    assert effective_gaps(store).dismissed == 1
    delete_document(store, "residents")
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh == {review.id: STALE}


@pytest.fixture
def http(store):
    with TestClient(create_app(Settings(write_token=TOKEN), store)) as client:
        yield client


def test_a_sparql_update_of_the_reviews_is_seen(store, http):
    finding = vague_finding(store)
    review = reviews.review_finding(store, finding.kind, finding.norm, "dismissed", "李四", "见第九条")
    assert effective_gaps(store).dismissed == 1
    answer = http.post("/sparql", headers=AUTH, data={
        "update": f"DELETE WHERE {{ GRAPH <{REVIEWS_GRAPH}> {{ <{reviews.REVIEW_NS}{review.id}> ?p ?o }} }}"})
    assert answer.status_code == 204, answer.text
    assert reviews.reviews(store) == []
    report = effective_gaps(store)
    assert report.dismissed == 0 and finding.norm in {f.norm for f in report.findings if f.kind == "vague-actor"}


def test_a_sparql_update_of_a_provision_text_makes_its_reviews_stale(store, http):
    finding = vague_finding(store)
    review = reviews.review_finding(store, finding.kind, finding.norm, "dismissed", "李四", "见第九条")
    assert reviews.reviews(store)[0].status == IN_FORCE
    graph = graph_iri("residents")
    update = (f"DELETE {{ GRAPH <{graph}> {{ ?p gov:text ?t }} }} INSERT {{ GRAPH <{graph}> {{ ?p gov:text \"改过的条文\" }} }} "
              f"WHERE {{ GRAPH <{graph}> {{ ?p gov:text ?t FILTER(STRSTARTS(?t, \"第十条\")) }} }}")
    assert http.post("/sparql", headers=AUTH, data={"update": update}).status_code == 204
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh == {review.id: STALE}


def test_graph_store_writes_to_the_reviews_or_a_document_graph_are_seen(store, http):
    finding = vague_finding(store)
    review = reviews.review_finding(store, finding.kind, finding.norm, "dismissed", "李四", "见第九条")
    saved = http.get("/store", params={"graph": REVIEWS_GRAPH}, headers={"Accept": "application/n-triples"}).content
    assert reviews.reviews(store)[0].status == IN_FORCE
    put = http.put("/store", params={"graph": graph_iri("residents")}, content=b"<urn:x:s> <urn:x:p> <urn:x:o> .",
                   headers={**AUTH, "Content-Type": "application/n-triples"})
    assert put.status_code in (201, 204), put.text
    assert {r.id: r.status for r in reviews.reviews(store)} == {review.id: STALE}
    ingest_document(store, residents_law())
    assert http.delete("/store", params={"graph": REVIEWS_GRAPH}, headers=AUTH).status_code == 204
    assert reviews.reviews(store) == [] and effective_gaps(store).dismissed == 0
    posted = http.post("/store", params={"graph": REVIEWS_GRAPH}, content=saved,
                       headers={**AUTH, "Content-Type": "application/n-triples"})
    assert posted.status_code in (201, 204), posted.text
    kept, fresh = kept_and_fresh(store)
    assert kept == fresh == {review.id: IN_FORCE}


def test_an_import_brings_the_reviews_it_holds(store, tmp_path):
    finding = vague_finding(store)
    review = reviews.review_finding(store, finding.kind, finding.norm, "dismissed", "李四", "见第九条")
    dump = export_dataset(store)
    other = OxigraphStore(tmp_path / "other")
    ingest_document(other, residents_law())
    assert reviews.reviews(other) == [] and effective_gaps(other).dismissed == 0
    import_dataset(other, dump, "application/n-quads")
    assert [r.id for r in reviews.reviews(other)] == [review.id] and effective_gaps(other).dismissed == 1
    other.close()


def test_a_write_that_names_its_graphs_counts_for_those_only(store):
    reviews_before, document_before = store.graph_version(REVIEWS_GRAPH), store.graph_version(graph_iri("gdpr"))
    store.update(f"INSERT DATA {{ GRAPH <{REVIEWS_GRAPH}> {{ <urn:x:s> <urn:x:p> 1 }} }}", writes=(REVIEWS_GRAPH,))
    assert store.graph_version(REVIEWS_GRAPH) == (reviews_before[0], reviews_before[1] + 1)
    assert store.graph_version(graph_iri("gdpr")) == document_before
    store.update("INSERT DATA { <urn:x:s> <urn:x:p> 2 }")           # says nothing: any graph may have changed
    assert store.graph_version(graph_iri("gdpr")) == (document_before[0], document_before[1] + 1)
    assert store.graph_version(REVIEWS_GRAPH)[1] == reviews_before[1] + 2
