"""The ontology terms that code refers to, as IRI strings.

`govkg.ttl` is the source of truth; a test checks that every name here is declared there,
so code and ontology cannot drift apart.
"""
from __future__ import annotations

from govkg.ontology.gap_kinds import GAP_KINDS as _GAP_REGISTRY
from govkg.ontology.gap_kinds import VIEW_KINDS as _VIEW_REGISTRY
from govkg.ontology.namespaces import GOV

# ---- classes ---------------------------------------------------------------------------
Actor = GOV + "Actor"
VagueActor = GOV + "VagueActor"            # 有关部门, "relevant authorities", "any person"
Role = GOV + "Role"
Norm = GOV + "Norm"
Obligation = GOV + "Obligation"
Prohibition = GOV + "Prohibition"
Permission = GOV + "Permission"
Power = GOV + "Power"                      # an actor empowered to decide, approve or sanction
Sanction = GOV + "Sanction"                # a norm that imposes a penalty for breaching others
Oversight = GOV + "Oversight"              # a norm by which one actor supervises others
InformationDuty = GOV + "InformationDuty"  # report, notify, publish, inform
FundingDuty = GOV + "FundingDuty"
Document = GOV + "Document"
Work = GOV + "Work"                        # a law across its versions (eli:LegalResource)
LegalLevel = GOV + "LegalLevel"
Provision = GOV + "Provision"
Article = GOV + "Article"
Paragraph = GOV + "Paragraph"
Item = GOV + "Item"
PenaltyProvision = GOV + "PenaltyProvision"    # attaches a penalty to a breach (法律责任, fines)
GapFinding = GOV + "GapFinding"
GapKind = GOV + "GapKind"
ViewKind = GOV + "ViewKind"                # a view beside the gap kinds: delegation, named-below
ActorRelation = GOV + "ActorRelation"      # one actor's relation to another, derived from norms
RelationKind = GOV + "RelationKind"

# ---- object properties -------------------------------------------------------------------
hasBearer = GOV + "hasBearer"                      # Norm -> Actor
hasLeadBearer = GOV + "hasLeadBearer"              # sub-property of hasBearer: 牵头, 会同's subject
hasSupportingBearer = GOV + "hasSupportingBearer"  # sub-property of hasBearer: 配合, 协助
hasJointBearer = GOV + "hasJointBearer"            # sub-property of hasBearer: A和B应当, "jointly"
statedIn = GOV + "statedIn"                        # Norm -> Provision
definedIn = GOV + "definedIn"                      # Actor -> Provision that defines its term
inDocument = GOV + "inDocument"                    # Provision | Norm -> Document
partOf = GOV + "partOf"                            # Provision -> Provision | Document
refersTo = GOV + "refersTo"                        # Norm | Provision -> Provision
enforces = GOV + "enforces"                        # Sanction -> Norm
punishes = GOV + "punishes"                        # PenaltyProvision -> Norm whose breach it punishes
punishesByReference = GOV + "punishesByReference"  # sub-property of punishes: it cites the duty's provision
punishesByContent = GOV + "punishesByContent"      # sub-property of punishes: it names the duty's bearer and act
oversees = GOV + "oversees"                        # Oversight norm -> Norm | Actor
recipient = GOV + "recipient"                      # InformationDuty -> Actor
mentions = GOV + "mentions"                        # Oversight | Sanction norm -> Actor its action names
subordinateTo = GOV + "subordinateTo"              # Actor -> Actor
supervises = GOV + "supervises"                    # Actor -> Actor
concerns = GOV + "concerns"                        # GapFinding -> Norm | Actor
gapKind = GOV + "gapKind"                          # GapFinding -> GapKind
hasRole = GOV + "hasRole"                          # Actor -> Role
versionOf = GOV + "versionOf"                      # Document -> Work
implements = GOV + "implements"                    # Document -> Work it implements
level = GOV + "level"                              # Document -> LegalLevel
fromActor = GOV + "fromActor"                      # ActorRelation -> Actor
toActor = GOV + "toActor"                          # ActorRelation -> Actor
relationKind = GOV + "relationKind"                # ActorRelation -> RelationKind

