"""A batch of new documents goes through each store's bulk path and arrives whole, with its
metadata, on every store (embedded, Oxigraph server, Virtuoso)."""
from __future__ import annotations

from govkg.kg.documents import list_documents, prepare_document, store_documents

from .conftest import gdpr_like, residents_law


def test_a_batch_of_new_documents_is_stored_with_its_metadata(store):
    prepared = [prepare_document(residents_law("batch-a")), prepare_document(gdpr_like("batch-b"))]
    store_documents(store, prepared)
    listed = {info.doc: info for info in list_documents(store)}
    assert {"batch-a", "batch-b"} <= set(listed)
    for p in prepared:
        assert (listed[p.info.doc].triples, listed[p.info.doc].norms) == (p.info.triples, p.info.norms)
        assert store.graph_exists(p.info.graph)
