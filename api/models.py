"""Response models of the REST resources (they shape the OpenAPI schema). A kg record that
needs no field descriptions (``DocumentInfo``) is used as it is."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from kg.store import DocumentInfo


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
    modality: str = Field("", description="obligation, prohibition or permission; empty for findings about an actor")
    severity: int = Field(1, description="How serious: the kind's, higher for a prohibition or a sanctioned duty, "
                                         "lower in the first chapter (general principles)")
    group: str = Field("", description="kind|actor|matter: the findings of one pattern")
    explanation_zh: str = ""
    lang: str = Field("", description="The document's language")


class FindingList(BaseModel):
    findings: list[FindingOut]
    total: int = Field(description="Findings in the whole report (before offset and limit)")


class MatrixOut(BaseModel):
    topics: list[str]
    rows: list[dict[str, str | int]] = Field(description="actor, label and one count per topic")


class ErrorOut(BaseModel):
    error: str
    kind: str = ""
