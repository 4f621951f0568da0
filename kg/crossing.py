"""Findings of the cross-document kinds, kept by what one more (or one less) document can change.

Overlap, conflict, no-oversight, power-imbalance and information-gap compare norms of different
documents, so one document written or deleted can change findings elsewhere — but only findings
about what that document names. Each finding has a key, what it is about:

- overlap: its matter (``matter``); all findings of one matter change together;
- conflict: its prohibition's bearer and matter (``actor-matter``);
- no-oversight and power-imbalance: its actor (``actor``);
- information-gap: its document graph (``g``) for a duty with no recipient, its actor for an
  overseer owed no information.

A write names the keys it may change (``document_keys``: the document's matters and actors, its
prohibitions, the stored prohibitions its obligations may contradict) in a mark kept beside the
findings, in the same update as the write. The next report computes again the findings of the
marked keys only, with the detectors' keyed queries (``kg/gap_queries/keyed``: the same findings
as the whole detectors, found from the keys by index look-ups), and replaces them. The findings of
a kind are kept in ``SHARDS`` entries by the hash of their document graph, so a replacement
rewrites the entries whose findings changed: mostly the new document's.
"""
from __future__ import annotations

import uuid
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from govkg.kg.kept_findings import FINDINGS_GRAPH, LOCAL_KINDS, WHOLE_REPORT, drop_crossing_update
from govkg.kg.mentions import MENTIONS_GRAPH
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.gap_kinds import GAP_KINDS
from govkg.ontology.namespaces import GOV, PREFIXES, sparql_prefixes

Key = tuple[str, ...]          # (name, *values): ("matter", m), ("actor", a), ("actor-matter", a, m), ("g", g)

CROSSING_KINDS = tuple(kind for kind in GAP_KINDS if kind not in LOCAL_KINDS)
KEY_VARIABLES = {"matter": ("matter",), "actor": ("actor",), "actor-matter": ("actor", "matter"), "g": ("g",),
                 "bearer": ("actor",), "recipient": ("actor",)}
# the marks each kind reads: a bearer (``bearer``) or recipient (``recipient``) stands for its actor
KIND_KEYS = {"overlap": {"matter"}, "conflict": {"actor-matter"}, "no-oversight": {"actor", "bearer", "recipient"},
             "power-imbalance": {"bearer"}, "information-gap": {"g", "bearer", "recipient"}}
KEYED_DIR = Path(__file__).with_name("gap_queries") / "keyed"
SHARDS = 128
# kinds kept by key in more, smaller entries (512): every finding of an overlapping matter changes with
# one more document on it (its bearers and documents are in the explanation), and an actor's
# imbalance is one finding; by document graph, one more law would rewrite nearly every entry
BY_KEY = {"overlap": 512, "power-imbalance": 512}
MARKS = WHOLE_REPORT + "changed/"        # + a random id: one write's keys
CHANGED = GOV + "changedKey"
SEPARATOR = "\x1f"
ADDED, REMOVED = "added", "removed"      # marks of what a write was (never keys of findings)

_TYPE = PREFIXES["rdf"] + "type"
_NAMING = {T.hasBearer: "bearer", T.recipient: "recipient", T.oversees: "actor", T.mentions: "actor",
           T.supervises: "actor"}


# a keyed detector whose keys are first narrowed by other queries (each drops the actors of its
# rows): the duties of supervised actors are never read
NARROWED_BY = {"no-oversight": "no-oversight-unsupervised.rq"}


def keyed_query(kind: str) -> str:
    """The keyed detector of a cross-document kind (its ``# @key-filter ?var …`` lines take the keys)."""
    return keyed_text(GAP_KINDS[kind].query_file)


@lru_cache(maxsize=None)
def keyed_text(name: str) -> str:
    return (KEYED_DIR / name).read_text(encoding="utf-8")


def finding_key(kind: str, row: dict[str, str]) -> Key:
    """The key of the finding one detector row makes."""
    if kind == "overlap":
        return ("matter", row.get("matter", ""))
    if kind == "conflict":
        return ("actor-matter", row.get("actor", ""), row.get("matter", ""))
    if kind == "information-gap" and row.get("other") == "no-recipient":
        return ("g", row.get("g", ""))
    return ("actor", row.get("actor", ""))


