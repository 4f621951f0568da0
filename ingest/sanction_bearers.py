"""Whether the bearer a penalty clause names can be the bearer of a duty.

Three degrees, from loose to strict:

    bearer_compatible — the same kind of actor (a head noun in common: 单位, 部门, 负责人), for a
                        breach that names its act, whose content then decides;
    same_bearer       — the same actor, for a breach that names no act (未履行本法规定的职责);
    covers            — the same actor, or a class of public bodies the clause names as a whole
                        (地方各级人民政府, 县级以上人民政府有关部门), for a bare 违反本条例规定 of
                        those bodies: every duty of theirs, and no one else's.
"""
from __future__ import annotations

import functools
import re

@functools.lru_cache(maxsize=16384)
def conjuncts(bearer: str) -> tuple[str, ...]:
    """"生产经营单位的主要负责人和安全生产管理人员" -> its actors, each with the owner dropped."""
    parts = re.split(r"和|、|或者|以及|及|等(?=.{2})|,|\band\b|\bor\b", bearer)
    return tuple(re.sub(r"^.*的(?=[^的]{2,}$)", "", p.strip()) for p in parts if p.strip())


@functools.lru_cache(maxsize=16384)
def _heads(bearer: str, staff: bool = False) -> frozenset[str]:
    """Head nouns of a bearer's actors (单位, 部门, 负责人). ``staff``: the bearer may be the staff
    of a body (负有…职责的部门的工作人员), answerable for the body's duties."""
    of_body = re.match(r"(.+)的(?:工作人员|直接负责的主管人员)$", bearer) if staff else None
    if of_body:
        return _heads(of_body.group(1))
    return frozenset(_head(c) for c in conjuncts(bearer) if len(c) >= 2)


def _head(actor: str) -> str:
    """The head noun: 单位, 部门, 负责人; of persons the kind (从业人员, 管理人员, 作业人员), since
    人员 alone would make every staff answerable for every other's duties."""
    if actor.endswith("人员") and len(actor) >= 4:
        return actor[-4:]
    return actor[-3:] if actor.endswith("负责人") else actor[-2:]


def bearer_compatible(breach_bearer: str, duty_bearer: str) -> bool:
    """Can the breach's bearer be the duty's? Unknown on either side: yes; else a head noun in
    common (单位, 部门, 负责人: "生产经营单位" and "矿山、金属冶炼…储存、装卸单位")."""
    if not breach_bearer or not duty_bearer:
        return True
    return bool(_heads(breach_bearer, staff=True) & _heads(duty_bearer))


def same_bearer(breach_bearer: str, duty_bearer: str) -> bool:
    """The same actor, not just the same kind: one of the breach's actors is one of the duty's,
    its owner aside ("安全生产管理人员" in "生产经营单位的安全生产管理机构以及安全生产管理人员")."""
    if breach_bearer == duty_bearer:
        return True
    theirs = set(conjuncts(duty_bearer))
    return any(a in theirs for a in conjuncts(breach_bearer))



# a class of public bodies, once its qualifiers are dropped: its members end with the head
_QUALIFIERS = re.compile(r"^(?:地方各级|各级|县级以上(?:地方)?(?:各级)?|地方|有关|其他|本级)+")
_BODY_CLASSES = {"人民政府": "人民政府", "人民政府有关部门": "部门", "有关部门": "部门", "部门": "部门",
                 "人民政府派出机关": "派出机关", "派出机关": "派出机关", "行政机关": "机关"}


def covers(breach_bearer: str, duty_bearer: str) -> bool:
    """Does a bare breach (违反本条例规定) of ``breach_bearer`` reach the duties of ``duty_bearer``?
    When it is the same actor, or when the breach names a class of public bodies and the duty's
    bearer is one of them: "地方各级人民政府" reaches 乡人民政府 and 事故发生地人民政府,
    "县级以上人民政府有关部门" reaches 负有安全生产监督管理职责的部门; a class never reaches a
    unit, a person or a body of another kind (国务院, 现场指挥部)."""
    if not breach_bearer or not duty_bearer:
        return False
    if same_bearer(breach_bearer, duty_bearer):
        return True
    heads = {_BODY_CLASSES.get(_QUALIFIERS.sub("", c)) for c in conjuncts(breach_bearer)} - {None}
    return any(actor.endswith(head) for actor in conjuncts(duty_bearer) for head in heads)
