"""Who bears a Chinese duty when its subject is carried, owned or defined by how it was set up, and
which words only look like modal cues (the real jieba pipeline, provisions of real regulations)."""
from __future__ import annotations

import pytest

from govkg.ingest.extract import extract_text
from tests.ingest.zh_reading import keys


def test_dui_after_the_actor_opens_its_predicate_not_a_relative_clause():
    assert keys("第五十五条 药品监督管理部门对企业的整改情况应当开展跟踪检查。") == {("药品监督管理部门", "obligation")}
    assert keys("第六十八条 民政等有关部门对接到的投诉、举报，应当及时核实、处理。") == {
        ("民政部门", "obligation"), ("有关部门", "obligation")}


def test_what_has_contents_is_a_thing_even_after_dui():
    assert keys("第三十六条 矿山企业对职工的安全教育、培训，应当包括下列内容：") == {("", "obligation")}


def test_qi_stands_for_its_antecedent_as_its_owner():
    found = keys("第四条 生产经营单位应当建立应急工作责任制，其主要负责人对本单位的应急工作全面负责。")
    assert ("生产经营单位的主要负责人", "obligation") in found
    assert ("", "obligation") not in found
    assert keys("第八条 居民委员会每届任期五年，其成员可以连选连任。") == {("居民委员会成员", "permission")}


def test_an_actor_defined_by_how_it_was_set_up_is_a_subject():
    assert keys("第二十八条 根据本细则第二十七条规定被授权的单位，应当遵守下列规定：") == {
        ("根据本细则第二十七条规定被授权的单位", "obligation")}
    assert keys("第二十七条 按照国家有关规定成立的事故调查组应当对应急救援工作进行评估。") == {
        ("按照国家有关规定成立的事故调查组", "obligation")}


def test_a_frame_before_dui_is_no_subject():
    found = keys("第三十八条 外汇管理机关应当为举报人保密，并按照规定对举报人或者协助查处外汇违法行为有功的单位和个人给予奖励。")
    assert found == {("外汇管理机关", "obligation")}


def test_words_that_only_look_like_cues():
    assert keys("第六条 应急救援预案应当符合有关标准的规定，具有科学性、针对性和可操作性。") == {("", "obligation")}
    assert keys("第二十一条 现场指挥部实行总指挥负责制。") == set()
    assert keys("第七条 市级市场监督管理部门负责制定年度监督检查计划。") == {("市级市场监督管理部门", "obligation")}


def test_a_verb_phrase_before_the_modal_keeps_the_sentences_subject():
    found = keys("第三十四条 劳动者应当学习职业卫生知识，增强职业病防范意识，发现职业病危害事故隐患应当及时报告。")
    assert found == {("劳动者", "obligation")}
    # a verb and one noun is a compound noun, a thing: 抽查结果可以向社会公开
    assert ("", "permission") in keys("第二十一条 市场监督管理部门应当组织抽查，抽查结果可以向社会公开。")


def test_traceable_is_no_permission():
    assert keys("第三十三条 生产企业应当建立记录制度，确保相关记录真实、完整和可追溯。") == {("生产企业", "obligation")}


def test_a_rescue_team_is_a_bearer():
    assert keys("第十一条 应急救援队伍应当配备必要的应急救援装备和物资，并定期组织训练。") == {("应急救援队伍", "obligation")}


# ---- who the subject is: frames and adverbs before the cue, short names, acts, long relative subjects ----
# (a frame of each one's duties before the cue; an agent noun before an adverb of manner; a short name given
# to the subject; a thing qualified by a relative clause; an act as the subject of a requirement, beside
# compound names of bodies; a long subject clause ending in an actor word; an agent noun no label covers
# opening a condition, but not an act on it)
ONE_BEARER = {
    "第七条 县级以上人民政府其他有关部门按照各自的职责，负责本行政区域内的消防工作。":
        ("县级以上人民政府其他有关部门", "obligation"),
    "第九条 储备粮管理总公司具体负责中央储备粮的经营管理。": ("储备粮管理总公司", "obligation"),
    "第十条 展会的主办者具体负责下列事项：": ("展会的主办者", "obligation"),
    "第十一条 国务院药品监督管理部门（以下简称药品监管部门）应当公布药品标准。":
        ("国务院药品监督管理部门", "obligation"),
    "第十二条 演出活动的主办者(以下简称主办者)对演出活动的安全负责。": ("演出活动的主办者", "obligation"),
    "第十三条 单位使用的设备，必须符合国家标准。": ("", "obligation"),
    "第十四条 设立社会团体应当符合法定条件。": ("", "obligation"),
    "第十五条 申请登记为个体工商户，应当向登记机关申请注册登记。": ("", "obligation"),
    "第十六条 举办乡镇企业，不得占用耕地。": ("", "prohibition"),
    "第十七条 收养登记机关应当自次日起三十日内进行审查。": ("收养登记机关", "obligation"),
    "第十八条 举办单位应当制订安全方案。": ("举办单位", "obligation"),
    "第十九条 锅炉、压力容器等为公众提供服务的特种设备的运营使用单位，应当对特种设备的使用安全负责。":
        ("锅炉、压力容器等为公众提供服务的特种设备的运营使用单位", "obligation"),
    "第二十条 具有企业法人资格的乡镇企业，依法享有法人财产权。": ("具有企业法人资格的乡镇企业", "permission"),
    "第二十一条 申请人对驳回申请的决定不服的，可以自收到通知之日起三个月内请求复审。":
        ("申请人", "permission"),
    "第二十二条 纳税人取得应税所得没有扣缴义务人的，应当按期报送纳税申报表。": ("纳税人", "obligation"),
    "第二十三条 发现求助人信息不实的，应当及时告知社会公众。": ("", "obligation"),
}


