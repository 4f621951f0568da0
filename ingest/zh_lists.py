"""Units listed before one head in Chinese drafting: where the shared head starts, which
qualifiers every unit keeps, and when a 等-list names a class rather than its units.

- 生产、经营、储存单位 -> 生产单位, 经营单位, 储存单位; an item may be a long name of its own
  (矿山、金属冶炼、城市轨道交通运营、建筑施工单位 -> 矿山单位, …, 建筑施工单位).
- When a 等-list names things (宾馆、商场), a verb of running them right before the head noun belongs
  to the head: 宾馆、商场等人员密集场所经营单位 -> 宾馆经营单位, 商场经营单位.
- A qualifier before the list is every unit's: 危险物品的生产、经营单位 -> 危险物品的生产单位,
  危险物品的经营单位.
- Named units followed by 等 and a description (小型企业或者微型企业等规模较小的生产经营单位) are
  examples of the class the description names: one bearer.
- Things listed before one activity and head name one unit each: 移动式压力容器、气瓶充装单位 ->
  移动式压力容器充装单位, 气瓶充装单位.
- Activities listed before one object in a relative clause name one unit each: 回收、储存、运输、处理
  废弃电器电子产品的单位 -> 回收废弃电器电子产品的单位, …, 处理废弃电器电子产品的单位.
- Fields of administration before one department head, under the government they belong to, are
  departments of that government: 国务院资源综合利用、工业信息产业主管部门 -> 国务院资源综合利用主管部门,
  国务院工业信息产业主管部门; 县级以上人民政府卫生健康、公安部门 -> …卫生健康部门, …公安部门.
"""
from __future__ import annotations

import functools
import re

from govkg.ingest import patterns

_P = patterns.load("zh")
_LIST_HEADS = tuple(sorted(_P["list_heads"], key=len))     # shortest first: 单位 before 施工单位
_LEVELS = frozenset(_P["government_levels"])
_BRACKETS = re.compile(r"[（()）]")
_NOT_ITEM = re.compile(r"以及|或者|和|及|与|或|对|向|(?<!所)在|将|把|被|由")
_OPERATING = frozenset(_P["operator_verbs"])     # 经营单位, 运营单位: who runs the things listed
# 等 + a description ending in 的 + the head: 等规模较小的生产经营单位, 等产业聚集区域内的生产经营单位
_CLASS_BY_DESCRIPTION = re.compile(r"(?<![高平同均对初中上次])等(?!有关|相关|其他)(?P<desc>[^、，。；：的等]{2,12})的"
                                   r"(?P<head>[^、，。；：的等]{2,10})$")

_DESCRIPTION = re.compile(r"等(?!有关|相关|其他)(?P<desc>[^、，。；：的等]{2,12})的")
# (the government) fields 、 fields + a department head: 国务院生态环境、资源综合利用主管部门
_DEPARTMENTS = re.compile(r"(?P<government>.*?(?:人民政府|国务院|同级|本级))?"
                          r"(?P<fields>[^、，。；：的等]{1,10}(?:、[^、，。；：的等]{1,10})+?)"
                          r"(?P<head>(?<!行政)(?<!主管)(?<!行政主管)(?:行政主管部门|主管部门|行政部门|部门))")
_FIELD_NOT = re.compile(r"以及|或者|和|及|与|或|对|向|在|将|把|被|由|其他|有关|相关|各|负责|人民政府|国务院|机构|机关|单位|组织|以上|以下|[《》（）()]")


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    import jieba.posseg
    return tuple((w.word, w.flag) for w in jieba.posseg.lcut(text, HMM=False))


def _names_a_thing(item: str) -> bool:
    """宾馆, 旅游景区, 机动车: the item's last word is a noun (生产, 冶炼, 运营 are activities)."""
    words = _words(item)
    return bool(words) and words[-1][1].startswith("n") and words[-1][1] != "vn"


def bare_item(item: str) -> bool:
    """An item that takes the list's head: a short word (生产, 矿山, 金属冶炼), or a longer one that
    names an activity (城市轨道交通运营); a longer noun names a unit of its own (二手车交易市场), and
    a coordinator or a preposition makes it no single item (国家标准局和省, …人对于…)."""
    if not_one_item(item):
        return False
    if len(item) <= 4:
        return True
    words = _words(item)
    return len(item) <= 10 and bool(words) and words[-1][1] in ("v", "vn")


def not_one_item(text: str) -> bool:
    """国家标准局和省, 利害关系人对于公安机关: a coordinator or a preposition inside the text."""
    return _NOT_ITEM.search(text) is not None


def activity_owner(items: list[str], last_stem: str) -> str:
    """机动车生产、进口企业: the thing the first item's activity is about (机动车), which the other
    short activities share; "" when the first item is no thing + activity or the others are long."""
    first = items[0]
    words = _words(first)
    if len(first) <= 4 or len(words) < 2 or words[-1][1] not in ("v", "vn") or not words[-2][1].startswith("n"):
        return ""
    activity = words[-1][0]
    others = items[1:] + [last_stem]
    if not all(0 < len(o) <= len(activity) and _words(o)[-1][1] in ("v", "vn") for o in others):
        return ""
    return first[: len(first) - len(activity)]


