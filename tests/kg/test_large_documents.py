"""A document of any size loads into a server: the largest files of the corpora into a real
Virtuoso, which compiles no single INSERT DATA of a whole law (10,000 lines of generated SQL)."""
from __future__ import annotations

import pytest

from govkg.ingest.extract import extract_path
from govkg.kg.documents import get_document, ingest_document
from govkg.kg.mapping import graph_iri
from govkg.kg.server_store import ServerStore
from govkg.kg.store import INSERT_CHUNK

from conftest import SHARED  # the root tests/conftest.py

LARGE = [SHARED / "corpus" / "en_gdpr_full.txt", SHARED / "corpus-cn" / "刑法.md"]


@pytest.mark.parametrize("path", LARGE, ids=lambda p: p.name)
def test_a_large_law_loads_whole_and_replaces(virtuoso, path):
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    document = extract_path(path)
    with ServerStore(virtuoso.endpoint) as server:
        info = ingest_document(server, document)
        assert info.triples > 4 * INSERT_CHUNK      # more than one operation holds
        again = ingest_document(server, document)  # replaced, not added to
        stored = server.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri(document.doc)}> {{ ?s ?p ?o }} }}")
        assert int(stored[0]["n"]) == again.triples == info.triples
        assert get_document(server, document.doc).norms == info.norms > 0
