"""Chinese actor phrases: an actor mention grown over its modifiers, coordinated heads
(、和或者及) and 的-linked heads, then split into one bearer per conjunct, each keeping the
qualifiers it shares with the first conjunct (生产经营单位的主要负责人和安全生产管理人员)."""
from __future__ import annotations

import bisect
import functools
import re

from govkg.ingest import patterns
from govkg.ingest.actors import find_mentions, lexicon
from govkg.ingest.segmenter import first_tagged
from govkg.ingest.zh_levels import GOVERNMENT_PREFIX, split_levels
from govkg.ingest.zh_lists import (activity_list, activity_owner, bare_item, department_list, describes_a_class,
                                   head_with_verb, list_head, names_a_class, not_one_item, shared_qualifier,
                                   thing_list)

_P = patterns.load("zh")
_CUES = patterns.cue_regex("zh")
_PUNCT = re.compile(r"[，。；：:,;！？!?]")
_STARTERS = tuple(sorted(_P["predicate_starters"], key=len, reverse=True))
_STARTER = re.compile("|".join(map(re.escape, _STARTERS)))
_COORD = tuple(sorted(_P["coordinators"], key=len, reverse=True))
_VERB_LIKE = tuple(_P["verb_like_heads"])
_NP_BREAKERS = tuple(_P["np_breaking_verbs"])
MEETING = tuple(_P["meeting_verbs"])         # 发现, 接到: verbs of meeting an event
_MEMBER_HEADS = tuple(_P["member_heads"])
_OWN_STAFF = frozenset(h for h in _P["member_heads"] if not h.endswith("机构"))
_ORGAN_HEADS = frozenset(_P["organ_heads"])
_ORGAN_ENDS = tuple(_ORGAN_HEADS)
_ORGAN_GAP_VERBS = tuple(_P["organ_gap_verbs"])    # 社会力量举办养老机构: a verb, not a department's name
_VAGUE_LEADS = ("其他有关", "各有关", "有关", "相关")
_QUALIFIED = ("有关", "相关", "其他", "各", "该", "本")
_GOVERNMENT_LEAD = ("国务院", "中央", "省", "市", "县", "乡", "镇", "地方", "各级", "全国")
_GOVERNMENT_ENDS = ("人民政府", "国务院", "政府")
_GOVERNMENT_END = re.compile("|".join(_GOVERNMENT_ENDS))
# 负责中医药管理的部门, 负责饲料、饲料添加剂管理的部门, 负责妇女儿童工作的机构: an organ named by its charge
_DUTY_ORGAN = re.compile(r"负责[^，。；：（(]{1,30}?的(?:[^，。；：的、（(]{0,4}?)(?:部门|机构)")
_GOVERNMENT_NAME = re.compile(r"政府|国务院|委员会|机关")
_GOVERNMENT = re.compile(r"^(.*?(?:人民政府|国务院|政府))(?=[^的、]{2,10}部门$)")
_AGENT_NOUN = re.compile(_P["agent_noun"])
_AGENT_NOT = tuple(_P["agent_noun_not"])
_AGENT_COORD = re.compile(r"或者|以及|和|及")
# a name's last character before 、/和/或者/以及/及: 收购者、 解放军和 看守所或者
# (not 集会, 场所, 住处, 车站, 宾馆: events and places end so too)
_COORD_AFTER_NAME = re.compile(r"(?P<name>[^，。；：、的]{0,7}(?:[者军院局署委厂校部社师]|(?<![个他法])人|(?<![场住居处])所"
                               r"|银行|公司|中心))(?=、|和|或者|以及|及)")
_ETC_ITEMS = re.compile(r"(?:、[^、，。；：的等和或及与]{1,12})+(?<![高平同均对初中上次])等")
_OWN_PRONOUN = re.compile(r"其(?![他余中间次])")
_NOT_IN_AGENT = re.compile(r"对(?![象方])|[向将把给零〇一二两三四五六七八九十百千万亿\d]")


@functools.lru_cache(maxsize=8192)
def _first_word(text: str) -> str:
    import jieba
    return next(iter(jieba.cut(text, HMM=False)), "")


def starts_predicate(prefix: str) -> bool:
    """对…, 在…, 依法…: the clause starts with its predicate. A one-character starter only counts
    as a word of its own: 应急管理部门, 经营者 and 对外贸易经营者 are actor phrases."""
    starter = _STARTER.match(prefix)
    if starter is None:
        return False
    return len(starter.group()) > 1 or _first_word(prefix[:8]) == starter.group()