# ---- data properties ---------------------------------------------------------------------
action = GOV + "action"
matter = GOV + "matter"                            # what the action is about, normalised (overlap, conflict)
bearerText = GOV + "bearerText"                    # the bearer as written in this norm
condition = GOV + "condition"
deadline = GOV + "deadline"
text = GOV + "text"
label = GOV + "label"
path = GOV + "path"
articleNumber = GOV + "articleNumber"
startOffset = GOV + "startOffset"
endOffset = GOV + "endOffset"
confidence = GOV + "confidence"
language = GOV + "language"
sourceFile = GOV + "sourceFile"
sha256 = GOV + "sha256"
extractorVersion = GOV + "extractorVersion"
ingestedAt = GOV + "ingestedAt"
explanation = GOV + "explanation"
triples = GOV + "triples"                          # ingest metadata: triples in a document's graph
norms = GOV + "norms"                              # ingest metadata: norms of a document
issuer = GOV + "issuer"                            # the adopting or issuing body, as written
place = GOV + "place"                              # the province or city of a local document
versionDate = GOV + "versionDate"

# ---- legal levels (individuals of LegalLevel), by the names govkg.ingest.standing gives them ---------
LEVEL: dict[str, str] = {
    "national-law": GOV + "NationalLaw",
    "administrative-regulation": GOV + "AdministrativeRegulation",
    "departmental-rule": GOV + "DepartmentalRule",
    "local-regulation": GOV + "LocalRegulation",
    "local-government-rule": GOV + "LocalGovernmentRule",
}

# ---- reviews (a graph of their own; the extracted norms are never changed in place) -----------
Review = GOV + "Review"                            # a person's judgement of a norm or a gap finding
NormRevision = GOV + "NormRevision"                # the corrected (or added) norm; prov:wasRevisionOf
reviewOf = GOV + "reviewOf"                        # Review -> Norm judged
revision = GOV + "revision"                        # Review -> NormRevision
verdict = GOV + "verdict"                          # confirmed | corrected | rejected | added | dismissed
findingKind = GOV + "findingKind"                  # the gap kind a finding review judged
reason = GOV + "reason"
atProvision = GOV + "atProvision"                  # Review -> Provision it is anchored to
provisionKey = GOV + "provisionKey"
provisionHash = GOV + "provisionHash"              # sha256 of the provision text the review judged
previousValues = GOV + "previousValues"            # the norm as it was, as JSON
revisedModality = GOV + "revisedModality"
revisedAction = GOV + "revisedAction"
revisedBearer = GOV + "revisedBearer"
revisedRole = GOV + "revisedRole"
revisedVague = GOV + "revisedVague"

# ---- gap kinds (individuals of GapKind, from the registry) --------------------------------------
GAP_KINDS: dict[str, str] = {code: kind.iri for code, kind in _GAP_REGISTRY.items()}
VIEW_KINDS: dict[str, str] = {code: view.iri for code, view in _VIEW_REGISTRY.items()}

RELATION_KINDS: dict[str, str] = {
    "supervises": GOV + "SupervisesRelation",
    "guides": GOV + "GuidesRelation",
    "assists": GOV + "AssistsRelation",
    "informs": GOV + "InformsRelation",
    "leads": GOV + "LeadsRelation",
    "shares": GOV + "SharesRelation",
    "sanctions": GOV + "SanctionsRelation",
}

MODALITY_CLASS: dict[str, str] = {
    "obligation": Obligation,
    "prohibition": Prohibition,
    "permission": Permission,
}

TAG_CLASS: dict[str, str] = {
    "sanction": Sanction,
    "oversight": Oversight,
    "information": InformationDuty,
    "power": Power,
    "funding": FundingDuty,
}


def all_terms() -> dict[str, str]:
    """Every term above by its Python name (classes, properties, gap kinds)."""
    terms = {k: v for k, v in globals().items()
             if isinstance(v, str) and v.startswith(GOV) and v != GOV}
    terms.update({f"gap:{k}": v for k, v in GAP_KINDS.items()})
    terms.update({f"view:{k}": v for k, v in VIEW_KINDS.items()})
    terms.update({f"level:{k}": v for k, v in LEVEL.items()})
    terms.update({f"relation:{k}": v for k, v in RELATION_KINDS.items()})
    return terms
