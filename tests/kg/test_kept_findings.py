"""Document-local gap findings are kept per document and dropped by every write path: ingest,
delete, SPARQL Update, Graph Store and import. A report after any of them is the report computed
from scratch, on the embedded store and on servers alike."""
from __future__ import annotations

import dataclasses

import pytest
from fastapi.testclient import TestClient

from govkg.api.app import create_app
from govkg.api.settings import Settings
from govkg.kg import gaps, kept_findings
from govkg.kg.dataset import export_dataset, import_dataset
from govkg.kg.documents import delete_document, ingest_document
from govkg.kg.crossing import CROSSING_KINDS, read_marks, shard_name, shards_of
from govkg.kg.kept_findings import FINDINGS_GRAPH, LOCAL_KINDS, read_kept
from govkg.kg.mapping import graph_iri
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology.namespaces import GOV

from .conftest import gdpr_like, residents_law

TOKEN = "kept-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def kept_graphs(store) -> set[str]:
    return set(read_kept(store, None, gaps.local_stamp()))


def from_scratch(store) -> list:
    """The report with nothing kept (computed on the same data, in the same order)."""
    found = gaps._detect(store, list(gaps.GAP_KINDS), None, None)
    return [f for kind in gaps.GAP_KINDS for f in found[kind]]


def test_a_report_keeps_local_findings_and_gives_them_back_the_same(store):
    ingest_document(store, residents_law())
    ingest_document(store, gdpr_like())
    first = gaps.find_gaps(store)
    assert kept_graphs(store) == {graph_iri("residents"), graph_iri("gdpr")}
    assert gaps.find_gaps(store) == first == from_scratch(store)
    assert {"vague-actor", "shared-no-lead"} <= {f.kind for f in first}


def test_ingest_and_delete_drop_the_document_kept(store):
    ingest_document(store, residents_law())
    ingest_document(store, gdpr_like())
    gaps.find_gaps(store)
    changed = residents_law()
    changed.norms[1] = dataclasses.replace(changed.norms[1], actor="街道办事处", vague_actor=False)   # no 有关部门
    ingest_document(store, changed)
    assert kept_graphs(store) == {graph_iri("gdpr")}
    report = gaps.find_gaps(store, ["vague-actor"])
    assert report == [] and kept_graphs(store) == {graph_iri("residents"), graph_iri("gdpr")}
    delete_document(store, "gdpr")
    assert kept_graphs(store) == {graph_iri("residents")}
    assert {f.doc for f in gaps.find_gaps(store)} <= {"residents", ""} and gaps.find_gaps(store) == from_scratch(store)


def test_only_the_stale_document_is_computed_again(tmp_path, monkeypatch):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, residents_law())
    ingest_document(store, residents_law("residents-2"))
    gaps.find_gaps(store, LOCAL_KINDS)
    ingest_document(store, residents_law("residents-3"))
    asked = []
    real = gaps._detect
    monkeypatch.setattr(gaps, "_detect", lambda s, kinds, graphs, t: asked.append((kinds, graphs)) or real(s, kinds, graphs, t))
    report = gaps.find_gaps(store, LOCAL_KINDS)
    assert asked == [(list(LOCAL_KINDS), (graph_iri("residents-3"),))]
    assert {f.doc for f in report} == {"residents", "residents-2", "residents-3"}


def test_a_new_store_object_decodes_each_kept_entry_once(tmp_path, monkeypatch):
    """A fresh process reads what was kept, each entry once; after one more document the report
    decodes nothing again (the old entries are in memory, the new one is computed)."""
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, residents_law())
    ingest_document(store, residents_law("residents-2"))
    first = gaps.find_gaps(store, LOCAL_KINDS)
    store.close()
    monkeypatch.setattr(kept_findings, "_MEMORY", {})      # as in a new process
    decoded = []
    real = kept_findings._unpack
    monkeypatch.setattr(kept_findings, "_unpack", lambda literal: decoded.append(literal) or real(literal))
    store = OxigraphStore(tmp_path / "store")
    assert gaps.find_gaps(store, LOCAL_KINDS) == first and len(decoded) == 2
    ingest_document(store, residents_law("residents-3"))
    decoded.clear()
    report = gaps.find_gaps(store, LOCAL_KINDS)
    assert decoded == [] and {f.doc for f in report} == {"residents", "residents-2", "residents-3"}
    assert report == from_scratch_local(store)


