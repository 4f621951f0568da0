"""Where the bearer model corrects the rules' bearer of a Chinese norm, and only there.

Two uses, each with its own threshold (``Uses``; fill is off by default):

- **fill**: the rules gave the norm no bearer, and the model finds a bearer in the norm's sentence
  that ends before the norm's action (its nearest such span) with probability >= ``fill``, one that
  names an actor (the thesaurus types it, or it ends in an actor's name: not 事故调查报告, not 村):
  the span becomes the bearer.
- **bounds**: the rules' bearer stands in the sentence before the action, and the bearers of the
  model's spans that overlap it with probability >= ``bounds`` do not include it: those become the
  bearers (a bearer cut short or run long; a coordination the rules read as one bearer). Where the
  rules already split the span as the model's span splits, nothing changes.

A span that coordinates bearers or lists units under one head (任何组织和个人, 卫生健康、公安等有关部门)
gives one norm per bearer, split as the rules split their own subjects (``split_coordinated``). Nothing else changes: a norm whose bearer the model
does not contradict, a norm of an English text, the norms' other fields but the bearer's vagueness.
The same corrections run over a saved norm file (``correct_norms``, each norm's ``sentence`` read by
the model) and inside the pipeline (``correct_drafts``, over the spans ``govkg_bearers`` wrote).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from govkg.ingest import patterns
from govkg.ingest.actors import actor_type, find_mentions, is_vague
from govkg.ingest.bearers import Found
from govkg.ingest.spans import Cue

Finder = Callable[[str], list[Found]]         # sentence -> bearer spans in it
_LEFT_WHOLE = re.compile(r"、|及其|和|或者")   # a unit the splitter left a list: 学校、幼儿园, A及其近亲属


@dataclass(frozen=True)
class Uses:
    """The threshold of each use (a threshold above 1 turns its use off). By default fill is off:
    it raised the first readings of the left-out sets but cost the current rules up to 2.5 points
    on the sets they were tuned on; bounds alone raised both (``bearer_evaluation --grid``; README)."""

    fill: float = 2.0
    bounds: float = 0.5


def action_at(sentence: str, action: str) -> int:
    """Where the norm's action starts in its sentence (its first characters, else the first modal
    cue), or -1."""
    for size in (6, 4, 2):
        if len(action) >= size and (at := sentence.find(action[:size])) >= 0:
            return at
    cue = patterns.cue_regex("zh").search(sentence)
    return cue.start() if cue else -1


def corrected_bearers(sentence: str, actor: str, action: str, found: list[Found], uses: Uses) -> list[str] | None:
    """The bearers the model puts in place of ``actor``, or None where it leaves the norm alone."""
    at = action_at(sentence, action)
    if at < 0:
        return None
    before = [f for f in (_without_by(sentence, f) for f in found) if f[1] <= at]
    if not actor:
        best = before[-1] if before else None
        if not best or best[2] < uses.fill:
            return None
        units = _units(sentence, best[0], best[1])
        return units if units and all(map(_names_an_actor, units)) else None
    start = sentence.rfind(actor, 0, at)
    if start < 0:
        return None
    end = start + len(actor)
    over = [(s, e) for s, e, p in before if s < end and start < e and p >= uses.bounds]
    units = [unit for s, e in over for unit in _units(sentence, s, e)]
    return units if units and actor not in units else None


def _names_an_actor(bearer: str) -> bool:
    """A bearer the thesaurus gives a type, or that ends in an actor's name (not 事故调查报告, 村)."""
    return bool(actor_type(bearer, "zh")) or any(e == len(bearer) for _, e in find_mentions(bearer, "zh"))


def _without_by(sentence: str, found: Found) -> Found:
    """A span that took in the 由 before its bearer (由市 is one jieba word) starts after it."""
    s, e, p = found
    return (s + 1, e, p) if sentence.startswith("由", s) and e - s > 2 else found


def _units(sentence: str, s: int, e: int) -> list[str]:
    """The bearers of a span as the rules split a coordinated subject (A、B和C, A及其B, 卫生健康、公安等有关部门);
    none where the splitter leaves a list whole (学校、幼儿园: no actor name parts them) or cuts a
    bracket (各省（区、市）人民政府)."""
    from govkg.ingest.zh_norms import ZhUnitReader
    cues = [Cue(m.start(), m.end(), m.group(), m.lastgroup) for m in patterns.cue_regex("zh").finditer(sentence)]
    reader = ZhUnitReader(sentence, find_mentions(sentence, "zh"), cues=cues)
    units = [u for u in reader.split_coordinated(s, e) if u.strip()]
    return [] if any(_LEFT_WHOLE.search(u) or u.count("（") != u.count("）") for u in units) else units


def correct_norms(norms: Iterable[dict], find: Finder, uses: Uses) -> list[dict]:
    """The norms of a saved norm file with the model's corrections (Chinese documents only)."""
    out: list[dict] = []
    for norm in norms:
        sentence = norm.get("sentence") or ""
        bearers = None
        if str(norm.get("doc", "")).startswith("zh") and sentence:
            bearers = corrected_bearers(sentence, norm.get("actor") or "", norm.get("action") or "",
                                        find(sentence), uses)
        if bearers is None:
            out.append(norm)
            continue
        out += [dict(norm, actor=b, vague_actor=is_vague(b, "zh"), bearer_source="model") for b in bearers]
    return out


def correct_drafts(drafts: list, text: str, found: list[Found], uses: Uses) -> list:
    """The drafts of one article with the corrections of the spans found in its ``text``."""
    out = []
    for draft in drafts:
        at = _sentence_start(text, draft.sentence, draft.start)
        within = [(s - at, e - at, p) for s, e, p in found if at <= s and e <= at + len(draft.sentence)] \
            if at >= 0 else []
        bearers = corrected_bearers(draft.sentence, draft.actor, draft.action, within, uses) if at >= 0 else None
        out += [draft] if bearers is None else [replace(draft, actor=b) for b in bearers]
    return out


def _sentence_start(text: str, sentence: str, near: int) -> int:
    """Where the draft's sentence stands in the article's text (the occurrence nearest its norm)."""
    if not sentence:
        return -1
    at = text.rfind(sentence, 0, near + len(sentence))
    return at if at >= 0 else text.find(sentence)
