"""Cross-document findings of marked keys brought up to date from what each finding is a function of.

The whole keyed queries (``kg/gap_queries/keyed``) find a key's findings again by reading every norm
of the key: for the largest actors of real law (国务院, 县级以上人民政府: thousands of norms) and the
matters one law shares with many, that is seconds after one more document. Here each kind brings a
marked key up to date from a small summary of it, found by index look-ups that stop at the first
witness, and from the kept findings of the key:

- no-oversight (an actor): whether anybody supervises the actor (``ASK``, one way after another).
  Supervised: no findings. Not supervised, and findings kept: they were its duties, and stay, less
  those of a deleted document, plus the duties of the documents written new. Not supervised and
  nothing kept: after writes that only added documents the actor bore no duty before (adding never
  ends a supervision), so its duties are the new documents'; after a deletion, it may have been
  supervised by what went, and its duties are read. After a document was replaced (no mark says
  added or deleted), the duties of every actor nobody supervises are read.
- power-imbalance (an actor): whether it bears a power and a duty (two ``ASK``); an actor that bears
  both has no finding, and only the others' norms are counted (by the keyed query).
- information-gap (an overseer): whether it oversees and whether any information duty is owed to it
  (two ``ASK``), and its label; documents' own duties with no recipient are read from their graphs.
- overlap (a matter): its norms, read by the matter, whose (document, bearer) pairs and the bearers'
  names say whether it overlaps and with whom; the findings of an overlapping matter are its norms,
  and those kept are kept with the new explanation (bearers, documents), so only the norms new to
  the matter are looked up for texts and labels.

Each returns the findings of every key it is given, the same as the keyed query would; conflict
has no summary here and runs its keyed query.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from govkg.kg import crossing
from govkg.kg.crossing import Key, keyed_query, keyed_text, with_keys
from govkg.kg.gap_findings import (NAME_SEPARATOR, Finding, doc_of_graph, label_of_iri, shown_names, explain,
                                   group_of)
from govkg.kg.store import Store
from govkg.ontology.namespaces import sparql_prefixes

Pairs = list[tuple[Key, Finding]]


@dataclass
class KeyedRun:
    """What a delta needs of the report: the store, and how findings are built from detector rows
    (with the texts and labels of those rows looked up)."""

    store: Store
    timeout: float | None
    build: Callable[[str, list[dict[str, str]]], Pairs]
    events: tuple[frozenset[str], frozenset[str]] | None     # graphs written new and deleted (``crossing``)

    def select(self, sparql: str) -> list[dict[str, str]]:
        return self.store.select(sparql_prefixes() + sparql, timeout=self.timeout)

    def ask(self, sparql: str) -> bool:
        return self.store.ask(sparql_prefixes() + sparql, timeout=self.timeout)

    def keyed(self, kind: str, keys: Iterable[Key], graphs: Iterable[str] | None = None) -> Pairs:
        """The keyed detector's findings of ``keys`` (on the document graphs ``graphs`` only, where given)."""
        keys = set(keys)
        if not keys:
            return []
        return self.build(kind, self.select(with_graphs(with_keys(keyed_query(kind), keys), graphs)))


def with_graphs(sparql: str, graphs: Iterable[str] | None) -> str:
    """``sparql`` with its ``# @graph-filter`` line made a VALUES of ``graphs`` (left open when None)."""
    values = "" if graphs is None else "VALUES ?g { " + " ".join(f"<{g}>" for g in sorted(graphs)) + " }"
    return sparql.replace("# @graph-filter", values)


def brought_up(run: KeyedRun, kind: str, keys: set[Key], kept: dict[Key, list[Finding]]) -> Pairs | None:
    """The findings of ``keys`` now (None where ``kind`` has no summary: the keyed query then runs)."""
    delta = DELTAS.get(kind)
    return None if delta is None else delta(run, keys, kept)


# ---- no-oversight ----------------------------------------------------------------------------
@functools.cache
def _supervision_tests() -> tuple[str, ...]:
    """The ways of being supervised (``no-oversight-unsupervised.rq``), each as an ASK of one actor."""
    steps = keyed_text(crossing.NARROWED_BY["no-oversight"]).split("\n# ---- then\n")
    return tuple("ASK " + step[step.index("WHERE") + len("WHERE"):] for step in steps)