def test_a_raw_write_is_not_answered_from_memory(tmp_path):
    """An entry dropped by an update is computed again, though its findings are still in memory."""
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, residents_law())
    assert any(f.kind == "vague-actor" for f in gaps.find_gaps(store, LOCAL_KINDS))
    store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?actor a <{GOV}VagueActor> }} }} ; {kept_findings.drop_kept_update()}")
    assert not any(f.kind == "vague-actor" for f in gaps.find_gaps(store, LOCAL_KINDS))


def from_scratch_local(store) -> list:
    found = gaps._detect(store, list(LOCAL_KINDS), None, None)
    return [f for kind in LOCAL_KINDS for f in found[kind]]


@pytest.fixture
def client(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, residents_law())
    ingest_document(store, gdpr_like())
    with TestClient(create_app(Settings(write_token=TOKEN), store)) as c:
        yield c, store


def test_a_sparql_update_drops_everything_kept(client):
    http, store = client
    before = gaps.find_gaps(store, ["vague-actor"])
    assert before and kept_graphs(store)
    vague = before[0].norm
    answer = http.post("/sparql", data={"update": f"DELETE WHERE {{ GRAPH ?g {{ <{vague}> <{GOV}hasBearer> ?a }} }}"},
                       headers=AUTH)
    assert answer.status_code == 204, answer.text
    assert kept_graphs(store) == set()
    after = gaps.find_gaps(store, ["vague-actor", "unassigned"])
    assert vague not in {f.norm for f in after if f.kind == "vague-actor"}
    assert vague in {f.norm for f in after if f.kind == "unassigned"}


def test_a_graph_store_write_drops_that_graph_kept(client):
    http, store = client
    gaps.find_gaps(store)
    graph = graph_iri("residents")
    answer = http.put("/store", params={"graph": graph}, content=b"<urn:x:s> <urn:x:p> <urn:x:o> .",
                      headers={**AUTH, "Content-Type": "application/n-triples"})
    assert answer.status_code in (201, 204), answer.text
    assert kept_graphs(store) == {graph_iri("gdpr")}
    assert all(f.doc != "residents" for f in gaps.find_gaps(store) if f.kind in LOCAL_KINDS)
    assert http.delete("/store", params={"graph": graph_iri("gdpr")}, headers=AUTH).status_code == 204
    assert kept_graphs(store) == set()     # gdpr's dropped; residents' graph no longer holds a document


def test_import_drops_everything_kept_and_export_leaves_it_out(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    ingest_document(store, residents_law())
    gaps.find_gaps(store)
    dump = export_dataset(store)
    assert FINDINGS_GRAPH.encode() not in dump and kept_graphs(store)
    changed = OxigraphStore(tmp_path / "other")
    ingest_document(changed, residents_law())
    gaps.find_gaps(changed)
    import_dataset(changed, dump, "application/n-quads")
    assert kept_graphs(changed) == set()
    assert gaps.find_gaps(changed) == gaps.find_gaps(store)


def test_cross_document_findings_are_kept_and_a_document_write_marks_what_it_changes(store):
    ingest_document(store, residents_law())
    gaps.find_gaps(store)
    shards = [shard_name(kind, i) for kind in CROSSING_KINDS for i in range(shards_of(kind))]
    assert set(read_kept(store, shards, gaps.crossing_stamp())) == set(shards)
    ingest_document(store, residents_law("residents-2"))          # overlap across two documents now
    marks, keys = read_marks(store)
    assert len(marks) == 1 and ("g", graph_iri("residents-2")) in keys
    assert set(read_kept(store, shards, gaps.crossing_stamp())) == set(shards)
    report = gaps.find_gaps(store)
    assert "residents-2" in {f.doc for f in report if f.kind == "overlap"} and report == from_scratch(store)
    assert read_marks(store) == ([], set())
