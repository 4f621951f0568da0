"""Policy documents (意见, 通知, 方案): responsible-units notes after a task.

A State Council policy paper closes each task with a note naming who carries it out:
"（A牵头，B、C按职责分工负责）", "（A、B负责）", "（A负责）", "（A、B指导）", "（A指导，B参与）". The note
gives an obligation of every named unit, the action being the task's title ("1.拓展两个市场。"), or
the task's first sentence where one paragraph holds several tasks, each closed by its own note. A lead
is named by 牵头, by a unit that 参与/配合 units support, or by the convention "列第一位者为牵头单位 /
排在第一位的部门为牵头部门，下同", which holds for that note and every later one. "以下均需X落实，不再列出"
makes X the bearer of every later task as well. "等有关部门" closing a list keeps only the named
units; "A、B等和C" keeps C too.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from govkg.ingest.drafts import Draft, roles_for

_INNER = r"(?:[^（）()]|[（(][^（）()]{1,12}[）)])"       # 国家发展改革委（能源局）: one bracket inside a note
_NOTE = re.compile(rf"[（(](?P<body>{_INNER}{{2,200}}?(?:负责|牵头|参与|配合|指导){_INNER}{{0,60}})[）)][。；]?")
_CARRIED = re.compile(r"以下均(?:需|须|由)(?P<unit>[\u4e00-\u9fff]{2,20}?)(?:负责)?落实")
_CONVENTION = re.compile(r"(?:列|排在|排)第一位(?:者|的[\u4e00-\u9fff]{0,4})?为牵头")
_TITLE_POLICY = re.compile(r"(?:意见|通知|方案|规划|决定|计划|纲要|措施|办法|通告)(?:》)?\s*$")
_NUMBERING = re.compile(r"^\s*(?:（[一二三四五六七八九十百]+）|\(\d+\)|\d+[.．、]|[一二三四五六七八九十]+、)\s*")
_DUTY_TAIL = re.compile(r"(?:按职责分工|按照职责分工|分别|共同|按职责)?(?P<verb>牵头|参与|配合|协助|指导|负责落实|负责)$")
_SUPPORTING = ("参与", "配合", "协助")
_MINISTRY = r"(?!有关|相关|其他|各)(?:(?!部门)[\u4e00-\u9fff]){2,10}?(?:部|总局|总署|局|委|署|银行|监会|办公室|办|总社|工商联|妇联|团中央|总工会)(?!门)"
_MINISTRIES = re.compile(rf"(?P<units>{_MINISTRY}(?:、{_MINISTRY})*)(?:等(?:有关)?部门)?")
_PAIR = re.compile(r"^(?P<owner>.*?)(?P<head>部门|单位|机构)和(?P<other>部门|单位|机构)$")


@dataclass(frozen=True)
class PolicyContext:
    """What a policy paper's reader needs to know about the document around one paragraph."""

    policy: bool = False        # a policy paper: an impersonal task with a modal is a norm
    lead_first: bool = False    # the first unit of a note leads (the convention was stated)
    carried: str = ""           # "以下均需X落实": X bears every later task (stated before this paragraph)


def is_policy(title: str, text: str) -> bool:
    """意见/通知/方案 by title, or a text whose tasks end with responsible-units notes."""
    if _TITLE_POLICY.search(title.strip("# ")):
        return True
    return len(re.findall(r"负责）", text)) >= 3


@functools.lru_cache(maxsize=64)
def _document_facts(title: str, text: str) -> tuple[bool, int, re.Match | None]:
    """(is a policy paper, where the lead-first convention is stated or -1, the carried bearer),
    once per document."""
    convention = _CONVENTION.search(text)
    return is_policy(title, text), convention.start() if convention else -1, _CARRIED.search(text)


def context_at(title: str, text: str, upto: int) -> PolicyContext:
    """The policy context of the paragraph that ends at ``upto``."""
    policy, convention, carried = _document_facts(title, text)
    if not policy:
        return PolicyContext()
    return PolicyContext(True, 0 <= convention < upto, carried["unit"] if carried and carried.end() <= upto else "")


