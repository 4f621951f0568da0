"""Bearers who share a Chinese norm with its subject: the bodies a coordinator coordinates
(国家网信部门统筹协调有关部门建立…: lead and support) and a 会同 partner named before the modal
(A会同B可以…: both hold the permission, A leading). 会同 after the modal and 由A会同B are read
with the other cues in ``zh_norms``."""
from __future__ import annotations

import functools
import re

from govkg.ingest.drafts import Draft
from govkg.ingest.zh_phrases import at_level_of

_COORDINATING = re.compile(r"(?:负责)?统筹协调")
_ADVERBS = re.compile(r"^(?:及时|依法|共同|分别|切实|积极)+")
_ADVERBS_ONLY = re.compile(r"(?:依法|也|还|均|都|共同|一并)*")


@functools.lru_cache(maxsize=4096)
def _task_start(text: str) -> bool:
    """及时汇总、研判…, 制定…: a verb or a list of verbs (jieba tags 汇总 a noun, 研判 a verbal noun)
    opens the text; 的工作, a noun phrase, does not."""
    import jieba.posseg
    words = [p for p in jieba.posseg.lcut(_ADVERBS.sub("", text, 1)[:16], HMM=False) if p.word != "、"][:2]
    return bool(words) and words[0].word != "的" and any(p.flag in ("v", "vn") for p in words)


class ZhPartners:
    """Mixin of ZhUnitReader: supporting bearers beside a clause's own."""

    text: str

    def coordinated(self, drafts: list[Draft], at: int, stop: int, modality: str, clause, condition: str,
                    sentence: str) -> list[Draft]:
        """国家网信部门统筹协调有关部门建立…机制: the coordinating body leads the task and the bodies it
        coordinates support it, with the task after their names (统筹协调…监管工作 names no second bearer)."""
        m = _COORDINATING.match(self.text, at, stop)
        if m is None or not any(d.actor for d in drafts):
            return []
        np = self.grow_np(m.end(), stop)
        if np is None or np[0] != m.end() or not _task_start(self.text[np[1]:stop]):
            return []                     # the coordinated bodies' own task starts with a verb (及时汇总…, 制定…)
        task = self.text[np[1]:stop].strip().rstrip("，；：,;:。")
        for d in drafts:
            d.role = "lead"
        return [Draft(a, modality, task, clause.start, clause.end, "support", condition, 0.8, sentence)
                for a in self.split_coordinated(*np)]

    def partner_before_modal(self, cues: list) -> tuple[list, list[str]]:
        """国家网信部门会同有关主管部门可以依法采取…: a 会同 partner named before the modal shares the
        norm the modal states (a permission here), so 会同 is no duty of its own."""
        if len(cues) < 2 or cues[0].group() or not self.text.startswith("会同", cues[0].start()):
            return cues, []
        np = self.grow_np(cues[0].start() + 2, cues[1].start())
        if np is None or np[0] != cues[0].start() + 2 or not _ADVERBS_ONLY.fullmatch(self.text, np[1], cues[1].start()):
            return cues, []
        return cues[1:], self.split_coordinated(*np)

    @staticmethod
    def with_partners(drafts: list[Draft], partners: list[str]) -> list[Draft]:
        """The bearers lead, each partner supports every norm of the clause."""
        if not partners:
            return drafts
        for d in drafts:
            d.role = "lead"
        return drafts + [Draft(a, d.modality, d.action, d.start, d.end, "support", d.condition, 0.8, d.sentence)
                         for d in drafts if d.actor for a in at_level_of([d.actor], partners) if a != d.actor]
