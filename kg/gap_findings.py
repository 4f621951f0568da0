"""A gap finding from one detector row: where it is, who it is about, how serious it is, and
why it is a gap in the reader's language.

The explanation follows the norm's modality ("nobody is named who must not …", "未指明由谁不得…")
and starts with the provision's whole label (第六十五条第1款（三）, never "第1款（三）" alone).
Severity starts from the kind's (``govkg.ontology.gap_kinds``) and rises for a prohibition and for a
duty that a sanction enforces, and falls for a duty in the first chapter (总则, general
principles), whose duties state aims more than acts. The group gathers findings of the same
kind, actor and matter (the action, case and spaces ignored), so a report can show one line for
a pattern repeated across documents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote

from govkg.ontology.gap_kinds import GAP_KINDS, NOBODY
from govkg.ontology.namespaces import ID

NAME_SEPARATOR = "\x1f"     # joins names in GROUP_CONCAT; sorted and re-joined with "、"
_ARTICLE_SEGMENT = re.compile(r"^(?:第[〇零一二三四五六七八九十百千万两\d]+条(?:之[一二三四五六七八九十]+)?"
                              r"|(?:Article|Art\.|Section|Regulation|Rule)\s+\w+)$")
_NUMBERED = re.compile(r"^(\d+)(.*)$")     # "2(b)": paragraph 2, point (b)
_FIRST_CHAPTER = re.compile(r"^(?:第一章|chapter\s+(?:1|i))\b", re.I)


class Finding(NamedTuple):
    """One responsibility gap, linked to the norm and the provision (with its text) it is in.
    (A named tuple: a large report builds tens of thousands of them.)"""

    kind: str
    doc: str
    article: str       # the provision's whole label: 第六十五条第1款（三）, Article 33(2)
    actor: str
    norm: str          # IRI of the norm, "" for actor-level findings
    text: str          # the provision's text
    explanation: str   # in English
    provision: str = ""   # IRI of the provision
    confidence: float | None = None   # the norm's calibrated confidence; None for actor-level findings
    modality: str = ""    # obligation, prohibition or permission; "" for actor-level findings
    severity: int = 1     # higher is more serious
    group: str = ""       # kind, actor and matter: findings of one pattern
    explanation_zh: str = ""
    lang: str = ""        # the document's language
    review: str = ""      # confirmed / dismissed (this finding), "norm corrected" / … (its norm); "" unreviewed

    def to_json(self) -> dict:
        return self._asdict()

    def explained(self, lang: str | None = None) -> str:
        """The explanation in ``lang``, or in the document's language when none is asked."""
        return self.explanation_zh if (lang or self.lang) == "zh" and self.explanation_zh else self.explanation


FINDING_FIELDS = list(Finding._fields)


@dataclass
class Details:
    """What the detectors' rows do not carry, looked up once per report."""

    provisions: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # IRI -> (label, text, path)
    labels: dict[str, str] = field(default_factory=dict)          # actor IRI -> preferred label
    confidences: dict[str, float] = field(default_factory=dict)   # norm IRI -> confidence
    modalities: dict[str, str] = field(default_factory=dict)      # norm IRI -> modality
    languages: dict[str, str] = field(default_factory=dict)       # graph IRI -> language
    sanctioned: frozenset[str] = frozenset()                      # norm IRIs a sanction enforces


def build_finding(kind: str, row: dict[str, str], details: Details | None = None) -> Finding:
    """A finding from one detector row (rows of reference queries may carry ?article and ?text)."""
    details = details or Details()
    get = row.get
    label, text, path = details.provisions.get(get("provision", ""), ("", "", ""))
    label, text = get("article", label), get("text", text)
    article = full_label(label, path)
    actor = get("actor", "")
    named = get("actorLabel")
    shown = shown_names(named) if named is not None else (details.labels.get(actor) or label_of_iri(actor))
    norm = get("norm", "")
    modality = details.modalities.get(norm, "") if norm else ""
    values = {"action": get("action", ""), "count": get("count", ""), "other": shown_names(get("other", ""))}
    variants = (get("other", ""), modality)
    en, zh = (explain(kind, lang, article, values, shown, variants) for lang in ("en", "zh"))
    return Finding(kind, doc_of_graph(get("g", "")), article, shown if (actor or named) else "", norm, text, en,
                   get("provision", ""), details.confidences.get(norm) if norm else None, modality,
                   severity(kind, modality, path, norm in details.sanctioned),
                   group_of(kind, shown if (actor or named) else "", values["action"]),
                   zh, details.languages.get(get("g", ""), ""))


def explain(kind: str, lang: str, article: str, values: dict[str, str], actor: str,
            variants: tuple[str, ...]) -> str:
    """The explanation of one finding in ``lang``, after the provision's label."""
    template = GAP_KINDS[kind].template(lang, *variants)
    sentence = template.format(actor=actor or NOBODY[lang], **values)
    if lang == "zh":
        return f"{article}：{sentence}。" if article else f"{sentence}。"
    sentence = sentence[:1].upper() + sentence[1:] if not article else sentence
    return f"{article}: {sentence}." if article else f"{sentence}."


def full_label(label: str, path: str) -> str:
    """The provision's label with its article in front when the label leaves it out (an item's
    label is "第1款（三）" or "2(b)"; its path holds the article: 第六十五条, Article 27)."""
    for segment in path.split("/"):
        if _ARTICLE_SEGMENT.match(segment):
            if label.startswith(segment):
                return label
            if segment.startswith("第"):
                return segment + label
            numbered = _NUMBERED.match(label)
            return f"{segment}({numbered[1]}){numbered[2]}" if numbered else f"{segment} {label}".strip()
    return label


def severity(kind: str, modality: str, path: str, sanctioned: bool) -> int:
    """The kind's severity, +1 for a prohibition, +1 for a duty a sanction enforces, -2 (never
    below 1) in the first chapter, where general principles stand."""
    score = GAP_KINDS[kind].severity + (modality == "prohibition") + sanctioned
    if _FIRST_CHAPTER.match(path):
        score -= 2
    return max(score, 1)


def group_of(kind: str, actor: str, action: str) -> str:
    """``kind|actor|matter``: the matter is the action, case and spaces ignored."""
    return f"{kind}|{actor}|{matter(action)}"


def matter(action: str) -> str:
    return re.sub(r"\s+", "", action).lower()


def shown_names(joined: str) -> str:
    """Names a query joined with ``NAME_SEPARATOR``, as a finding shows them: sorted, joined with 、."""
    return "、".join(sorted(joined.split(NAME_SEPARATOR))) if NAME_SEPARATOR in joined else joined


@lru_cache(maxsize=4096)
def doc_of_graph(graph: str) -> str:
    """The document id of a document's named graph IRI, or "" for any other graph."""
    prefix = ID + "graph/"
    return unquote(graph[len(prefix):]) if graph.startswith(prefix) else ""


@lru_cache(maxsize=4096)
def label_of_iri(iri: str) -> str:
    """An actor's label as its IRI spells it, when the store holds no label for it."""
    return unquote(iri.rsplit("/", 1)[-1]) if iri else ""
