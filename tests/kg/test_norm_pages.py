"""A page of norms is the first norms in graph and norm order, however many documents the store
holds: the store sorts nothing, the pages walk the document graphs (govkg.kg.queries._first_norms)."""
from __future__ import annotations

import pytest

from govkg.kg.documents import prepare_document, store_documents
from govkg.kg.mapping import graph_iri
from govkg.kg.queries import norms

from .conftest import gdpr_like, residents_law

DOCS = [f"page-{i}" for i in (3, 0, 5, 1, 4, 2)]     # stored out of order


@pytest.fixture
def seven_documents(store):
    store_documents(store, [prepare_document(residents_law(doc)) for doc in DOCS]
                    + [prepare_document(gdpr_like("page-en"))])
    return store


def first(views, count):
    return sorted(views, key=lambda v: (graph_iri(v.doc), v.iri))[:count]


@pytest.mark.parametrize("count", [1, 4, 5, 6, 13, 25, 100])
def test_a_page_holds_the_first_norms_of_the_whole_store(seven_documents, count):
    every = norms(seven_documents, limit=1_000_000, extracted=True)
    assert len(every) == 25        # six documents of four norms (第十一条 is one norm of two bearers), one of one
    page = norms(seven_documents, limit=count, extracted=True)
    assert [v.iri for v in first(page, count)] == [v.iri for v in first(every, count)]
    assert len(page) == min(count, 25)


def test_a_filtered_page_walks_on_until_it_is_full(seven_documents):
    page = norms(seven_documents, words="报告工作", limit=4, extracted=True)
    every = [v for v in norms(seven_documents, limit=1_000_000, extracted=True) if "报告工作" in v.action]
    assert len(every) == 6
    assert [v.iri for v in first(page, 4)] == [v.iri for v in first(every, 4)]
    assert {v.provision_label for v in page} == {"第十条"}     # the provision's facts come with each norm
    assert all(v.bearers for v in page)


def test_a_page_of_one_actor_is_cut_after_sorting(seven_documents):
    every = norms(seven_documents, actor="居民委员会", limit=1_000_000, extracted=True)
    assert len(every) == 12
    page = norms(seven_documents, actor="居民委员会", limit=3, extracted=True)
    assert [v.iri for v in first(page, 3)] == [v.iri for v in first(every, 3)]