def agent_nouns(prefix: str) -> list[str]:
    """受托人应当…, 合作双方应当…, 被处置对象可以…: a subject named by agent nouns that no actor
    label covers (…人, …者, …方, …对象, …平台), also before a time frame (…平台在提供服务时，应当…);
    受益人或者其委托的财产管理人 gives both, 其 read as the first. None for anything else (a thing,
    a verb phrase, 他人)."""
    if "、" in prefix:
        return _listed_agents(prefix)
    m = _AGENT_NOUN.match(prefix)
    if m is None or starts_predicate(prefix):
        return []
    parts = _AGENT_COORD.split(m.group())
    if len(parts) > 1 and all(_AGENT_NOUN.fullmatch(p.removeprefix("其")) for p in parts):
        return [_agent(parts[0])] + [_agent(parts[0] + p[1:] if p.startswith("其") else p) for p in parts[1:]]
    return [_agent(m.group())]


def _listed_agents(prefix: str) -> list[str]:
    """生产者、销售者; 电器电子产品生产者、进口电器电子产品的收货人或者其代理人: agent nouns listed with 、
    (the last 或者/和 too), one bearer each; 其代理人 is the agent's before it (…收货人的代理人)."""
    *listed, last = prefix.split("、")
    items = listed + _AGENT_COORD.split(last)
    if any(_AGENT_COORD.search(p) and "及其" in p for p in listed):   # 受害人及其法定代理人、近亲属
        items = [q for p in listed for q in _AGENT_COORD.split(p)] + _AGENT_COORD.split(last)
    if starts_predicate(prefix) or not all(_AGENT_NOUN.fullmatch(p.removeprefix("其")) for p in items):
        return []
    out = [_agent(items[0])]
    owner, owning = items[0], False
    for before, item in zip(items, items[1:]):
        owning = item.startswith("其") or (owning and "的" not in item)   # 其法定代理人、近亲属: both the owner's
        if not owning:
            owner = item
        noun = item.removeprefix("其")
        out.append(_agent(owner + ("" if "的" in noun else "的") + noun if owning else item))
    return out if all(out) else []


def _agent(phrase: str) -> str:
    noun = phrase.rsplit("的", 1)[-1]
    if len(noun) < 2 or noun.endswith(_AGENT_NOT) or _NOT_IN_AGENT.search(noun):
        return ""                         # 通过评估的方可…, 每二万五千人可以…, 国家对专利权人给予…
    return phrase


def _qualified_list(gap: str) -> bool:
    """危险物品的生产、经营、储存、运输 before 单位: a qualifier shared by bare items before their head."""
    return bool(_QUALIFIED_LIST.fullmatch(gap)) and all(bare_item(it) for it in gap.rsplit("的", 1)[1].split("、"))


def _field_names(between: str) -> bool:
    """人力资源和社会保障, 资源综合利用、工业信息产业: the field, or 、-listed fields, of a department's name."""
    if len(between) <= 12:
        return True
    fields = between.split("、")
    return len(fields) > 1 and len(between) <= 40 and not re.search(r"[《》（）()]", between) \
        and not _COORD_INSIDE.search(between) \
        and all(0 < len(f) <= 10 and not _verb_first(f) for f in fields)


def at_level_of(leads: list[str], partners: list[str]) -> list[str]:
    """省级人民政府生态环境主管部门会同同级商务主管部门: 同级 (本级) is the lead's government, so the
    partner is 省级人民政府商务主管部门 (one per government when several lead); a lead with no
    government named leaves the partner as written."""
    found = [g.group(1) if g else "" for g in map(_GOVERNMENT.match, leads)]
    governments = list(dict.fromkeys(g for g in found if g))
    out = []
    for p in partners:
        same_level = p.startswith(("同级", "本级")) and len(p) > 4 and governments
        out += [g + p[2:] for g in governments] + ([p] if "" in found else []) if same_level else [p]
    return list(dict.fromkeys(out))


def _names_itself(label: str) -> bool:
    """国务院, 县级人民政府: a government's name starts its own phrase, so a short gap before it
    is a verb (单位进行国务院…规定的作业), not a qualifier (国务院标准化行政主管部门)."""
    lex = lexicon("zh").get(label)
    return lex is not None and (lex.cls == "Government" or lex.from_thesaurus and label.startswith(_GOVERNMENT_LEAD))



