"""Drafting-grammar rules that generalize beyond the reference texts, each on a made-up provision."""
from __future__ import annotations

from ingest.extract import extract_text


def zh(text: str):
    return extract_text(text, "t", "zh").norms


def en(text: str):
    return extract_text(text, "t", "en").norms


def keys(found) -> set[tuple]:
    return {(n.actor, n.modality) for n in found}


# ---- zh: actions are predicates, not time or manner frames -------------------------------------
def test_time_frame_clause_is_a_condition_and_the_next_clause_is_the_action():
    found = zh("第八条 县级人民政府应当在收到评估报告后三十日内，组织专家进行复核。")
    assert [(n.actor, n.action) for n in found] == [("县级人民政府", "组织专家进行复核")]
    assert "收到评估报告后三十日内" in found[0].condition


def test_starting_day_frame_before_a_sanction_is_not_the_action():
    found = zh("第九条 企业拒不整改的，主管部门可以自作出整改决定之日起，按日加收滞纳金。")
    assert [(n.actor, n.modality, n.action) for n in found] == [("主管部门", "permission", "按日加收滞纳金")]


# ---- zh: 会同 ----------------------------------------------------------------------------------
def test_you_x_huitong_y_decides_is_a_power_of_both_and_not_an_action_of_huitong():
    found = zh("第十条 检查规程由国务院交通运输部门会同国务院有关部门制定。")
    assert keys(found) == {("国务院交通运输部门", "permission"), ("国务院有关部门", "permission")}
    assert {n.role for n in found} == {"lead", "support"}


def test_huitong_inside_a_modifier_is_not_a_norm():
    found = zh("第十一条 企业从事国务院交通运输部门会同国务院有关部门规定的高风险作业，应当配备专职人员。")
    assert keys(found) == {("企业", "obligation")}


def test_department_name_with_he_inside_is_one_bearer():
    found = zh("第十二条 国务院教育和体育部门应当制定校园安全标准。")
    assert keys(found) == {("国务院教育和体育部门", "obligation")}


# ---- zh: subjects ----------------------------------------------------------------------------
def test_verbal_topic_is_not_a_bearer():
    found = zh("第十三条 召开业主大会，应当有过半数的业主参加。")
    assert keys(found) == {("", "obligation")}


def test_actor_inside_a_relative_clause_is_not_the_bearer():
    found = zh("第十四条 企业使用的压力容器，必须定期检验。")
    assert keys(found) == {("", "obligation")}


def test_modal_inside_a_relative_clause_is_not_a_norm():
    found = zh("第十五条 学校应当告知学生在火灾时应当采取的避险措施。")
    assert [(n.actor, n.action) for n in found] == [("学校", "告知学生在火灾时应当采取的避险措施")]


def test_condition_subject_bears_the_norm_when_the_main_clause_has_none():
    found = zh("第十六条 商场的经营单位举办大型活动的，应当制定应急预案。")
    assert keys(found) == {("商场的经营单位", "obligation")}


def test_duty_defined_subject_is_the_bearer_not_the_previous_actor():
    found = zh("第十七条 企业应当报告事故。负责事故处理的县级人民政府应当公布处理结果。")
    assert ("负责事故处理的县级人民政府", "obligation") in keys(found)
    assert ("企业", "obligation") in keys(found)


def test_directing_verb_keeps_the_bearer_and_the_action():
    found = zh("第十八条 县级人民政府应当加强领导，督促各有关部门履行监督职责。")
    assert keys(found) == {("县级人民政府", "obligation")}
    assert "督促各有关部门履行监督职责" in {n.action for n in found}


# ---- zh: coordinated bearers keep shared qualifiers ------------------------------------------
def test_owner_qualifier_carries_over_to_member_conjuncts():
    found = zh("第十九条 医院的负责人和后勤人员必须具备消防知识。")
    assert keys(found) == {("医院的负责人", "obligation"), ("医院的后勤人员", "obligation")}


def test_government_qualifier_carries_over_to_bare_departments():
    found = zh("第二十条 复核由市人民政府卫生部门、财政部门负责组织。")
    assert keys(found) == {("市人民政府卫生部门", "obligation"), ("市人民政府财政部门", "obligation")}


def test_vague_qualifier_carries_over_and_flags_both():
    found = zh("第二十一条 有关人民政府或者主管部门应当及时核查。")
    assert {(n.actor, n.vague_actor) for n in found} == {("有关人民政府", True), ("有关主管部门", True)}


