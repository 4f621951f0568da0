"""Qualifiers shared by the bearers of a Chinese list (GUIDELINES: "one record per named unit, each
with the shared qualifiers"). Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def bearers(text: str) -> set[tuple[str, bool]]:
    return {(n.actor, n.vague_actor) for n in extract_text(text, "t", "zh").norms}


def test_a_vague_qualifier_reaches_every_bare_name_of_its_list():
    assert bearers("第三条 相关地区、部门应当及时公布重要数据目录。") == {("相关地区", True), ("相关部门", True)}


def test_a_body_and_its_staff_name_the_staff_as_the_bodys():
    assert bearers("第四条 市场监管部门及其工作人员应当对知悉的商业秘密予以保密。") == {
        ("市场监管部门", False), ("市场监管部门工作人员", False)}


def test_staff_with_their_own_qualifier_keep_it():
    assert bearers("第五条 检测机构及其负责检测的人员应当对检测结论负责。") == {
        ("检测机构", False), ("负责检测的人员", False)}


def test_the_other_departments_beside_a_governments_department_are_that_governments():
    found = bearers("第六条 县级以上人民政府教育部门和其他有关部门应当加强校园安全管理。")
    assert found == {("县级以上人民政府教育部门", False), ("县级以上人民政府其他有关部门", True)}


def test_a_vague_qualifier_after_a_government_reaches_a_bare_unit_but_not_a_department():
    assert bearers("第七条 县级以上人民政府有关部门和单位应当加强信用体系建设。") == {
        ("县级以上人民政府有关部门", True), ("有关单位", True)}
    assert bearers("第八条 县级以上人民政府有关部门和公安部门应当加强管理。") == {
        ("县级以上人民政府有关部门", True), ("县级以上人民政府公安部门", False)}