def find_notes(text: str, s: int, e: int) -> list[re.Match]:
    """The responsible-units notes of text[s:e]: the one closing it, and any closing a task inside it
    (after a sentence's end: "…统计方法。（A牵头，B参与）优化…。（A指导）")."""
    notes = []
    for m in _NOTE.finditer(text, s, e):
        closing = not text[m.end():e].strip()
        after_sentence = m.start() > s and text[m.start() - 1] in "。；！"
        if (closing or after_sentence) and _is_unit_list(m.group("body")):
            notes.append(m)
    return notes


def read_notes(text: str, s: int, e: int, ctx: PolicyContext) -> tuple[list[Draft], list[tuple[int, int]]]:
    """The drafts of every note in text[s:e], and the spans of task text left to read as sentences.
    Each note covers the text from the previous note (or the paragraph's start) up to itself."""
    drafts: list[Draft] = []
    spans: list[tuple[int, int]] = []
    own = _CARRIED.search(text, s, e)
    at = s
    for note in find_notes(text, s, e):
        carried = own["unit"] if own and own.start() < note.start() else "" if own else ctx.carried
        drafts += note_drafts(text, at, note.start(), note, ctx, carried)
        spans.append((at, note.start()))
        at = note.end()
    if text[at:e].strip():
        spans.append((at, e))
    return drafts, spans


def _unit_part(body: str) -> str:
    """The units of a note body, before its first sentence end and before a stated convention."""
    body = re.split(r"[。；]", body)[0]
    return re.split(r"[，,](?=(?:列|排在|排)第一位)", body)[0]


def _is_unit_list(body: str) -> bool:
    """A note names units, not a clause: no sentence punctuation inside the unit list."""
    units = _unit_part(body)
    return not re.search(r"[：:“”的]|由", units)      # （具体办法由民政部制定，各地负责落实）: a clause


def task_title(text: str, s: int, e: int) -> str:
    """"1.拓展两个市场。…" -> 拓展两个市场; without a numbered title, the first sentence."""
    para = text[s:e]
    numbered = _NUMBERING.match(para)
    body = para[numbered.end():] if numbered else para
    first = re.split(r"[。！？]", body, maxsplit=1)[0]
    return first.strip().rstrip("，；：")


def note_drafts(text: str, s: int, e: int, note: re.Match, ctx: PolicyContext, carried: str = "") -> list[Draft]:
    """One obligation of each unit the note names, with its role (and of a carried bearer, sole)."""
    body = _unit_part(note.group("body"))
    action = task_title(text, s, e)
    pairs = _roles(body, ctx)
    if carried and carried not in (u for u, _ in pairs):
        pairs.append((carried, "sole"))
    if not action or not pairs:
        return []
    start, end = note.start(), note.end()
    sentence = text[s:end].strip()        # the task with its note
    return [Draft(u, "obligation", action, start, end, r, "", 0.85, sentence) for u, r in pairs]


def _roles(body: str, ctx: PolicyContext) -> list[tuple[str, str]]:
    """(unit, role) for every unit of a note body. 牵头 units lead and every other unit supports; without
    牵头, units that 参与/配合/协助 support the unit named before them; otherwise the lead-first convention,
    or each group of units holds its part jointly ("A指导，B负责落实": A joint-or-sole, B sole)."""
    groups = _groups(body)
    verbs = [v for _, v in groups]
    if "牵头" in verbs:
        return [(u, "lead" if v == "牵头" else "support") for units, v in groups for u in units]
    if any(v in _SUPPORTING for v in verbs) and verbs[0] not in _SUPPORTING:
        return [(u, "support" if v in _SUPPORTING else "lead") for units, v in groups for u in units]
    units = [u for group, _ in groups for u in group]
    if len(groups) == 1 or verbs[:-1] == [""] * (len(verbs) - 1):
        if ctx.lead_first and _several(body, units):
            first = _units(_top_pieces(body)[0])
            return [(u, "lead" if u in first else "support") for u in units]
        return [(u, roles_for(units, "sole")) for u in units]
    return [(u, roles_for(group, "sole")) for group, _ in groups for u in group]


