"""Cross-document findings kept by key (``govkg.kg.crossing``): after documents are ingested one
by one, replaced and deleted one by one, the report equals the report computed from scratch on the
same store — on the embedded store and on an Oxigraph server — and only the keyed detectors ran."""
from __future__ import annotations

import dataclasses

import pytest

from govkg.kg import crossing, gaps
from govkg.kg.crossing import CROSSING_KINDS
from govkg.kg.documents import delete_document, ingest_document
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.server_store import ServerStore
from tests.kg.conftest import residents_law
from tests.kg.test_gaps_equivalence import conflicting_rules, corpus_documents


@pytest.fixture(params=["embedded", "server"])
def keyed_store(request, tmp_path):
    if request.param == "embedded":
        opened = OxigraphStore(tmp_path / "store")
    else:
        opened = ServerStore(request.getfixturevalue("oxigraph_server") + "/query")
    yield opened
    opened.close()


WHOLE_DETECTOR = gaps._run_detector


def from_scratch(store) -> dict[str, list]:
    refusing, gaps._run_detector = gaps._run_detector, WHOLE_DETECTOR
    try:
        found = gaps._detect(store, list(CROSSING_KINDS), None, None)
    finally:
        gaps._run_detector = refusing
    return {kind: found[kind] for kind in CROSSING_KINDS}


def reported(store) -> dict[str, list]:
    report = gaps.find_gaps(store, CROSSING_KINDS)
    return {kind: [f for f in report if f.kind == kind] for kind in CROSSING_KINDS}


def whole_detectors_refused(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a whole detector ran after one document changed")
    monkeypatch.setattr(gaps, "_run_detector", refuse)


def test_one_document_at_a_time_gives_the_report_from_scratch(keyed_store, corpus_dir, monkeypatch):
    store = keyed_store
    documents = corpus_documents(corpus_dir)
    ingest_document(store, documents[0])
    first = reported(store)                      # computes every kind and keeps it by key
    assert first == from_scratch(store)
    whole_detectors_refused(monkeypatch)
    counts = []
    for document in documents[1:]:
        ingest_document(store, document)
        assert crossing.read_marks(store)[0], "the ingest marked what it can change"
        assert reported(store) == from_scratch(store), document.doc
        assert crossing.read_marks(store) == ([], set())
        counts.append(sum(map(len, reported(store).values())))
    assert counts[-1] > counts[0] and all(reported(store)[kind] for kind in ("overlap", "conflict", "no-oversight"))
    changed = residents_law()
    changed.norms[0] = dataclasses.replace(changed.norms[0], actor="街道办事处")
    ingest_document(store, changed)                # a replacement: the old version's keys count too
    assert reported(store) == from_scratch(store)
    for document in reversed(documents[1:]):
        delete_document(store, document.doc)
        assert reported(store) == from_scratch(store), document.doc
    assert reported(store) == first


def test_a_new_obligation_against_a_stored_prohibition_is_a_conflict_at_once(keyed_store, monkeypatch):
    """The obligation comes in a later document than the prohibition it contradicts: the stored
    prohibition's key is marked by the later document."""
    store = keyed_store
    rules = conflicting_rules()
    forbidding = dataclasses.replace(rules, doc="forbidding", norms=[n for n in rules.norms if n.modality == "prohibition"])
    ingest_document(store, forbidding)
    assert reported(store)["conflict"] == []
    whole_detectors_refused(monkeypatch)
    ingest_document(store, dataclasses.replace(rules, doc="obliging", norms=[n for n in rules.norms if n.modality != "prohibition"]))
    conflicts = reported(store)["conflict"]
    assert {f.doc for f in conflicts} == {"forbidding"} and conflicts == from_scratch(store)["conflict"]


def test_every_cross_document_kind_has_its_keyed_detector_and_keys():
    assert set(crossing.KIND_KEYS) == set(CROSSING_KINDS)
    for kind in CROSSING_KINDS:
        assert "# @key-filter" in crossing.keyed_query(kind)
        assert crossing.KIND_KEYS[kind] <= set(crossing.KEY_VARIABLES)
