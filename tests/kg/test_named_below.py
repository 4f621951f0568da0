"""Who the laws below name, on every store: a local regulation that implements a law and names the
bearer the law leaves vague (texts extracted for real)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govkg.ingest.extract import extract_path, extract_text
from govkg.kg.documents import ingest_document
from govkg.kg.named_below import implementers, named_below
from govkg.ontology.errors import NotFound
from tests.kg.diff_sample import NAMING_LOCAL, VAGUE_NATIONAL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import SHARED  # noqa: E402  (the root tests/conftest.py)


def test_a_vague_bearer_of_a_law_is_named_by_the_regulation_below(store):
    ingest_document(store, extract_text(VAGUE_NATIONAL, "community"))
    ingest_document(store, extract_text(NAMING_LOCAL, "province"))
    assert implementers(store, "community") == ["province"] and implementers(store, "province") == []
    found = named_below(store, "community")
    assert [(n["article"], n["actor"]) for n in found] == [("第二条", "有关部门")]
    assert [(h["doc"], h["article"], h["actor"]) for h in found[0]["named"]] == [
        ("province", "第二条", "县级以上人民政府民政部门")]


def test_norms_as_read_for_a_user_get_the_same_names_below_on_every_store(store):
    """named_below_norms (for /norms/{id}, the norm's page and govkg norms) agrees with named_below."""
    from govkg.kg import queries
    from govkg.kg.named_below import named_below_norms
    ingest_document(store, extract_text(VAGUE_NATIONAL, "community"))
    ingest_document(store, extract_text(NAMING_LOCAL, "province"))
    views = queries.norms(store, doc="community") + queries.norms(store, doc="province")
    found = named_below_norms(store, views)
    assert len(found) == 1
    (norm_id, hits), = found.items()
    vague = next(v for v in views if v.id == norm_id)
    assert (vague.doc, vague.provision_label, [b.label for b in vague.bearers]) == ("community", "第二条", ["有关部门"])
    assert hits == named_below(store, "community")[0]["named"]


def test_a_law_nothing_implements_names_nobody_below(store):
    ingest_document(store, extract_text(VAGUE_NATIONAL, "community"))
    assert named_below(store, "community") == []
    with pytest.raises(NotFound):
        named_below(store, "nowhere")


def test_shanghai_names_the_departments_the_charity_law_leaves_to_relevant_departments(store):
    law, local = SHARED / "corpus-cn" / "慈善法(2023-12-29).md", SHARED / "corpus-local" / "上海市慈善条例(2021-09-28).md"
    if not (law.exists() and local.exists()):
        pytest.skip("needs ../shared/corpus-cn and ../shared/corpus-local")
    ingest_document(store, extract_path(law))
    ingest_document(store, extract_path(local))
    found = {(n["article"], n["action"]): n for n in named_below(store, law.stem)}
    # 慈善法 第六条: 县级以上人民政府有关部门…在各自的职责范围内做好相关工作; 上海市慈善条例 第五条 names
    # 发展改革、财政、人力资源社会保障、应急管理、网信、通信管理、公安、审计等部门 for the same work
    sixth = found[("第六条", "在各自的职责范围内做好相关工作")]
    named = {h["actor"] for h in sixth["named"] if h["doc"] == local.stem}
    assert {"公安机关", "审计部门", "人力资源社会保障部门"} <= named
