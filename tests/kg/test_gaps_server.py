"""The embedded store, a live `oxigraph serve` and a live Virtuoso give the same findings on the
real corpus."""
from __future__ import annotations

import pytest

from govkg.kg.documents import ingest_document
from govkg.kg.gaps import GAP_KINDS, find_gaps
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.kg.server_store import ServerStore
from tests.kg.test_gaps_equivalence import corpus_documents


def _keys(findings) -> set[tuple[str, str, str, str]]:
    return {(f.kind, f.doc, f.article, f.actor) for f in findings}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def endpoint(request) -> str:
    if request.param == "oxigraph":
        return request.getfixturevalue("oxigraph_server") + "/query"
    return request.getfixturevalue("fresh_virtuoso").endpoint


def test_embedded_and_server_find_the_same_gaps(corpus_dir, tmp_path, endpoint):
    embedded = OxigraphStore(tmp_path / "embedded")
    server = ServerStore(endpoint)
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
