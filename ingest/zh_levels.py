"""Levels of government listed before one head, as local regulations write them.

- A level may carry its variants in brackets: 市、区（县级市）人民政府 -> 市人民政府, 区（县级市）人民政府;
  市、县（市、区）人民政府 -> 市人民政府, 县（市、区）人民政府 (the 、 inside the brackets lists no level).
- 和 joins the outer levels and a 、 inside one of them stays: 市和区、县人民政府 -> 市人民政府,
  区、县人民政府 (区、县 is one level of a municipality, written in its two variants).
- What follows the government goes to each level: 市、县（市、区）人民政府应急管理部门 -> 市人民政府应急管理部门,
  县（市、区）人民政府应急管理部门.
- A fixed form stays whole: 省、自治区、直辖市人民政府 (自治区 and 直辖市 are no levels of their own here),
  设区的市、自治州人民政府 (a 的 inside the levels).
"""
from __future__ import annotations

import re

from govkg.ingest import patterns

_LEVEL_NAMES = sorted(patterns.load("zh")["government_levels"], key=len, reverse=True)
_LEVEL = "(?:" + "|".join(map(re.escape, _LEVEL_NAMES)) + r")(?:（[^（）]{1,12}）)?"
_LEVEL_LIST = re.compile(rf"(?P<levels>{_LEVEL}(?:[、和]{_LEVEL})+)(?P<head>(?:人民政府|政府).*)")
_OUTSIDE_BRACKETS = re.compile(r"(?:[^、（）]|（[^（）]*）)+")
# the government that opens a name, brackets and all: 县（市、区）人民政府 before 公安、民政等部门
GOVERNMENT_PREFIX = re.compile(r"^(?:[^、（）]|（[^（）]*）)*?(?:人民政府|国务院)(?=.)")


def split_levels(label: str) -> list[str]:
    """One name per level of government listed before the head; [] when ``label`` lists no levels."""
    m = _LEVEL_LIST.fullmatch(label)
    if m is None or "的" in m["levels"]:
        return []
    levels = m["levels"]
    parts = levels.split("和") if "和" in levels else _OUTSIDE_BRACKETS.findall(levels)
    if len(parts) < 2 or not all(re.fullmatch(rf"{_LEVEL}(?:、{_LEVEL})*", p) for p in parts):
        return []
    return [p + m["head"] for p in parts]
