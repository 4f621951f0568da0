"""overlap and conflict compare matters: a generic verb alone (规定, 承担, 负责) is no matter, so two
documents that both say "…负责" or "…规定" do not overlap, while the same matter worded two ways does."""
from __future__ import annotations

import pytest

from govkg.ingest.extract import extract_text
from govkg.kg.documents import ingest_document
from govkg.kg.gaps import find_gaps
from govkg.kg.oxigraph_store import OxigraphStore
from govkg.ontology import terms as T

LAW_A = """第一条 物业服务企业应当依法负责维修资金的筹集。
第二条 具体办法由国务院规定。
第三条 街道办事处负责。
第四条 物业服务企业不得公开业主信息。
第五条 物业服务企业不得承担。
"""
LAW_B = """第一条 业主委员会应当做好维修资金的筹集。
第二条 具体办法由省人民政府规定。
第三条 居民委员会负责。
第四条 物业服务企业应当公开业主信息和收支情况。
第五条 物业服务企业应当承担。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = OxigraphStore(tmp_path_factory.mktemp("matters") / "store")
    for doc, text in (("law_a", LAW_A), ("law_b", LAW_B)):
        ingest_document(opened, extract_text(text, doc, "zh"))
    yield opened
    opened.close()


def test_norms_carry_their_matter(store):
    matters = {r["m"] for r in store.select(f"SELECT ?m WHERE {{ GRAPH ?g {{ ?n <{T.matter}> ?m }} }}")}
    assert "维修资金的筹集" in matters and not matters & {"规定", "负责"}


def test_overlap_is_on_the_matter_not_the_verb(store):
    found = find_gaps(store, ["overlap"])
    explained = {f.explanation for f in found}
    assert len(found) == 2, explained
    assert all("规定" not in e and "负责”" not in e for e in explained)
    assert {f.actor for f in found} == {"物业服务企业", "业主委员会"}


def test_conflict_is_on_the_matter(store):
    found = find_gaps(store, ["conflict"])
    assert [(f.doc, f.article) for f in found] == [("law_a", "第四条")], [f.explanation for f in found]
    assert "公开业主信息和收支情况" in found[0].explanation          # not 承担 against 承担
