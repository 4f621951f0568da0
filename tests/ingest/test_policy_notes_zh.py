"""Responsible-units notes of policy documents beyond "（A牵头，B负责）" at a paragraph's end: several
tasks in one paragraph, 指导 and 参与 notes, a bearer carried to every later task, and 等和 lists.
Each case is a made-up plan in the drafting of State Council 方案 and 意见."""
from __future__ import annotations

from govkg.ingest.extract import extract_text

PLAN = "# 国务院办公厅关于印发城市节水试点方案的通知\n\n"


def notes(text: str) -> set[tuple[str, str, str]]:
    return {(n.actor, n.role, n.action) for n in extract_text(PLAN + text, "t", "zh").norms
            if n.modality == "obligation"}


def bearers(text: str) -> set[str]:
    return {a for a, _, _ in notes(text)}


def roles(text: str) -> set[tuple[str, str]]:
    return {(a, r) for a, r, _ in notes(text)}


def test_each_note_inside_a_paragraph_covers_the_task_before_it():
    found = notes("健全用水统计制度。统一统计口径。（水利部牵头，国家统计局参与）推广节水器具，减少浪费。（住房城乡建设部指导）")
    assert ("水利部", "lead", "健全用水统计制度") in found
    assert ("国家统计局", "support", "健全用水统计制度") in found
    assert ("住房城乡建设部", "sole", "推广节水器具，减少浪费") in found
    assert not any("（" in a or "）" in act or a.endswith("指导") for a, _, act in found)


def test_guiding_units_share_the_task_and_a_participant_supports_the_guide():
    found = roles("改造供水管网。降低漏损率。（水利部、财政部指导）\n\n建设回收网点。完善线上平台。（商务部指导，供销合作总社参与）")
    assert {("水利部", "joint"), ("财政部", "joint"), ("商务部", "lead"), ("供销合作总社", "support")} <= found


def test_a_bearer_carried_by_a_note_bears_every_later_task():
    found = notes("明确部门职责。建立责任清单。（水利部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）\n\n"
                  "开展节水改造。实施阶梯水价。（国家发展改革委指导）\n\n"
                  "加强宣传教育。普及节水知识。（教育部指导）")
    assert ("试点城市政府", "sole", "明确部门职责") in found
    assert ("试点城市政府", "sole", "开展节水改造") in found
    assert ("试点城市政府", "sole", "加强宣传教育") in found
    assert ("国家发展改革委", "sole", "开展节水改造") in found


def test_no_bearer_is_carried_without_the_statement():
    assert bearers("开展节水改造。实施阶梯水价。（国家发展改革委指导）") == {"国家发展改革委"}


def test_a_unit_joined_after_deng_is_kept_and_the_generic_rest_is_not():
    found = notes("（一）扩大节水产品消费。落实采购政策。（财政部、商务部等和各有关省级人民政府负责）\n\n"
                  "（二）加强督促检查。跟踪进展情况。（水利部等有关部门和单位负责）")
    actors = {a for a, _, _ in found}
    assert {"财政部", "商务部", "各有关省级人民政府", "水利部"} <= actors
    assert not any(a.startswith("有关") or a == "单位" for a in actors)
    assert all(r != "lead" for _, r, _ in found)


def test_a_bracket_that_is_not_after_a_sentence_is_no_note():
    assert bearers("企业实施“装、树、联”（企业依法安装监测设备并与生态环境部门联网），确保达标排放。（生态环境部指导）") \
        == {"生态环境部"}


def test_a_ministry_named_by_its_own_name_leads_what_it_does_with_its_partners():
    found = roles("（一）确定试点城市。水利部会同国家发展改革委、财政部、国家统计局等部门筛选确定试点城市。\n\n"
                  "（二）开展评估。水利部会同有关部门组织开展成效评估。")
    assert {("水利部", "lead"), ("国家发展改革委", "support"), ("财政部", "support"),
            ("国家统计局", "support"), ("有关部门", "support")} <= found
    assert not any("会同" in a or a.endswith("等部") for a, _ in found)


def test_a_single_named_partner_supports_and_a_generic_one_is_not_read_as_a_ministry():
    assert {("水利部", "lead"), ("财政部", "support"), ("各省级人民政府", "lead"), ("有关部门", "support")} \
        <= roles("水利部会同财政部制定实施办法。各省级人民政府要会同有关部门制定实施细则。")


