"""Checks of the ontology with owlready2: labels in both languages, no orphan property,
disjointness that holds, and a HermiT reasoner run (needs Java).

Run ``python -m govkg.ontology.check`` to print the report.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import owlready2

from govkg.ontology.classtree import LANGS
from govkg.ontology.errors import OntologyError
from govkg.ontology.namespaces import GOV, ONTOLOGY_IRI
from govkg.ontology.source import ontology_graph, shapes_graph

SKOS = "http://www.w3.org/2004/02/skos/core#"

REQUIRED_DISJOINT: tuple[tuple[str, ...], ...] = (
    ("Obligation", "Prohibition", "Permission"),
    ("Actor", "Norm", "Provision", "Document"),
)


@dataclass
class CheckReport:
    """What the checks found; ``ok`` when nothing is missing."""

    classes: int = 0
    properties: int = 0
    missing_labels: list[str] = field(default_factory=list)       # "gov:X lacks prefLabel@en"
    orphan_properties: list[str] = field(default_factory=list)
    missing_disjointness: list[str] = field(default_factory=list)
    disjointness_violations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing_labels or self.orphan_properties
                    or self.missing_disjointness or self.disjointness_violations)


@dataclass(frozen=True)
class ReasonerResult:
    consistent: bool
    unsatisfiable: tuple[str, ...]    # local names of classes equivalent to owl:Nothing
    message: str = ""


def load_world() -> tuple[owlready2.World, owlready2.Ontology]:
    """A fresh owlready2 world holding govkg.ttl (converted through rdflib to N-Triples)."""
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "govkg.nt"
        ontology_graph().serialize(destination=str(path), format="nt", encoding="utf-8")
        try:
            with path.open("rb") as source:
                onto = world.get_ontology(ONTOLOGY_IRI + "#").load(fileobj=source, format="ntriples")
        except Exception as exc:  # owlready2 raises plain exceptions on parse errors
            raise OntologyError(f"owlready2 cannot load govkg.ttl: {exc}") from exc
    return world, onto


def check(world: owlready2.World | None = None) -> CheckReport:
    """Run every structural check on the ontology."""
    if world is None:
        world, _ = load_world()
    own_classes = [c for c in world.classes() if c.iri.startswith(GOV)]
    own_props = [p for p in world.properties() if p.iri.startswith(GOV)]
    report = CheckReport(classes=len(own_classes), properties=len(own_props))
    report.missing_labels = _missing_labels(world, own_classes + own_props)
    report.orphan_properties = _orphans(own_props)
    report.missing_disjointness, report.disjointness_violations = _disjointness(world, own_classes)
    return report


def run_reasoner(world: owlready2.World | None = None) -> ReasonerResult:
    """Classify the ontology with HermiT; raises OntologyError where no ``java`` is on PATH."""
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise OntologyError("the HermiT reasoner needs Java: no 'java' on PATH")
    if world is None:
        world, _ = load_world()
    try:
        with world.get_ontology("https://w3id.org/govkg/ontology/inferred"):
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        return ReasonerResult(False, (), f"inconsistent: {exc}")
    except owlready2.OwlReadyJavaError as exc:
        raise OntologyError(f"HermiT failed: {str(exc).splitlines()[0] if str(exc) else exc}") from exc
    unsat = tuple(sorted(c.name for c in world.inconsistent_classes() if c.iri.startswith(GOV)))
    return ReasonerResult(not unsat, unsat, "unsatisfiable classes" if unsat else "consistent")


def _missing_labels(world: owlready2.World, entities: list) -> list[str]:
    pref = world[SKOS + "prefLabel"]
    definition = world[SKOS + "definition"]
    missing = []
    for entity in entities:
        for prop, name in ((pref, "prefLabel"), (definition, "definition")):
            langs = {getattr(value, "lang", "") for value in prop[entity]} if prop else set()
            missing += [f"gov:{entity.name} lacks skos:{name}@{lang}" for lang in LANGS if lang not in langs]
    return sorted(missing)


def _orphans(props: list) -> list[str]:
    """Properties with neither domain nor range that no shape and no term uses."""
    from govkg.ontology import terms
    used = {str(o) for o in shapes_graph().all_nodes()} | set(terms.all_terms().values())
    orphans = []
    for prop in props:
        if isinstance(prop, owlready2.AnnotationPropertyClass):
            continue
        if not prop.domain and not prop.range and prop.iri not in used:
            orphans.append(f"gov:{prop.name}")
    return sorted(orphans)


def _disjointness(world: owlready2.World, classes: list) -> tuple[list[str], list[str]]:
    groups = [{e.name for e in d.entities if hasattr(e, "iri") and e.iri.startswith(GOV)}
              for d in world.disjoint_classes()]
    missing = [" / ".join(req) for req in REQUIRED_DISJOINT
               if not any(set(req) <= group for group in groups)]
    violations = []
    for cls in classes:
        ancestors = {a.name for a in cls.ancestors() if hasattr(a, "iri") and a.iri.startswith(GOV)}
        for group in groups:
            clash = sorted(ancestors & group)
            if len(clash) > 1:
                violations.append(f"gov:{cls.name} is a subclass of disjoint {', '.join(clash)}")
    return missing, sorted(violations)


def main() -> int:
    world, _ = load_world()
    report = check(world)
    print(f"classes {report.classes}, properties {report.properties}")
    for line in report.missing_labels + report.orphan_properties + report.missing_disjointness \
            + report.disjointness_violations:
        print("  " + line)
    if shutil.which(owlready2.JAVA_EXE):
        result = run_reasoner(world)
        print(f"HermiT: {result.message}")
        return 0 if report.ok and result.consistent else 1
    print("HermiT: skipped, no java on PATH")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
