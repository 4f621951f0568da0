"""The kinds of responsibility gap, and the views beside them: one entry per kind, read by
everything that names a kind.

An entry holds what the detectors, the ontology, the pages and the network picture need to
agree on: the kind's code (the name of its query ``kg/gap_queries/{code}.rq``), its individual
in ``govkg.ttl`` (a test checks the Turtle against this table), its labels, its colour, how
serious a finding of it is, and its explanation in Chinese and English for each modality of the
norm it is about. A new kind is one more entry here (and its query; a kind that compares
documents also its keyed query, ``kg/gap_queries/keyed``, and its keys in ``kg.crossing``); nothing
else lists kinds.

Templates take ``{action}``, ``{actor}``, ``{count}`` and ``{other}``; the provision's whole label
is put in front by ``explain``.

A view (``VIEW_KINDS``) answers a question about how laws hang together that is not a finding on one
norm: which provisions leave rules to another body (delegation), and who the laws below name where
a law names nobody clearly (named-below). Its entry holds its documented query
(``kg/view_queries/{query}``), its individual in ``govkg.ttl``, its labels, and the command and
route that answer it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from govkg.ontology.namespaces import GOV

LANGUAGES = ("en", "zh")


@dataclass(frozen=True)
class GapKind:
    """One kind of gap. ``explain[lang][variant]``: the variant is the norm's modality
    (obligation, prohibition, permission), a detector's sub-kind, or "" for any norm."""

    code: str
    individual: str                # local name of the gov:GapKind individual
    label_en: str
    label_zh: str
    colour: str                    # warm colours only: a gap never looks like a plain node
    severity: int                  # 1 (least serious) .. 5
    description: str
    explain: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def iri(self) -> str:
        return GOV + self.individual

    @property
    def query_file(self) -> str:
        return f"{self.code}.rq"

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def template(self, lang: str, *variants: str) -> str:
        """The first template of ``variants`` (then the default one) in ``lang``."""
        table = self.explain.get(lang) or self.explain["en"]
        for variant in (*(v for v in variants if v), ""):
            if variant in table:
                return table[variant]
        return next(iter(table.values()))


MODALS = {"en": {"obligation": "must", "prohibition": "must not", "permission": "may"},
          "zh": {"obligation": "应当", "prohibition": "不得", "permission": "可以"}}


def _by_modality(en: str, zh: str) -> dict:
    """Templates that follow the modality: ``{must}`` becomes "must", "must not" or "may" (应当,
    不得, 可以); the obligation's is also the default."""
    table = {}
    for lang, text in (("en", en), ("zh", zh)):
        forms = {m: text.replace("{must}", verb) for m, verb in MODALS[lang].items()}
        table[lang] = {**forms, "": forms["obligation"]}
    return table


def _merge(*tables: dict) -> dict:
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for table in tables:
        for lang in LANGUAGES:
            merged[lang].update(table.get(lang, {}))
    return merged


