"""Chinese drafting grammar on real provisions (the real jieba pipeline)."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def norms(text: str):
    return extract_text(text, "t", "zh").norms


def keys(text: str) -> set[tuple]:
    return {(n.article, n.actor, n.modality) for n in norms(text)}


def test_coordinated_bearers_one_norm_each_and_joint():
    found = norms("第二百七十七条 地方人民政府有关部门、居民委员会应当对设立业主大会和选举业主委员会给予指导和协助。")
    assert {(n.actor, n.modality, n.role) for n in found} == {
        ("地方人民政府有关部门", "obligation", "joint"), ("居民委员会", "obligation", "joint")}
    assert [n.vague_actor for n in found] == [True, False]


def test_quantifier_distributes_over_bare_heads_and_negation_is_prohibition():
    assert keys("第四条 居民委员会管理本居民委员会的财产，任何部门和单位不得侵犯居民委员会的财产所有权。") == {
        (4, "任何部门", "prohibition"), (4, "任何单位", "prohibition")}


def test_you_x_fuze_and_power_verbs():
    found = keys("第六条 居民委员会的设立、撤销、规模调整，由不设区的市、市辖区的人民政府决定。\n\n"
                 "第十七条 居民委员会的办公用房，由当地人民政府统筹解决。")
    assert found == {(6, "不设区的市、市辖区的人民政府", "permission"), (17, "当地人民政府", "obligation")}


def test_composition_with_you_is_not_a_norm():
    assert keys("第九条 居民会议由十八周岁以上的居民组成。") == set()


def test_lead_and_support_roles():
    found = norms("第十条 国务院应急管理部门会同国务院有关部门制定安全生产标准。生产经营单位应当配合有关部门开展调查。")
    roles = {(n.actor, n.role) for n in found}
    assert ("国务院应急管理部门", "lead") in roles
    assert ("国务院有关部门", "support") in roles
    assert ("生产经营单位", "support") in roles


def test_task_list_under_lead_in_gives_one_norm_per_item():
    found = norms("第三条 居民委员会的任务：\n\n（一）宣传宪法、法律、法规和国家的政策；\n\n（二）调解民间纠纷；\n\n（三）协助维护社会治安。")
    assert [(n.actor, n.modality, n.provision) for n in found] == [
        ("居民委员会", "obligation", "第三条/（一）"), ("居民委员会", "obligation", "第三条/（二）"),
        ("居民委员会", "obligation", "第三条/（三）")]


def test_rights_and_decisions_listed_under_lead_in_are_permissions():
    found = norms("第二百七十八条 下列事项由业主共同决定：\n\n（一）制定和修改管理规约；\n\n（二）选举业主委员会。")
    items = [n for n in found if n.provision.endswith(("（一）", "（二）"))]
    assert [(n.actor, n.modality) for n in items] == [("业主", "permission"), ("业主", "permission")]


def test_items_under_a_condition_lead_in_are_not_norms():
    found = norms("第九十九条 生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款：\n\n"
                  "（一）未按照规定设置安全生产管理机构的；\n\n（二）未如实记录安全生产教育和培训情况的。")
    assert not any(n.provision.endswith(("（一）", "（二）")) for n in found)


def test_condition_clause_is_kept_and_zero_subject_inherits_the_bearer():
    found = norms("第二百八十六条 业主或者其他行为人拒不履行相关义务的，有关当事人可以向有关行政主管部门报告或者投诉，"
                  "有关行政主管部门应当依法处理。")
    first = found[0]
    assert (first.actor, first.modality, first.vague_actor) == ("有关当事人", "permission", True)
    assert first.condition == "业主或者其他行为人拒不履行相关义务的"
    assert first.recipient == "有关行政主管部门"
    assert "information" in first.tags
    assert ("有关行政主管部门", "obligation") in {(n.actor, n.modality) for n in found}


def test_passive_or_impersonal_duty_has_no_bearer():
    found = norms("第十六条 收支帐目应当及时公布，接受居民监督。")
    assert [(n.actor, n.modality) for n in found] == [("", "obligation")]
    assert found[0].actor_type == ""


def test_sanction_refers_to_the_article_it_enforces():
    found = norms("第九十一条 违反本法第二十一条规定的，由应急管理部门责令限期改正，可以处五万元以下的罚款。")
    sanction = [n for n in found if n.actor == "应急管理部门"]
    assert sanction and "sanction" in sanction[0].tags
    assert "第二十一条" in sanction[0].references


def test_purpose_clause_is_not_a_norm():
    assert keys("第一条 为了加强城市居民委员会的建设，由城市居民群众依法办理群众自己的事情，根据宪法，制定本法。") == set()


def test_head_noun_fallback_types_unknown_bearers():
    found = norms("第五条 某某市物业纠纷调处委员会应当公开调处结果。")
    assert found[0].actor == "某某市物业纠纷调处委员会"
    assert found[0].actor_type != ""


def test_offsets_point_at_the_clause():
    text = "第四条 居民委员会应当开展便民利民的社区服务活动，可以兴办有关的服务事业。"
    document = extract_text(text, "t", "zh")
    for n in document.norms:
        assert n.action in document.text[n.start:n.end]


def test_a_scope_after_fuze_is_the_work_not_a_relative_clause():
    assert keys("第五条 国务院文化主管部门负责全国的文物保护工作。县级以上人民政府文化主管部门负责本行政区域的文物保护工作。") \
        == {(5, "国务院文化主管部门", "obligation"), (5, "县级以上人民政府文化主管部门", "obligation")}
    assert keys("第六条 企业负责人负责本单位的安全生产工作。") == {(6, "企业负责人", "obligation")}


def test_the_zhu_of_zhuguan_is_no_owner_inside_a_department_name():
    assert keys("第七条 国务院林业主管部门负责全国的野生植物监督管理工作。") == {(7, "国务院林业主管部门", "obligation")}
    assert keys("第八条 国务院国防科技工业主管部门应当制定标准。") == {(8, "国务院国防科技工业主管部门", "obligation")}
    assert keys("第九条 业主应当遵守管理规约。") == {(9, "业主", "obligation")}
