"""Drafting-grammar rules that generalize beyond the reference texts, each on a made-up provision."""
from __future__ import annotations

from govkg.ingest.confidence import rules_only
from govkg.ingest.extract import extract_text


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
def test_you_x_huitong_y_draws_up_is_a_duty_of_both_never_a_permission():
    found = zh("第十条 检查规程由国务院交通运输部门会同国务院有关部门制定。具体办法由国务院应急管理部门制定。")
    assert keys(found) == {("国务院交通运输部门", "obligation"), ("国务院有关部门", "obligation"),
                           ("国务院应急管理部门", "obligation")}
    assert {n.role for n in found} == {"lead", "support", "sole"}


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


def test_fangke_restricts_the_subject_it_does_not_empower_it():
    found = zh("第二十六条 特种作业人员必须经专门培训，取得资格证书，方可上岗。")
    assert keys(found) == {("特种作业人员", "obligation"), ("特种作业人员", "prohibition")}


def test_a_party_named_by_fang_that_may_act_is_empowered_not_restricted():
    # 方可 ("only then may") restricts; 双方/各方/对方/一方 + 可以 is a party that may act
    assert keys(zh("第二十二条 发生医疗纠纷，医患双方可以通过协商解决。")) == {("医患双方", "permission")}
    assert keys(zh("第十条 合作各方可以共同委托会计师查账。")) == {("合作各方", "permission")}
    assert keys(zh("第九条 当事人一方不履行合同的，对方可以请求赔偿。")) == {("对方", "permission")}
    assert ("经营者", "prohibition") in keys(zh("第八条 经营者经批准后，方可从事经营活动。"))


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


# ---- zh: lists of units under one head ----------------------------------------------------------
def test_units_listed_before_one_head_each_take_the_head_and_its_qualifiers():
    found = zh("第三十二条 县级以上人民政府卫生健康、公安等有关部门应当加强监督检查。")
    assert {(n.actor, n.vague_actor) for n in found} == {
        ("县级以上人民政府卫生健康部门", False), ("县级以上人民政府公安部门", False),
        ("县级以上人民政府有关部门", True)}


def test_bare_list_before_one_head_and_names_that_take_no_head():
    found = zh("第三十三条 生产、经营、储存单位和机关、团体、事业等单位应当制定防火制度。")
    assert {n.actor for n in found} == {"生产单位", "经营单位", "储存单位", "机关", "团体", "事业单位"}


def test_list_closed_by_a_class_noun_keeps_the_named_items():
    found = zh("第三十四条 广播、电视、报刊等媒体应当开展公益宣传。")
    assert {n.actor for n in found} == {"广播", "电视", "报刊"}


def test_levels_of_government_before_one_head_but_a_fixed_form_stays_whole():
    found = zh("第三十五条 市、区人民政府应当制定规划。省、自治区、直辖市人民政府可以制定实施办法。")
    assert keys(found) == {("市人民政府", "obligation"), ("区人民政府", "obligation"),
                           ("省、自治区、直辖市人民政府", "permission")}


def test_deng_inside_a_word_or_before_a_clause_is_not_a_list():
    found = zh("第三十六条 普通高等学校应当开设课程。进行电焊、气焊等具有火灾危险作业的人员必须持证上岗。")
    assert {n.actor for n in found} == {"普通高等学校", "进行电焊、气焊等具有火灾危险作业的人员"}


# ---- zh: policy papers (意见, 通知, 方案) -----------------------------------------------------------
POLICY_HEAD = "# 国务院关于促进就业的若干意见\n\n"


def test_responsible_units_note_gives_the_lead_and_supporting_bearers():
    found = zh(POLICY_HEAD + "1.扩大见习范围。实施青年见习计划。（人力资源社会保障部牵头，财政部、教育部按职责分工负责）")
    assert {(n.actor, n.modality, n.role, n.action) for n in found} >= {
        ("人力资源社会保障部", "obligation", "lead", "扩大见习范围"),
        ("财政部", "obligation", "support", "扩大见习范围"),
        ("教育部", "obligation", "support", "扩大见习范围")}
    assert not any("（" in n.actor for n in found)


