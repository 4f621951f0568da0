"""Penalty provisions and the violations they name.

A penalty provision attaches a penalty to a breach: an article of the 法律责任 / 罚则 chapter
("生产经营单位有下列行为之一的，责令限期改正，处十万元以下的罚款"), or any clause that names a
breach and its penalty (违反本法第十条规定的，处……罚款; "infringements of Article 83(4) shall be
subject to administrative fines"). Each one yields ``Violation`` records: who commits the breach,
what the breach is as written, and which provisions it cites. ``govkg.ingest.sanctions`` links them to
the duties they punish.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from govkg.ingest.records import Document, Provision
from govkg.ingest.references import cited_provisions, provision_index

_CHAPTER = {"zh": re.compile(r"法律责任|罚则|处罚"), "en": re.compile(r"penalt|sanction|fines|remed", re.I)}
_ZH_PENALTY = re.compile(r"责令|罚款|处分|吊销|没收|拘留|警告|停产停业|停业整顿|追究刑事责任|追究法律责任|规定处罚|予以处罚|给予处罚|"
                         r"依法处理|通报批评")
_EN_PENALTY = re.compile(r"administrative fines|penalt(?:y|ies)|be fined|liable to a fine|shall be subject to", re.I)
_EN_BREACH = re.compile(r"infring|non-compliance|fail(?:s|ure)? to comply|in breach of|contraven", re.I)
_ZH_LIST = re.compile(r"(?:有|存在|具有)?下列(?:行为|情形|情况|违法行为)之一的?")
_ZH_LABEL = re.compile(r"^第[零〇一二两三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?\s*|^[（(][一二三四五六七八九十]+[）)]\s*")
_ZH_CONSEQUENCE = re.compile(r"[，,](?:导致|致使|造成|给他人造成)[^，；。]*$")
_ZH_FOLLOWS = re.compile(r"有前款(?:规定的|所列)?违法行为|有前款(?:规定的|所列)行为")
_ZH_GENERIC_LEAD = re.compile(r"^违反本(?:法|条例|规定|办法|细则|决定)(?:的)?(?:有关)?规定[，,]?")
_ZH_GENERIC = re.compile(r"^(?:未|不)(?:依法|依照本法规定|按照规定)?履行本(?:法|条例|规定|办法)规定的[^，；]{0,12}职责$"
                         r"|^违反本(?:法|条例|规定|办法)(?:的)?(?:有关)?规定$")
_ZH_HEADS = "单位|部门|机构|机关|政府|人员|负责人|投资人|委员会|组织|个人|企业|公司|学校|工程师|办事处|法院"
_ZH_BEARER = re.compile(rf"^(.{{2,60}}?(?:{_ZH_HEADS}))[，,]?(?=未|不|没有|拒|擅自|对|在|将|与|要求|出具|租借|有(?!关)|违反|使用|关闭|以(?!及)|为)")
# an outcome, not a conduct: 违反本法规定，发生…泄密案件的 / 构成犯罪的 name no duty that was breached
_ZH_OUTCOME = re.compile(r"^(?:发生|构成|导致|造成|致使|给他人造成)")
# a new bearer inside one breach: "…、未对从业人员进行培训，生产经营单位的主要负责人…不立即组织抢救"
_ZH_BREACH_START = re.compile(r"^(?:在[^，]{0,30}?(?:时|后|中))?(?:未|不|没有|拒|擅自)")
_ZH_NOT_BEARER = re.compile(r"^(?:对|在|发现|将|与|向|为|从|经(?![营销])|进行|使用|生产、|接到|以)")


@dataclass(frozen=True)
class Violation:
    """One breach a penalty provision punishes, as the provision words it."""

    provision: str                  # key of the penalty provision naming it
    bearer: str                     # who commits it, as written; "" when the clause names nobody
    act: str                        # the breach as written, without its bearer ("未按照规定设置…机构")
    references: tuple[str, ...] = ()    # keys of provisions it cites (违反本法第十条, "Article 83(4)")
    generic: bool = False           # names no act of its own: 违反本法规定, 未履行本法规定的职责
    follows: str = ""               # key of the provision whose breaches it repeats (有前款违法行为)
    outcome: bool = False           # names only a harm (发生…泄密案件, 构成犯罪): a penalty, but of no duty


class ProvisionTree:
    """Parents, children and own text (without the children's) of a document's provisions."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._own: dict[str, str] = {}
        self.by_key = {p.key: p for p in document.provisions}
        self.children: dict[str, list[Provision]] = {}
        for p in document.provisions:
            self.children.setdefault("/".join(p.path[:-1]), []).append(p)

    @functools.cached_property
    def index(self):
        """What citations are looked up in (``provision_index``), built when a breach cites one."""
        return provision_index(self.document)

    def parent(self, p: Provision) -> Provision | None:
        return self.by_key.get("/".join(p.path[:-1]))

    def own_text(self, p: Provision) -> str:
        found = self._own.get(p.key)
        if found is None:
            kids = self.children.get(p.key, [])
            end = min((k.start for k in kids), default=p.end)
            found = self._own[p.key] = _ZH_LABEL.sub("", self.document.text[p.start:end].strip()).strip()
        return found

    def heading(self, p: Provision | None) -> str:
        while p is not None and not p.heading:
            p = self.parent(p)
        return p.heading if p is not None else ""

    def previous(self, p: Provision) -> Provision | None:
        siblings = self.children.get("/".join(p.path[:-1]), [])
        index = siblings.index(p)
        return siblings[index - 1] if index > 0 else None


def provision_tree(document: Document) -> ProvisionTree:
    """The document's provisions as a tree, built once for ``violations`` and ``chapter_articles``."""
    return ProvisionTree(document)


def violations(document: Document, actors: list[str], tree: ProvisionTree | None = None) -> list[Violation]:
    """The violations named by the document's penalty provisions. ``actors``: the bearers the
    document names (longest first), to tell a violation's bearer from its act."""
    tree = tree or ProvisionTree(document)
    known = _KnownBearers(actors)
    found: list[Violation] = []
    for p in document.provisions:
        if document.lang == "zh":
            found.extend(_zh_violations(tree, p, known))
        else:
            found.extend(_en_violations(tree, p))
    return found


def without_consequence(breach: str) -> str:
    """The breach without the harm it caused: "未维护设备，导致发生事故" -> "未维护设备"."""
    return _ZH_CONSEQUENCE.sub("", breach)


def penalty_keys(found: list[Violation]) -> list[str]:
    """The keys of the provisions that name a violation, in document order."""
    return list(dict.fromkeys(v.provision for v in found))


def chapter_articles(document: Document, keys: list[str], tree: ProvisionTree | None = None) -> set[int]:
    """The articles of the penalty provisions ``keys`` that stand in a 法律责任 / 罚则 chapter,
    where every clause is a penalty or about one. A penalty clause elsewhere (第十条第2款 违反
    前款规定的，处…罚款) leaves the rest of its article duties that it can punish."""
    tree = tree or ProvisionTree(document)
    found = (tree.by_key[k] for k in keys if k in tree.by_key)
    return {p.article for p in found if p.article is not None and _in_penalty_chapter(tree, p)}


def _in_penalty_chapter(tree: ProvisionTree, p: Provision) -> bool:
    return bool(_CHAPTER.get(tree.document.lang, _CHAPTER["en"]).search(tree.heading(p)))


class _KnownBearers:
    """The bearers a document names, looked up as the longest one a clause starts with (a set
    per length instead of a scan of every bearer per clause)."""

    def __init__(self, actors: list[str]) -> None:
        self.names = frozenset(a for a in actors if len(a) >= 2)
        self.lengths = sorted({len(a) for a in self.names}, reverse=True)

    def opening(self, clause: str) -> str:
        """The longest known bearer ``clause`` starts with, or ""."""
        return next((clause[:n] for n in self.lengths if len(clause) >= n and clause[:n] in self.names), "")


def _zh_violations(tree: ProvisionTree, p: Provision, actors: _KnownBearers) -> list[Violation]:
    text = tree.own_text(p)
    parent = tree.parent(p)
    if parent is not None and _zh_is_penalty(tree, parent):
        if not _ZH_LIST.search(tree.own_text(parent)):
            return []               # the lead-in names the breach; its items grade the penalty
        bearer = _zh_bearer(_ZH_LIST.split(tree.own_text(parent))[0], actors)[0]
        return _zh_acts(tree, p, text.rstrip("的；;。"), bearer, actors)
    if tree.children.get(p.key) and _ZH_LIST.search(text):
        return []                   # a lead-in: its items name the violations
    if not _zh_is_penalty(tree, p):
        return []
    cue = _ZH_PENALTY.search(text)
    breach = text[: cue.start()] if cue else ""
    if _ZH_FOLLOWS.search(breach):
        return _zh_acts(tree, p, breach, "", actors)
    cut = breach.rfind("的，") if "的，" in breach else breach.rfind("的,")
    return _zh_acts(tree, p, breach[:cut], "", actors) if cut > 0 else []


def _zh_is_penalty(tree: ProvisionTree, p: Provision) -> bool:
    text = tree.own_text(p)
    if not _ZH_PENALTY.search(text):
        return False
    return _in_penalty_chapter(tree, p) or bool(re.search(r"违反[^，。；]{0,40}规定[^。；]*的，", text))


def _zh_acts(tree: ProvisionTree, p: Provision, breach: str, bearer: str, actors: _KnownBearers) -> list[Violation]:
    """One violation per clause of the breach (…的，…的，), each with its bearer."""
    breach = _ZH_CONSEQUENCE.sub("", breach)
    generic_lead = bool(_ZH_GENERIC_LEAD.match(breach))
    breach = _ZH_GENERIC_LEAD.sub("", breach)
    refs = cited_provisions(tree.document, breach, tree.index, at=p.key)
    if _ZH_FOLLOWS.search(breach):
        before = tree.previous(p)
        return [Violation(p.key, bearer, breach, refs, follows=before.key if before else "")]
    out = []
    for clause in re.split(r"的[，,；]", breach):
        for part in _bearer_parts(clause, actors):
            own, act = _zh_bearer(part, actors)
            bearer = own or bearer      # a later clause (…的，在…中收取费用的) keeps the bearer
            generic = bool(_ZH_GENERIC.match(act)) or (generic_lead and not act)
            outcome = bool(_ZH_OUTCOME.match(act)) and not refs
            out.append(Violation(p.key, bearer, act, refs, generic=generic, outcome=outcome))
    return out


def _bearer_parts(clause: str, actors: _KnownBearers) -> list[str]:
    """A clause cut where a new bearer starts a breach of its own after a comma."""
    parts: list[str] = []
    for piece in re.split(r"[，,]", _ZH_CONSEQUENCE.sub("", clause.strip("，,；; "))):
        own, act = _zh_bearer(piece, actors) if parts else ("", "")
        if parts and not (own and _ZH_BREACH_START.match(act)):
            parts[-1] += "，" + piece
        else:
            parts.append(piece)
    return [part for part in (x.strip("，,；; ") for x in parts) if part]


def _zh_bearer(clause: str, actors: _KnownBearers) -> tuple[str, str]:
    """Split "生产经营单位的主要负责人未履行…" into its bearer and its act."""
    clause = _ZH_GENERIC_LEAD.sub("", clause.strip("，, "))
    if _ZH_NOT_BEARER.match(clause):
        return "", clause
    known = actors.opening(clause)
    m = _ZH_BEARER.match(clause)
    if known and not (m and len(m.group(1)) > len(known)):
        return known, clause[len(known):].lstrip("，, ")
    m = _ZH_BEARER.match(clause)
    if m:
        return m.group(1), clause[m.end():].lstrip("，, ")
    return "", clause


def _en_violations(tree: ProvisionTree, p: Provision) -> list[Violation]:
    """English: a provision that subjects infringements of cited provisions to fines ("infringements
    of the following provisions shall … be subject to administrative fines: (a) the obligations …
    pursuant to Articles 8, 11, 25 to 39"); a citation of its own article is not a breach."""
    text = tree.own_text(p)
    parent = tree.parent(p)
    lead = tree.own_text(parent) if parent is not None else ""
    if not (_EN_PENALTY.search(text) or (_EN_PENALTY.search(lead) and "infringe" in lead.lower())):
        return []
    if not _EN_BREACH.search(text + " " + lead):
        return []
    article = p.path[0] if p.path else ""
    refs = tuple(k for k in cited_provisions(tree.document, text, tree.index) if k.split("/")[0] != article)
    return [Violation(p.key, "", text, refs)] if refs else []
