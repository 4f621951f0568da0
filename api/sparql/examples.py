"""Example queries offered on the SPARQL page: the analysts' questions and one per gap kind.

They follow the RDF shape of govkg data (every document in its own named graph, hence the
``GRAPH ?g`` patterns) and the ontology terms of ``ontology/terms.py``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    name: str
    query: str


_P = ("PREFIX gov: <https://w3id.org/govkg/ontology#>\n"
      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")

QUESTIONS = [
    Example("Norms of an actor", _P + """
# What must, must not, or may 居民委员会 do — and in which article?
SELECT ?modality ?action ?provision ?text WHERE {
  GRAPH ?g {
    ?actor skos:prefLabel ?name . FILTER(CONTAINS(STR(?name), "居民委员会"))
    ?norm gov:hasBearer ?actor ; a ?modality ; gov:action ?action ; gov:statedIn ?provision .
    VALUES ?modality { gov:Obligation gov:Prohibition gov:Permission }
    OPTIONAL { ?norm gov:text ?text }
  }
} ORDER BY ?provision LIMIT 200"""),
    Example("Who is responsible for a topic", _P + """
# Who is responsible for 物业 (property management)? Change the word to ask about another topic.
SELECT ?actor (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?norm) AS ?norms) WHERE {
  GRAPH ?g {
    ?norm a gov:Norm ; gov:action ?action ; gov:hasBearer ?actor .
    FILTER(CONTAINS(LCASE(?action), "物业"))
    OPTIONAL { ?actor skos:prefLabel ?name }
  }
} GROUP BY ?actor ORDER BY DESC(?norms) LIMIT 50"""),
    Example("Actors sharing a duty", _P + """
# Norms held by two or more actors at once (a shared duty), with who holds them.
SELECT ?norm ?action (GROUP_CONCAT(DISTINCT STR(?name); separator=" / ") AS ?bearers) WHERE {
  GRAPH ?g {
    ?norm a gov:Norm ; gov:action ?action ; gov:hasBearer ?a , ?b .
    FILTER(?a != ?b)
    ?a skos:prefLabel ?name .
  }
} GROUP BY ?norm ?action ORDER BY ?norm LIMIT 100"""),
    Example("Documents in the store", _P + """
SELECT ?doc ?title ?lang ?g WHERE {
  GRAPH ?g { ?doc a gov:Document . OPTIONAL { ?doc gov:label ?title } OPTIONAL { ?doc gov:language ?lang } }
} ORDER BY ?doc"""),
]

GAPS = [
    Example("Gap: unassigned duty", _P + """
# Duties and prohibitions that name nobody who must act.
SELECT ?norm ?action ?provision WHERE {
  GRAPH ?g {
    ?norm a gov:Norm ; gov:action ?action ; gov:statedIn ?provision .
    FILTER NOT EXISTS { ?norm a gov:Permission }
    FILTER NOT EXISTS { ?norm gov:hasBearer ?anyone }
  }
} LIMIT 200"""),
    Example("Gap: vague bearer", _P + """
# Norms whose only bearer is vaguely named (有关部门, "the relevant authorities").
SELECT ?norm ?bearerText ?action ?provision WHERE {
  GRAPH ?g {
    ?norm gov:hasBearer ?actor ; gov:action ?action ; gov:statedIn ?provision .
    ?actor a gov:VagueActor .
    OPTIONAL { ?norm gov:bearerText ?bearerText }
  }
} LIMIT 200"""),
    Example("Gap: shared without lead", _P + """
# Norms held by several bearers, none of them named as lead (牵头).
SELECT ?norm ?action (COUNT(DISTINCT ?actor) AS ?bearers) WHERE {
  GRAPH ?g {
    ?norm gov:hasBearer ?actor ; gov:action ?action .
    FILTER NOT EXISTS { ?norm gov:hasLeadBearer ?lead }
  }
} GROUP BY ?norm ?action HAVING (COUNT(DISTINCT ?actor) > 1) LIMIT 200"""),
    Example("Gap: no sanction", _P + """
# Obligations and prohibitions that no sanction enforces or refers to.
SELECT ?norm ?action ?provision WHERE {
  GRAPH ?g {
    ?norm a ?modality ; gov:action ?action ; gov:statedIn ?provision .
    VALUES ?modality { gov:Obligation gov:Prohibition }
    FILTER NOT EXISTS { ?sanction a gov:Sanction . { ?sanction gov:enforces ?norm } UNION { ?sanction gov:refersTo ?provision } }
  }
} LIMIT 200"""),
    Example("Gap: no oversight", _P + """
# Actors with duties that no oversight norm supervises.
SELECT DISTINCT ?actor ?name WHERE {
  GRAPH ?g { ?norm a gov:Obligation ; gov:hasBearer ?actor . OPTIONAL { ?actor skos:prefLabel ?name } }
  FILTER NOT EXISTS { GRAPH ?h { ?watch a gov:Oversight . { ?watch gov:oversees ?actor } UNION { ?watch gov:oversees ?norm } } }
  FILTER NOT EXISTS { GRAPH ?h2 { ?boss gov:supervises ?actor } }
} LIMIT 200"""),
    Example("Gap: conflict", _P + """
# One actor both obliged (or permitted) and forbidden to do the same thing.
SELECT ?actor ?action ?allowed ?forbidden WHERE {
  GRAPH ?g1 { ?allowed gov:hasBearer ?actor ; gov:action ?action . { ?allowed a gov:Obligation } UNION { ?allowed a gov:Permission } }
  GRAPH ?g2 { ?forbidden a gov:Prohibition ; gov:hasBearer ?actor ; gov:action ?action }
} LIMIT 200"""),
    Example("Gap: power imbalance", _P + """
# Actors holding powers but no duties.
SELECT ?actor (COUNT(DISTINCT ?power) AS ?powers) WHERE {
  GRAPH ?g { ?power a gov:Power ; gov:hasBearer ?actor }
  FILTER NOT EXISTS { GRAPH ?h { ?duty a gov:Obligation ; gov:hasBearer ?actor } }
} GROUP BY ?actor ORDER BY DESC(?powers) LIMIT 200"""),
    Example("Gap: information gap", _P + """
# Information duties (report, notify, publish) that say nobody to inform.
SELECT ?norm ?action ?provision WHERE {
  GRAPH ?g {
    ?norm a gov:InformationDuty ; gov:action ?action ; gov:statedIn ?provision .
    FILTER NOT EXISTS { ?norm gov:recipient ?whom }
  }
} LIMIT 200"""),
    Example("Gap: overlap", _P + """
# The same action given to different actors in different provisions.
SELECT ?action ?actor1 ?actor2 ?p1 ?p2 WHERE {
  GRAPH ?g1 { ?n1 gov:action ?action ; gov:hasBearer ?actor1 ; gov:statedIn ?p1 }
  GRAPH ?g2 { ?n2 gov:action ?action ; gov:hasBearer ?actor2 ; gov:statedIn ?p2 }
  FILTER(?p1 != ?p2 && STR(?actor1) < STR(?actor2))
} LIMIT 200"""),
    Example("Gap findings stored", _P + """
# Gap findings written by `govkg gaps`, by kind.
SELECT ?kind (COUNT(?finding) AS ?findings) WHERE {
  GRAPH ?g { ?finding a gov:GapFinding ; gov:gapKind ?kind }
} GROUP BY ?kind ORDER BY DESC(?findings)"""),
]

EXAMPLES = QUESTIONS + GAPS
