"""Bearers whose head noun names an institution or a person of their own (图书馆, 幼儿园, 子女, 家长),
and bearers cut short or run long by the words around them. Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text
from tests.ingest.zh_reading import actors, keys


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


def test_the_field_of_a_department_does_not_reach_a_unit_listed_after_it():
    assert actors("第十四条 卫生主管部门、医院应当做好传染病防治宣传。") == {"卫生主管部门", "医院"}


def test_the_activity_of_a_unit_does_not_reach_a_person_listed_after_it():
    assert actors("第十五条 施工单位或者个人应当恢复道路原状。") == {"施工单位", "个人"}


def test_a_determiner_still_reaches_every_bare_head():
    assert actors("第十六条 一切单位和个人都有保护环境的义务。") >= {"一切单位", "一切个人"}


def test_a_vague_qualifier_of_the_conjunct_before_reaches_a_bare_person():
    assert actors("第十七条 电力用户以及其他有关单位和个人不得危害电力设施。") == {
        "电力用户", "其他有关单位", "其他有关个人"}


def test_the_place_the_units_come_from_reaches_every_bare_head():
    assert actors("第十八条 境外单位或者个人不得擅自开展测绘活动。") == {"境外单位", "境外个人"}


# ---- benefits a named bearer enjoys (GUIDELINES: rights and benefits are permissions) --------------------
def test_support_or_honours_a_named_bearer_enjoys_are_its_permissions():
    assert keys("第十九条 从事社区服务的社会组织享受政府给予的政策扶持。") == {("从事社区服务的社会组织", "permission")}
    assert keys("第二十条 见义勇为人员依照有关规定享受优待。") == {("见义勇为人员", "permission")}


def test_a_benefit_inside_the_action_of_a_sanction_is_no_permission():
    found = keys("第二十一条 企业弄虚作假的，由主管部门停止其享受本条例规定的补贴。")
    assert ("企业", "permission") not in found and ("主管部门", "obligation") in found


def test_a_benefit_in_a_relative_clause_before_the_bearer_is_no_permission():
    assert keys("第二十二条 享受补贴的企业应当如实报告经营情况。") == {("享受补贴的企业", "obligation")}


# ---- the act on whose occasion a bearer has a duty (用人单位招用人员，不得…) -------------------------------
def test_an_actor_and_the_object_of_its_act_before_a_modal_clause_give_the_actor_alone():
    assert keys("第二十三条 用人单位聘用人员，不得收取押金。") == {("用人单位", "prohibition")}
    assert keys("第二十四条 企业录用职工，应当依法签订劳动合同。") == {("企业", "obligation")}


def test_a_department_named_by_a_field_that_reads_as_a_verb_stays_one_name():
    assert keys("第二十五条 政府采购部门应当及时公开采购信息。") == {("政府采购部门", "obligation")}
