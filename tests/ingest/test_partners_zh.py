"""Bearers who share a Chinese norm with its subject: bodies a coordinator coordinates (统筹协调X…)
and a 会同 partner named before the modal. Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def roles(text: str) -> set[tuple]:
    return {(n.actor, n.modality, n.role) for n in extract_text(text, "t", "zh").norms}


def test_coordinating_relevant_departments_to_do_a_task_makes_them_supporting_bearers():
    found = extract_text("第三条 省数据工作协调机制统筹协调有关部门编制公共数据目录。", "t", "zh").norms
    assert {(n.actor, n.role) for n in found} == {("省数据工作协调机制", "lead"), ("有关部门", "support")}
    support = next(n for n in found if n.role == "support")
    assert support.action == "编制公共数据目录" and support.vague_actor


def test_coordinated_units_listed_under_one_head_each_support():
    found = roles("第四条 县级以上人民政府应当统筹协调民政、财政等部门做好慈善工作。")
    assert found == {("县级以上人民政府", "obligation", "lead"), ("民政部门", "obligation", "support"),
                     ("财政部门", "obligation", "support")}


def test_coordinating_a_field_of_work_names_no_second_bearer():
    assert roles("第五条 省网信部门负责统筹协调数据安全和相关监管工作。") == {("省网信部门", "obligation", "sole")}
    assert roles("第六条 市人民政府统筹协调有关部门的工作。") == {("市人民政府", "obligation", "sole")}


def test_huitong_partner_before_may_shares_the_permission_and_is_no_duty():
    found = roles("第七条 境外组织危害数据安全的，省网信部门会同有关主管部门可以依法采取必要措施。")
    assert found == {("省网信部门", "permission", "lead"), ("有关主管部门", "permission", "support")}


def test_huitong_after_the_modal_stays_a_duty_of_both():
    found = roles("第八条 省网信部门应当会同有关主管部门制定评估办法。")
    assert found == {("省网信部门", "obligation", "lead"), ("有关主管部门", "obligation", "support")}


def test_a_huitong_clause_after_bing_continues_the_duty_with_its_partner():
    found = roles("第九条 民政部门应当建立日常检查制度，并会同有关部门建立协作机制。")
    assert found == {("民政部门", "obligation", "sole"), ("民政部门", "obligation", "lead"),
                     ("有关部门", "obligation", "support")}


def test_units_a_bearer_organises_to_assist_bear_nothing_themselves():
    """并组织X、Y等单位协助…: the units are what the government organises; before 并 was read as a
    clause's first word they were not bearers either."""
    found = roles("第二十条 事故发生地人民政府应当提供后勤保障，并组织通信、交通运输、供水等单位协助应急救援。")
    assert found == {("事故发生地人民政府", "obligation", "sole")}
    assert roles("第二十一条 通信、交通运输等单位应当协助应急救援。") == {
        ("通信单位", "obligation", "support"), ("交通运输单位", "obligation", "support")}


def test_a_partner_at_the_same_level_belongs_to_the_leads_government():
    found = roles("第十条 设区的市人民政府住房城乡建设主管部门应当会同同级财政、审计主管部门制定管理办法。")
    assert found == {("设区的市人民政府住房城乡建设主管部门", "obligation", "lead"),
                     ("设区的市人民政府财政主管部门", "obligation", "support"),
                     ("设区的市人民政府审计主管部门", "obligation", "support")}


def test_a_same_level_partner_of_a_lead_with_no_government_stays_as_written():
    found = roles("第十一条 管理档案工作的部门应当会同同级公安部门开展检查。")
    assert ("同级公安部门", "obligation", "support") in found