def _qualified(conjunct: str, first: str, joined: str = "和") -> str:
    """The first conjunct's qualifier carries over to a bare conjunct: 生产经营单位的主要负责人和
    安全生产管理人员 -> 生产经营单位的安全生产管理人员; 县级人民政府农业部门、财政部门 ->
    县级人民政府财政部门. A conjunct with its own qualifier (的, a government) keeps it."""
    government = _GOVERNMENT.match(first)
    if "的" in conjunct:                  # …应急管理部门和其他负有…职责的部门: the same government's
        other = government and conjunct.startswith("其他") and conjunct.endswith("部门")
        return government.group(1) + conjunct if other else conjunct
    # 县级以上人民政府有关部门和单位: 有关单位 (a department beside it stays the government's)
    own = first[government.end(1):] if government and not conjunct.endswith("部门") else first
    marker = next((m for m in _VAGUE_LEADS if own.startswith(m) or "等" + m in first), "")
    if marker and len(conjunct) <= 4 and not conjunct.startswith(_QUALIFIED):
        return marker + conjunct           # 有关人民政府或者主管部门 -> 有关主管部门
    owner = first[: first.rfind("的") + 1]
    if owner and _ends_with_actor(owner[:-1]) and conjunct.endswith(_MEMBER_HEADS) and not _GOVERNMENT_NAME.search(conjunct):
        return owner + conjunct
    if owner and joined != "与" and not _ends_with_actor(owner[:-1]) and _bare_head(conjunct) \
            and _bare_head(first[len(owner):]):
        return owner + conjunct           # 参加现场救援的单位和个人: 参加现场救援的个人 (a clause, not 乡、镇的)
    if government and conjunct.endswith("部门") and not _GOVERNMENT_NAME.search(conjunct) \
            and (not conjunct.startswith(_QUALIFIED) or conjunct.startswith("其他")):
        return government.group(1) + conjunct     # …民政部门和其他有关部门: the same government's other departments
    return conjunct



_FIXED_LEVELS = frozenset({"省", "自治区", "直辖市"})     # 省、自治区、直辖市人民政府: one level in its variants
_LEVELS = frozenset(_P["government_levels"])
_NAMED_ORG = re.compile(_P["named_org_end"])
# 等 closing a list, not inside a word (高等学校, 平等, 同等) nor before a qualifier (等行业的单位)
_ETC_BETWEEN = re.compile(r"[^，。；：的等]{0,12}(?:、[^，。；：的等]{1,12}){0,12}(?<![高平同均对初中上次])等")
# …、文化综合执法等行政管理 before 部门: a long list with the first words of its head
_ETC_GAP = re.compile(_ETC_BETWEEN.pattern + r"(?:其他有关|有关|相关|其他)?[^，。；：、的等和或及与]{0,8}")
_ETC_HEAD = re.compile(r"(?<![高平同均对初中上次])等(?:有关|相关|其他)?[^，。；：、的等和或及与]{0,4}")
# a qualifier shared by a list of bare items before their head: 危险物品的生产、经营、储存、运输(单位)
_QUALIFIED_LIST = re.compile(r"[^，。；：]{1,50}的(?:[^，。；：、的等]{1,10}、)+[^，。；：、的等]{1,10}")
# what a short prefix of the first conjunct must be to reach a bare later one (任何单位和个人 -> 任何个人);
# a field or a verb is the first conjunct's own (教育主管部门、学校; 用地单位或者个人; 燃气用户及相关单位和个人)
# or the place the units come from (中国单位或者个人, 境外组织和个人, 军队单位和人员)
_SHARED_DETERMINERS = ("任何", "一切", "有关", "相关", "其他", "各", "本", "该", "所有", "上述", "前款", "下列")
_ORIGINS = frozenset({"中国", "外国", "境外", "境内", "国外", "国内", "军队", "地方", "本地", "外地", "农村", "城镇", "城市"})
_BRACKETED = re.compile(r"（[^（）]*）")
_FIELD_PAIR = re.compile(r"[^、，。；：的等和或及与]{2,6}和[^、，。；：的等和或及与]{2,6}")
_SPAN_BREAK = re.compile("|".join(map(re.escape, _P["span_breakers"])))
_LIST_MARKS = re.compile("[、等各]|任何|一切")
_LIST_HEADS = frozenset(_P["list_heads"])       # heads a bare item combines with: 生产、经营单位
_CLASS_HEADS = frozenset(_P["class_heads"])     # heads whose items are names: 广播、电视等媒体
_COORD_INSIDE = re.compile(r"以及|或者|及其|和|及|与|或")
# a vague qualifier over a list of bare short names: 相关地区、部门, 有关组织、个人
_SHARED_MARKER = re.compile(r"(?P<marker>其他有关|各有关|有关|相关)(?P<items>[^、等的和或及与]{1,4}(?:、[^、等的和或及与有相各其]{1,4})+)")
_ETC_LIST = re.compile(r"^(?P<items>[^、等]+(?:、[^、等]+)+|[^、等]{2,})(?<![高平同均对初中上次])等(?![级于同])"
                       r"(?P<vague>其他有关|有关|相关|其他)?(?P<tail>[^、等的]+)$")


