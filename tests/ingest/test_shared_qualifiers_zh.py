"""Qualifiers shared by the bearers of a Chinese list (GUIDELINES: "one record per named unit, each
with the shared qualifiers"). Each rule on a made-up provision."""
from __future__ import annotations

import pytest

from govkg.ingest.extract import extract_text
from tests.ingest.zh_reading import actors


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


# ---- lists of units under one head (GUIDELINES: "one record per named unit") ------------------------
def test_units_listed_in_comma_clauses_before_a_modal_all_bear_it():
    found = actors("第九条 化工产品的生产、销售单位，装卸、仓储单位，以及影院、商场等人员密集场所经营单位，"
                   "应当制定应急预案，并定期组织演练。")
    assert found == {"化工产品的生产单位", "化工产品的销售单位", "装卸单位", "仓储单位", "影院经营单位", "商场经营单位"}


def test_levels_and_bodies_listed_in_comma_clauses_keep_their_own_names():
    found = actors("第十条 市人民政府以及区人民政府应急管理部门，街道办事处等派出机关，应当组织演练。")
    assert found == {"市人民政府", "区人民政府应急管理部门", "街道办事处"}


def test_named_examples_of_a_described_class_are_one_bearer():
    assert actors("第十一条 个体工商户或者小型餐馆等规模较小的经营单位，可以简化备案手续。") == {
        "个体工商户或者小型餐馆等规模较小的经营单位"}


def test_long_activities_take_the_head_but_long_names_stay_whole():
    assert actors("第十二条 港口装卸、城市燃气供应、建筑施工单位应当配备安全管理人员。") == {
        "港口装卸单位", "城市燃气供应单位", "建筑施工单位"}
    # 二手车交易市场 is no activity: it does not become 二手车交易市场机构
    assert actors("第十三条 二手车交易市场、机动车检测机构可以提供咨询服务。") == {"二手车交易市场、机动车检测机构"}


def test_a_crowded_place_is_no_staff_mention():
    assert actors("第十四条 人员密集场所的经营单位应当设置疏散通道。") == {"人员密集场所的经营单位"}


def test_items_under_the_units_below_are_read_as_coordinated_subjects():
    found = actors("第十五条 下列单位应当建立值班制度：\n\n（一）县级以上人民政府及其应急管理部门；\n\n"
                   "（二）危险化学品的生产、储存单位以及燃气经营单位。\n")
    assert found == {"县级以上人民政府", "县级以上人民政府应急管理部门", "危险化学品的生产单位",
                     "危险化学品的储存单位", "燃气经营单位"}


def test_a_long_qualifier_before_a_list_of_things_is_no_bearer():
    # the items after 的 name things, not activities: the clause is no actor phrase
    found = actors("第十六条 国务院生态环境主管部门应当会同国务院有关部门制定名录，"
                   "规定统一的危险废物鉴别标准、鉴别方法、识别标志和鉴别单位管理要求。")
    assert not any(a.startswith("规定") for a in found)


def test_names_no_actor_label_covers_still_end_a_conjunct():
    assert actors("第十七条 粮食收购者、粮食储存企业应当建立粮食经营台账。") == {"粮食收购者", "粮食储存企业"}
    assert actors("第十八条 中国人民解放军和中国人民武装警察部队应当开展国防教育。") == {
        "中国人民解放军", "中国人民武装警察部队"}


def test_events_and_places_in_a_qualifier_do_not_end_a_conjunct():
    assert actors("第十九条 集会、游行、示威的负责人应当维持秩序。") == {"集会、游行、示威的负责人"}


def test_qi_after_a_conjunct_stands_for_the_first_or_its_owner():
    assert actors("第二十条 受益人或者其委托的财产管理人可以查阅信托账目。") == {"受益人", "受益人委托的财产管理人"}
    assert actors("第二十一条 公安机关的工作人员或者其聘用的人员不得泄露案情。") == {
        "公安机关的工作人员", "公安机关聘用的人员"}


def test_a_relative_clause_over_units_and_persons_qualifies_both():
    assert actors("第二十二条 参加现场救援的单位和个人应当服从现场指挥部的统一指挥。") == {
        "参加现场救援的单位", "参加现场救援的个人"}


def test_ji_before_qita_is_a_coordinator_not_its_own_bodies():
    assert actors("第二十三条 教师及其他个人可以申请教学成果奖。") == {"教师", "其他个人"}


def test_the_other_departments_with_a_named_duty_are_the_same_governments():
    assert actors("第二十四条 县级以上人民政府生态环境主管部门和其他负有监督管理职责的部门应当公开监督检查结果。") == {
        "县级以上人民政府生态环境主管部门", "县级以上人民政府其他负有监督管理职责的部门"}


# ---- fields of administration before one department head ------------------------------------------
def test_fields_before_a_department_head_are_departments_of_the_same_government():
    assert actors("第二十五条 国务院交通运输、水利主管部门应当制定通航标准。") == {
        "国务院交通运输主管部门", "国务院水利主管部门"}
    assert actors("第二十六条 县级以上地方人民政府教育、卫生健康部门应当加强学校卫生工作。") == {
        "县级以上地方人民政府教育部门", "县级以上地方人民政府卫生健康部门"}


