"""Delegations: provisions that leave rule-making or the naming of a bearer to another body, and
whether a stored document of the level they name implements them.

    find_delegations(store, doc=None) -> list[Delegation]

The detector is the documented SPARQL of ``kg/view_queries/delegation.rq``; this module reads who
the provision delegates to ("由国务院制定" -> 国务院) and keeps, among the stored documents that
implement the same work, those of a level that body makes: a province's or city's regulation or
rule for 省、自治区、直辖市 and local bodies, an administrative regulation for 国务院 itself, a
departmental rule for a body of the State Council (国务院民政部门) or a ministry (民政部).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from govkg.kg.mapping import graph_iri
from govkg.kg.sparql_terms import doc_id_of
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.gap_kinds import view_kind
from govkg.ontology.namespaces import sparql_prefixes

QUERY = Path(__file__).with_name("view_queries") / view_kind("delegation").query
_SENTENCE = re.compile(r"[^。；;.\n]+[。；;.]?")
_MARK = re.compile(r"具体(?:管理|实施)?办法|另行制定|标准[^。；]{0,6}由|由省、自治区、直辖市|by regulations|make regulations")
_ZH_DELEGATE = re.compile(r"由(?P<who>[^，。；、由]{1,30}?(?:、[^，。；、由]{1,12}?)*?)(?:会同[^，。；]*?)?(?:依照[^，。；]*?)?(?:根据[^，。；]*?)?(?:另行)?(?:制定|规定)")
_EN_DELEGATE = re.compile(r"(?P<who>[Tt]he [A-Z][\w ]+?) may,? (?:by|make) regulations")
_LOCAL = re.compile(r"省|自治区|直辖市|地方|市人民")
_MINISTRY = re.compile(r"^国务院.+(?:部门|机构)|(?:部|总局|委员会|局|署)$")
LOCAL_LEVELS = {T.LEVEL["local-regulation"], T.LEVEL["local-government-rule"]}


@dataclass
class Delegation:
    doc: str
    article: str
    provision: str
    sentence: str
    delegate: str                  # the body that is to make the rules, as written; "" if unsaid
    implemented_by: list[str] = field(default_factory=list)   # stored documents of a level that body makes
    implementers: list[str] = field(default_factory=list)     # every stored document implementing the work

    def to_json(self) -> dict:
        return {"doc": self.doc, "article": self.article, "provision": self.provision, "sentence": self.sentence,
                "delegate": self.delegate, "implemented_by": self.implemented_by, "implementers": self.implementers}


@lru_cache(maxsize=1)
def delegation_query() -> str:
    """The SPARQL text of the detector, with its documenting comment."""
    return QUERY.read_text(encoding="utf-8")


def find_delegations(store: Store, doc: str | None = None) -> list[Delegation]:
    """Every delegating article (of one document, if given), with what implements it."""
    values = f"VALUES ?g {{ <{graph_iri(doc)}> }}" if doc else ""
    sparql = delegation_query().replace("# @doc-filter", values)
    found: dict[str, Delegation] = {}
    levels: dict[str, list[tuple[str, str]]] = {}
    for row in store.select(sparql_prefixes() + sparql):
        if row["provision"] not in found:
            sentence = delegating_sentence(row["text"])
            found[row["provision"]] = Delegation(doc_id_of(row["doc"]), row["label"], row["provision"], sentence,
                                                 delegate_of(sentence))
        if row.get("implementer"):
            levels.setdefault(row["provision"], []).append((doc_id_of(row["implementer"]), row.get("level", "")))
    for key, delegation in found.items():
        delegation.implementers = sorted({d for d, _ in levels.get(key, [])})
        delegation.implemented_by = sorted({d for d, level in levels.get(key, []) if fits(delegation.delegate, level)})
    return sorted(found.values(), key=lambda d: (d.doc, d.provision))


def delegating_sentence(text: str) -> str:
    """The sentence of a provision that delegates (the first that does)."""
    for sentence in _SENTENCE.findall(text):
        if _MARK.search(sentence):
            return sentence.strip()
    return text.strip()


def delegate_of(sentence: str) -> str:
    """Who is to make the rules: 由国务院民政部门会同…制定 -> 国务院民政部门; "The Secretary of State"."""
    m = _EN_DELEGATE.search(sentence) or _ZH_DELEGATE.search(sentence)
    return m.group("who").strip() if m else ""


def fits(delegate: str, level: str) -> bool:
    """Whether a document of ``level`` is the kind of rule ``delegate`` makes (unknown: any)."""
    if not delegate:
        return True
    if _LOCAL.search(delegate):
        return level in LOCAL_LEVELS
    if delegate == "国务院":
        return level == T.LEVEL["administrative-regulation"]
    if _MINISTRY.search(delegate):
        return level == T.LEVEL["departmental-rule"]
    return False