def test_first_listed_unit_leads_once_the_convention_is_stated_and_deng_keeps_named_units():
    found = zh(POLICY_HEAD + "（一）加大稳岗支持力度。返还失业保险费。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）\n\n"
               "（二）开展失业人员培训。给予职业培训补贴。（财政部、教育部等有关部门和单位负责）\n\n"
               "（三）落实主体责任。制定实施办法。（各省级人民政府负责）")
    roles = {(n.actor, n.role, n.action) for n in found if n.role in ("lead", "support", "sole")}
    assert ("人力资源社会保障部", "lead", "加大稳岗支持力度") in roles
    assert ("财政部", "support", "加大稳岗支持力度") in roles
    assert ("财政部", "lead", "开展失业人员培训") in roles and ("教育部", "support", "开展失业人员培训") in roles
    assert ("各省级人民政府", "sole", "落实主体责任") in roles
    assert not any(n.actor.startswith("有关") for n in found)


def test_without_the_convention_several_units_share_the_task_with_no_lead():
    found = zh(POLICY_HEAD + "1.简化手续。简化核准手续。（海关总署、商务部负责）")
    assert {(n.actor, n.role) for n in found} == {("海关总署", "joint"), ("商务部", "joint")}


def test_policy_yao_with_a_named_bearer_and_an_impersonal_task_with_a_modal():
    found = zh(POLICY_HEAD + "对失业人员应当及时登记。\n\n财政部要加大资金支持力度。各地区各有关部门要加强协同配合。")
    assert keys(found) == {("财政部", "obligation"), ("", "obligation"),
                           ("各地区", "obligation"), ("各有关部门", "obligation")}


def test_policy_invitation_is_a_permission_of_the_invited_actor_only():
    found = zh(POLICY_HEAD + "允许综合保税区内企业开展保税维修业务。支持和鼓励新技术发展。允许在口岸开展保税展示业务。")
    assert keys(found) == {("综合保税区内企业", "permission"), ("", "permission")}


def test_a_paper_that_is_not_a_policy_keeps_no_impersonal_advice():
    found = zh("# 多元主体协同治理研究\n\n应当加强协同。政府需要完善制度。")
    assert ("", "obligation") not in keys(found)


# ---- zh: subjects and impersonal bans ----------------------------------------------------------
def test_actor_name_starting_like_a_preposition_is_still_the_subject():
    found = zh("第三十七条 应急管理部门及消防救援机构应当加强宣传。经营单位应当建立制度。")
    assert keys(found) == {("应急管理部门", "obligation"), ("消防救援机构", "obligation"), ("经营单位", "obligation")}


def test_dou_you_de_yiwu_is_a_duty_of_each_bearer():
    found = zh("第三十八条 任何单位和成年人都有参加有组织的灭火工作的义务。")
    assert keys(found) == {("任何单位", "obligation"), ("任何成年人", "obligation")}


def test_clause_initial_ban_takes_no_bearer_from_the_last_sentence():
    found = zh("第三十九条 主管部门应当进行验收。依法应当进行消防验收的建设工程，未经验收的，禁止投入使用。")
    assert keys(found) == {("主管部门", "obligation"), ("", "prohibition")}
    assert {n.action for n in found} == {"进行验收", "投入使用"}


def test_modal_clause_with_a_subject_is_not_mistaken_for_a_relative_topic():
    found = zh("第四十条 居民委员会进行工作，应当采取民主的方法，不得强迫命令。")
    assert keys(found) == {("居民委员会", "obligation"), ("居民委员会", "prohibition")}


# ---- zh: duties stated without a modal ----------------------------------------------------------
def test_named_body_with_a_task_verb_is_a_duty_without_a_modal():
    with rules_only():      # the rule's own reading: less sure than a modal verb
        found = zh("第四十一条 国务院领导全国的消防工作。县级以上地方人民政府应急管理部门对本行政区域内的消防工作实施监督管理。")
    assert keys(found) == {("国务院", "obligation"), ("县级以上地方人民政府应急管理部门", "obligation")}
    assert all(n.confidence <= 0.7 for n in found)


