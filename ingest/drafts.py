"""What the language readers hand to the norm assembler: norm drafts and lead-in context."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    """One norm as read from a clause, offsets relative to the unit's text."""

    actor: str
    modality: str
    action: str
    start: int
    end: int
    role: str = "sole"
    condition: str = ""
    confidence: float = 0.9
    sentence: str = ""
    recipient: str = ""
    sanction: bool = False


@dataclass
class LeadIn:
    """What a lead-in ("居民委员会的任务：", "the controller shall:") gives the items under it."""

    actors: list[str] = field(default_factory=list)
    modality: str = "obligation"
    is_condition: bool = False      # 有下列情形之一的：… — the items are conditions, not norms
    is_norm: bool = True            # items inherit a norm only when the lead-in states one
    condition: str = ""
    role: str = "sole"
    items_bear: bool = False        # 下列单位应当…：(一)… — each item names bearers of the lead-in's norm
    action: str = ""


def roles_for(actors: list[str], role: str) -> str:
    """Several bearers with no lead named hold a norm jointly."""
    if role != "sole":
        return role
    return "joint" if len(actors) > 1 else "sole"