def test_descriptive_qualifier_does_not_carry_over():
    found = zh("第二十二条 代表由年满十八周岁的居民或者每户派代表推选。")
    assert "年满十八周岁的每户派代表" not in {n.actor for n in found}


# ---- zh: 由X负责, 对X负责, liability ----------------------------------------------------------
def test_yingdang_you_x_fuze_is_one_norm_of_x():
    found = zh("第二十三条 工程竣工前，应当由施工单位负责组织验收。")
    assert [(n.actor, n.action) for n in found] == [("施工单位", "负责组织验收")]


def test_clause_final_fuze_takes_the_dui_object():
    found = zh("第二十四条 检验机构及其负责检验的人员对检验结论负责。")
    assert {(n.actor, n.action) for n in found} == {
        ("检验机构", "对检验结论负责"), ("负责检验的人员", "对检验结论负责")}


def test_liability_after_a_violation_is_not_a_norm():
    found = zh("第二十五条 企业隐瞒事故的，责任人员应当依法承担责任。")
    assert found == []


def test_fangke_is_a_permission_of_the_subject():
    found = zh("第二十六条 特种作业人员必须经专门培训，取得资格证书，方可上岗。")
    assert keys(found) == {("特种作业人员", "obligation"), ("特种作业人员", "permission")}


# ---- en ----------------------------------------------------------------------------------------
def test_shall_have_the_right_to_is_a_permission_of_the_subject():
    found = en("Article 5\n\nRights\n\n1.   The data subject shall have the right to obtain a copy from the controller.")
    assert keys(found) == {("The data subject", "permission")}
    assert found[0].action.startswith("obtain a copy")


def test_second_modal_after_and_takes_its_own_subject():
    found = en("Article 6\n\nErasure\n\n1.   The data subject shall have the right to request erasure and the "
               "controller shall have the obligation to erase the data without delay.")
    assert keys(found) == {("The data subject", "permission"), ("the controller", "obligation")}


def test_leading_prepositional_phrase_is_not_part_of_the_subject():
    found = en("Article 7\n\nMeasures\n\n1.   In such cases the processor shall keep a record of the request.")
    assert keys(found) == {("the processor", "obligation")}


def test_parenthetical_between_commas_is_skipped():
    found = en("Article 8\n\nObjection\n\n1.   The data subject, on grounds relating to his or her situation, "
               "may object to the processing.")
    assert keys(found) == {("The data subject", "permission")}


def test_passive_agent_is_the_bearer_but_not_across_a_comma():
    found = en("Article 9\n\nInformation\n\n1.   A data subject who asked for a review shall be informed by the "
               "controller before the review ends. The notice shall be given in writing, unless requested otherwise "
               "by the data subject.")
    assert keys(found) == {("the controller", "obligation"), ("", "obligation")}


def test_empowerment_and_no_longer():
    found = en("Article 10\n\nPowers\n\n1.   The Board shall be empowered to adopt guidelines. "
               "The processor shall no longer process the data.")
    assert keys(found) == {("The Board", "permission"), ("The processor", "prohibition")}


def test_rights_limitation_clause_is_not_a_norm():
    found = en("Article 11\n\nLimits\n\n1.   The right referred to in paragraph 1 shall not adversely affect "
               "the rights of others.")
    assert found == []


# ---- zh: later refinements ------------------------------------------------------------------
def test_power_verb_after_a_manner_frame_is_a_permission():
    found = zh("第二十七条 组长由居民按每十户推选一人。")
    assert keys(found) == {("居民", "permission")}


def test_relative_clause_subject_led_by_a_verb_is_the_bearer():
    found = zh("第二十八条 接受举报的部门应当及时核实。")
    assert [(n.actor, n.action) for n in found] == [("接受举报的部门", "及时核实")]


def test_yingdang_you_with_a_qualified_agent_is_not_a_relative_modal():
    found = zh("第二十九条 培训，应当由主管的县级人民政府教育部门组织考核。")
    assert keys(found) == {("主管的县级人民政府教育部门", "obligation")}


def test_department_name_after_the_government_is_one_bearer():
    found = zh("第三十条 国务院标准化行政主管部门负责组织制定国家标准。")
    assert keys(found) == {("国务院标准化行政主管部门", "obligation")}


def test_label_ending_in_ren_does_not_swallow_renyuan():
    found = zh("第三十一条 企业的管理人员应当接受培训。")
    assert keys(found) == {("企业的管理人员", "obligation")}
