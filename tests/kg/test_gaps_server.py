"""The embedded store and a live `oxigraph serve` give the same findings on the real corpus."""
from __future__ import annotations

from kg.documents import ingest_document
from kg.gaps import GAP_KINDS, find_gaps
from kg.oxigraph_store import OxigraphStore
from kg.server_store import ServerStore
from tests.kg.test_gaps_equivalence import corpus_documents


def _keys(findings) -> set[tuple[str, str, str, str]]:
    return {(f.kind, f.doc, f.article, f.actor) for f in findings}


def test_embedded_and_server_find_the_same_gaps(corpus_dir, tmp_path, oxigraph_server):
    embedded = OxigraphStore(tmp_path / "embedded")
    server = ServerStore(oxigraph_server + "/query")
    try:
        for document in corpus_documents(corpus_dir):
            ingest_document(embedded, document)
            ingest_document(server, document)
        local, remote = find_gaps(embedded), find_gaps(server)
        assert {f.kind for f in local} == set(GAP_KINDS)
        assert _keys(remote) == _keys(local)
        assert remote == local           # texts, norms and explanations too, in the same order
        one = find_gaps(server, ["no-sanction", "overlap"], doc="zh_work_safety_law")
        assert one == find_gaps(embedded, ["no-sanction", "overlap"], doc="zh_work_safety_law")
    finally:
        embedded.close()
        server.close()
