"""The delegation detector on both stores: who a provision leaves the rules to, and whether a
stored document of that level implements it (texts extracted for real, small and inline)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govkg.ingest.extract import extract_path, extract_text
from govkg.kg.delegation import delegate_of, find_delegations
from govkg.kg.documents import ingest_document
from tests.kg.diff_sample import LOCAL, NATIONAL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import SHARED  # noqa: E402  (the root tests/conftest.py)

def test_a_delegation_to_the_provinces_is_implemented_by_a_provincial_regulation(store):
    ingest_document(store, extract_text(NATIONAL, "community"))
    ingest_document(store, extract_text(LOCAL, "province"))
    found = {d.article: d for d in find_delegations(store)}
    assert set(found) == {"第二条", "第三条"}
    assert found["第二条"].delegate == "省、自治区、直辖市"
    assert found["第二条"].implemented_by == ["province"]
    assert found["第三条"].delegate == "国务院住房和城乡建设主管部门"
    assert found["第三条"].implemented_by == [] and found["第三条"].implementers == ["province"]
    assert [d.article for d in find_delegations(store, doc="province")] == []


def test_without_an_implementing_document_a_delegation_stands_open(store):
    ingest_document(store, extract_text(NATIONAL, "community"))
    assert all(d.implemented_by == [] == d.implementers for d in find_delegations(store, doc="community"))


@pytest.mark.parametrize("sentence,delegate", [
    ("慈善组织的组织形式、登记管理的具体办法由国务院制定。", "国务院"),
    ("具体管理办法由国务院民政部门会同网信、工业和信息化等部门另行制定。", "国务院民政部门"),
    ("The Secretary of State may by regulations make further provision about the code.", "The Secretary of State"),
])
def test_the_delegate_is_read_from_the_sentence(sentence, delegate):
    assert delegate_of(sentence) == delegate


def test_the_charity_law_leaves_its_rules_to_national_bodies_and_provinces_implement_it(store):
    paths = [SHARED / "corpus-cn" / "慈善法(2016-03-16).md", *sorted((SHARED / "corpus-local").glob("*慈善*.md"))]
    if not all(p.exists() for p in paths) or len(paths) != 4:
        pytest.skip("needs ../shared/corpus-cn and ../shared/corpus-local")
    for path in paths:
        ingest_document(store, extract_path(path))
    national = {d.article: d for d in find_delegations(store, doc="慈善法(2016-03-16)")}
    # read by hand: 第二十条 具体办法由国务院制定; 第五十四条 具体办法由国务院民政部门制定;
    # 第六十条 …的标准，由国务院民政部门会同国务院财政、税务等部门…制定
    assert {a: d.delegate for a, d in national.items()} == {
        "第二十条": "国务院", "第五十四条": "国务院民政部门", "第六十条": "国务院民政部门"}
    assert all(len(d.implementers) == 3 and d.implemented_by == [] for d in national.values())


@pytest.mark.parametrize("delegate,level,expected", [
    ("国务院民政部门", "departmental-rule", True),       # a body of the State Council makes a ministry's rule
    ("国务院民政部门", "local-regulation", False),
    ("国务院", "departmental-rule", False),
    ("省、自治区、直辖市", "departmental-rule", False),
])
def test_a_delegation_to_a_ministry_is_met_by_a_departmental_rule(delegate, level, expected):
    from govkg.kg.delegation import fits
    from govkg.ontology import terms as T
    assert fits(delegate, T.LEVEL[level]) is expected