def invited(text: str) -> set[str]:
    return {n.actor for n in extract_text(PLAN + text, "t", "zh").norms if n.modality == "permission"}


def test_an_invitation_to_cooperate_is_a_permission_of_the_invited_not_of_the_partner():
    assert invited("支持物流企业与农业、商贸企业加强合作。鼓励制造企业与回收商合作，完善回收体系。") == {"物流企业", "制造企业"}


def test_an_invitation_names_the_whole_and_the_part_it_singles_out_after_two_verbs():
    assert invited("鼓励和引导科研院所、龙头企业研发节水技术。鼓励有关企业特别是用水大户开展节水改造。") == {
        "科研院所", "龙头企业", "有关企业", "用水大户"}


def keys(text: str) -> set[tuple[str, str]]:
    return {(n.actor, n.modality) for n in extract_text(PLAN + text, "t", "zh").norms}


def test_you_x_with_a_short_act_is_a_duty_of_x_but_not_in_a_modifier_or_a_range():
    assert ("省级水利部门", "obligation") in keys("试点城市由省级水利部门推荐，报水利部审定。")
    found = keys("地方各级人民政府要切实承担主体责任，建立由政府负责人牵头、相关部门参与的工作机制。"
                 "将补贴申领条件由参保3年以上放宽至参保1年以上。")
    assert found == {("地方各级人民政府", "obligation")}


def test_without_a_modal_an_impersonal_grant_or_an_adjective_in_ke_is_no_norm():
    assert keys("对节水成效突出的企业，给予奖励。推广可回收物利用和可降解材料，形成可复制、可推广的模式。") == set()
    assert keys("对节水成效突出的企业，可给予奖励。") == {("", "permission")}


def test_a_subject_listing_ministries_by_name_gives_each_ministry():
    assert keys("国家发展改革委、文化和旅游部、供销合作总社等部门要加强统筹协调。") == {
        ("国家发展改革委", "obligation"), ("文化和旅游部", "obligation"), ("供销合作总社", "obligation")}


def test_a_city_or_province_named_by_its_role_in_the_plan_bears_the_task():
    assert keys("试点城市要制定实施方案。受帮扶省市要主动对接需求。鼓励试点城市制定地方性法规。") == {
        ("试点城市", "obligation"), ("受帮扶省市", "obligation"), ("试点城市", "permission")}


def test_a_law_keeps_its_city_bodies_whole():
    found = {(n.actor, n.modality) for n in extract_text("第十八条 城市公共交通企业应当遵守运营服务标准。", "t", "zh").norms}
    assert found == {("城市公共交通企业", "obligation")}


def test_a_fixed_level_form_is_one_bearer_and_a_place_after_the_invitee_is_not_one():
    assert keys("各省（区、市）人民政府要制定配套政策。鼓励贫困地区在景区、游客集散中心开设销售专区。") == {
        ("各省（区、市）人民政府", "obligation"), ("贫困地区", "permission")}


def test_a_ban_held_up_as_a_measure_is_no_ban():
    assert keys("国务院把禁止洋垃圾入境作为标志性举措。禁止生产超薄塑料袋。") == {("", "prohibition")}


def test_huitong_inside_a_note_gives_the_lead_and_its_partners():
    assert roles("加强宣传。开展培训。（教育部会同财政部、有关部门负责）") == {
        ("教育部", "lead"), ("财政部", "support"), ("有关部门", "support")}


def test_a_bracket_inside_a_note_does_not_hide_the_note():
    assert bearers("（一）推进试点。开展试点工作。（国家发展改革委（能源局）、财政部负责）") == {"国家发展改革委", "财政部"}


def test_a_bracketed_clause_after_a_sentence_is_no_note():
    found = bearers("建立工作机制。（具体办法由民政部另行制定，各地负责落实）加强监督。（民政部负责）")
    assert "民政部" in found and not any("由" in a or "办法" in a for a in found)


def test_a_zone_named_by_its_role_is_invited_and_a_place_frame_is_no_subject():
    assert keys("支持具备条件的综合保税区开展期货保税交割业务。在试点城市要加强监管。") == {
        ("具备条件的综合保税区", "permission"), ("", "obligation")}