def test_subject_followed_by_a_frame_carries_to_the_next_clauses():
    found = zh("第四十二条 机关、团体等单位根据需要，建立志愿消防队，开展自防自救工作。")
    assert keys(found) == {("机关", "obligation"), ("团体", "obligation")}
    assert {n.action for n in found} == {"建立志愿消防队", "开展自防自救工作"}


def test_guojia_policy_statements_status_and_verbal_starts_are_not_duties():
    found = zh("第四十三条 国家建立消防工作责任制。县级以上人民政府是本行政区域的行政领导机关。"
               "国家鼓励企业事业单位为志愿服务提供场所。居民委员会协助进行的工作由有关部门规定。")
    assert {n.actor for n in found} <= {"有关部门"}


def test_xiezhu_without_a_modal_is_a_supporting_duty():
    found = zh("第四十四条 居民委员会依法协助乡人民政府开展工作。")
    assert [(n.actor, n.role) for n in found] == [("居民委员会", "support")]


# ---- zh: bearer spans end before a verb or a preposition ------------------------------------------
def test_bearer_span_stops_before_a_verb_between_two_actors():
    found = zh("第四十五条 志愿服务组织安排志愿者从事有风险的活动时，应当为志愿者办理人身保险。")
    assert keys(found) == {("志愿服务组织", "obligation")}


def test_bearer_span_stops_before_weijing_and_the_thing_subject_has_no_bearer():
    found = zh("第四十六条 公众聚集场所未经消防救援机构许可，不得投入使用、营业。")
    assert keys(found) == {("", "prohibition")}


def test_a_long_list_of_departments_before_one_head_is_one_subject():
    found = zh("第四十七条 发展改革、财政、人力资源社会保障、教育、科技、文化旅游、卫生健康等部门按照各自职责，"
               "负责与志愿服务有关的工作。")
    assert {n.actor for n in found} == {"发展改革部门", "财政部门", "人力资源社会保障部门", "教育部门", "科技部门",
                                         "文化旅游部门", "卫生健康部门"}


def test_a_later_modal_clause_with_its_own_subject_becomes_the_topic():
    found = zh("第四十八条 本市建立信用信息归集机制，有关部门应当将信息归集，依法给予信用激励。")
    assert keys(found) == {("有关部门", "obligation")}
    assert {n.action for n in found} == {"将信息归集", "信用激励"}


def test_items_under_xialie_danwei_are_the_bearers_of_the_lead_in():
    found = zh("第四十九条 下列单位应当建立专职消防队：\n\n（一）大型发电厂、民用机场；\n\n"
               "（二）生产、储存危险品的大型企业；\n\n（三）储备物资的大型仓库、基地。")
    assert {n.actor for n in found} == {"大型发电厂", "民用机场", "生产危险品的大型企业", "储存危险品的大型企业",
                                         "储备物资的大型仓库", "储备物资的大型基地"}
    assert {n.action for n in found} == {"建立专职消防队"}


def test_a_principle_frame_with_fuze_inside_is_not_a_norm():
    assert zh("第五十条 按照政府统一领导、单位全面负责的原则，实行消防安全责任制。") == []


def test_adverb_before_the_modal_and_yiwai_de_qita_keep_the_subject():
    found = zh("第五十一条 志愿服务组织一般应当避免高风险活动。志愿服务组织以外的其他组织可以开展志愿服务活动。")
    assert keys(found) == {("志愿服务组织", "obligation"), ("志愿服务组织以外的其他组织", "permission")}


def test_policy_verb_led_clause_is_not_a_subject_and_a_partner_with_yu_is_not_a_bearer():
    found = zh(POLICY_HEAD + "引导职工关心企业生存与发展，困难企业与职工协商一致的，可采取协商薪酬等措施。")
    assert keys(found) == {("困难企业", "permission")}


def test_modal_inside_a_an_frame_is_not_a_norm():
    found = zh(POLICY_HEAD + "返还标准可按当地失业保险金确定，或按企业及其职工应缴纳社会保险费50%的标准确定。")
    assert keys(found) == {("", "permission")}