@pytest.mark.parametrize("text", ONE_BEARER)
def test_who_the_one_subject_of_a_clause_is(text):
    assert keys(text) == {ONE_BEARER[text]}


def test_subjects_listed_in_a_frame_or_in_two_conditions_each_bear_the_norm():
    assert keys("第八条 县级以上地方人民政府卫生、民政部门在各自的职责范围内负责老年人健康服务工作。") == {
        ("县级以上地方人民政府卫生部门", "obligation"), ("县级以上地方人民政府民政部门", "obligation")}
    assert keys("第二十四条 权利人对决定不服的，权利人和被许可的单位对裁决不服的，可以向人民法院起诉。") == {
        ("权利人", "permission"), ("被许可的单位", "permission")}


def test_a_governments_department_named_by_its_charge_is_one_bearer():
    # 中小企业促进法 第四十七条, 中医药法 (a sanction after 由)
    assert keys("第四十七条 县级以上人民政府负责中小企业促进工作综合管理的部门应当安排资金，"
                "有计划地组织实施中小企业经营管理人员培训。") == {
        ("县级以上人民政府负责中小企业促进工作综合管理的部门", "obligation")}
    assert keys("第五十四条 违反本法规定的，由县级以上地方人民政府负责中医药管理的部门责令限期改正。") == {
        ("县级以上地方人民政府负责中医药管理的部门", "obligation")}
    # a government charged with work, no department named after it
    assert keys("第八条 县级以上人民政府负责组织有关部门开展检查。") == {("县级以上人民政府", "obligation")}


def test_fuze_after_a_named_body_is_its_own_charge_not_a_modifier():
    # 科学技术奖励条例 第六条: …的组织工作 is the body's charge, not a body charged with it
    assert keys("第六条 国务院科学技术行政部门负责国家科学技术奖的相关办法制定和评审活动的组织工作。") == {
        ("国务院科学技术行政部门", "obligation")}
    assert keys("第二十六条 县级以上地方人民政府负责移民安置规划的组织实施。") == {("县级以上地方人民政府", "obligation")}
    # a body charged with a task is still a subject of its own
    assert keys("第十条 负责安全检查的组织应当及时报告。") == {("负责安全检查的组织", "obligation")}


def test_a_declarative_duty_after_a_frame_and_an_adverb():
    # 义务教育法 第二十三条: 依法维护 with no modal is the bodies' duty
    found = keys("第二十三条 各级人民政府及其有关部门依法维护学校周边秩序，保护学生、教师、学校的合法权益。")
    assert found == {("各级人民政府", "obligation"), ("各级人民政府有关部门", "obligation")}
    assert keys("第八条 工会、妇女联合会等组织按照职责依法维护职工的合法权益。") == {
        ("工会", "obligation"), ("妇女联合会", "obligation")}


def test_an_agent_noun_after_you_bears_the_duty():
    # 企业破产法 第八十九条, 中外合作经营企业法实施细则 第四十六条
    assert keys("第八十九条 重整计划由债务人负责执行。") == {("债务人", "obligation")}
    assert ("委托查账方", "obligation") in keys(
        "第四十六条 合作各方可以共同或者单方自行委托中国注册会计师查账，所需费用由委托查账方负担。")
    # 由X + verb inside a relative clause qualifies a noun: no bearer of its own
    assert keys("第二十六条 用人单位应当实施由专人负责的职业病危害因素日常监测。") == {("用人单位", "obligation")}


