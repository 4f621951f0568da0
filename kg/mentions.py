"""Which actors an oversight or sanction norm's action mentions (``gov:mentions``), recorded at ingest.

The oversight detector counts an actor as supervised when another actor's oversight or sanction
norm names it in the action ("监督检查生产经营单位", "monitor the controller"). Comparing every such
action with every actor's name at report time is a join of tens of thousands by tens of thousands
on real law; here the comparison is made once, when a document is written, and the detector reads
the result as an index look-up.

An action mentions an actor when it contains one of the actor's names (``skos:prefLabel`` or
``skos:altLabel``, longer than one character, case ignored) — the test the detector made before.
The names are those of every actor that bears a norm in some document: the document's own, and
those already in the store; those mentions are written in the document's own graph. A document
written later may bring a new name that an earlier action contains: that mention is written in
``MENTIONS_GRAPH`` and forgotten when the earlier document is replaced or deleted. (It stays when
the later document goes: the action still names the actor, and the detector asks only about
actors that bear some norm.)
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.namespaces import ID, PREFIXES, sparql_prefixes

Watch = tuple[str, str]          # (norm IRI, action) of an oversight or sanction norm
Name = tuple[str, str]           # (actor IRI, one of its names)

MENTIONS_GRAPH = ID + "mentions"     # mentions of a stored action found when a later document brought the name
_TYPE = PREFIXES["rdf"] + "type"
_WATCHING = {T.Oversight, T.Sanction}
_LABELS = {PREFIXES["skos"] + "prefLabel", PREFIXES["skos"] + "altLabel"}
_BEARER = T.hasBearer
_ACTION = T.action

def watches_and_names(facts: Iterable[tuple[str, str, str]]) -> tuple[tuple[Watch, ...], tuple[Name, ...]]:
    """A document's oversight and sanction actions, and the names of the actors that bear its
    norms, from its triples as (subject, predicate, object's IRI or value)."""
    watching, actions, bearers = set(), {}, set()
    labels: dict[str, set[str]] = defaultdict(set)
    for s, p, o in facts:
        if p == _TYPE and o in _WATCHING:
            watching.add(s)
        elif p == _ACTION:
            actions[s] = o
        elif p == _BEARER:
            bearers.add(o)
        elif p in _LABELS:
            labels[s].add(o)
    watches = tuple(sorted((n, actions[n]) for n in watching if n in actions))
    names = tuple(sorted((a, name) for a in bearers for name in labels.get(a, ())))
    return watches, names

class NameIndex:
    """Names in a character trie (lower case), for finding every name an action contains in one
    pass over the action. Each name comes with a key (its actor, or its actor and the graph that
    brought it), and a look-up returns the keys."""

    _END = ""

    def __init__(self, names: Iterable[tuple[Hashable, str]]) -> None:
        self._root: dict = {}
        for key, name in names:
            lowered = name.lower()
            if len(lowered) > 1:
                node = self._root
                for ch in lowered:
                    node = node.setdefault(ch, {})
                node.setdefault(self._END, set()).add(key)

    def mentioned(self, action: str) -> set:
        """The keys of the names ``action`` contains."""
        text, root, end = action.lower(), self._root, self._END
        found: set = set()
        size = len(text)
        for i in range(size - 1):
            node, j = root.get(text[i]), i + 1
            while node is not None and j < size:
                node = node.get(text[j])
                j += 1
                if node is not None and end in node:
                    found |= node[end]
        return found

def mention_triples(watches: Iterable[Watch], index: NameIndex) -> set[tuple[str, Hashable]]:
    """(norm, key) for every name of ``index`` that a watching norm's action contains."""
    return {(norm, key) for norm, action in watches for key in index.mentioned(action)}

def ntriples(pairs: Iterable[tuple[str, str]]) -> bytes:
    """The mentions as N-Triples, to be written with a document's graph."""
    return b"".join(f"<{norm}> <{T.mentions}> <{actor}> .\n".encode("utf-8") for norm, actor in sorted(pairs))

Stored = tuple[dict[str, list[Watch]], dict[str, list[Name]]]     # watches and names by graph

_STORED_LABELS = "SELECT ?g ?actor ?name WHERE { GRAPH ?g { ?actor skos:prefLabel|skos:altLabel ?name } }"
_STORED_BEARERS = "SELECT DISTINCT ?g ?actor WHERE { GRAPH ?g { ?n gov:hasBearer ?actor } }"
_STORED_WATCHES = """SELECT ?g ?o ?watch WHERE {
  GRAPH ?g { { ?o a gov:Oversight } UNION { ?o a gov:Sanction } ?o gov:action ?watch } }"""
_LAST: dict[Hashable, Stored] = {}       # the store's watches and names at its last data version

def stored(store: Store) -> Stored:
    """The watches and names of every graph in ``store`` (three scans, joined here: a join in the
    store of bearers with labels takes longer than the scans), kept for the data version."""
    version = store.data_version()
    if version is not None and version in _LAST:
        return _LAST[version]
    def rows(sparql: str) -> list[dict[str, str]]:
        return store.select(sparql_prefixes() + sparql)
    bearing = {(row["g"], row["actor"]) for row in rows(_STORED_BEARERS) if "actor" in row}
    names: dict[str, list[Name]] = defaultdict(list)
    for row in rows(_STORED_LABELS):
        if (row.get("g"), row.get("actor")) in bearing and "name" in row:
            names[row["g"]].append((row["actor"], row["name"]))
    watches: dict[str, list[Watch]] = defaultdict(list)
    for row in rows(_STORED_WATCHES):
        if "watch" in row:
            watches[row["g"]].append((row["o"], row["watch"]))
    return dict(watches), dict(names)

def forget_graph(store: Store, graph: str, before: Hashable | None) -> None:
    """After ``graph`` was deleted: what was known at data version ``before``, without it."""
    state = _LAST.get(before) if before is not None else None
    if state is not None:
        remember(store, tuple({g: v for g, v in part.items() if g != graph} for part in state))

def remember(store: Store, state: Stored) -> None:
    """What ``stored`` would read now, after a write whose effect on it is known."""
    version = store.data_version()
    _LAST.clear()
    if version is not None:
        _LAST[version] = state

def for_documents(store: Store, documents: list[tuple[str, Sequence[Watch], Sequence[Name]]]
                  ) -> tuple[dict[str, bytes], str, Stored]:
    """For documents about to be written (graph, watches, names): the mentions to write with each
    graph as N-Triples (its actions against every name known); the update that records, in
    ``MENTIONS_GRAPH``, the stored actions that contain a name new to the store ("" if none); and
    the store's watches and names once they are written. Only a new name is matched against the
    stored actions: a name the store held already was matched when those actions were written."""
    leaving = {graph for graph, _, _ in documents}
    watches, names = stored(store)
    watches = {g: w for g, w in watches.items() if g not in leaving}
    names = {g: n for g, n in names.items() if g not in leaving}
    known = {name for ns in names.values() for name in ns}
    arriving = {name for _, _, ns in documents for name in ns}
    everyone = NameIndex([*known, *arriving])
    later = mention_triples((w for ws in watches.values() for w in ws), NameIndex(arriving - known))
    added = {}
    for graph, own_watches, own_names in documents:
        added[graph] = ntriples(mention_triples(own_watches, everyone))
        watches[graph], names[graph] = list(own_watches), list(own_names)
    insert = f"INSERT DATA {{ GRAPH <{MENTIONS_GRAPH}> {{\n{ntriples(later).decode('utf-8')}}} }}" if later else ""
    return added, insert, (watches, names)

def forget_update(*norm_prefixes: str) -> str:
    """SPARQL Update that forgets the later-found mentions of documents' norms (IRIs starting
    with one of ``norm_prefixes``): the documents are replaced or deleted. One regex over the
    mentions for a batch of documents: one STRSTARTS per document and mention costs a second
    per batch once the store holds a few thousand mentions."""
    starts = "|".join(_REGEX_META.sub(r"\\\\\g<0>", prefix) for prefix in norm_prefixes)
    return (f"DELETE {{ GRAPH <{MENTIONS_GRAPH}> {{ ?o <{T.mentions}> ?actor }} }} WHERE {{ "
            f"GRAPH <{MENTIONS_GRAPH}> {{ ?o <{T.mentions}> ?actor }} FILTER(REGEX(STR(?o), \"^(?:{starts})\")) }}")


_REGEX_META = re.compile(r"[\\.+*?()|\[\]{}^$]")