def test_a_long_field_name_does_not_end_the_department_list():
    found = roles_of("第二十七条 国务院农业农村主管部门会同国务院自然资源、发展改革、生态环境主管部门制定规划。")
    assert found == {("国务院农业农村主管部门", "lead"), ("国务院自然资源主管部门", "support"),
                     ("国务院发展改革主管部门", "support"), ("国务院生态环境主管部门", "support")}


def test_units_or_acts_before_a_head_are_no_fields_of_a_department():
    assert actors("第二十八条 团级以上医疗、预防、保健机构医务部门应当建立档案。") == {
        "团级以上医疗、预防、保健机构医务部门"}


def roles_of(text: str) -> set[tuple[str, str]]:
    return {(n.actor, n.role) for n in extract_text(text, "t", "zh").norms}


# ---- A及其B: a body and its own specialists -----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("第二十九条 医疗机构及其医务人员应当保护患者隐私。", {"医疗机构", "医疗机构的医务人员"}),
    ("第三十条 资产评估机构及其评估专业人员应当独立、客观、公正地开展业务。",
     {"资产评估机构", "资产评估机构的评估专业人员"}),
    # listed bodies and their listed specialists pair up respectively
    ("第三十一条 机动车安全技术检验、检测机构及其检验、检测人员应当对出具的报告负责。",
     {"机动车安全技术检验机构", "机动车安全技术检测机构",
      "机动车安全技术检验机构的检验人员", "机动车安全技术检测机构的检测人员"}),
    # staff with a vague qualifier are kept as written
    ("第三十二条 生产经营单位及其有关人员应当如实提供情况。", {"生产经营单位", "有关人员"}),
])
def test_a_bodys_specialists_after_jiqi_are_named_as_its_own(text, expected):
    assert actors(text) == expected


# ---- activities listed in a relative clause over units and persons ------------------------------------
def test_activities_listed_before_one_object_name_one_unit_each():
    assert actors("第三十三条 生产、经营、使用危险化学品的企业应当建立安全管理制度。") == {
        "生产危险化学品的企业", "经营危险化学品的企业", "使用危险化学品的企业"}


def test_a_long_relative_subject_before_a_comma_gives_each_unit_and_person():
    assert actors("第三十四条 收集、贮存危险废物的单位和个人，应当采取防扬散措施。") == {
        "收集危险废物的单位", "贮存危险废物的单位", "收集危险废物的个人", "贮存危险废物的个人"}


def test_objects_listed_after_one_activity_stay_in_one_unit():
    assert actors("第三十五条 生产转基因植物种子、种畜禽、水产苗种的单位应当建立生产档案。") == {
        "生产转基因植物种子、种畜禽、水产苗种的单位"}


def test_a_ban_on_units_named_by_a_relative_clause_is_their_prohibition():
    found = {(n.actor, n.modality, n.action) for n in extract_text(
        "第三十六条 禁止未取得经营许可证的单位和个人收购野生动物。禁止向未取得许可证的单位出售野生动物。", "t", "zh").norms}
    assert ("未取得经营许可证的单位", "prohibition", "收购野生动物") in found
    assert ("未取得经营许可证的个人", "prohibition", "收购野生动物") in found
    assert ("", "prohibition", "向未取得许可证的单位出售野生动物") in found


def test_things_listed_before_one_activity_and_head_name_one_unit_each():
    assert actors("第三十七条 锅炉、压力容器制造单位应当建立质量保证体系。") == {"锅炉制造单位", "压力容器制造单位"}
    assert actors("第三十八条 铁路、交通、民用航空经营单位必须优先运送防疫物资。") == {
        "铁路经营单位", "交通经营单位", "民用航空经营单位"}


def test_agent_nouns_listed_with_a_comma_are_one_bearer_each_and_qi_is_the_agent_before():
    assert actors("第三十九条 生产者、销售者应当建立健全内部产品质量管理制度。") == {"生产者", "销售者"}
    assert actors("第四十条 货物的托运人、收货人或者其代理人应当如实申报。") == {
        "货物的托运人", "收货人", "收货人的代理人"}


def test_a_long_list_before_a_departments_head_gives_each_field_the_head():
    # 人口与计划生育法 第十三条 has the short form; the long list reaches past the first words of the head
    found = bearers("第十六条 农业、卫生、质检、商务、工商、药品等监督管理部门应当建立生产经营者违法行为记录制度。")
    assert found == {(f + "监督管理部门", False) for f in ("农业", "卫生", "质检", "商务", "工商", "药品")}
    found = bearers("第四条 教育、文化、体育、旅游、交通、商务、公安、住房城乡建设、文化综合执法等行政管理部门"
                    "按照本条例的规定，做好监督管理工作。")
    assert ("文化综合执法行政管理部门", False) in found and ("教育行政管理部门", False) in found
    assert len(found) == 9
    # a closing 等有关 keeps its vague record
    found = bearers("第十一条 卫生、教育、文化、体育、旅游、交通、商务等有关行政管理部门应当将控烟工作纳入日常管理。")
    assert ("有关行政管理部门", True) in found and ("商务行政管理部门", False) in found