@functools.lru_cache(maxsize=8192)
def _expand_cached(label: str) -> tuple[str, ...]:
    return tuple(_expand(label))


def expand_shared_head(label: str) -> list[str]:
    """See ``_expand``; most labels name one unit and are returned at once."""
    if not _LIST_MARKS.search(label) or _charged_organ(label):
        return [label]
    return list(_expand_cached(label))


def _charged_organ(label: str) -> bool:
    """省、自治区、直辖市人民政府负责饲料、饲料添加剂管理的部门: one department; the 、 inside its charge lists
    no units (levels before the government are still read: see ``_expand``)."""
    government = _GOVERNMENT_END.search(label)
    return bool(government) and bool(_DUTY_ORGAN.fullmatch(label, government.end())) \
        and "、" not in label[:government.start()]


def _expand(label: str) -> list[str]:
    """A list of units under one head gives one bearer per named unit, each with the shared
    qualifiers: 卫生健康、公安等有关部门 -> 卫生健康部门, 公安部门, 有关部门; 生产、经营单位 ->
    生产单位, 经营单位; 市、区人民政府 -> 市人民政府, 区人民政府 (but 省、自治区、直辖市人民政府
    names one level in its variants and stays whole)."""
    anyone = re.fullmatch(r"(任何|一切)([^和或及、]{1,6})(?:和|或者|以及|及)([^和或及、]{1,6})", label)
    if anyone:                            # 任何单位和个人: 任何单位, 任何个人
        return [anyone[1] + anyone[2], anyone[1] + anyone[3]]
    each = re.findall(r"各[^各、]+", label)
    if len(each) > 1 and "".join(each) == label and all(len(c) > 1 for c in each):
        return each                       # 各地区各有关部门: 各地区, 各有关部门
    listed = label.split("、")
    if len(listed) > 1 and all(p.startswith("各") and len(p) > 1 and not _COORD_INSIDE.search(p) for p in listed):
        return listed                     # 各警种、各地公安机关: each is a bearer of its own
    if "、" not in _BRACKETED.sub("", label) and "等" not in label:
        return [label]                    # 县（市、区）人民政府: the 、 lists variants of one level
    levels = split_levels(label)
    if levels:                            # 市、区（县级市）人民政府: 市人民政府, 区（县级市）人民政府
        return [unit for level in levels for unit in ([level] if split_levels(level) else _expand(level))]
    activities = activity_list(label)
    if activities:                        # 生产、销售农药的单位: 生产农药的单位, 销售农药的单位
        return activities
    qualified = shared_qualifier(label)
    if qualified:                         # 危险物品的生产、经营单位: 危险物品的生产单位, 危险物品的经营单位
        units = _expand(qualified[1])
        if len(units) > 1:
            return _respectively(qualified[0], units) or [qualified[0] + u for u in units]
    shared = _SHARED_MARKER.fullmatch(label)
    if shared:                            # 相关地区、部门: 相关地区, 相关部门
        return [shared["marker"] + item for item in shared["items"].split("、")]
    etc = _ETC_LIST.match(label)
    if etc:
        return _etc_list(etc) or [label]
    if re.search(r"(?<![高平同均对初中上次])等(?![级于同])", label):
        return [label]                   # 电焊、气焊等具有火灾危险作业的人员: the list qualifies a clause
    return department_list(label, governed=True) or _bare_list(label) or department_list(label) \
        or thing_list(label) or _listed_beside(label) or [label]


def relative_units(phrase: str) -> list[str]:
    """回收、储存废弃电器的单位和个人 (a relative clause before bare heads): one bearer per head and per
    activity listed, each with the clause (回收废弃电器的单位, …, 储存废弃电器的个人)."""
    owner, sep, head = phrase.rpartition("的")
    pair = re.fullmatch(r"([^和或及与]{1,4})(?:和|或者|以及|及)([^和或及与]{1,4})", head) if sep else None
    heads = [pair[1], pair[2]] if pair and all(map(_bare_head, (pair[1], pair[2]))) else [head]
    return [unit for h in heads for unit in (activity_list(owner + sep + h) or [owner + sep + h])]


