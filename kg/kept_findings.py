"""Findings of the document-local detectors, kept per document so a report recomputes only
the documents that changed.

Unassigned, vague-actor, shared-no-lead and no-sanction look inside one document graph only, so
their findings for a document change only when that graph (or the code) does. They are kept in
the graph ``FINDINGS_GRAPH``, one literal per document graph: ``<graph> gov:keptFindings "..."``
(compressed JSON, each provision's text once), beside ``<graph> gov:keptFindingsId "stamp:id"``, which
lets a process that has the entry decoded already skip reading it. The JSON carries a stamp of the detectors' queries, the finding fields and the kinds' templates:
findings kept by other code are stale.

The cross-document kinds' findings (over every document) are kept too, by key, under
``WHOLE_REPORT`` (``govkg.kg.crossing``). Every write path of govkg drops what it may have
changed: ingest and delete the document's own entry and mark the keys of the cross-document
findings the document can change (in the same update as the write), a Graph Store write drops
the graph's entry and every cross-document one, a SPARQL Update and an import every entry. Export leaves the graph out: it is derived data, recomputed on demand. A
writer that reaches the server behind govkg's back is not seen.
"""
from __future__ import annotations

import base64
import hashlib
import json
import uuid
import zlib
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from govkg.kg.gap_findings import FINDING_FIELDS, Finding
from govkg.kg.store import Store
from govkg.ontology.errors import StoreError
from govkg.ontology.gap_kinds import GAP_KINDS
from govkg.ontology.namespaces import GOV, ID

FINDINGS_GRAPH = ID + "findings"
KEPT = GOV + "keptFindings"
KEPT_ID = GOV + "keptFindingsId"     # the stamp and a random id of one kept entry
LOCAL_KINDS = ("unassigned", "vague-actor", "shared-no-lead", "no-sanction")
WHOLE_REPORT = ID + "findings/all-documents/"     # the cross-document kinds' entries start so
WRITE_CHUNK = 50          # documents per update when findings are written
TEXT = FINDING_FIELDS.index("text")


def stamp(queries: Sequence[str], kinds: Sequence[str] = LOCAL_KINDS) -> str:
    """What kept findings depend on besides the data: the detectors' text, the fields of a
    finding and the kinds' severities and templates."""
    parts = [*queries, ",".join(FINDING_FIELDS),
             repr([(GAP_KINDS[k].severity, GAP_KINDS[k].explain) for k in kinds])]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def read_kept(store: Store, graphs: Iterable[str] | None, current: str,
              every: dict[str, str] | None = None) -> dict[str, list[Finding]]:
    """Kept findings by document graph (all kept documents, or those of ``graphs``); entries with
    another stamp are left out, as stale. Each entry has an id of its own (``KEPT_ID``, stamp in
    front): an entry this process has read or written before is taken from memory, so a report
    after one document changed decodes that document's findings only. ``every``: the entries' ids
    (``entry_ids``), where the caller read them already."""
    wanted = None if graphs is None else set(graphs)
    if every is None:
        every = entry_ids(store, None if wanted is None or len(wanted) > FEW_ENTRIES else wanted)
    ids = {g: i for g, i in every.items() if i.startswith(current + ":") and (wanted is None or g in wanted)}
    kept = {g: _MEMORY[i] for g, i in ids.items() if i in _MEMORY}
    missing = [g for g in ids if g not in kept]
    for start in range(0, len(missing), READ_CHUNK):
        chunk = " ".join(f"<{g}>" for g in missing[start:start + READ_CHUNK])
        for row in store.select(f"SELECT ?g ?id ?kept WHERE {{ VALUES ?g {{ {chunk} }} "
                                f"GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KEPT_ID}> ?id ; <{KEPT}> ?kept }} }}"):
            entry = _unpack(row.get("kept", ""))
            if entry.get("stamp") == current and row.get("id") == ids.get(row["g"]):
                kept[row["g"]] = _remember(row["id"], _findings(entry), entry.get("keys"))
    _LAST_IDS.update({g: ids[g] for g in kept})
    return kept


def entry_ids(store: Store, graphs: set[str] | None = None) -> dict[str, str]:
    """The id of each kept entry (of ``graphs``, or every one when None)."""
    values = f"VALUES ?g {{ {' '.join(f'<{g}>' for g in sorted(graphs))} }}" if graphs is not None else ""
    rows = store.select(f"SELECT ?g ?id WHERE {{ {values} GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KEPT_ID}> ?id }} }}")
    return {row["g"]: row["id"] for row in rows if "id" in row}


def kept_pairs(name: str) -> list[tuple[tuple[str, ...], Finding]] | None:
    """The findings of the entry ``name`` last read or written in this process, each with its key
    (None when it was kept without keys). The list is shared: not to be changed."""
    return _KEYS.get(_LAST_IDS.get(name, ""))


def _findings(entry: dict) -> list[Finding]:
    texts, make = entry["texts"], Finding._make
    rows = entry["findings"]
    for fields in rows:
        fields[TEXT] = texts[fields[TEXT]]
    return [make(fields) for fields in rows]