def head_with_verb(items: list[str], tail: str, head: str) -> str:
    """The head the items share, taken over a verb of running things before it in ``tail`` when every
    item names a thing (人员密集场所经营单位 after 宾馆、商场: 经营单位, the places' operators);
    activities keep the bare head (生产、经营单位), and so does 研发创新机构."""
    stem = tail[: len(tail) - len(head)]
    if not stem or not items or not all(_names_a_thing(it) for it in items):
        return head
    words = _words(stem)
    if len(words) > 1 and words[-1][0] in _OPERATING:
        return words[-1][0] + head
    return head


def list_head(last: str) -> str:
    """The shortest list head (单位, 企业, 部门…) that ends the last item and leaves it a name before
    it: 建筑施工单位 -> 单位; "" when none does."""
    return next((h for h in _LIST_HEADS if last.endswith(h) and len(last) > len(h)), "")


def names_a_class(label: str) -> bool:
    """小型企业或者微型企业等规模较小的生产经营单位: the units before 等 illustrate a class that the
    description after it defines, so the whole phrase is one bearer."""
    m = _CLASS_BY_DESCRIPTION.search(label)
    return m is not None and not m["desc"].endswith(_LIST_HEADS) and not not_one_item(m["desc"])


def describes_a_class(between: str) -> bool:
    """等规模较小的 between 微型企业 and 生产经营单位: the gap joins the examples to the class's head."""
    m = _DESCRIPTION.fullmatch(between)
    return m is not None and not m["desc"].endswith(_LIST_HEADS) and not not_one_item(m["desc"])


def shared_qualifier(label: str) -> tuple[str, str] | None:
    """危险物品的生产、经营、储存单位: (the qualifier up to its last 的, the list after it), when a 、
    list follows the last 的; None otherwise."""
    owner, sep, tail = label.rpartition("的")
    if not sep or not owner or "、" not in tail or _BRACKETS.search(tail) or owner + sep + tail.split("、")[0] in _LEVELS:
        return None                       # 设区的市、县（市、区）人民政府: levels of government
    return owner + sep, tail


def department_list(label: str, governed: bool = False) -> list[str]:
    """国务院资源综合利用、工业信息产业主管部门: one department per field, each with the government and
    the head the fields share; [] when ``label`` is no such list (a field holding a coordinator, a
    vague word or a government of its own is no field) or, if ``governed``, names no government."""
    m = _DEPARTMENTS.fullmatch(label)
    if m is None or (governed and not m["government"]):
        return []
    fields = m["fields"].split("、")
    if any(_FIELD_NOT.search(f) or len(f) < 2 for f in fields):
        return []
    government = m["government"] or ""
    return [government + f + m["head"] for f in fields]


_UNIT_END = re.compile(_P["named_org_end"][:-2] + "|市场|场所|场|公司|单位|企业|机构|组织)$")
_ACTIVITIES = re.compile(r"(?P<verbs>(?:[^、，。；：的等]{2}、)+)(?P<last>[^、，。；：的等]{4,20})的(?P<head>[^、，。；：的等]{2,6})")


def activity_list(label: str) -> list[str]:
    """生产、销售农药的单位: one unit per activity, each with the object the activities share (生产农药的单位,
    销售农药的单位); [] when the words before the object are no two-character activities or the last
    item does not start with a verb."""
    m = _ACTIVITIES.fullmatch(label)
    if m is None or not_one_item(m["last"]) or not_one_item(m["head"]):
        return []
    words = _words(m["last"])
    if len(words) < 2 or len(words[0][0]) != 2 or words[0][1] not in ("v", "vn"):
        return []
    thing = m["last"][2:]
    return [verb + thing + "的" + m["head"] for verb in m["verbs"].rstrip("、").split("、") + [words[0][0]]]


def thing_list(label: str) -> list[str]:
    """移动式压力容器、气瓶充装单位: things listed before one activity and its head (充装单位) name one unit
    each; [] when an item is no bare thing or the last item is no thing + activity + head."""
    *items, last = label.split("、")
    head = next((h for h in sorted(_LIST_HEADS, key=len, reverse=True) if last.endswith(h)), "")
    if not items or not head or "的" in label or any(not_one_item(p) for p in items + [last]):
        return []
    words = list(_words(last[: len(last) - len(head)]))
    activity = ""
    while words and words[-1][1] in ("v", "vn") and len(activity) < 2:
        activity = words.pop()[0] + activity
    thing_words = [w for w in words]
    if len(activity) != 2 or not thing_words or not all(_bare_thing(it) for it in items) \
            or not all(f.startswith(("n", "l")) for _, f in thing_words):
        return []
    return [it + activity + head for it in items] + [last]


def _bare_thing(item: str) -> bool:
    """气瓶, 移动式压力容器, 非道路移动机械: the item names a thing, with no verb of its own at its end."""
    words = _words(item)
    if _UNIT_END.search(item):
        return False                      # 二手车交易市场: a unit of its own, not a thing a unit handles
    return 2 <= len(item) <= 12 and bool(words) and words[-1][1].startswith(("n", "l")) and words[-1][1] != "vn"