def _respectively(owner: str, units: list[str]) -> list[str]:
    """检验、检测机构的检验、检测人员: each owner's own kind of staff (检验机构的检验人员, 检测机构的检测人员),
    when the owner lists as many units as the staff and each staff item repeats its owner's field."""
    owners = _expand(owner[:-1]) if owner.endswith("的") and "、" in owner else []
    if len(owners) != len(units):
        return []
    fields = [u[:2] for u in units]
    if len(set(fields)) < len(fields) or not all(f in o for o, f in zip(owners, fields)):
        return []
    return [o + "的" + u for o, u in zip(owners, units)]


# a department's head with no owner of its own: 主管部门, 行政管理部门 (not 国务院有关部门, 公安部门)
_ORGAN_TAIL = re.compile(r"(?:行政管理|行政主管|监督管理|行政|主管|管理)部门")
_BESIDE = re.compile(r"((?:[^、的，]{1,4}、)+[^、的，]{1,4}?)(?:以及|和|及|或者)([^、的，]{2,16})")


def _listed_beside(label: str) -> list[str]:
    """广播、电视、报刊以及网络服务提供者: short names listed before 以及/和 and a named actor are
    bearers beside it, each as written."""
    m = _BESIDE.fullmatch(label)
    if m is None or not any(b == len(m[2]) for _, b in find_mentions(m[2], "zh")):
        return []
    items = m[1].split("、")
    return [] if any(_verb_first(it) for it in items) else items + [m[2]]


@functools.lru_cache(maxsize=4096)
def _verb_first(text: str) -> bool:
    """进行爆破: the words start with a verb (jieba's part of speech), so they are no unit's name."""
    words = first_tagged(text, 1)
    return bool(words) and words[0].flag == "v"


def _head_of(tail: str) -> str:
    """The generic head a tail ends with (消防技术服务机构 -> 机构), else the whole tail (劳动者)."""
    if _ORGAN_TAIL.fullmatch(tail):
        return tail                       # 等行政管理部门: each listed field's 行政管理部门
    ends = [(b - a, tail[a:]) for a, b in find_mentions(tail, "zh") if b == len(tail)]
    return max(ends)[1] if ends else tail


def _etc_list(m: re.Match) -> list[str]:
    qualifier, listed = "", m["items"]
    government = GOVERNMENT_PREFIX.match(listed)
    if government:                       # 县（市、区）人民政府公安、民政等部门: the government of every field
        qualifier, listed = government.group(), listed[government.end():]
    items = listed.split("、")
    head = _head_of(m["tail"])
    if _COORD_INSIDE.search(m["tail"]) or any(_COORD_INSIDE.search(it) and not _joined_field(it, head) for it in items):
        return []                        # 网站等媒体以及广告经营者: two phrases, not one list
    named = head in _CLASS_HEADS         # 广播、电视等媒体: the items are the units themselves
    operated = head_with_verb(items, m["tail"], head) if not named else head
    if operated != head:                 # 宾馆、商场等人员密集场所经营单位: the places' operators
        return [qualifier + it + operated for it in items if it] + \
            ([qualifier + m["vague"] + m["tail"]] if m["vague"] else [])
    out = [qualifier + (it if named or _names_itself_unit(it) else it + head) for it in items if it]
    if m["vague"]:
        out.append(qualifier + m["vague"] + m["tail"])
    return out


def _joined_field(item: str, head: str) -> bool:
    """住房和城乡建设, 文化和旅游, 城市管理和综合执法 before 等部门: one field of administration written with 和,
    not two units (no actor is named in it)."""
    return head.endswith("部门") and bool(_FIELD_PAIR.fullmatch(item)) and not find_mentions(item, "zh")


def _bare_list(label: str) -> list[str]:
    """生产、经营、储存单位 / 市、区人民政府 / 矿山、金属冶炼、建筑施工单位: items before one head."""
    *items, last = label.split("、")
    if "的" in label or not items or any(not bare_item(it) or find_mentions(it, "zh") for it in items) \
            or not_one_item(last):
        return []
    if set(items) <= _FIXED_LEVELS or (items[0] in _FIXED_LEVELS and last.startswith(tuple(_FIXED_LEVELS))):
        return []
    level = next((lv for lv in sorted(_LEVELS, key=len, reverse=True) if last.startswith(lv)), "")
    if level and all(it in _LEVELS for it in items):
        return [it + last[len(level):] for it in items] + [last] if last[len(level):] else []
    ends = [a for a, b in find_mentions(last, "zh") if b == len(last)]
    if not ends or ends[0] == 0 or ends[0] > 2 * max(map(len, items)) + 1 or _COORD_INSIDE.search(last):
        return []                        # where the head starts is unclear
    head = last[ends[0]:]
    if head not in _LIST_HEADS and not level:
        head = list_head(last)            # 建筑施工单位: 单位 (施工单位 is no list head)
        if not head or head_with_verb(items, last, head) != head:
            return []                     # 机动车、非道路移动机械生产企业: 企业 or 生产企业 is unclear
    shared = activity_owner(items, last[: len(last) - len(head)])
    if shared:                            # 机动车生产、进口企业: 机动车生产企业, 机动车进口企业
        return [items[0] + head] + [shared + it + head for it in items[1:]] + [shared + last]
    return [it if _names_itself_unit(it) else it + head for it in items] + [last]