def _remember(entry_id: str, findings: list[Finding], keys: list | None = None) -> list[Finding]:
    _MEMORY[entry_id] = findings
    if keys is not None:
        _KEYS[entry_id] = list(zip((tuple(k) for k in keys), findings))
    while len(_MEMORY) > REMEMBERED:
        oldest = next(iter(_MEMORY))
        del _MEMORY[oldest]
        _KEYS.pop(oldest, None)
    return findings


REMEMBERED = 20_000       # entries (documents) whose findings stay decoded in memory
READ_CHUNK = 200          # entries per query when kept literals are read
FEW_ENTRIES = 200         # more entries asked for: every entry's id is read (faster than a VALUES of them)
_MEMORY: dict[str, list[Finding]] = {}
_KEYS: dict[str, list[tuple[tuple[str, ...], Finding]]] = {}    # entry id -> its findings with their keys (``govkg.kg.crossing``)
_LAST_IDS: dict[str, str] = {}       # entry name -> the id last read or written here


def keep(store: Store, findings: dict[str, list[Finding]], current: str,
         keys: dict[str, list[tuple[str, ...]]] | None = None, last_update: str = "") -> bool:
    """Write each graph's findings (replacing what was kept), with the keys of each entry's
    findings where given, and ``last_update`` in the same update as the last entries; False where
    the store takes no writes (a read-only store), which only means the next report computes them
    again."""
    graphs = list(findings)
    keys = keys or {}
    try:
        for start in range(0, max(len(graphs), 1), WRITE_CHUNK):
            chunk = graphs[start:start + WRITE_CHUNK]
            ids = {g: f"{current}:{uuid.uuid4().hex}" for g in chunk}
            body = "\n".join(f"<{g}> <{KEPT}> {_literal(findings[g], current, keys.get(g))} ; <{KEPT_ID}> \"{ids[g]}\" ."
                             for g in chunk)
            last = start + WRITE_CHUNK >= len(graphs)
            parts = [drop_kept_update(chunk, whole=False), f"INSERT DATA {{ GRAPH <{FINDINGS_GRAPH}> {{\n{body}\n}} }}"] \
                if chunk else []
            parts += [last_update] if last and last_update else []
            if parts:
                store.update(" ;\n".join(parts), writes=(FINDINGS_GRAPH,))
            for g in chunk:
                _remember(ids[g], list(findings[g]), keys.get(g))
                _LAST_IDS[g] = ids[g]
    except StoreError:
        return False
    return True


def drop_kept_update(graphs: Iterable[str] | None = None, *, whole: bool = True) -> str:
    """SPARQL Update that forgets the kept findings of ``graphs`` (of every document when None)
    and (``whole``) what is kept of the cross-document kinds, which any change may change."""
    if graphs is None:
        return f"DROP SILENT GRAPH <{FINDINGS_GRAPH}>"
    values = " ".join(f"<{g}>" for g in graphs)
    own = (f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g ?kind ?kept }} }} "
           f"WHERE {{ VALUES ?g {{ {values} }} VALUES ?kind {{ <{KEPT}> <{KEPT_ID}> }} "
           f"GRAPH <{FINDINGS_GRAPH}> {{ ?g ?kind ?kept }} }}")
    return f"{own} ;\n{drop_crossing_update()}" if whole else own


def drop_crossing_update() -> str:
    """SPARQL Update that forgets what is kept of the cross-document kinds (findings and marks)."""
    return (f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g ?kind ?kept }} }} "
            f"WHERE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g ?kind ?kept }} FILTER(STRSTARTS(STR(?g), \"{WHOLE_REPORT}\")) }}")


def forget(store: Store, graphs: Iterable[str] | None = None) -> None:
    """Drop kept findings after a write that may have changed ``graphs`` (None: any graph)."""
    chosen = None if graphs is None else list(graphs)
    if (chosen is None or chosen) and store.graph_exists(FINDINGS_GRAPH):     # no write when nothing is kept
        store.update(drop_kept_update(chosen), writes=(FINDINGS_GRAPH,))


def without_kept(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads that are not kept findings (for export and import)."""
    return [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == FINDINGS_GRAPH)]


def _literal(findings: list[Finding], current: str, keys: list | None = None) -> str:
    return pack(findings, {"stamp": current, **({"keys": [list(k) for k in keys]} if keys is not None else {})})


def pack(findings: Sequence[Finding], entry: dict) -> str:
    """The findings (and what else ``entry`` holds) as JSON, each provision text once, compressed
    (a store reads a large literal slowly, and findings repeat their provision's text)."""
    texts: dict[str, int] = {}
    rows = [[*f[:TEXT], texts.setdefault(f.text, len(texts)), *f[TEXT + 1:]] for f in findings]
    body = json.dumps({**entry, "texts": list(texts), "findings": rows}, ensure_ascii=False)
    return str(ox.Literal(base64.b64encode(zlib.compress(body.encode("utf-8"), 1)).decode("ascii")))


def unpack_findings(literal: str) -> tuple[list[Finding], dict] | None:
    """The findings of a ``pack``ed literal and the rest of its entry; None if it is not one."""
    entry = _unpack(literal)
    try:
        return _findings(entry), entry
    except (KeyError, IndexError, TypeError):
        return None


def _unpack(literal: str) -> dict:
    try:
        return json.loads(zlib.decompress(base64.b64decode(literal, validate=True)))
    except (ValueError, zlib.error):
        return {}