GAP_KINDS: dict[str, GapKind] = {kind.code: kind for kind in (
    GapKind("unassigned", "Unassigned", "duty with no bearer", "无承担者的义务", "#dc2626", 5,
            "a duty with no bearer",
            _by_modality("nobody is named who {must} {action}", "未指明由谁{must}{action}")),
    GapKind("vague-actor", "VagueActorGap", "vague bearer", "承担者模糊", "#f97316", 4,
            "a bearer that does not identify anyone (有关部门, relevant authorities)",
            _by_modality("“{actor}” does not identify who {must} {action}", "“{actor}”未指明由谁{must}{action}")),
    GapKind("shared-no-lead", "SharedNoLead", "several bearers, no lead", "多方承担且无牵头", "#f59e0b", 3,
            "several bearers of one duty and no lead among them",
            _by_modality("{count} bearers ({actor}) {must} {action}, and none is named to lead",
                         "{actor}共{count}个主体{must}{action}，未指明由谁牵头")),
    GapKind("no-sanction", "NoSanction", "no sanction", "无罚则", "#fb7185", 2,
            "an obligation or prohibition that no sanction provision refers to",
            _by_modality("no sanction provision refers to the rule that {actor} {must} {action}",
                         "没有罚则条款涉及“{actor}{must}{action}”")),
    GapKind("no-oversight", "NoOversight", "no oversight", "无监督", "#e11d48", 2,
            "a duty of an actor that no other actor supervises",
            _by_modality("no other actor supervises {actor}, who {must} {action}",
                         "{actor}{must}{action}，但没有其他主体监督")),
    GapKind("conflict", "Conflict", "obliged and forbidden", "义务与禁止冲突", "#7f1d1d", 5,
            "one actor obliged and forbidden on the same matter",
            {"en": {"": "{actor} must not {action}, yet must {other}"},
             "zh": {"": "{actor}不得{action}，却又应当{other}"}}),
    GapKind("power-imbalance", "PowerImbalance", "power imbalance", "权责不对称", "#c2410c", 1,
            "actors with duties and no powers, or powers and no duties",
            {"en": {"": "{actor} has {count} duties and {other} powers"},
             "zh": {"": "{actor}有{count}项义务、{other}项权力"}}),
    GapKind("information-gap", "InformationGap", "information gap", "信息不对称", "#db2777", 2,
            "information duties with no recipient; overseers owed no information",
            _merge(_by_modality("{actor} {must} {action}, but to whom is not stated", "{actor}{must}{action}，但未写明向谁"),
                   {"en": {"uninformed-overseer": "{actor} supervises or sanctions others, "
                                                  "but no information duty is owed to it"},
                    "zh": {"uninformed-overseer": "{actor}负有监督或处罚职责，但没有任何信息义务以其为接收方"}})),
    GapKind("overlap", "Overlap", "overlap across documents", "跨文件职责重叠", "#b45309", 3,
            "the same matter assigned to different actors in different documents",
            {"en": {"": "“{action}” is assigned to {other} across {count} documents"},
             "zh": {"": "“{action}”在{count}个文件中分别由{other}承担"}}),
)}

NOBODY = {"en": "an unnamed bearer", "zh": "未指明的主体"}


def gap_kind(code: str) -> GapKind:
    """The entry of ``code``; KeyError names the known codes."""
    try:
        return GAP_KINDS[code]
    except KeyError:
        raise KeyError(f"unknown gap kind {code!r}; known: {', '.join(GAP_KINDS)}") from None


def labels() -> dict[str, list[str]]:
    """``gap_{code}: [en, zh]`` and ``view_{code}: [en, zh]`` for the pages' messages."""
    return {**{f"gap_{k.code}": [k.label_en, k.label_zh] for k in GAP_KINDS.values()},
            **{f"view_{v.code}": [v.label_en, v.label_zh] for v in VIEW_KINDS.values()}}


def colours() -> dict[str, str]:
    return {k.code: k.colour for k in GAP_KINDS.values()}


@dataclass(frozen=True)
class ViewKind:
    """One view: a documented query of ``kg/view_queries`` and what the pages and commands call it."""

    code: str
    individual: str                # local name of the gov:ViewKind individual
    label_en: str
    label_zh: str
    description: str
    query: str                     # file name in kg/view_queries
    command: str
    route: str

    @property
    def iri(self) -> str:
        return GOV + self.individual

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


VIEW_KINDS: dict[str, ViewKind] = {view.code: view for view in (
    ViewKind("delegation", "DelegationView", "rules left to another body", "授权另行制定",
             "provisions that leave rule-making, or the naming of who acts, to another body "
             "(具体办法由国务院制定), and the stored documents of that body's level that implement them",
             "delegation.rq", "govkg delegations", "/delegations"),
    ViewKind("named-below", "NamedBelowView", "who the regulations below name", "下位法规为此事项指明的主体",
             "for a norm of a law with a vague bearer or none, the named bearers that the stored documents "
             "implementing the law give the same matter",
             "implementers.rq", "govkg named-below", "/named-below"),
)}


def view_kind(code: str) -> ViewKind:
    """The entry of view ``code``; KeyError names the known views."""
    try:
        return VIEW_KINDS[code]
    except KeyError:
        raise KeyError(f"unknown view {code!r}; known: {', '.join(VIEW_KINDS)}") from None
