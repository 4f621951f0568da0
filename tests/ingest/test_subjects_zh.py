"""Who bears a Chinese duty when its subject is carried, owned or defined by how it was set up, and
which words only look like modal cues (the real jieba pipeline, provisions of real regulations)."""
from __future__ import annotations

from govkg.ingest.extract import extract_text


def keys(text: str) -> set[tuple[str, str]]:
    return {(n.actor, n.modality) for n in extract_text(text, "t", "zh").norms}


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