def test_the_agent_after_you_goes_on_into_a_power_joined_by_bing():
    # 大中型水利水电工程建设征地补偿和移民安置条例 第四十三条 (shortened)
    found = keys("第四十三条 水库消落区土地属于国家所有，由该工程管理单位负责管理，"
                 "并可以通过当地县级人民政府优先安排给当地农村移民使用。")
    assert found == {("该工程管理单位", "obligation"), ("该工程管理单位", "permission")}


def test_a_body_that_meets_an_event_bears_the_duty_after_the_condition():
    # 食品安全法 第一百零四条, 乳品质量安全监督管理条例 第五十二条, 个人信息保护法 第四十六条
    assert keys("第一百零四条 医疗机构发现其接收的病人属于食源性疾病病人或者疑似病人的，"
                "应当按照规定及时将相关信息向所在地县级人民政府卫生行政部门报告。") == {("医疗机构", "obligation")}
    assert keys("第五十二条 有关监督管理部门发现奶畜养殖者、生鲜乳收购者、乳制品生产企业和销售者涉嫌犯罪的，"
                "应当及时移送公安机关立案侦查。") == {("有关监督管理部门", "obligation")}
    assert keys("第四十六条 个人发现其个人信息不准确或者不完整的，有权请求个人信息处理者更正、补充。") == {
        ("个人", "permission")}
    # a body named in a condition that is no event it meets is not the bearer (大型群众性活动安全管理条例 第十三条)
    found = keys("第十三条 承办者应当提出安全许可申请。依照法律、行政法规的规定，有关主管部门对大型群众性活动的承办者"
                 "有资质、资格要求的，还应当提交有关资质、资格证明。")
    assert ("有关主管部门", "obligation") not in found


def test_an_agent_noun_owned_by_an_actor_phrase_is_the_bearer():
    # 未成年人保护法 第十七条 (its owner, 未成年人, is an actor label itself), 精神卫生法 第九条
    assert keys("第十七条 未成年人的监护人应当加强家庭家教家风建设，提高自身网络素养，规范自身使用网络的行为。") == {
        ("未成年人的监护人", "obligation")}
    assert keys("第九条 精神障碍患者的监护人应当履行监护职责，维护精神障碍患者的合法权益。") == {
        ("精神障碍患者的监护人", "obligation")}
    # a thing an actor uses stays a thing
    assert keys("第五条 单位使用的设备应当符合标准。") == {("", "obligation")}


def test_a_reciprocal_duty_among_actors_is_theirs():
    # 乳品质量安全监督管理条例 第四十六条 (the last sentence)
    assert ("监督检查部门", "obligation") in keys(
        "第四十六条 监督检查部门之间，监督检查部门与其他有关部门之间，应当及时通报乳品质量安全监督管理信息。")
    assert keys("第三条 家庭成员之间应当互相帮助，互相关爱，和睦相处。") == {("家庭成员", "obligation")}


def test_jinzhi_inside_the_name_of_a_place_or_a_sign_is_no_ban():
    # 农产品质量安全法 (特定农产品禁止生产区域), 互联网上网服务营业场所管理条例 第二十四条
    assert keys("第十一条 单位和个人不得在特定农产品禁止生产区域种植、养殖、捕捞。") == {
        ("单位", "prohibition"), ("个人", "prohibition")}
    found = extract_text("第二十四条 互联网上网服务营业场所经营单位应当依法履行下列安全职责：\n\n"
                         "（一）禁止明火照明和吸烟并悬挂禁止吸烟标志；", "t", "zh").norms
    assert [n.action for n in found if n.modality == "prohibition"] == ["明火照明和吸烟并悬挂禁止吸烟标志"]
    assert keys("第九条 禁止吸烟场所所在单位应当做好禁烟宣传教育工作。") == {("禁止吸烟场所所在单位", "obligation")}
    # a ban on entering a place stays a ban
    assert keys("第十条 禁止进入危险区域。") == {("", "prohibition")}


def test_next_of_kin_are_agents():
    # 精神卫生法 第二十八条
    assert keys("第二十八条 疑似精神障碍患者的近亲属可以将其送往医疗机构进行精神障碍诊断。") == {
        ("疑似精神障碍患者的近亲属", "permission")}
    assert keys("第十三条 受害人及其近亲属可以向公安机关报案。") == {("受害人", "permission"), ("受害人近亲属", "permission")}


def test_qi_reaches_every_agent_listed_after_it():
    # 公安机关办理刑事案件程序规定 第一百六十条: the representative, the kin and the defender are all the suspect's
    assert keys("第一百六十条 犯罪嫌疑人及其法定代理人、近亲属或者辩护人有权申请变更强制措施。") == {
        ("犯罪嫌疑人", "permission"), ("犯罪嫌疑人的法定代理人", "permission"),
        ("犯罪嫌疑人的近亲属", "permission"), ("犯罪嫌疑人的辩护人", "permission")}
