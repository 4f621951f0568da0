"""The ontology terms that code refers to, as IRI strings.

`govkg.ttl` is the source of truth; a test checks that every name here is declared there,
so code and ontology cannot drift apart.
"""
from __future__ import annotations

from ontology.gap_kinds import GAP_KINDS as _GAP_REGISTRY
from ontology.namespaces import GOV

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
Provision = GOV + "Provision"
Article = GOV + "Article"
Paragraph = GOV + "Paragraph"
Item = GOV + "Item"
GapFinding = GOV + "GapFinding"
GapKind = GOV + "GapKind"

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
oversees = GOV + "oversees"                        # Oversight norm -> Norm | Actor
recipient = GOV + "recipient"                      # InformationDuty -> Actor
subordinateTo = GOV + "subordinateTo"              # Actor -> Actor
supervises = GOV + "supervises"                    # Actor -> Actor
concerns = GOV + "concerns"                        # GapFinding -> Norm | Actor
gapKind = GOV + "gapKind"                          # GapFinding -> GapKind
hasRole = GOV + "hasRole"                          # Actor -> Role

# ---- data properties ---------------------------------------------------------------------
action = GOV + "action"
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

# ---- gap kinds (individuals of GapKind, from the registry) --------------------------------------
GAP_KINDS: dict[str, str] = {code: kind.iri for code, kind in _GAP_REGISTRY.items()}

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
    return terms