def test_unit_name_after_a_short_qualifier_is_one_bearer():
    found = zh(POLICY_HEAD + "支持第三方检验检测认证机构在综合保税区开展检验认证服务。")
    assert keys(found) == {("第三方检验检测认证机构", "permission")}


# ---- zh: sanctions ------------------------------------------------------------------------------
def test_you_x_zeling_x_bears_every_sanction_of_the_sentence():
    found = zh("第五十二条 志愿服务组织泄露志愿者信息的，由民政部门予以警告，责令限期改正；逾期不改正的，"
               "责令限期停止活动，并可以向社会公告。")
    assert keys(found) == {("民政部门", "obligation"), ("民政部门", "permission")}


def test_a_penalty_with_no_authority_named_is_not_a_norm():
    found = zh("第五十三条 违反本法规定，尚不构成犯罪的，处十日以上十五日以下拘留，可以并处五百元以下罚款。")
    assert found == []


def test_a_disciplinary_penalty_falls_on_the_offender_and_is_no_norm_of_it():
    assert zh("第六十一条 监督管理部门的工作人员滥用职权、玩忽职守的，依法给予处分；构成犯罪的，依法追究刑事责任。") == []
    assert zh("第六十二条 检验机构的工作人员徇私舞弊，尚不构成犯罪的，依法给予处分。") == []


def test_a_penalty_of_an_authority_named_with_you_or_acting_on_its_own_stays_its_norm():
    found = zh("第六十三条 学校违反规定收取费用的，由县级人民政府教育行政部门责令退还所收费用，依法给予处分。")
    assert keys(found) == {("县级人民政府教育行政部门", "obligation")}
    found = zh("第六十四条 县级以上人民政府有关部门对侵犯企业权益的行为进行查处，并对直接责任人员依法给予处分。")
    assert ("县级以上人民政府有关部门", "obligation") in keys(found)


def test_suoxu_is_not_a_modal():
    found = zh("第五十四条 市人民政府应当合理安排志愿服务所需资金。")
    assert keys(found) == {("市人民政府", "obligation")}


def test_jiqi_gives_the_government_its_own_departments():
    found = zh("第五十五条 县级以上人民政府及其卫生健康、公安等有关部门应当加强监督管理。")
    assert {n.actor for n in found} == {"县级以上人民政府", "县级以上人民政府卫生健康部门",
                                         "县级以上人民政府公安部门", "县级以上人民政府有关部门"}


def test_thing_subject_has_no_bearer():
    found = zh("第五十六条 突发事件应急预案应当根据实际需要适时修订。")
    assert keys(found) == {("", "obligation")}


def test_policy_invites_social_forces():
    found = zh(POLICY_HEAD + "鼓励社会力量举办养老机构。")
    assert keys(found) == {("社会力量", "permission")}


def test_place_frame_inside_the_subject_modifier_keeps_the_bearer():
    found = zh("第五十七条 在中华人民共和国领域内的一切单位和个人，必须接受疾病预防控制机构的调查。")
    assert "" not in {n.actor for n in found}
    assert "一切个人" in {n.actor for n in found}


def test_huitong_clause_with_no_subject_continues_the_last_norm():
    found = zh("第五十八条 海关总署应当加大统筹协调力度，会同有关部门建立完善部门协调机制。")
    assert {(n.actor, n.role) for n in found} >= {("海关总署", "lead"), ("有关部门", "support")}


def test_vague_qualifier_of_a_closing_deng_carries_to_the_next_conjunct():
    found = zh("第五十九条 工会、妇女联合会等有关人民团体和群众团体应当做好志愿服务工作。其他组织应当支持志愿服务。")
    assert {(n.actor, n.vague_actor) for n in found} == {
        ("工会", False), ("妇女联合会", False), ("有关人民团体", True), ("有关群众团体", True), ("其他组织", True)}


def test_department_name_starting_like_a_preposition_is_one_bearer():
    found = zh("第六十条 目标由国务院生态环境主管部门会同国务院经济综合主管部门报国务院批准。")
    assert {(n.actor, n.role) for n in found} == {("国务院生态环境主管部门", "lead"), ("国务院经济综合主管部门", "support")}


