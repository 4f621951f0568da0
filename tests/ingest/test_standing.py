"""A document's standing read from its own text: work, version date, level, issuer, place and
what it implements — on the 慈善法 pair and the three provincial regulations that implement it."""
from __future__ import annotations

from pathlib import Path

import pytest

from collections import Counter

from govkg.ingest.extract import _prepare, extract_path, extract_text
from govkg.ingest.readers import DEFAULT_LIMITS
from govkg.ingest.standing import LEVELS as LEVEL_NAMES
from govkg.ingest.standing import read_standing, same_work, work_key

SHARED = Path(__file__).resolve().parents[3] / "shared"
CHARITY = "中华人民共和国慈善法"
EXPECTED = {   # read from each text's title, adoption lines and first article
    "corpus-cn/慈善法(2016-03-16).md": (CHARITY, "2016-03-16", "national-law", "全国人民代表大会", "", []),
    "corpus-cn/慈善法(2023-12-29).md": (CHARITY, "2023-12-29", "national-law", "全国人民代表大会", "", []),
    "corpus-local/上海市慈善条例(2021-09-28).md": ("上海市慈善条例", "2021-09-28", "local-regulation",
                                                "上海市人民代表大会常务委员会", "上海市", [CHARITY]),
    "corpus-local/山东省慈善条例(2021-03-24).md": ("山东省慈善条例", "2021-03-24", "local-regulation",
                                                "山东省人民代表大会常务委员会", "山东省", [CHARITY]),
    "corpus-local/浙江省实施《慈善法》办法(2018-11-30).md": (
        "浙江省实施《中华人民共和国慈善法》办法", "2018-11-30", "local-regulation", "浙江省人民代表大会常务委员会",
        "浙江省", [CHARITY]),
    "corpus-cn/不动产登记暂行条例(2019-03-24).md": ("不动产登记暂行条例", "2014-11-24", "administrative-regulation",
                                               "国务院", "", ["中华人民共和国物权法"]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_standing_of_a_real_text(name):
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"needs ../shared/{name}")
    standing = extract_path(path).metadata["standing"]
    got = tuple(standing[k] for k in ("work", "date", "level", "issuer", "place", "implements"))
    assert got == EXPECTED[name]


def test_a_text_that_says_nothing_of_its_standing_gets_none_guessed():
    standing = extract_text("第一条 居民委员会应当报告工作。", "plain", "zh").metadata["standing"]
    assert (standing["level"], standing["issuer"], standing["place"], standing["implements"]) == ("", "", "", [])


def test_two_forms_of_one_title_name_one_work():
    assert work_key("中华人民共和国慈善法") == work_key("慈善法") == "慈善法"
    assert same_work("中华人民共和国慈善法", "慈善法") and not same_work("慈善法", "上海市慈善条例")


LEVELS = {   # read by hand from each text's head lines (or its title where it has none)
    "化妆品生产经营监督管理办法(2021-08-02).md": ("departmental-rule", "国家市场监督管理总局"),   # …总局令第46号公布
    "中国公民收养子女登记办法(2019-03-02).md": ("administrative-regulation", "国务院"),   # 国务院批准, 民政部令发布
    "有线电视管理暂行办法(2018-09-18).md": ("administrative-regulation", "广播电影电视部"),   # later revised by 国务院
    "反间谍法(2014-11-01).md": ("national-law", "全国人民代表大会常务委员会"),
    "地下水管理条例(2021-10-21).md": ("administrative-regulation", ""),   # no head lines: a national 条例
    "国务院关于外商投资企业和外国企业适用增值税、消费税、营业税等税收暂行条例有关问题的通知(1994-02-22).md":
        ("administrative-regulation", ""),
    "关于职工全年月平均工作时间和工资折算问题的通知(2009-03-29).md": ("departmental-rule", ""),   # 劳社部发[2008]3号
}


@pytest.mark.parametrize("name", sorted(LEVELS))
def test_level_of_rules_decisions_and_notices(name):
    path = SHARED / "corpus-cn" / name
    if not path.exists():
        pytest.skip(f"needs ../shared/corpus-cn/{name}")
    standing = read_standing(_prepare(path, DEFAULT_LIMITS))
    assert (standing.level, standing.issuer) == LEVELS[name]


def test_every_text_whose_head_names_an_issuer_gets_a_level():
    """All of corpus-cn and corpus-local (read and cleaned, not extracted): a level for each text
    whose head names who issued it, and the count per level printed for the record."""
    paths = sorted(p for folder in ("corpus-cn", "corpus-local") for p in (SHARED / folder).glob("*.md")
                   if p.name != "SOURCES.md")
    if len(paths) < 100:
        pytest.skip("needs ../shared/corpus-cn and ../shared/corpus-local")
    standings = {p.name: read_standing(_prepare(p, DEFAULT_LIMITS)) for p in paths}
    counts = Counter(s.level or "unknown" for s in standings.values())
    print(dict(counts))
    assert [name for name, s in standings.items() if s.issuer and not s.level] == []
    assert set(counts) - {"unknown"} == set(LEVEL_NAMES) - {"local-government-rule"}   # none in these folders
    assert counts["unknown"] <= 0.03 * len(paths)


@pytest.mark.parametrize("title,level", [
    ("全国人民代表大会常务委员会关于加强网络信息保护的决定", "national-law"),
    ("国务院关于修改和废止部分行政法规的决定", "administrative-regulation"),
    ("某市物业管理规定", ""),                  # a place, no issuer: nothing guessed
])
def test_decisions_and_notices_without_head_lines_take_their_level_from_the_title(title, level):
    standing = extract_text(f"# {title}\n\n第一条 有关单位应当执行本决定。\n", "decision", "zh").metadata["standing"]
    assert standing["level"] == level