def kind_keys(kind: str, marked: Iterable[Key]) -> set[Key]:
    """The keys of ``kind``'s findings that ``marked`` keys name (a bearer's or recipient's: its actor's)."""
    wanted = KIND_KEYS[kind]
    return {("actor", key[1]) if key[0] in ("bearer", "recipient") else key for key in marked if key[0] in wanted}


def with_keys(sparql: str, keys: Iterable[Key]) -> str:
    """``sparql`` with each ``# @key-filter ?a ?b`` line made a VALUES of the keys that have those
    variables (an empty VALUES where none has: that part then finds nothing)."""
    keys = list(keys)
    out = []
    for line in sparql.splitlines():
        marker = line.find("# @key-filter")
        if marker < 0:
            out.append(line)
            continue
        names = tuple(v.lstrip("?") for v in line[marker + len("# @key-filter"):].split())
        out.append(line[:marker] + _values(names, keys))
    return "\n".join(out)


def _values(names: tuple[str, ...], keys: list[Key]) -> str:
    rows = set()
    for key in keys:
        variables = KEY_VARIABLES[key[0]]
        if set(names) <= set(variables):
            rows.add(tuple(_term(name, key[1 + variables.index(name)]) for name in names))
    body = " ".join(f"({' '.join(row)})" for row in sorted(rows))
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def _term(name: str, value: str) -> str:
    return str(ox.Literal(value)) if name == "matter" else f"<{value}>"


def shards_of(kind: str) -> int:
    """How many entries hold ``kind``'s findings."""
    return BY_KEY.get(kind, SHARDS)


def shard_of(kind: str, key: Key, graph: str) -> int:
    """The entry of a finding: by its document graph (one document's findings sit together, so
    one more document rewrites few entries), by its key for a finding about an actor alone and
    for the kinds in ``BY_KEY``, whose findings change together by key."""
    by_graph = graph and kind not in BY_KEY
    return zlib.crc32((graph if by_graph else SEPARATOR.join(key)).encode("utf-8")) % shards_of(kind)


def shard_name(kind: str, shard: int) -> str:
    """The kept entry that holds one shard of a kind's findings."""
    return f"{WHOLE_REPORT}{kind}/{shard}"


# ---- what a document can change --------------------------------------------------------------
def document_keys(store: Store, graph: str, triples: Iterable[ox.Triple | ox.Quad]) -> set[Key]:
    """The keys whose findings a document (its graph's triples) can change, written or deleted:
    its graph, its matters, every actor it names (bearers, recipients; overseen, mentioned and
    supervised actors), its prohibitions' (bearer, matter), and the stored prohibitions its
    obligations may contradict."""
    keys: set[Key] = {("g", graph)}
    types: dict[str, set[str]] = {}
    bearers: dict[str, set[str]] = {}
    matters: dict[str, str] = {}
    for t in triples:
        s, p, o = t.subject.value, t.predicate.value, t.object.value
        if p == _TYPE:
            types.setdefault(s, set()).add(o)
        elif p == T.matter:
            matters[s] = o
            keys.add(("matter", o))
        elif p in _NAMING:
            keys.add((_NAMING[p], o))
            if p == T.hasBearer:
                bearers.setdefault(s, set()).add(o)
    obliged: set[tuple[str, str]] = set()
    for norm, matter in matters.items():
        for actor in bearers.get(norm, ()):
            if T.Prohibition in types.get(norm, ()):
                keys.add(("actor-matter", actor, matter))
            if T.Obligation in types.get(norm, ()):
                obliged.add((actor, matter))
    keys |= contradicted(store, obliged)
    return keys


_PROHIBITED = """SELECT DISTINCT ?actor ?matter WHERE { # @key-filter ?actor
  GRAPH ?g { ?p gov:hasBearer ?actor ; a gov:Prohibition ; gov:matter ?matter } }"""


