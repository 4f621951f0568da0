"""Many files at once: extraction in worker processes and the store's bulk path give the same
graphs as one file at a time, and a bad file or a refused batch costs only itself."""
from __future__ import annotations

from pathlib import Path

import pytest

from govkg.kg.documents import ingest_document, prepare_document, store_documents
from govkg.kg.mapping import META_GRAPH, graph_iri
from govkg.api.cli.ingest_batch import prepare_paths
from govkg.ingest.readers import DEFAULT_LIMITS
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology import terms as T
from govkg.ontology.errors import ExtractionError, GovKGError, ReadError, StoreError
from govkg.ontology.namespaces import GOV

from tests.kg.conftest import gdpr_like, residents_law

CORPUS = Path(__file__).resolve().parents[2] / "ingest" / "corpus"


def content_quads(store) -> set[str]:
    """Every quad outside the meta graph (which records ingest times)."""
    dump = store.dump("application/n-quads").decode()
    return {line for line in dump.splitlines() if line and "/graph/meta>" not in line}


def corpus_files() -> list[Path]:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt") and p.name != "SOURCES.md")
    assert len(files) >= 4
    return files[:4]


def test_workers_give_the_graphs_of_one_file_at_a_time(tmp_path):
    files = corpus_files()
    with OxigraphStore(tmp_path / "one") as one, OxigraphStore(tmp_path / "many") as many:
        for path, prepared in prepare_paths(files, workers=1):
            store_documents(one, [prepared])
        batch = [prepared for _, prepared in prepare_paths(files, workers=2)]
        assert all(not isinstance(p, GovKGError) for p in batch)
        store_documents(many, batch)
        assert content_quads(one) == content_quads(many)
        assert len(content_quads(many)) > 1000
        assert sorted(many.named_graphs()) == sorted(one.named_graphs())


def test_a_bad_file_yields_its_error_and_the_others_are_prepared(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    files = [corpus_files()[0], empty, binary, tmp_path / "missing.md", corpus_files()[1]]
    outcome = dict(prepare_paths(files, workers=2))
    assert list(outcome) == files                         # in the order given
    assert isinstance(outcome[empty], ReadError)
    assert isinstance(outcome[binary], ReadError)
    assert isinstance(outcome[tmp_path / "missing.md"], StoreError)
    assert outcome[files[0]].info.norms > 0 and outcome[files[-1]].info.norms > 0


def test_bulk_batch_of_new_documents_is_stored_with_its_metadata(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        prepared = [prepare_document(residents_law("a")), prepare_document(gdpr_like("b"))]
        infos = store_documents(store, prepared)
        assert [i.doc for i in infos] == ["a", "b"]
        rows = store.select(f"SELECT ?d ?n WHERE {{ GRAPH <{META_GRAPH}> {{ ?d <{GOV}norms> ?n }} }}")
        assert {r["n"] for r in rows} == {str(infos[0].norms), str(infos[1].norms)}
        assert content_quads(store) == _one_at_a_time(tmp_path / "ref", [residents_law("a"), gdpr_like("b")])


def _one_at_a_time(path: Path, documents) -> set[str]:
    with OxigraphStore(path) as store:
        for document in documents:
            ingest_document(store, document)
        return content_quads(store)


def test_a_refused_bulk_load_leaves_what_was_stored(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        ingest_document(store, residents_law("kept"))
        before = content_quads(store)
        graphs = {graph_iri("new1"): b"<urn:a> <urn:b> <urn:c> .\n",
                  graph_iri("new2"): b"<urn:a> <urn:b> broken .\n"}
        with pytest.raises(StoreError):
            store.add_graphs(graphs)
        assert content_quads(store) == before
        assert not store.graph_exists(graph_iri("new1"))


def test_bulk_path_refuses_a_graph_that_exists(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        info = ingest_document(store, residents_law("x"))
        with pytest.raises(StoreError, match="new graphs only"):
            store.add_graphs({info.graph: b"<urn:a> <urn:b> <urn:c> .\n"})


def test_same_name_twice_in_a_batch_keeps_the_last(tmp_path):
    first, second = residents_law("same"), gdpr_like("same")
    with OxigraphStore(tmp_path / "s") as store:
        store_documents(store, [prepare_document(first), prepare_document(gdpr_like("other")),
                                prepare_document(second)])
        labels = store.select(f"SELECT ?l WHERE {{ GRAPH <{graph_iri('same')}> "
                              f"{{ ?d a <{T.Document}> ; <{T.label}> ?l }} }}")
        assert [r["l"] for r in labels] == [second.title]


def test_extraction_error_type_survives_the_worker(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text("第一条 居民委员会应当开展工作。\n" * 5, encoding="utf-8")
    from govkg.ingest.readers import Limits
    outcome = dict(prepare_paths([slow, slow.with_name("x.md")], workers=2, limits=Limits(max_bytes=10)))
    assert isinstance(outcome[slow], ReadError | ExtractionError)
    assert "10" in str(outcome[slow])


def test_quads_are_in_named_graphs_not_the_default_graph(tmp_path):
    with OxigraphStore(tmp_path / "s") as store:
        store_documents(store, [prepare_document(residents_law("a")), prepare_document(gdpr_like("b"))])
        assert not store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert {graph_iri("a"), graph_iri("b"), META_GRAPH} <= set(store.named_graphs())


def test_files_are_handed_out_a_block_at_a_time_longest_first(tmp_path):
    from govkg.api.cli.ingest_batch import handout_order
    sizes = [3, 10, 1, 7, 5, 2, 9]
    paths = []
    for i, size in enumerate(sizes):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_text("x" * size, encoding="utf-8")
    order = handout_order(paths + [tmp_path / "missing.txt"], block=3)
    assert order == [1, 0, 2, 3, 4, 5, 6, 7]       # each block of three by size; a missing file counts 0
    assert sorted(order) == list(range(len(paths) + 1))


def test_after_a_break_only_the_files_being_read_count_it(tmp_path):
    import concurrent.futures as futures
    from concurrent.futures.process import BrokenProcessPool
    from govkg.api.cli.ingest_batch import _after_break

    def settled(value=None, error=None) -> futures.Future:
        future: futures.Future = futures.Future()
        future.set_exception(error) if error else future.set_result(value)
        return future

    files = corpus_files()[:4]
    broken = BrokenProcessPool("a worker died")
    in_flight = {0: settled("made"), 1: settled(error=broken), 2: settled(error=broken), 3: settled(error=broken)}
    breaks = {files[1]: 1}
    pool, again = _after_break(in_flight, files, breaks, DEFAULT_LIMITS, workers=1)
    try:
        assert list(again) == [0, 1, 2, 3] and again[0] is in_flight[0]
        assert breaks == {files[1]: 2, files[2]: 1}     # the first two not done: one read, one queued
        assert again[1].result(timeout=5) == ("ExtractionError",
                                              "the extraction worker stopped unexpectedly on this file")
        assert again[3].result(timeout=300).info.norms > 0      # it only waited: read again
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
