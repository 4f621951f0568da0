"""A norm's matter: its action without modal, bearer and generic verbs, the object kept."""
from __future__ import annotations

import pytest

from govkg.ingest.matters import matter_of


@pytest.mark.parametrize("action, sentence, expected", [
    ("依法负责维修资金的筹集", "业主大会应当依法负责维修资金的筹集。", "维修资金的筹集"),
    ("做好维修资金的筹集", "物业服务企业应当做好维修资金的筹集。", "维修资金的筹集"),
    ("协助维护社会治安", "居民委员会协助维护社会治安。", "维护社会治安"),
    ("指导、支持和帮助", "乡镇人民政府对村民委员会的工作给予指导、支持和帮助。", "对村民委员会的工作指导、支持和帮助"),
    ("报告工作", "居民委员会应当向街道办事处报告工作。", "向街道办事处报告工作"),
])
def test_zh_matter_keeps_the_object(action, sentence, expected):
    assert matter_of(action, sentence, "zh") == expected


@pytest.mark.parametrize("action", ["规定", "承担", "负责", "依法负责", "责令改正", "并报告工作", "履行职责"])
def test_zh_generic_verbs_alone_have_no_matter(action):
    assert matter_of(action, f"有关部门应当{action}。", "zh") == ""


def test_two_wordings_of_one_duty_share_a_matter_and_two_guidances_do_not():
    assert matter_of("负责维修资金的筹集", "", "zh") == matter_of("应当做好维修资金的筹集", "", "zh")
    villages = matter_of("指导、支持和帮助", "乡镇人民政府对村民委员会的工作给予指导、支持和帮助。", "zh")
    residents = matter_of("指导、支持和帮助", "街道办事处对居民委员会的工作给予指导、支持和帮助。", "zh")
    assert villages and residents and villages != residents


@pytest.mark.parametrize("action, expected", [
    ("ensure the notification of a data breach", "notification of data breach"),
    ("shall carry out a data protection impact assessment", "data protection impact assessment"),
    ("ensure", ""),
    ("comply", ""),
])
def test_en_matter(action, expected):
    assert matter_of(action, "", "en") == expected
