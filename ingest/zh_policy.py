"""Policy documents (意见, 通知, 方案): responsible-units notes after a task.

A State Council policy paper closes each task with a note naming who carries it out:
"（A牵头，B、C按职责分工负责）", "（A、B负责）", "（A负责）". The note gives an obligation of
every named unit, the action being the task's title ("1.拓展两个市场。"). A lead is named by
牵头, or by the convention "列第一位者为牵头单位 / 排在第一位的部门为牵头部门，下同", which holds
for that note and every later one. "等有关部门" closing a list keeps only the named units.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from govkg.ingest.drafts import Draft, roles_for

_NOTE = re.compile(r"（(?P<body>[^（）]{2,200}?(?:负责|牵头|参与|配合)[^（）]{0,60})）[。；]?\s*$")
_CONVENTION = re.compile(r"(?:列|排在|排)第一位(?:者|的[\u4e00-\u9fff]{0,4})?为牵头")
_TITLE_POLICY = re.compile(r"(?:意见|通知|方案|规划|决定|计划|纲要|措施|办法|通告)(?:》)?\s*$")
_NUMBERING = re.compile(r"^\s*(?:（[一二三四五六七八九十百]+）|\(\d+\)|\d+[.．、]|[一二三四五六七八九十]+、)\s*")
_DUTY_TAIL = re.compile(r"(?:按职责分工|按照职责分工|分别|共同|按职责)?(?:负责|参与|配合)$")
_PAIR = re.compile(r"^(?P<owner>.*?)(?P<head>部门|单位|机构)和(?P<other>部门|单位|机构)$")


@dataclass(frozen=True)
class PolicyContext:
    """What a policy paper's reader needs to know about the document around one paragraph."""

    policy: bool = False        # a policy paper: an impersonal task with a modal is a norm
    lead_first: bool = False    # the first unit of a note leads (the convention was stated)


def is_policy(title: str, text: str) -> bool:
    """意见/通知/方案 by title, or a text whose tasks end with responsible-units notes."""
    if _TITLE_POLICY.search(title.strip("# ")):
        return True
    return len(re.findall(r"负责）", text)) >= 3


@functools.lru_cache(maxsize=64)
def _document_facts(title: str, text: str) -> tuple[bool, int]:
    """(is a policy paper, where the lead-first convention is stated or -1), once per document."""
    convention = _CONVENTION.search(text)
    return is_policy(title, text), convention.start() if convention else -1


def context_at(title: str, text: str, upto: int) -> PolicyContext:
    """The policy context of the paragraph that ends at ``upto``."""
    policy, convention = _document_facts(title, text)
    if not policy:
        return PolicyContext()
    return PolicyContext(True, 0 <= convention < upto)


def find_note(text: str, s: int, e: int) -> re.Match | None:
    """The responsible-units note closing text[s:e], if any."""
    m = _NOTE.search(text, s, e)
    if m is None or not _is_unit_list(m.group("body")):
        return None
    return m


def _is_unit_list(body: str) -> bool:
    """A note names units, not a clause: no sentence punctuation inside the unit list."""
    units = re.split(r"[。；]", body)[0]
    return not re.search(r"[：:“”]", units)


def task_title(text: str, s: int, e: int) -> str:
    """"1.拓展两个市场。…" -> 拓展两个市场; without a numbered title, the first sentence."""
    para = text[s:e]
    numbered = _NUMBERING.match(para)
    body = para[numbered.end():] if numbered else para
    first = re.split(r"[。！？]", body, maxsplit=1)[0]
    return first.strip().rstrip("，；：")


def note_drafts(text: str, s: int, e: int, note: re.Match, ctx: PolicyContext) -> list[Draft]:
    """One obligation of each unit the note names, with its role."""
    body = re.split(r"[。；]", note.group("body"))[0]
    body = re.split(r"[，,](?=(?:列|排在|排)第一位)", body)[0]
    leads, supports = _split_note(body)
    action = task_title(text, s, e)
    if not action:
        return []
    units = leads + supports
    if not units:
        return []
    if supports:
        roles = ["lead"] * len(leads) + ["support"] * len(supports)
    elif ctx.lead_first and _several(body, leads):
        first = _units(_top_pieces(body)[0])
        roles = ["lead" if u in first else "support" for u in units]
    else:
        roles = [roles_for(units, "sole")] * len(units)
    start, end = note.start(), note.end()
    return [Draft(u, "obligation", action, start, end, r, "", 0.85, text[s:e].strip())
            for u, r in zip(units, roles)]


def _split_note(body: str) -> tuple[list[str], list[str]]:
    """(leads, others): "A牵头，B、C按职责分工负责" -> ([A], [B, C]); without 牵头 all are leads-or-sole."""
    if "牵头" in body:
        lead_part, _, rest = body.partition("牵头")
        return _units(lead_part), _units(rest.strip("，,、 "))
    return _units(body), []


def _top_pieces(body: str) -> list[str]:
    body = _DUTY_TAIL.sub("", body.strip())
    return [p for p in re.split(r"[、，,]", body) if p.strip()]


def _several(body: str, units: list[str]) -> bool:
    """More than one unit carries the task: several listed, or a named list closed by 等."""
    return len(_top_pieces(body)) > 1 or (bool(units) and "等" in body)


def _units(part: str) -> list[str]:
    """"海关总署、商务部等有关部门负责" -> [海关总署, 商务部]; "各有关部门和单位" -> [各有关部门, 各有关单位]."""
    part = _DUTY_TAIL.sub("", part.strip().strip("，,、 "))
    out: list[str] = []
    for piece in re.split(r"[、，,]", part):
        piece = piece.strip()
        closing = re.search(r"等", piece)
        if closing and closing.start() > 0:
            out.append(piece[:closing.start()])
            break                        # 等有关部门: only the named units
        pair = _PAIR.match(piece)
        if pair:
            out += [pair["owner"] + pair["head"], pair["owner"] + pair["other"]]
        elif piece:
            out.append(piece)
    return [u for u in out if u]
