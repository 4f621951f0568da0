"""Turn a draft read by the drafting grammar into a ``Norm`` record: document offsets,
article, provision, actor type and vagueness, references, tags."""
from __future__ import annotations

import functools
import re

from govkg.ingest import patterns
from govkg.ingest.actors import actor_type, find_mentions, is_vague
from govkg.ingest.records import NORM_TAGS, Document, Norm
from govkg.ingest.structure import Unit

_ZH_REF = re.compile(r"(?:本法|本条例|本规定|本办法|本细则|本决定)?(第[零〇一二两三四五六七八九十百千\d]+条"
                     r"(?:第[一二三四五六七八九十]+款)?(?:第[一二三四五六七八九十]+项)?)|(前款|前两款|前三款|本条第[一二三四五六七八九十]+款)")
_EN_REF = re.compile(r"\b(Articles?\s+\d+(?:\(\d+\))?(?:\([a-z]\))?(?:\s*(?:to|and|,)\s*\d+(?:\(\d+\))?)*"
                     r"|paragraphs?\s+\d+(?:\s*(?:and|to)\s*\d+)?|points?\s+\([a-z]\))", re.I)


_BREACH = re.compile(r"违反[^，。]*规定")


@functools.lru_cache(maxsize=2048)
def references(text: str, lang: str) -> tuple[str, ...]:
    """Provisions a clause refers to: 第十条, 前款; "Article 33(1)", "paragraphs 1 and 2"."""
    if lang == "zh":
        found = [m.group(1) or m.group(2) for m in _ZH_REF.finditer(text)]
    else:
        found = [re.sub(r"\s+", " ", m.group(1)) for m in _EN_REF.finditer(text)]
    return tuple(dict.fromkeys(found))


@functools.cache
def _tag_cues(lang: str) -> dict[str, re.Pattern]:
    """One regex per tag over all its cue words: a search instead of a scan cue by cue."""
    return {tag: re.compile("|".join(re.escape(c) for c in cues) or "(?!)")     # no cue: never
            for tag, cues in patterns.load(lang)["tags"].items()}


UNDERGONE_REACH = 40        # characters between an oversight cue and what makes it undergone


@functools.cache
def _undergone(lang: str) -> tuple[re.Pattern, re.Pattern]:
    """Words before (接受, "allow for") and after ("conducted by") an oversight cue that make the
    bearer the one overseen: 接受监督检查, "allow for audits conducted by the controller"."""
    table = patterns.load(lang).get("oversight_undergone", {})
    stop = r"[^.;。；]" if lang == "en" else r"[^，。；,;]"

    def regex(words: list[str], template: str) -> re.Pattern:
        return re.compile(template.format("|".join(map(re.escape, words)), stop) if words else "(?!)")
    return (regex(table.get("before", []), r"(?:{0}){1}{{0,%d}}$" % UNDERGONE_REACH),
            regex(table.get("after", []), r"^{1}{{0,%d}}?(?:{0})" % UNDERGONE_REACH))


def _oversees(text: str, cue: re.Pattern, lang: str) -> bool:
    """Does the action say the bearer oversees? A cue that names an actor (the supervisory authority,
    负有安全生产监督管理职责的部门) is no oversight, nor one the bearer only undergoes."""
    for start, end in reversed(find_mentions(text, lang)):
        text = text[:start] + " " * (end - start) + text[end:]
    before, after = _undergone(lang)
    return any(not before.search(text[:m.start()]) and not after.search(text[m.end():])
               for m in cue.finditer(text))


@functools.lru_cache(maxsize=4096)
def tags(action: str, sentence: str, modality: str, lang: str) -> tuple[str, ...]:
    """Which of NORM_TAGS the norm has, from the words of its action."""
    cues = _tag_cues(lang)
    text = action.lower() if lang == "en" else action
    found = {tag for tag, cue in cues.items() if tag != "oversight" and cue.search(text)}
    if "oversight" in cues and _oversees(text, cues["oversight"], lang):
        found.add("oversight")
    if lang == "zh" and "sanction" in cues and cues["sanction"].search(sentence) and _BREACH.search(sentence):
        found.add("sanction")
    return tuple(t for t in NORM_TAGS if t in found)


def make_norm(document: Document, unit: Unit, draft: dict, offset: int) -> Norm:
    lang = document.lang
    actor = draft["actor"].strip()
    sentence = draft["sentence"]
    fields = dict(
        doc=document.doc,
        article=unit.article or 0,
        actor=actor,
        modality=draft["modality"],
        action=draft["action"],
        vague_actor=is_vague(actor, lang),
        start=offset + draft["start"],
        end=offset + draft["end"],
        provision=unit.key,
        confidence=round(float(draft["confidence"]), 2),
        role=draft["role"],
        actor_type=actor_type(actor, lang),
        condition=draft["condition"],
        recipient=draft["recipient"],
        references=references(sentence, lang),
        tags=tags(draft["action"], sentence, draft["modality"], lang),
        sentence=sentence,
    )
    return Norm(**fields)
