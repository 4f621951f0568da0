"""Example queries offered on the SPARQL page: the analysts' questions and one per gap kind.

The questions follow the RDF shape of govkg data (every document in its own named graph, hence
the ``GRAPH ?g`` patterns); the gap examples are the project's own detectors (kg/gap_queries),
so the page always shows what ``govkg gaps`` runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from govkg.api.routers.pages import messages
from govkg.kg.gaps import gap_query
from govkg.ontology.namespaces import PREFIXES
from govkg.ontology.terms import GAP_KINDS


@dataclass(frozen=True)
class Example:
    name: str
    query: str
    name_zh: str = ""

    def title(self, lang: str) -> str:
        """The tab's name in the page's language."""
        return self.name_zh if lang == "zh" and self.name_zh else self.name


_P = ("PREFIX gov: <https://w3id.org/govkg/ontology#>\n"
      "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")

QUESTIONS = [
    Example("Norms of an actor", name_zh="某主体的规范", query=_P + """
# What must, must not, or may 居民委员会 do — and in which article?
# 居民委员会应当、不得、可以做什么？在哪一条？
SELECT ?modality ?action ?provision ?text WHERE {
  GRAPH ?g {
    ?actor skos:prefLabel ?name . FILTER(CONTAINS(STR(?name), "居民委员会"))
    ?norm gov:hasBearer ?actor ; a ?modality ; gov:action ?action ; gov:statedIn ?provision .
    VALUES ?modality { gov:Obligation gov:Prohibition gov:Permission }
    OPTIONAL { ?norm gov:text ?text }
  }
} ORDER BY ?provision LIMIT 200"""),
    Example("Who is responsible for a topic", name_zh="谁对某事项负责", query=_P + """
# Who is responsible for 物业 (property management)? Change the word to ask about another topic.
# 谁对“物业”负责？换一个词即可查询其他事项。
SELECT ?actor (SAMPLE(?name) AS ?label) (COUNT(DISTINCT ?norm) AS ?norms) WHERE {
  GRAPH ?g {
    ?norm a gov:Norm ; gov:action ?action ; gov:hasBearer ?actor .
    FILTER(CONTAINS(LCASE(?action), "物业"))
    OPTIONAL { ?actor skos:prefLabel ?name }
  }
} GROUP BY ?actor ORDER BY DESC(?norms) LIMIT 50"""),
    Example("What must the controller do", name_zh="控制者应当做什么（英文文本）", query=_P + """
# The obligations of "the controller" in the English texts (GDPR), article by article.
# 英文文本（GDPR）中“控制者”（controller）的义务，按条列出。
SELECT ?action ?provision ?text WHERE {
  GRAPH ?g {
    ?actor skos:prefLabel ?name . FILTER(LCASE(STR(?name)) = "controller")
    ?norm gov:hasBearer ?actor ; a gov:Obligation ; gov:action ?action ; gov:statedIn ?provision .
    OPTIONAL { ?norm gov:text ?text }
  }
} ORDER BY ?provision LIMIT 200"""),
    Example("Actors sharing a duty", name_zh="共同承担的义务", query=_P + """
# Norms held by two or more actors at once (a shared duty), with who holds them.
# 由两个或更多主体共同承担的规范，以及承担者。
SELECT ?norm ?action (GROUP_CONCAT(DISTINCT STR(?name); separator=" / ") AS ?bearers) WHERE {
  GRAPH ?g {
    ?norm a gov:Norm ; gov:action ?action ; gov:hasBearer ?a , ?b .
    FILTER(?a != ?b)
    ?a skos:prefLabel ?name .
  }
} GROUP BY ?norm ?action ORDER BY ?norm LIMIT 100"""),
    Example("Documents in the store", name_zh="已存储的文件", query=_P + """
# Every stored document, its title and language. 已存储的全部文件及其标题、语言。
SELECT ?doc ?title ?lang ?g WHERE {
  GRAPH ?g { ?doc a gov:Document . OPTIONAL { ?doc gov:label ?title } OPTIONAL { ?doc gov:language ?lang } }
} ORDER BY ?doc"""),
]

def _prefixed(sparql: str) -> str:
    """The PREFIX lines of the namespaces a detector uses, then its text."""
    used = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if f"{p}:" in sparql)
    return used + sparql


def gap_examples() -> list[Example]:
    """One example per gap kind: the detector ``govkg gaps`` runs, as it stands in kg/gap_queries."""
    table = messages()       # the kind's Chinese name as the pages show it
    return [Example(f"Gap: {kind}", _prefixed(gap_query(kind)), f"缺口：{table.get(f'gap_{kind}', [kind, kind])[1]}")
            for kind in GAP_KINDS]


@lru_cache(maxsize=1)
def examples() -> list[Example]:
    return QUESTIONS + gap_examples()