# ---- zh: people named by what they do in a service -------------------------------------------
def test_passengers_and_drivers_are_bearers_not_an_impersonal_norm():
    found = zh("第二十条 乘客应当遵守乘车秩序。出租汽车驾驶员不得拒载。乘客可以向主管部门投诉。")
    assert keys(found) == {("乘客", "obligation"), ("出租汽车驾驶员", "prohibition"), ("乘客", "permission")}


def test_fangke_only_if_restricts_and_is_a_prohibition():
    found = zh("第二十一条 新建线路经安全评估合格的，方可投入运营。企业可以聘用培训人员。")
    assert [(n.actor, n.modality) for n in found] == [("", "prohibition"), ("企业", "permission")]


# ---- zh: departments listed under one head, and a subject standing alone before its predicate --
def test_units_listed_under_one_head_bear_a_declarative_duty_even_when_a_name_reads_as_a_verb():
    found = zh("第七条 发展改革、应急管理、审计等部门依法在各自职责范围内做好相关工作。")
    assert keys(found) == {("发展改革部门", "obligation"), ("应急管理部门", "obligation"), ("审计部门", "obligation")}


def test_subject_alone_before_a_comma_bears_the_declarative_duty_after_it():
    found = zh("第八条 财政部门和金融监督管理机构，依法在各自职责范围内做好相关工作。")
    assert keys(found) == {("财政部门", "obligation"), ("金融监督管理机构", "obligation")}


def test_subject_alone_before_a_modal_clause_keeps_the_modality():
    found = zh("第九条 国务院各部门，可以根据法律和行政法规，在本部门的权限范围内，制定规章。")
    assert {n.modality for n in found} == {"permission"}


def test_a_frame_with_yi_wei_is_not_a_subject():
    found = zh("第十条 集体所有的林木以县为单位，制定年采伐限额。")
    assert found == []


def test_canyu_is_a_task_verb():
    found = zh("第十一条 居民委员会在有关部门的指导下，依法参与慈善工作。")
    assert [(n.actor, n.modality, n.action) for n in found] == [("居民委员会", "obligation", "参与慈善工作")]


def test_mass_organisations_listed_under_one_head_are_each_a_bearer():
    found = zh("第十二条 工会、共产主义青年团、妇女联合会、红十字会等群团组织应当协助做好相关工作。基金会可以开展募捐。")
    assert keys(found) == {("工会", "obligation"), ("共产主义青年团", "obligation"), ("妇女联合会", "obligation"),
                           ("红十字会", "obligation"), ("基金会", "permission")}


def test_a_ban_on_any_organisation_or_person_names_both_as_vague_bearers():
    found = zh("第十三条 禁止任何组织或者个人侵占公共财产。禁止将危险废物提供给无许可证的单位处置。")
    assert {(n.actor, n.modality, n.vague_actor) for n in found} == {
        ("任何组织", "prohibition", True), ("任何个人", "prohibition", True), ("", "prohibition", False)}
    assert {n.action for n in found if n.actor} == {"侵占公共财产"}


def test_bixu_shi_frame_keeps_the_last_bearer():
    found = zh("第十四条 企业应当及时采取疏导措施，必要时可以采取临时封站等措施。")
    assert [(n.actor, n.modality) for n in found] == [("企业", "obligation"), ("企业", "permission")]


def test_units_joining_a_body_another_leads_support_it():
    found = zh("第十五条 县级人民政府应当建立由应急管理部门牵头、公安部门和交通运输部门参加的联席会议制度。")
    assert {(n.actor, n.role) for n in found if n.role in ("lead", "support")} == {
        ("应急管理部门", "lead"), ("公安部门", "support"), ("交通运输部门", "support")}


# ---- a bearer that is there is never "no bearer" ---------------------------------------------
def test_an_agent_noun_no_label_covers_is_the_bearer():
    found = zh("第十六条 合作开展募捐的，合作双方应当签订书面协议。受托人应当向民政部门备案。"
               "被处置对象可以提出申诉。")
    assert keys(found) == {("合作双方", "obligation"), ("受托人", "obligation"), ("被处置对象", "permission")}


