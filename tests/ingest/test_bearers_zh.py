"""Bearers whose head noun names an institution or a person of their own (图书馆, 幼儿园, 子女, 家长),
and bearers cut short or run long by the words around them. Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def bearers(text: str) -> set[tuple[str, str]]:
    return {(n.actor, n.modality) for n in extract_text(text, "t", "zh").norms}


def test_a_library_is_a_bearer():
    assert bearers("第九条 县级图书馆应当定期向社会公告服务时间。") == {("县级图书馆", "obligation")}


def test_a_kindergarten_listed_with_schools_is_a_bearer():
    assert bearers("第十条 中小学校、幼儿园应当开展安全教育。") == {("中小学校", "obligation"), ("幼儿园", "obligation")}


def test_children_owned_by_an_actor_phrase_bear_their_duty():
    assert bearers("第十一条 残疾人的子女应当履行扶养义务。") == {("残疾人的子女", "obligation")}


def test_parents_are_bearers():
    assert bearers("第十二条 家长应当配合学校做好学生的安全教育。") == {("家长", "obligation")}


def test_a_family_inside_the_name_of_a_wrong_is_no_bearer():
    assert bearers("第十三条 禁止任何形式的家庭暴力。") == {("", "prohibition")}
