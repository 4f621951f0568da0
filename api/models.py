"""Response models of the REST resources (they shape the OpenAPI schema). A kg record that
needs no field descriptions (``DocumentInfo``) is used as it is."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from govkg.kg.store import DocumentInfo


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class BearerOut(_Out):
    id: str = Field(description="Actor id (the slug of its IRI)")
    label: str
    role: str = Field("sole", description="sole, lead, support or joint")


class NormOut(_Out):
    id: str = Field(description="{doc}/{hash}")
    iri: str
    doc: str
    modality: str = Field(description="obligation, prohibition or permission")
    action: str
    text: str = Field("", description="The clause the norm was read from")
    provision: str = Field("", description="Key of the provision stating the norm")
    provision_label: str = ""
    article: int | None = None
    start: int = Field(0, description="Character offset of the clause in the document")
    end: int = 0
    bearer_text: str = ""
    condition: str = ""
    confidence: float = 1.0
    kinds: list[str] = Field(default_factory=list, description="sanction, oversight, information, power, funding")
    bearers: list[BearerOut] = Field(default_factory=list)
    review: str = Field("", description="confirmed, corrected or added when a review in force says so")
    recipients: list[BearerOut] = Field(default_factory=list)


class ActorOut(_Out):
    id: str
    iri: str
    label: str
    labels: dict[str, str] = Field(default_factory=dict, description="Preferred label by language")
    alt_labels: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list, description="Ontology classes (local names)")
    norms_count: int = 0
    documents: list[str] = Field(default_factory=list)
    same_as: list[str] = Field(default_factory=list, description="The same actor in the other language")


class ActorList(BaseModel):
    actors: list[ActorOut]


class ActorDetailOut(_Out):
    actor: ActorOut
    norms: list[NormOut]
    powers: list[NormOut]
    supervisors: list[BearerOut]


class NormList(BaseModel):
    norms: list[NormOut]


class ResponsibilityOut(_Out):
    actor: str | None = Field(description="Actor id; null for norms without a bearer")
    label: str
    norms: list[NormOut]


class ResponsibleList(BaseModel):
    topic: str
    responsible: list[ResponsibilityOut]


class DocumentList(BaseModel):
    documents: list[DocumentInfo]


class ProvisionSummary(BaseModel):
    key: str
    label: str
    kind: str = ""
    article: int | None = None
    start: int
    end: int


class DocumentDetail(BaseModel):
    document: DocumentInfo
    provisions: list[ProvisionSummary]
    modalities: dict[str, int] = Field(description="Number of norms by modality")


class Span(BaseModel):
    start: int = Field(description="Offset in the provision text")
    end: int
    modality: str
    norm: str


class ProvisionOut(BaseModel):
    doc: str
    key: str
    label: str
    text: str
    start: int
    end: int
    article: int | None = None
    norms: list[NormOut]
    spans: list[Span] = Field(description="Norm clauses inside the text, for highlighting")


class FindingOut(BaseModel):
    kind: str
    doc: str = ""
    article: str | int | None = None
    actor: str = ""
    norm: str = ""
    text: str = ""
    explanation: str = ""
    provision: str = ""
    confidence: float | None = Field(None, description="How sure the extraction of the norm is: the share of "
                                     "norms read with the same traits that are right on texts the rules were not "
                                     "written for; none for findings about an actor")
    review: str = Field("", description="confirmed or dismissed (this finding), or 'norm corrected' / 'norm "
                        "confirmed' / 'norm added' (its norm); empty when nobody reviewed it")
    modality: str = Field("", description="obligation, prohibition or permission; empty for findings about an actor")
    severity: int = Field(1, description="How serious: the kind's, higher for a prohibition or a sanctioned duty, "
                                         "lower in the first chapter (general principles)")
    group: str = Field("", description="kind|actor|matter: the findings of one pattern")
    explanation_zh: str = ""
    lang: str = Field("", description="The document's language")


class FindingList(BaseModel):
    findings: list[FindingOut]
    total: int = Field(description="Findings in the whole report (before offset and limit)")
    dismissed: int = Field(0, description="Findings a reviewer dismissed, hidden unless dismissed=true")


class MatrixOut(BaseModel):
    topics: list[str]
    rows: list[dict[str, str | int]] = Field(description="actor, label and one count per topic")


class ErrorOut(BaseModel):
    error: str
    kind: str = ""


class DiffNorm(BaseModel):
    article: str = Field(description="The article's label as the text writes it (第七条, Article 7)")
    actor: str = Field(description="The bearer's canonical label, empty for a norm with no bearer")
    modality: str
    action: str
    vague_actor: bool = False


class ProvisionPairOut(BaseModel):
    old: str | None = Field(description="The article's label in the old version; null for an added article")
    new: str | None = Field(description="The article's label in the new version; null for a removed one")
    status: str = Field(description="unchanged, changed, moved, added or removed")
    similarity: float = Field(description="How alike the two texts are, 0 to 1 (labels and spacing left out)")


class NormChangeOut(BaseModel):
    status: str = Field(description="unchanged, changed, added or removed")
    old: DiffNorm | None = None
    new: DiffNorm | None = None
    changes: list[str] = Field(default_factory=list, description="bearer, modality, action, article")


class ActorChangeOut(BaseModel):
    actor: str
    gained: list[str] = Field(description="Actions of duties and powers the new version gives the actor")
    lost: list[str] = Field(description="Actions of duties and powers the new version no longer gives it")


class ClarityOut(BaseModel):
    kind: str = Field(description="made-precise, made-vague, bearer-lost or bearer-gained")
    old: DiffNorm
    new: DiffNorm


class GapFindingBrief(BaseModel):
    article: str = Field(description="The provision's whole label")
    actor: str
    modality: str
    explanation: str
    explanation_zh: str


class GapChangeOut(BaseModel):
    kind: str = Field(description="A document-local gap kind (unassigned, vague-actor, shared-no-lead, no-sanction)")
    label_en: str
    label_zh: str
    kept: int = Field(description="Findings of the old version that the new one still has")
    closed: list[GapFindingBrief] = Field(description="Findings of the old version the new one no longer has")
    opened: list[GapFindingBrief] = Field(description="Findings only the new version has")


class DiffOut(BaseModel):
    provisions: list[ProvisionPairOut]
    norms: list[NormChangeOut]
    actors: list[ActorChangeOut]
    clarity: list[ClarityOut]
    gaps: list[GapChangeOut] | None = Field(None, description="Only with gaps=true: findings closed and opened")


class DelegationOut(BaseModel):
    doc: str
    article: str
    provision: str = Field(description="The provision's IRI")
    sentence: str = Field(description="The sentence that delegates")
    delegate: str = Field(description="The body that is to make the rules, as written; empty if unsaid")
    implemented_by: list[str] = Field(description="Stored documents of a level that body makes, implementing the work")
    implementers: list[str] = Field(description="Every stored document that implements the work")


class DelegationList(BaseModel):
    delegations: list[DelegationOut]


class NamedHit(BaseModel):
    doc: str = Field(description="The implementing document")
    article: str
    actor: str = Field(description="The bearer it names")
    action: str
    similarity: float = Field(description="How alike the two actions are, 0 to 1")


class NormDetailOut(NormOut):
    named_below: list[NamedHit] = Field(default_factory=list, description=(
        "For a vague or absent bearer: the named bearers that documents implementing the law give the same matter"))


class NamedBelowNorm(DiffNorm):
    named: list[NamedHit]


class NamedBelowList(BaseModel):
    doc: str
    norms: list[NamedBelowNorm]
# ---- reviews ---------------------------------------------------------------------------------
class CorrectionIn(BaseModel):
    modality: str = Field(description="obligation, prohibition or permission")
    action: str
    bearers: list[str] = Field(default_factory=list, description="Bearers' names; none: nobody is named")
    role: str = Field("sole", description="sole, lead, support or joint")
    vague: bool = Field(False, description="The bearer leaves open who is meant (有关部门)")


class NormReviewIn(BaseModel):
    verdict: str = Field(description="confirmed, corrected or rejected")
    reason: str = ""
    correction: CorrectionIn | None = Field(None, description="The corrected values (verdict corrected)")
    reviewer: str = Field("", description="Who reviews, when the write token is used (a reviewer's token names them)")


class FindingReviewIn(BaseModel):
    kind: str = Field(description="Gap kind of the finding, e.g. unassigned")
    norm: str = Field(description="The finding's norm: its IRI or id ({doc}/{hash})")
    verdict: str = Field(description="confirmed or dismissed")
    reason: str = ""
    reviewer: str = ""


class AddedNormIn(CorrectionIn):
    doc: str
    provision: str = Field(description="Key of the provision the norm is stated in, e.g. 第一章/第三条")
    start: int | None = Field(None, description="Offset of the clause in the document text")
    end: int | None = None
    reason: str = ""
    reviewer: str = ""


class ReviewOut(BaseModel):
    id: str
    verdict: str
    status: str = Field(description="in force, or stale: the provision's text changed since the review")
    doc: str
    provision_key: str
    provision_hash: str
    reviewer: str
    at: str
    reason: str = ""
    norm: str = ""
    kind: str = ""
    before: dict = Field(default_factory=dict)
    revision: CorrectionIn | None = None
    span: list[int] | None = None


class ReviewList(BaseModel):
    reviews: list[ReviewOut]
    stale: int = Field(description="Reviews whose provision changed since: to be checked again")