def _names_itself_unit(item: str) -> bool:
    """企业, 共产主义青年团, 妇女联合会: an item that is already a unit's name takes no head."""
    return any(b == len(item) for _, b in find_mentions(item, "zh")) or bool(_NAMED_ORG.search(item))


def _owns_departments(owner: str, conjunct: str) -> bool:
    """人民政府及其有关部门: a government's own departments; 有关主管部门及其工作人员: a body's own
    staff, named bare (负责检验的人员 and 有关从业人员 keep their own qualifiers)."""
    if conjunct in _OWN_STAFF:
        return True
    return owner.endswith(("人民政府", "政府", "国务院")) and conjunct.endswith(("部门", "机构")) \
        and not conjunct.startswith(("其他", "本级"))


def _owned(owner: str, conjunct: str) -> str:
    """What A及其B names: A's departments or staff as the thesaurus writes them (人民政府有关部门,
    主管部门工作人员), A's specialists with 的 (检验机构的检验人员), else B as written."""
    if _owns_departments(owner, conjunct):
        return owner + conjunct
    specialists = conjunct.endswith("人员") and "的" not in conjunct and not conjunct.startswith(_QUALIFIED)
    return owner + "的" + conjunct if specialists and len(conjunct) > 2 else conjunct


def _outer_list(texts: list[str], coords: list[str]) -> list[list[str]]:
    """有关部门和单位、个人: a 、 after 和/或 separates an outer list, so the first conjunct's
    qualifier (有关) reaches 单位 but not 个人; A、B和C is one list."""
    outer = next((i + 1 for i, c in enumerate(coords) if c == "、" and any(x != "、" for x in coords[:i])), None)
    return [texts[:outer], texts[outer:]] if outer else [texts]


def _bare_head(conjunct: str) -> bool:
    """个人, 组织, 机构: a conjunct that is only a head noun, with no qualifier of its own."""
    return conjunct in lexicon("zh") and len(conjunct) <= 4 and not conjunct.startswith(_QUALIFIED)


def _antecedent(first: str) -> str:
    """What 其 after ``first`` stands for: the owner of 公安机关的工作人员, else the first conjunct."""
    owner = first.rsplit("的", 1)[0]
    return owner if owner != first and _ends_with_actor(owner) else first


def _ends_with_actor(text: str) -> bool:
    """生产经营单位 (的…): the qualifier is an owner, not a descriptive clause (有选举权的)."""
    return any(end == len(text) for _, end in find_mentions(text, "zh"))


