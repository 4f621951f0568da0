"""Who a Chinese sentence is about before its modal clause: long actor phrases standing alone,
frames of time that name nobody, subjects inside a condition, and 确需 (a condition, not a modal).
Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def keys(text: str) -> set[tuple]:
    return {(n.actor, n.modality, n.vague_actor) for n in extract_text(text, "t", "zh").norms}


def test_a_clause_that_is_one_long_actor_phrase_bears_the_next_modal_clause():
    found = keys("第三条 持有主管部门认定的特定种类、规模的核心数据的平台经营者，应当每年开展风险评估。"
                 "评估时，可以委托专业机构协助。")
    bearer = "持有主管部门认定的特定种类、规模的核心数据的平台经营者"
    assert found == {(bearer, "obligation", False), (bearer, "permission", False)}


def test_a_phrase_whose_relative_clause_names_relevant_departments_is_not_vague():
    found = keys("第四条 处理有关部门确定的重要数据的企业，应当设立安全管理机构。")
    assert found == {("处理有关部门确定的重要数据的企业", "obligation", False)}


def test_a_subject_followed_by_its_predicate_is_not_read_as_a_standalone_phrase():
    found = keys("第五条 用人单位对在安全生产方面作出显著成绩的职工，应当给予奖励。")
    assert found == {("用人单位", "obligation", False)}


def test_a_time_frame_before_the_modal_keeps_the_sentence_subject():
    found = keys("第六条 慈善组织应当每年公开年度报告，项目结束后三个月内应当公开项目情况。")
    assert found == {("慈善组织", "obligation", False)}
    actions = {n.action for n in extract_text("第六条 慈善组织应当每年公开年度报告，项目结束后三个月内应当公开项目情况。",
                                             "t", "zh").norms}
    assert "公开项目情况" in actions


def test_a_frame_clause_does_not_hide_the_subject_of_the_condition_after_it():
    found = keys("第七条 通过安全评估后，平台经营者向境外提供数据的，不得超出评估的范围。")
    assert found == {("平台经营者", "prohibition", False)}


def test_a_verb_with_its_own_duration_is_not_a_frame():
    found = keys("第八条 受过处罚的人员，公安机关可以根据需要，决定自处罚完毕之日起三年以内不准其出境。")
    assert ("公安机关", "permission", False) in found
    assert not any(m == "prohibition" and a for a, m, _ in found)


def test_que_xu_is_a_condition_not_a_modal():
    found = keys("第九条 符合下列条件之一的，企业可以向境外提供数据：\n\n（一）为履行合同，确需向境外提供数据；\n\n"
                 "（二）经主管部门批准。")
    assert ("", "obligation", False) not in found


def test_a_clause_ending_in_mudi_is_a_norm_not_a_condition():
    found = extract_text("第十条 受托人应当将信托财产用于慈善目的。管理人不得超出目的。", "t", "zh").norms
    assert [(n.actor, n.modality, n.action) for n in found] == [
        ("受托人", "obligation", "将信托财产用于慈善目的"), ("管理人", "prohibition", "超出目的")]


def test_a_duty_that_frames_the_act_is_not_a_norm_of_its_own():
    found = keys("第十一条 监管部门在履行监管职责中，发现重大风险的，可以约谈企业负责人。")
    assert found == {("监管部门", "permission", False)}
    found = keys("第十二条 国家机关为履行法定职责收集数据，适用本条例。")
    assert found == set()


def test_need_not_is_a_permission_that_keeps_its_negation():
    found = extract_text("第十三条 小型企业无需设立安全管理机构。", "t", "zh").norms
    assert [(n.actor, n.modality, n.action) for n in found] == [("小型企业", "permission", "无需设立安全管理机构")]


def test_the_subject_of_a_condition_bears_the_norm_though_a_de_follows_its_predicate():
    found = keys("第十四条 平台经营者在境内运营中产生的核心数据确需向境外提供的，应当通过安全评估。")
    assert found == {("平台经营者", "obligation", False)}
    assert keys("第十五条 企业使用的压力容器达到报废条件的，应当及时报废。") == {("", "obligation", False)}