def supervised(run: KeyedRun, actor: str) -> bool:
    return any(run.ask(with_keys(test, [("actor", actor)])) for test in _supervision_tests())


def no_oversight(run: KeyedRun, keys: set[Key], kept: dict[Key, list[Finding]]) -> Pairs:
    """Only an actor with findings kept or duties in a new document can have findings after writes
    that only added documents: the others are not asked whether anybody supervises them."""
    if run.events is None:
        return run.keyed("no-oversight", [key for key in keys if not supervised(run, key[1])])
    added, removed = run.events
    gone = {doc_of_graph(g) for g in removed}
    new_duties: dict[Key, Pairs] = defaultdict(list)
    for key, finding in run.keyed("no-oversight", keys, added) if added else ():
        new_duties[key].append((key, finding))
    found: Pairs = []
    read_whole = []
    for key in sorted(keys):
        if not (kept.get(key) or new_duties.get(key) or removed) or supervised(run, key[1]):
            continue
        if kept.get(key):
            found += [(key, f) for f in kept[key] if f.doc not in gone] + new_duties.get(key, [])
        elif removed:
            read_whole.append(key)
        else:
            found += new_duties[key]
    return found + run.keyed("no-oversight", read_whole)


# ---- power-imbalance -------------------------------------------------------------------------
# the classes as a variable and the tests as FILTERs: the look-up then starts from the actor's norms
# (with the classes in a VALUES or a UNION it may start from every norm of a class)
_BEARS_POWER = """ASK { # @key-filter ?actor
  GRAPH ?g { ?norm gov:hasBearer ?actor ; a ?class } FILTER(?class IN (gov:Permission, gov:Power, gov:Sanction)) }"""
_BEARS_DUTY = """ASK { # @key-filter ?actor
  GRAPH ?g { ?norm gov:hasBearer ?actor ; a ?class } FILTER(?class IN (gov:Obligation, gov:Prohibition))
  FILTER NOT EXISTS { GRAPH ?g { ?norm a ?power } FILTER(?power IN (gov:Permission, gov:Power, gov:Sanction)) } }"""


def power_imbalance(run: KeyedRun, keys: set[Key], kept: dict[Key, list[Finding]]) -> Pairs:
    balanced = {key for key in keys
                if run.ask(with_keys(_BEARS_POWER, [key])) and run.ask(with_keys(_BEARS_DUTY, [key]))}
    return run.keyed("power-imbalance", keys - balanced)


# ---- information-gap -------------------------------------------------------------------------
_OVERSEES = """ASK { # @key-filter ?actor
  GRAPH ?g { ?o gov:hasBearer ?actor . { ?o a gov:Oversight } UNION { ?o a gov:Sanction } } }"""
_INFORMED = """ASK { # @key-filter ?actor
  GRAPH ?ig { ?i gov:recipient ?actor ; a gov:InformationDuty } }"""


_LABELS = """SELECT DISTINCT ?actor ?actorLabel WHERE { # @key-filter ?actor
  GRAPH ?g { ?actor skos:prefLabel ?actorLabel } }"""


def information_gap(run: KeyedRun, keys: set[Key], kept: dict[Key, list[Finding]]) -> Pairs:
    """An uninformed overseer's finding carries its label from the graphs of its oversight norms:
    an actor with one label wherever it is named has that one (its node and label are in every
    graph that names it), and only an actor with several has its oversight norms read."""
    documents = {key for key in keys if key[0] == "g"}
    actors = keys - documents
    uninformed = {key for key in actors
                  if run.ask(with_keys(_OVERSEES, [key])) and not run.ask(with_keys(_INFORMED, [key]))}
    labels: dict[str, set[str]] = defaultdict(set)
    for row in run.select(with_keys(_LABELS, uninformed)) if uninformed else ():
        labels[row["actor"]].add(row["actorLabel"])
    rows = [{"actor": key[1], **({"actorLabel": min(labels[key[1]])} if labels[key[1]] else {}),
             "other": "uninformed-overseer"} for key in sorted(uninformed) if len(labels[key[1]]) <= 1]
    several = {key for key in uninformed if len(labels[key[1]]) > 1}
    return run.keyed("information-gap", documents | several) + (run.build("information-gap", rows) if rows else [])


