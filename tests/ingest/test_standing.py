"""A document's standing read from its own text: work, version date, level, issuer, place and
what it implements — on the 慈善法 pair and the three provincial regulations that implement it."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import extract_path, extract_text
from ingest.standing import same_work, work_key

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
