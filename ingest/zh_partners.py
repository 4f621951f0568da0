"""Bearers who share a Chinese norm with its subject: the bodies a coordinator coordinates
(国家网信部门统筹协调有关部门建立…: lead and support) and a 会同 partner named before the modal
(A会同B可以…: both hold the permission, A leading). 会同 after the modal and 由A会同B are read
with the other cues in ``zh_norms``."""
from __future__ import annotations

import functools
import re

from govkg.ingest.drafts import Draft
from govkg.ingest.segmenter import first_tagged
from govkg.ingest.zh_phrases import at_level_of
from govkg.ingest.zh_policy import PolicyContext, named_ministries, place_body

_COORDINATING = re.compile(r"(?:负责)?统筹协调")
_ADVERBS = re.compile(r"^(?:及时|依法|共同|分别|切实|积极)+")
_ADVERBS_ONLY = re.compile(r"(?:依法|也|还|均|都|共同|一并)*")
_COOPERATING = re.compile(r"(?:加强|开展|深化)?(?:合作|协作)")
_SINGLING_OUT = ("特别是", "尤其是")


@functools.lru_cache(maxsize=4096)
def _task_start(text: str) -> bool:
    """及时汇总、研判…, 制定…: a verb or a list of verbs (jieba tags 汇总 a noun, 研判 a verbal noun)
    opens the text; 的工作, a noun phrase, does not."""
    words = first_tagged(_ADVERBS.sub("", text, 1)[:16], 2, skip=("、",))
    return bool(words) and words[0].word != "的" and any(p.flag in ("v", "vn") for p in words)


class ZhPartners:
    """Mixin of ZhUnitReader: supporting bearers beside a clause's own."""

    text: str
    policy: PolicyContext

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

    def huitong_partners(self, at: int, stop: int) -> list[str]:
        """The partners named after 会同 (at ``at``): the actor phrase there, or in a policy paper the
        ministries it lists by name (会同国家发展改革委、工业和信息化部等部门…), which are no mentions."""
        named = named_ministries(self.text, at, stop) if self.policy.policy else []
        np = self.grow_np(at, stop)
        if named and (np is None or np[0] != at or len("、".join(named)) >= np[1] - at - 3):
            return named
        return self.split_coordinated(*np) if np else []

    def place_named(self, s: int, pos: int, whole: bool = True) -> str:
        """A policy paper's city or province bearer at ``s`` (the whole of text[s:pos] when ``whole``)."""
        return place_body(self.text, s, pos, whole) if self.policy.policy else ""

    def ministries_named(self, s: int, pos: int) -> list[str]:
        """发展改革委、扶贫办、文化和旅游部等部门要…: in a policy paper, a subject that lists ministries by
        their own names (no actor mentions: grown as a phrase they would split at 和)."""
        return named_ministries(self.text, s, pos, whole=True) if self.policy.policy else []

    def invited(self, np: tuple[int, int], end: int) -> tuple[list[str], int]:
        """The actors a policy paper's 鼓励/支持 invites, and where their act starts: 支持A与B加强合作
        invites A (B is the partner it works with); 鼓励A特别是B参与… invites A and the B it singles out."""
        s, e = np
        partner = self.text.find("与", s, e)
        if partner > s and _COOPERATING.match(self.text, e, end):
            before = self.grow_np(s, partner)
            if before is not None and before[1] == partner:
                return self.split_coordinated(*before), partner
        located = self._located_after(s, e)
        if located:                       # 鼓励贫困地区在景区景点、游客集散中心开设…: the place is no invitee
            e = located
        actors = self.split_coordinated(s, e)
        if self.text.startswith(_SINGLING_OUT, e):
            named = self.grow_np(e + 3, end)
            if named is not None and named[0] == e + 3:
                return actors + self.split_coordinated(*named), named[1]
        return actors, e

    def _located_after(self, s: int, e: int) -> int:
        """Where the invited actor ends when a 在-phrase follows it inside the grown phrase, else 0
        (贫困地区在…游客集散中心: the phrase was grown to a place's head)."""
        at = self.text.find("在", s, e)
        return at if at > s + 1 and "的" not in self.text[s:at] else 0

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