def test_an_agent_noun_before_a_time_frame_bears_the_next_clause():
    found = zh("第十七条 网络募捐平台在提供募捐服务时，应当核验慈善组织的登记证书。")
    assert keys(found) == {("网络募捐平台", "obligation")}


def test_words_that_only_look_like_agent_nouns_are_no_bearer():
    found = zh("第十八条 通过安全评估的方可投入运营。直辖市每二万五千人可以增加一名代表。应急预案应当定期演练。")
    assert keys(found) == {("", "prohibition"), ("", "permission"), ("", "obligation")}


def test_qie_continues_the_subject_of_the_sentence():
    found = zh("第十九条 运营企业应当公示收费标准，且不得擅自提高票价。")
    assert keys(found) == {("运营企业", "obligation"), ("运营企业", "prohibition")}


def test_a_listed_measure_is_not_a_ban():
    found = zh("第二十条 互联网平台应当根据风险情况，采取限制功能、暂停使用、禁止重新注册等处置措施。")
    assert keys(found) == {("互联网平台", "obligation")}


def test_a_disciplinary_sanction_with_no_authority_named_is_a_penalty_not_a_norm():
    assert zh("第二十一条 违反本条例规定，造成严重后果的，对直接负责的主管人员依法给予处分。") == []


# ---- en: statements of effect, passive agents ---------------------------------------------------
def test_a_modal_that_states_an_effect_is_not_a_norm():
    found = en("Article 13\n\n3. It shall not affect the validity of any acts already in force. The suspension shall "
               "be effective until the vehicle has passed a new test. Authorisations shall remain valid until repealed. "
               "The duties of a member shall end in the event of resignation. The fines imposed shall be effective, "
               "proportionate and dissuasive.")
    assert [(n.actor, n.modality, n.action[:12]) for n in found] == [("", "obligation", "be effective")]


def test_each_agent_of_a_passive_joined_by_or_by_is_a_bearer():
    found = en("Article 13\n\n3. The delegation of powers may be revoked at any time by the European Parliament or by "
               "the Council.")
    assert keys(found) == {("the European Parliament", "permission"), ("the Council", "permission")}


# ---- zh: subjects carried on, supporting bearers -------------------------------------------------
def test_a_clause_that_opens_with_its_own_subject_passes_it_on():
    found = zh("第二十二条 国家推进公共服务建设，电信业务经营者、银行业金融机构对存在异常的账户，可以重新核验用户身份。")
    assert keys(found) == {("电信业务经营者", "permission"), ("银行业金融机构", "permission")}


def test_a_clause_that_opens_with_a_verb_does_not_take_the_subject():
    found = zh("第二十三条 单位负责人接到事故报告后，应当迅速采取措施，减少人员伤亡，不得隐瞒不报。")
    assert keys(found) == {("单位负责人", "obligation"), ("单位负责人", "prohibition")}


def test_beside_a_lead_the_other_bearers_of_the_sentence_support():
    found = zh("第二十四条 公安机关牵头负责反诈骗工作，金融、电信等有关部门依照职责，负责本行业领域反诈骗工作。")
    assert {(n.actor, n.role) for n in found} == {("公安机关", "lead"), ("公安机关", "sole"), ("金融部门", "support"),
                                                 ("电信部门", "support"), ("有关部门", "support")}


def test_a_duty_to_cooperate_or_assist_is_a_supporting_one():
    found = zh("第二十五条 公安机关决定采取措施的，银行业金融机构应当予以配合。互联网服务提供者应当及时协助。"
               "各警种、各地公安机关应当密切配合。有关部门应当对信息沟通予以支持、配合。")
    assert {(n.actor, n.role) for n in found} == {("银行业金融机构", "support"), ("互联网服务提供者", "support"),
                                                 ("各警种", "support"), ("各地公安机关", "support"),
                                                 ("有关部门", "support")}


