"""The plain records that ingest produces and kg maps: documents, provisions, norms.

These are the contract between extraction and the graph: kg never runs spaCy, and ingest
never writes RDF. ``Norm.to_json`` is the line format of ``govkg extract --format jsonl``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Literal

Modality = Literal["obligation", "prohibition", "permission"]
MODALITIES: tuple[str, ...] = ("obligation", "prohibition", "permission")

BearerRole = Literal["sole", "lead", "support", "joint"]
"""How a bearer holds a norm: alone, as lead (牵头, 会同's subject), as supporting (配合, 协助
the lead), or jointly with others and no lead named ("A和B应当", "jointly")."""

RELATION_KINDS: tuple[str, ...] = ("supervises", "guides", "assists", "informs", "leads", "shares", "sanctions")
"""How one actor stands to another by a norm: supervises or inspects it (监督, 检查; "monitor"), guides it
(指导), assists or supports it (协助, 配合; "cooperate with"), informs or reports to it (报告, 通报, 告知;
"notify"), leads it in a shared norm (牵头, 会同), shares a duty with it (joint bearers), may sanction it."""

NORM_TAGS: tuple[str, ...] = ("sanction", "oversight", "information", "power", "funding")
"""Extra kinds a norm may have: it imposes a sanction (责令, 罚款; "impose a fine"), supervises
another actor (监督, 检查; "monitor"), moves information (报告, 公开, 告知; report, notify),
empowers a decision (决定, 批准; "adopt", "approve"), or funds something (经费, 资金)."""


@dataclass(frozen=True)
class Provision:
    """One unit of a document's structure: an article, paragraph or item, or a numbered
    paragraph of a text without articles."""

    doc: str
    path: tuple[str, ...]          # e.g. ("第三章", "第二十条", "第2款", "（一）") or ("Article 33", "1", "(a)")
    article: int | None            # 第二十条 -> 20, Article 33 -> 33; None outside articles
    label: str                     # human label of the provision itself: "第二十条", "Article 33(1)(a)"
    text: str
    start: int                     # character offsets in Document.text
    end: int
    heading: str = ""              # title of the enclosing chapter/section, if any
    eid: str = ""                  # the element id the source publishes (Akoma Ntoso eId / xml:id)

    @property
    def key(self) -> str:
        """A stable, IRI-safe key of the provision inside its document."""
        return "/".join(self.path) or "body"


def unique_path(path: tuple[str, ...], seen: set[tuple[str, ...]]) -> tuple[str, ...]:
    """A provision path not used before in this text (``seen``, which it joins): a number that
    comes again (two acts in one file, an amending decision) gets a "~2", "~3"... so that its
    provisions keep IRIs of their own."""
    candidate, n = path, 1
    while candidate in seen:
        n += 1
        candidate = path[:-1] + (f"{path[-1]}~{n}",)
    seen.add(candidate)
    return candidate


@dataclass(frozen=True)
class Norm:
    """One duty, prohibition or permission of one bearer (or of nobody) in one provision."""

    doc: str
    article: int | str             # number where the text has articles, else 0 (or a label)
    actor: str                     # the bearer as written, with its qualifiers; "" for none
    modality: str                  # one of MODALITIES
    action: str                    # what the bearer must / must not / may do
    vague_actor: bool = False      # 有关部门, "relevant authorities", "any person"
    start: int = 0                 # character span of the norm's clause in Document.text
    end: int = 0
    provision: str = ""            # Provision.key of the smallest provision holding the norm
    confidence: float = 1.0
    role: str = "sole"             # one of BearerRole
    actor_type: str = ""           # local name of the ontology class of the bearer, "" if unknown
    condition: str = ""            # 有下列情形之一的 / "where ..." / "unless ..."
    recipient: str = ""            # whom an information duty is owed to (向X报告, "notify X")
    references: tuple[str, ...] = ()   # provisions referred to: "第十条", "Article 33(1)"
    tags: tuple[str, ...] = ()     # subset of NORM_TAGS
    sentence: str = ""             # the clause the norm was read from
    defined_in: str = ""           # Provision.key of the definition of the bearer's term, if the document defines it

    def revised(self, **changes) -> Norm:
        """The norm with ``changes`` to its fields: ``dataclasses.replace`` without checking and
        setting every field again (each norm of a document is revised once or twice)."""
        unknown = changes.keys() - _NORM_FIELDS
        if unknown:
            raise TypeError(f"Norm has no field {sorted(unknown)[0]!r}")
        norm = object.__new__(Norm)
        norm.__dict__.update(self.__dict__, **changes)
        return norm

    def to_json(self) -> dict:
        """The jsonl record of the extract contract (see DESIGN.md and eval/score.py)."""
        row = asdict(self)
        row["references"] = list(self.references)
        row["tags"] = list(self.tags)
        return row


_NORM_FIELDS = frozenset(f.name for f in fields(Norm))


@dataclass(frozen=True)
class SanctionLink:
    """A penalty provision punishes a breach of a duty: found "by reference" (the penalty cites
    the duty's provision) or "by content" (it names the duty's bearer and action)."""

    penalty: str                   # Provision.key of the penalty provision
    duty: Norm                     # the obligation or prohibition it punishes (one of Document.norms)
    basis: str                     # "reference" | "content"


@dataclass(frozen=True)
class Relation:
    """One actor's relation to another, as a norm states it (both as written in the text)."""

    kind: str                      # one of RELATION_KINDS
    source: str                    # the actor who supervises, guides, assists, informs, leads, shares, sanctions
    target: str                    # the actor it does so to


@dataclass
class Document:
    """A source text after reading and cleaning, with its provisions and norms."""

    doc: str                       # file stem: the document's name everywhere
    text: str                      # the cleaned text all offsets refer to
    lang: str                      # "zh" or "en"
    title: str = ""
    source: str = ""               # file name it was read from
    media_type: str = "text/plain"
    encoding: str = "utf-8"
    sha256: str = ""               # of the source bytes
    provisions: list[Provision] = field(default_factory=list)
    norms: list[Norm] = field(default_factory=list)
    offsets: list[int] | None = None   # cleaned offset -> offset in the original text, if cleaning moved text
    units: list = field(default_factory=list, repr=False)   # pieces to read norms from, when the reader gave the structure
    metadata: dict = field(default_factory=dict)   # "warnings": what the reader or splitter could not do as asked
    penalties: list[str] = field(default_factory=list)   # keys of the provisions that attach a penalty to a breach
    sanctions: list[SanctionLink] = field(default_factory=list)   # which duties those provisions punish