def contradicted(store: Store, obliged: set[tuple[str, str]]) -> set[Key]:
    """The stored prohibitions (bearer, matter) that obligations (bearer, matter) conflict with."""
    if not obliged:
        return set()
    actors = [("actor", actor) for actor, _ in obliged]
    by_actor: dict[str, set[str]] = {}
    for actor, matter in obliged:
        by_actor.setdefault(actor, set()).add(matter)
    found = set()
    for row in store.select(sparql_prefixes() + with_keys(_PROHIBITED, actors)):
        actor, matter = row.get("actor", ""), row.get("matter", "")
        if any(contradicts(matter, other) for other in by_actor.get(actor, ())):
            found.add(("actor-matter", actor, matter))
    return found


def contradicts(prohibited: str, obliged: str) -> bool:
    """The conflict detector's test: equal matters, or one inside the other (at least 4 characters)."""
    return (prohibited == obliged or (len(prohibited) >= 4 and prohibited in obliged)
            or (len(obliged) >= 4 and obliged in prohibited))


def stored_keys(store: Store, graph: str, norm_prefix: str) -> set[Key]:
    """``document_keys`` of a stored document (before it is replaced or deleted), with the actors
    that its norms were found to mention after it was written (those mentions go with it)."""
    data = store.graph_get(graph, "application/n-triples")
    keys = document_keys(store, graph, ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    rows = store.select(f"SELECT DISTINCT ?actor WHERE {{ GRAPH <{MENTIONS_GRAPH}> {{ ?o <{T.mentions}> ?actor }} "
                        f"FILTER(STRSTARTS(STR(?o), \"{norm_prefix}\")) }}")
    return keys | {("actor", row["actor"]) for row in rows if "actor" in row}


def written_new(graph: str) -> Key:
    """The mark of a document written to a graph that held none."""
    return (ADDED, graph)


def deleted(graph: str) -> Key:
    """The mark of a document deleted."""
    return (REMOVED, graph)


def document_events(changed: Iterable[Key]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The graphs written new and deleted by the writes that marked ``changed``; None where one of
    them was something else (a document replaced, or a graph both written and deleted since the
    findings were kept), which only the whole keyed queries bring up to date."""
    changed = list(changed)
    added = frozenset(key[1] for key in changed if key[0] == ADDED)
    removed = frozenset(key[1] for key in changed if key[0] == REMOVED)
    touched = {key[1] for key in changed if key[0] == "g"}
    if added & removed or touched - added - removed:
        return None
    return added, removed


# ---- marks -----------------------------------------------------------------------------------
def keeps_whole_reports(store: Store) -> bool:
    """Whether any cross-document findings are kept (only then does a write need to mark keys)."""
    return store.ask(f"ASK {{ GRAPH <{FINDINGS_GRAPH}> {{ <{shard_name(CROSSING_KINDS[0], 0)}> ?p ?o }} }}")


def mark_update(keys: Iterable[Key]) -> str:
    """SPARQL Update that records one write's keys (a mark of its own, so that a report that
    read the marks before this write does not drop this one)."""
    mark = MARKS + uuid.uuid4().hex
    body = " ".join(f"<{mark}> <{CHANGED}> {ox.Literal(SEPARATOR.join(key))} ." for key in sorted(keys))
    return f"INSERT DATA {{ GRAPH <{FINDINGS_GRAPH}> {{ {body} }} }}" if body else ""


def read_marks(store: Store) -> tuple[list[str], set[Key]]:
    """The marks written since the kept findings were last brought up to date, and their keys."""
    rows = store.select(f"SELECT ?mark ?key WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?mark <{CHANGED}> ?key }} }}")
    marks = sorted({row["mark"] for row in rows if "mark" in row})
    return marks, {tuple(row["key"].split(SEPARATOR)) for row in rows if "key" in row}


def write_update(store: Store, changes: Callable[[], set[Key]]) -> str:
    """What a document write adds to its update for the cross-document findings: a mark of the
    keys it ``changes`` (called only then) where such findings are kept, else the drop of any
    that a report may have kept meanwhile."""
    return mark_update(changes()) if keeps_whole_reports(store) else drop_crossing_update()


def drop_marks_update(marks: Sequence[str]) -> str:
    if not marks:
        return ""
    values = " ".join(f"<{m}>" for m in marks)
    return (f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?mark <{CHANGED}> ?key }} }} "
            f"WHERE {{ VALUES ?mark {{ {values} }} GRAPH <{FINDINGS_GRAPH}> {{ ?mark <{CHANGED}> ?key }} }}")