class ZhPhrases:
    """Noun-phrase reading over the actor mentions of one unit's text."""

    text: str
    mentions: list[tuple[int, int]]
    _mention_starts: list[int]

    def mentions_within(self, s: int, e: int) -> list[tuple[int, int]]:
        """The mentions that start at or after ``s`` and end by ``e`` (mentions are sorted)."""
        i = bisect.bisect_left(self._mention_starts, s)
        j = bisect.bisect_left(self._mention_starts, e, i)
        return [m for m in self.mentions[i:j] if m[1] <= e]

    def first_mention(self, s: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self._mention_starts, s)
        return self.mentions[i] if i < len(self.mentions) else None
    def grow_np(self, s: int, limit: int) -> tuple[int, int] | None:
        """The actor phrase starting at ``s``: modifiers + head, then coordinated/的-linked heads."""
        inside = self.mentions_within(s, limit)
        if not inside:
            return None
        first = inside[0]
        gap = self.text[s:first[0]]
        too_long = len(gap) > 24 and not (len(gap) <= 80 and (_ETC_GAP.fullmatch(gap) or _qualified_list(gap)))
        if too_long or _PUNCT.search(gap) or gap.startswith("由") or (gap and _SPAN_BREAK.search(gap.rsplit("的", 1)[-1])):
            return None                   # 公众聚集场所未经消防救援机构许可: the phrase ends before 未经
        end = self._duty_organ(s, first[1], limit)
        for m in inside[1:]:
            if m[0] < end:
                continue
            between = self.text[end:m[0]]
            if not self._joins(between, self.text[m[0]:m[1]]) or (not between and self.text[m[0]:m[1]] in _VERB_LIKE) \
                    or self._acts_on(between, m, limit):
                break
            end = self._duty_organ(s, m[1], limit)
        return s, end

    def _acts_on(self, between: str, mention: tuple[int, int], limit: int) -> bool:
        """用人单位招用人员，不得…, 企业录用女职工，应当…: a verb between two actor names that closes the
        clause makes the second the object of the first's act, the occasion of a duty, not one name (but
        政府采购部门: a department is named by its field, which may read as a verb)."""
        head = self.text[mention[0]:mention[1]]
        closes = mention[1] >= limit or self.text.startswith(("，", ","), mention[1])
        return closes and 0 < len(between) <= 3 and not between.endswith("的") and _verb_first(between) \
            and head not in _ORGAN_HEADS and not head.endswith(_ORGAN_ENDS)

    def _duty_organ(self, s: int, end: int, limit: int) -> int:
        """县级以上地方人民政府负责特种设备安全监督管理的部门: a government's department named by the work
        it is charged with; the phrase ends after the department, not at the government."""
        if not self.text.endswith(_GOVERNMENT_ENDS, s, end):
            return end
        m = _DUTY_ORGAN.match(self.text, end, limit)
        return m.end() if m else end

    def _joins(self, between: str, head: str = "") -> bool:
        if between == "":
            return True
        if _PUNCT.search(between.replace("、", "")) or "，" in between or between.startswith(_NP_BREAKERS + MEETING):
            return False                  # 用人单位发现本单位人员…: the subject meets an event
        if _ETC_BETWEEN.fullmatch(between) and not _CUES.search(between) \
                and (between.startswith("等") or not between.startswith(_STARTERS)):
            return True                   # 人民政府卫生健康、公安等有关部门: units listed before one head
        organ = head in _ORGAN_HEADS or head.endswith(_ORGAN_ENDS) and not _COORD_INSIDE.search(between)
        if organ and _field_names(between) and not between.startswith(_ORGAN_GAP_VERBS) and not _CUES.search(between) \
                and not starts_predicate(between) and "的" not in between:
            return True                   # 国务院人力资源和社会保障部门: a department's name
        if _ETC_HEAD.fullmatch(between) and not _CUES.search(between):
            return True                   # 妇女联合会等有关人民团体: a closing 等 before the list's head
        if describes_a_class(between):
            return True                   # 小型企业或者微型企业等规模较小的生产经营单位
        if re.fullmatch(r"以外的(?:其他)?", between):
            return True                   # 志愿服务组织以外的其他组织
        if between.startswith(_COORD):
            return len(between) <= 22
        if between.startswith("、"):
            return len(between) <= 22
        if between.endswith("的") and len(between) <= 4 and not _CUES.search(between):
            return True                   # 个人经营的投资人: a relative clause qualifies the head
        if between.startswith(_STARTERS) and not between.startswith(("和", "与")):
            return False
        if between.startswith("的"):
            return len(between) <= 6
        return len(between) <= 3 and (between.endswith("的") or not _names_itself(head))


    def split_coordinated(self, s: int, e: int) -> list[str]:
        """"A、B和C" -> [A, B, C]; "任何部门和单位" -> [任何部门, 任何单位]."""
        if names_a_class(self.text[s:e]):
            return [self.text[s:e]]       # 小型企业或者微型企业等规模较小的生产经营单位: one class
        parts, cut, owned, coords = [], s, set(), []
        heads = self.mentions_within(s, e)
        for m in sorted(heads + self._named_ends(s, e, heads)):
            if m[1] >= e:
                break
            rest = self.text[m[1]:e]
            coord = next((c for c in _COORD if rest.startswith(c)), None)
            if coord == "及其" and rest.startswith(("及其他", "及其余")):
                coord = "及"                  # 教师及其他个人: 及 + 其他个人
            if coord and any(h[0] >= m[1] + len(coord) for h in heads):
                parts.append((cut, m[1]))
                coords.append(coord)
                cut = m[1] + len(coord)
                if coord == "及其":
                    owned.add(len(parts))     # 县级以上人民政府及其有关部门: the government's departments
        parts.append((cut, e))
        texts = [self.text[a:b].strip("、 ") for a, b in parts]
        texts = [_owned(texts[i - 1], t) if i in owned else t for i, t in enumerate(texts)]
        groups = _outer_list(texts, coords)
        joins = [coords[:len(groups[0]) - 1], coords[len(groups[0]):]]
        return [unit for g, c in zip(groups, joins) for t in self._distribute(g, heads, c) for unit in expand_shared_head(t)]

    def _named_ends(self, s: int, e: int, heads: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """粮食收购者、粮食储存企业, 中国人民解放军和中国人民武装警察部队: a unit's or an agent's name
        that no actor label covers (…者, …人, …军, …所) ends before a coordinator as a mention does."""
        ends = {b for _, b in heads}
        out = []
        for m in _COORD_AFTER_NAME.finditer(self.text, s, e):
            at = m.end("name")
            piece = self.text[max(s, at - 8):at].rsplit("、", 1)[-1]
            if at not in ends and len(piece) >= 2 and not piece.endswith(_AGENT_NOT) and heads and heads[-1][1] > at \
                    and not _ETC_ITEMS.match(self.text, at, e):     # 影院、商场等…经营单位: one 等-list
                out.append((at - 1, at))
        return out

    def _distribute(self, texts: list[str], heads, coords: list[str]) -> list[str]:
        first = texts[0]
        labels = {self.text[a:b] for a, b in heads}
        head = next((lbl for lbl in sorted(labels, key=len, reverse=True) if first.endswith(lbl)), "")
        prefix = first[: len(first) - len(head)] if head else ""
        short = prefix if 0 < len(prefix) <= 4 and (prefix.startswith(_SHARED_DETERMINERS) or prefix in _ORIGINS) else ""
        if prefix.endswith(("任何", "一切")):
            short = prefix[-2:]           # 在…领域内的一切单位和个人: 一切个人
        limit = 4 if short in ("任何", "一切") else 2        # 任何单位和成年人: 任何成年人
        out = [first]
        for prev, t, joined in zip(texts, texts[1:], coords + ["、"] * len(texts)):
            if not t:
                continue
            if _OWN_PRONOUN.match(t):
                out.append(_antecedent(first) + t[1:])     # 受益人或者其委托的管理人: 受益人委托的管理人
            elif short and t in labels and len(t) <= limit:
                out.append(short + t)
            elif _bare_head(t) and prev != first and prev.startswith(_VAGUE_LEADS):
                out.append(next(m for m in _VAGUE_LEADS if prev.startswith(m)) + t)   # A以及其他有关单位和个人
            elif "等有关" in prev and "等有关" not in first:
                out.append(_qualified(t, prev))      # …等有关人民团体和群众团体: 有关群众团体
            else:
                out.append(_qualified(t, first, joined))     # 职工推举的代表与企业: 企业 stays bare
        return out

    def item_bearers(self, s: int, e: int) -> list[str]:
        """The bearers an item under "下列单位应当…：" names: a coordinated actor phrase (县级以上人民政府
        及其负有…职责的部门, 危险物品的生产、经营单位以及矿山单位) is read as a subject is, any other
        item by ``item_units``."""
        mark = _ITEM_MARK.match(self.text, s, e)
        a = mark.end() if mark else s
        b = a + len(self.text[a:e].rstrip().rstrip("；;。，,"))
        if _COORD_INSIDE.search(self.text, a, b) and self.grow_np(a, b) == (a, b):
            return self.split_coordinated(a, b)
        return item_units(self.text[s:e])


_ITEM_MARK = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*")


def item_units(item: str) -> list[str]:
    """The bearers an item under "下列单位应当…：" names: 大型发电厂、民用机场 -> both;
    生产、储存危险品的企业 -> 生产危险品的企业, 储存危险品的企业; 大型仓库、基地 -> 大型仓库, 大型基地;
    a 、 inside a modifier (较大、距离…较远的其他企业) does not split it."""
    text = _ITEM_MARK.sub("", item).strip().rstrip("；;。，,")
    parts = text.split("、")
    if len(parts) == 1:
        return [text] if text else []
    if all(len(p) <= 2 for p in parts[:-1]) and len(parts[-1]) > 4:
        head = parts[-1][len(parts[0]):] if len(parts[0]) <= len(parts[-1]) else ""
        return [p + head for p in parts[:-1]] + [parts[-1]] if head else [text]
    if all(len(p) <= 2 for p in parts[1:]) and len(parts[0]) > 4:
        stem = parts[0][: len(parts[0]) - len(parts[1])]
        return [parts[0]] + [stem + p for p in parts[1:]]
    return [text] if "的" in text[text.find("、"):] else parts