def _groups(body: str) -> list[tuple[list[str], str]]:
    """"A牵头，B、C按职责分工负责" -> [([A], 牵头), ([B, C], 负责)]; a comma group with no verb of its own
    shares the next group's ("A、B，各省级人民政府按职责分工负责": one group); "A会同B负责" -> A leads, B supports."""
    groups: list[tuple[list[str], str]] = []
    pending: list[str] = []
    for piece in re.split(r"[，,]", body):
        if "会同" in piece:               # A会同B、C负责: A leads, B and C support
            lead, _, piece = piece.partition("会同")
            groups.append((pending + _units(lead), "牵头"))
            pending = []
            groups.append((_units(piece), "配合"))
            continue
        tail = _DUTY_TAIL.search(piece.strip())
        pending += _units(piece)
        if tail:
            groups.append((pending, tail["verb"]))
            pending = []
    if pending:
        groups.append((pending, ""))
    return [(units, verb) for units, verb in groups if units]


_PLACE_BODY = re.compile(r"(?![在对向从于把将为由与和及])(?:各|受)?[\u4e00-\u9fff]{0,8}?"
                         r"(?:省市|城市|保税区|试验区|开发区|示范区|新区)(?![\u4e00-\u9fff]{0,4}(?:企业|单位|机构|部门|政府))"
                         r"|各?省[（(]区、市[）)](?:人民政府|政府)")       # 各省（区、市）人民政府: one level, one bearer


def place_body(text: str, at: int, end: int, whole: bool = False) -> str:
    """试点城市要…, 受帮扶省市要…, 支持具备条件的综合保税区开展…: in a policy paper a city, province or zone
    named by its role in the plan is a bearer, though 城市 is no actor head (城市公共交通企业 is not a city); and
    各省（区、市）人民政府, the fixed form of one level, is one bearer."""
    m = (_PLACE_BODY.fullmatch if whole else _PLACE_BODY.match)(text, at, end)
    return m.group() if m else ""


def named_ministries(text: str, at: int, end: int, whole: bool = False) -> list[str]:
    """会同国家发展改革委、财政部等部门筛选确定: the ministries named by their own names from ``at``
    (a ministry's name is no actor mention), up to a closing 等部门; [] when none is named there.
    With ``whole``, the list must fill text[at:end] (a subject: 发展改革委、财政部等部门要…)."""
    m = (_MINISTRIES.fullmatch if whole else _MINISTRIES.match)(text, at, end)
    return m["units"].split("、") if m else []


def _top_pieces(body: str) -> list[str]:
    body = _DUTY_TAIL.sub("", body.strip())
    return [p for p in re.split(r"[、，,]", body) if p.strip()]


def _several(body: str, units: list[str]) -> bool:
    """More than one unit carries the task: several listed, or a named list closed by 等."""
    return len(_top_pieces(body)) > 1 or (bool(units) and "等" in body)


def _units(part: str) -> list[str]:
    """"海关总署、商务部等有关部门负责" -> [海关总署, 商务部]; "各有关部门和单位" -> [各有关部门, 各有关单位]."""
    part = _DUTY_TAIL.sub("", re.sub(r"[（(][^（）()]*[）)]", "", part).strip().strip("，,、 "))
    out: list[str] = []
    for piece in re.split(r"[、，,]", part):
        piece = piece.strip()
        closing = re.search(r"等", piece)
        if closing and closing.start() > 0:
            out.append(piece[:closing.start()])
            joined = re.match(r"等和(?P<unit>.+)$", piece[closing.start():])
            if joined:                   # A等和各有关省级人民政府: the unit after 和 is named too
                out.append(joined["unit"])
            break                        # 等有关部门: only the named units
        pair = _PAIR.match(piece)
        if pair:
            out += [pair["owner"] + pair["head"], pair["owner"] + pair["other"]]
        elif piece:
            out.append(piece)
    return [u for u in out if u]