def test_a_power_conferred_on_a_body_is_its_permission():
    found = en("Article 13\n\n2. The power to adopt delegated acts referred to in Article 12 shall be conferred on the "
               "Commission for a period of five years. The delegation of power referred to in Article 9 shall be "
               "conferred on the Commission for an indeterminate period of time.")
    assert [(n.actor, n.modality, n.action[:22]) for n in found] == [
        ("the Commission", "permission", "adopt delegated acts r"), ("the Commission", "permission", "exercise the power ref")]


def test_shall_not_require_an_authorisation_is_a_need_not():
    found = en("Article 45\n\n1. Such a transfer shall not require any specific authorisation. Member States shall not "
               "require the holder to register again.")
    assert keys(found) == {("", "permission"), ("Member States", "prohibition")}


def test_a_date_in_may_is_not_a_permission():
    found = en("Article 99\n\n2. It shall apply from 25 May 2018. The Commission shall submit a report by 25 May 2020.")
    assert keys(found) == {("The Commission", "obligation")}


def test_a_qualifier_reaches_its_own_list_but_not_past_an_outer_comma():
    found = zh("第二十六条 有关部门和单位、个人应当对知悉的国家秘密予以保密。")
    assert {(n.actor, n.vague_actor) for n in found} == {("有关部门", True), ("有关单位", True), ("个人", False)}


def test_a_chain_of_task_verbs_is_not_a_list_of_bearers():
    found = zh("第二十七条 民政部门应当制定宣传计划，组织、指导和协调有关部门及单位开展宣传活动。组织和个人开展志愿服务。")
    assert keys(found) == {("民政部门", "obligation"), ("组织", "obligation"), ("个人", "obligation")}


def test_short_names_listed_before_yiji_and_an_actor_are_bearers_beside_it():
    found = zh("第二十八条 广播、电视、报刊以及网络服务提供者、电信运营商应当核实求助信息，发现违法行为的，"
               "应当立即停止服务，协助调查处理。")
    assert {n.actor for n in found} == {"广播", "电视", "报刊", "网络服务提供者", "电信运营商"}
    assert {n.role for n in found} == {"joint"}       # 协助 ends their own chain of duties: no supporting role
    listed_acts = zh("第二十九条 进行爆破、吊装以及国务院应急管理部门规定的其他危险作业，应当安排专门人员。")
    assert not {"进行爆破", "吊装"} & {n.actor for n in listed_acts}      # acts, not units


def test_agent_nouns_that_open_with_a_verb_are_still_the_subject():
    found = zh("第三十条 委托人和受托人应当签订书面合同。受托人违反信托义务的，委托人可以变更受托人。")
    assert {(n.actor, n.modality, n.action) for n in found} == {
        ("委托人", "obligation", "签订书面合同"), ("受托人", "obligation", "签订书面合同"),
        ("委托人", "permission", "变更受托人")}


# ---- zh: bans inside the items of a list of duties ---------------------------------------------------
def test_a_ban_opening_a_clause_of_an_item_is_the_lead_ins_bearers():
    found = zh("第七十条 经营单位应当遵守下列规定：\n（一）禁止带入和存放易燃、易爆物品；\n"
               "（二）接受安全检查，不得擅自停止安全技术措施。")
    assert ("经营单位", "prohibition") in keys(found)
    assert ("", "prohibition") not in keys(found)


def test_a_cue_inside_an_items_noun_phrase_gives_no_ban_of_the_bearers():
    found = zh("第七十一条 收养人应当提交下列证明材料：\n（一）不患有在医学上认为不应当收养子女的疾病的身体健康检查证明。")
    assert keys(found) == {("收养人", "obligation")}


# ---- zh: benefits a named bearer enjoys -----------------------------------------------------------------
def test_enjoying_a_benefit_is_a_permission_of_the_named_bearer_only():
    assert keys(zh("第七十二条 创业投资企业依法享受税收优惠。")) == {("创业投资企业", "permission")}
    assert keys(zh("第七十三条 合营企业经税务机关批准，可以按照国家有关规定享受减税、免税优惠待遇。")) == {
        ("合营企业", "permission")}
    assert zh("第七十四条 士兵按照规定享受税收优惠。") == []
    assert zh("第七十五条 专职消防队的队员依照国家规定享受社会保险和福利待遇。") == []