# ---- overlap ---------------------------------------------------------------------------------
_NAMES = """SELECT DISTINCT ?actor ?name WHERE { # @key-filter ?actor
  GRAPH ?lg { ?actor skos:prefLabel ?name } }"""
# the norms of the matters with a bearer (each counts for the matter's bearers and documents) and,
# where they have them, their action and provision (those that have both are the findings)
# (a NOT EXISTS, not a MINUS: Oxigraph evaluates a MINUS whole, here every permission of the store)
_MATTER_NORMS = """SELECT ?g ?norm ?provision ?action ?actor ?matter WHERE { # @key-filter ?matter
  GRAPH ?g { ?norm gov:matter ?matter ; gov:hasBearer ?actor
             OPTIONAL { ?norm gov:action ?action } OPTIONAL { ?norm gov:statedIn ?provision }
             FILTER NOT EXISTS { ?norm a gov:Permission } } }"""


def overlap(run: KeyedRun, keys: set[Key], kept: dict[Key, list[Finding]]) -> Pairs:
    graphs, bearers = defaultdict(set), defaultdict(set)
    rows = run.select(with_keys(_MATTER_NORMS, keys))
    for row in rows:
        graphs[row["matter"]].add(row["g"])
        bearers[row["matter"]].add(row["actor"])
    overlapping = {m for m in bearers if len(bearers[m]) > 1 and len(graphs[m]) > 1}
    if not overlapping:
        return []
    everyone = {b for m in overlapping for b in bearers[m]}
    names: dict[str, set[str]] = defaultdict(set)
    for row in run.select(with_keys(_NAMES, [("actor", b) for b in everyone])):
        names[row["actor"]].add(row["name"])
    decoration = {m: (NAME_SEPARATOR.join(sorted({n for b in bearers[m] for n in names.get(b, ())})), str(len(graphs[m])))
                  for m in overlapping}
    label = {b: min(names[b]) if names.get(b) else label_of_iri(b) for b in everyone}
    rows = [row for row in rows if row["matter"] in overlapping and "action" in row and "provision" in row]
    return _explained_again(run, rows, decoration, label, kept)


def _explained_again(run: KeyedRun, rows: list[dict[str, str]], decoration: dict[str, tuple[str, str]],
                     label: dict[str, str], kept: dict[Key, list[Finding]]) -> Pairs:
    """Overlap findings of ``rows``: a kept finding of the same norm, bearer and action with its
    explanation made again (other bearers, documents), the rest built from their rows."""
    known: dict[tuple, list[Finding]] = defaultdict(list)
    for key, findings in kept.items():
        for f in findings:
            known[(key[1], f.doc, f.norm, f.provision, f.actor, f.group)].append(f)
    found: Pairs = []
    new_rows = []
    for row in rows:
        other, count = decoration[row["matter"]]
        row.update(other=other, count=count)
        shown = label.get(row["actor"], label_of_iri(row["actor"]))
        same = known.get((row["matter"], doc_of_graph(row["g"]), row["norm"], row["provision"], shown,
                          group_of("overlap", shown, row["action"])))
        if not same:
            new_rows.append(row)
            continue
        f = same.pop()
        values = {"action": row["action"], "count": count, "other": shown_names(other)}
        texts = [explain("overlap", lang, f.article, values, f.actor, (other, f.modality)) for lang in ("en", "zh")]
        found.append((("matter", row["matter"]), f._replace(explanation=texts[0], explanation_zh=texts[1])))
    return found + (run.build("overlap", new_rows) if new_rows else [])


DELTAS: dict[str, Callable[[KeyedRun, set[Key], dict[Key, list[Finding]]], Pairs]] = {
    "no-oversight": no_oversight, "power-imbalance": power_imbalance,
    "information-gap": information_gap, "overlap": overlap}
