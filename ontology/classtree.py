"""The actor class tree of the ontology, read from the Turtle: superclasses, labels, head nouns."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from govkg.ontology.errors import OntologyError
from govkg.ontology.namespaces import GOV
from govkg.ontology.source import ontology_graph

LANGS: tuple[str, ...] = ("zh", "en")
HEAD_NOUN = URIRef(GOV + "headNoun")
IN_THESAURUS = URIRef(GOV + "thesaurus")


@dataclass(frozen=True)
class ActorClass:
    """One actor class with what extraction needs to know of it."""

    name: str                                   # local name, e.g. "ResidentsCommittee"
    parents: tuple[str, ...]                    # named direct superclasses inside gov:
    pref: dict[str, str]                        # lang -> skos:prefLabel
    alt: dict[str, tuple[str, ...]]             # lang -> skos:altLabel + skos:hiddenLabel
    head_nouns: dict[str, tuple[str, ...]]      # lang -> gov:headNoun
    in_thesaurus: bool                          # False where gov:thesaurus false
    vague: bool                                 # a subclass of gov:VagueActor


def local_name(iri: str) -> str:
    """``https://w3id.org/govkg/ontology#Actor`` -> ``Actor``."""
    return iri[len(GOV):] if iri.startswith(GOV) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@lru_cache(maxsize=1)
def actor_classes() -> dict[str, ActorClass]:
    """Every subclass of gov:Actor (and gov:Actor itself) by local name."""
    graph = ontology_graph()
    parents = _named_parents(graph)
    names = _descendants("Actor", parents)
    if "Actor" not in names or "VagueActor" not in names:
        raise OntologyError("govkg.ttl declares no gov:Actor / gov:VagueActor class tree")
    classes = {}
    for name in sorted(names):
        node = URIRef(GOV + name)
        classes[name] = ActorClass(
            name=name, parents=tuple(sorted(parents.get(name, ()))),
            pref=_labels(graph, node, SKOS.prefLabel, single=True),
            alt=_merge(_labels(graph, node, SKOS.altLabel), _labels(graph, node, SKOS.hiddenLabel)),
            head_nouns=_labels(graph, node, HEAD_NOUN),
            in_thesaurus=graph.value(node, IN_THESAURUS) != Literal(False),
            vague="VagueActor" in ancestors(name, parents),
        )
    return classes


def ancestors(name: str, parents: dict[str, set[str]] | None = None) -> list[str]:
    """``name`` and its named superclasses inside gov:, nearest first (breadth first)."""
    if parents is None:
        parents = {n: set(c.parents) for n, c in actor_classes().items()}
    seen, queue = [name], [name]
    while queue:
        for parent in sorted(parents.get(queue.pop(0), ())):
            if parent not in seen:
                seen.append(parent)
                queue.append(parent)
    return seen


def preferred_label(name: str, lang: str) -> str:
    """The canonical label of an actor class in ``lang`` (the other language's if none)."""
    cls = actor_classes().get(name)
    if cls is None:
        raise OntologyError(f"no actor class gov:{name} in the ontology")
    return cls.pref.get(lang) or next(iter(cls.pref.values()), name)


def vague_counterpart(name: str) -> str:
    """The vague class that leaves ``name`` (or its nearest superclass) unnamed:
    GovernmentDepartment -> RelevantDepartment, Body -> RelevantOrganization, else VagueActor."""
    classes = actor_classes()
    for ancestor in ancestors(name):
        for cls in classes.values():
            if cls.vague and ancestor in cls.parents and "VagueActor" in cls.parents:
                return cls.name
    return "VagueActor"


def _named_parents(graph) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {}
    for child, parent in graph.subject_objects(RDFS.subClassOf):
        if isinstance(child, URIRef) and isinstance(parent, URIRef) \
                and str(child).startswith(GOV) and str(parent).startswith(GOV):
            parents.setdefault(local_name(str(child)), set()).add(local_name(str(parent)))
    for cls in graph.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef) and str(cls).startswith(GOV):
            parents.setdefault(local_name(str(cls)), set())
    return parents


def _descendants(root: str, parents: dict[str, set[str]]) -> set[str]:
    found, changed = {root}, True
    while changed:
        new = {child for child, ps in parents.items() if ps & found} - found
        found |= new
        changed = bool(new)
    return found


def _labels(graph, node, prop, single: bool = False) -> dict:
    out: dict[str, list[str]] = {}
    for lit in sorted(graph.objects(node, prop), key=str):
        if isinstance(lit, Literal) and lit.language in LANGS:
            out.setdefault(lit.language, []).append(str(lit))
    if single:
        return {lang: values[0] for lang, values in out.items()}
    return {lang: tuple(values) for lang, values in out.items()}


def _merge(*maps: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for mapping in maps:
        for lang, values in mapping.items():
            merged[lang] = merged.get(lang, ()) + values
    return merged
