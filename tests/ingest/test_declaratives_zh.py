"""Duties stated without a modal verb (GUIDELINES: "A plain statement that gives a named body a task is an
obligation even without a modal verb"). Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text
from tests.ingest.zh_reading import keys


def test_an_organ_named_by_a_field_that_reads_as_a_verb_bears_its_task():
    assert keys("第三条 统计机构依法对企业报送统计资料的情况实施监督检查。") == {("统计机构", "obligation")}


def test_units_joined_by_yiji_before_a_comma_bear_the_tasks_after_it():
    assert keys("第四条 工会、妇女联合会以及其他社会组织，依法维护职工的合法权益。") == {
        ("工会", "obligation"), ("妇女联合会", "obligation"), ("其他社会组织", "obligation")}


def test_taking_measures_is_a_task():
    assert keys("第五条 各级人民政府采取措施，为残疾人就业提供帮助。") == {("各级人民政府", "obligation")}


def test_placing_a_matter_into_a_plan_is_a_task():
    assert keys("第六条 县级以上人民政府根据需要，依法将养老服务设施纳入城乡规划。") == {("县级以上人民政府", "obligation")}


def test_the_units_a_body_organises_are_no_subject():
    assert ("组织各有关部门", "obligation") not in keys(
        "第七条 县级以上人民政府加强统筹协调，组织各有关部门依法采取措施，制止违法行为。")


def test_a_thing_that_passes_through_a_body_is_no_bearer():
    assert keys("第八条 基金会的预算经财政部门审核后，纳入本级预算。") == set()


def test_honours_given_with_no_bearer_and_no_modal_are_no_norm():
    assert keys("第九条 对在文物保护工作中做出显著成绩的单位和个人，按照国家有关规定给予表彰和奖励。") == set()


def test_honours_given_by_a_named_body_are_its_task():
    assert keys("第十条 县级以上人民政府对在文物保护工作中做出显著成绩的单位和个人给予表彰。") == {
        ("县级以上人民政府", "obligation")}


def test_assisting_a_government_is_a_supporting_task():
    found = {(n.actor, n.role) for n in extract_text(
        "第十一条 工会以及其他社会组织，协助人民政府开展职业培训工作。", "t", "zh").norms}
    assert found == {("工会", "support"), ("其他社会组织", "support")}
