"""Levels of government and fields of administration listed before one head (GUIDELINES: "Levels of
government before one head give one record per level"; "one record per named unit, each with the
shared qualifiers"), as local regulations write them. Each rule on a made-up provision."""
from __future__ import annotations

from govkg.ingest.extract import extract_text
from govkg.ingest.zh_levels import split_levels
from tests.ingest.zh_reading import actors


def test_a_level_with_its_variants_in_brackets_is_one_level():
    assert actors("第三条 市、区（县级市）人民政府应当将社区服务设施纳入建设规划。") == {
        "市人民政府", "区（县级市）人民政府"}


def test_a_comma_inside_the_brackets_lists_no_level():
    assert actors("第四条 市、县（市、区）人民政府应急管理部门应当组织消防演练。") == {
        "市人民政府应急管理部门", "县（市、区）人民政府应急管理部门"}


def test_levels_joined_by_he_keep_a_level_written_in_two_variants():
    assert actors("第五条 市和区、县人民政府应当建立养老服务评估制度。") == {"市人民政府", "区、县人民政府"}


def test_fixed_forms_of_levels_stay_whole():
    assert split_levels("省、自治区、直辖市人民政府") == []
    assert split_levels("设区的市、自治州人民政府") == []
    assert split_levels("市人民政府") == []


def test_fields_of_every_level_take_the_shared_head():
    found = actors("第六条 市、县（市、区）人民政府交通、民政等部门应当按照职责做好道路安全工作。")
    assert found == {"市人民政府交通部门", "市人民政府民政部门",
                     "县（市、区）人民政府交通部门", "县（市、区）人民政府民政部门"}


def test_a_field_written_with_he_is_one_field_of_the_list():
    found = actors("第七条 县级以上人民政府教育、文化和旅游、城市管理和综合执法等主管部门应当加强宣传。")
    assert found == {"县级以上人民政府教育主管部门", "县级以上人民政府文化和旅游主管部门",
                     "县级以上人民政府城市管理和综合执法主管部门"}


def test_a_field_with_he_before_a_closing_vague_head_keeps_the_vague_record():
    found = {(n.actor, n.vague_actor) for n in extract_text(
        "第八条 财政、住房和城乡建设等有关部门，按照各自职责做好保障工作。", "t", "zh").norms}
    assert found == {("财政部门", False), ("住房和城乡建设部门", False), ("有关部门", True)}


def test_units_joined_by_he_before_a_head_that_is_no_department_are_no_field():
    assert actors("第九条 广播、电视和网站等媒体应当开展公益宣传。") == {"广播、电视和网站等媒体"}
