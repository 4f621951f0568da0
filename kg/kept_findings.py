"""Findings of the document-local detectors, kept per document so a report recomputes only
the documents that changed.

Unassigned, vague-actor, shared-no-lead and no-sanction look inside one document graph only, so
their findings for a document change only when that graph (or the code) does. They are kept in
the graph ``FINDINGS_GRAPH``, one literal per document graph: ``<graph> gov:keptFindings "..."``
(compressed JSON, each provision's text once). The JSON carries a stamp of the detectors' queries, the finding fields and the kinds' templates:
findings kept by other code are stale.

The cross-document kinds' whole reports (over every document) are kept too, under
``whole_report(kind)``, and any write drops them. Every write path of govkg drops what it may have
changed: ingest and delete the document's own entry (in the same update as the write), a Graph
Store write the graph's, a SPARQL Update and an import every entry. Export leaves the graph out: it is derived data, recomputed on demand. A
writer that reaches the server behind govkg's back is not seen.
"""
from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.gap_findings import FINDING_FIELDS, Finding
from kg.store import Store
from ontology.errors import StoreError
from ontology.gap_kinds import GAP_KINDS
from ontology.namespaces import GOV, ID

FINDINGS_GRAPH = ID + "findings"
KEPT = GOV + "keptFindings"
LOCAL_KINDS = ("unassigned", "vague-actor", "shared-no-lead", "no-sanction")
WHOLE_REPORT = ID + "findings/all-documents/"     # + kind: a cross-document kind's whole report
WRITE_CHUNK = 50          # documents per update when findings are written
TEXT = FINDING_FIELDS.index("text")


def stamp(queries: Sequence[str], kinds: Sequence[str] = LOCAL_KINDS) -> str:
    """What kept findings depend on besides the data: the detectors' text, the fields of a
    finding and the kinds' severities and templates."""
    parts = [*queries, ",".join(FINDING_FIELDS),
             repr([(GAP_KINDS[k].severity, GAP_KINDS[k].explain) for k in kinds])]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def read_kept(store: Store, graphs: Iterable[str] | None, current: str) -> dict[str, list[Finding]]:
    """Kept findings by document graph (all kept documents, or those of ``graphs``); entries with
    another stamp are left out, as stale."""
    values = " ".join(f"<{g}>" for g in graphs) if graphs is not None else ""
    rows = store.select(f"SELECT ?g ?kept WHERE {{ {f'VALUES ?g {{ {values} }}' if values else ''} "
                        f"GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KEPT}> ?kept }} }}")
    kept: dict[str, list[Finding]] = {}
    for row in rows:
        entry = _unpack(row.get("kept", ""))
        if entry.get("stamp") == current:
            texts = entry["texts"]
            kept[row["g"]] = [Finding(*fields[:TEXT], texts[fields[TEXT]], *fields[TEXT + 1:])
                              for fields in entry["findings"]]
    return kept


def keep(store: Store, findings: dict[str, list[Finding]], current: str) -> bool:
    """Write each graph's findings (replacing what was kept); False where the store takes no
    writes (a read-only store), which only means the next report computes them again."""
    graphs = list(findings)
    try:
        for start in range(0, len(graphs), WRITE_CHUNK):
            chunk = graphs[start:start + WRITE_CHUNK]
            body = "\n".join(f"<{g}> <{KEPT}> {_literal(findings[g], current)} ." for g in chunk)
            store.update(f"{drop_kept_update(chunk, whole=False)} ;\nINSERT DATA {{ GRAPH <{FINDINGS_GRAPH}> {{\n{body}\n}} }}",
                         writes=(FINDINGS_GRAPH,))
    except StoreError:
        return False
    return True


def whole_report(kind: str) -> str:
    """The key under which a cross-document kind's findings over all documents are kept."""
    return WHOLE_REPORT + kind


def drop_kept_update(graphs: Iterable[str] | None = None, *, whole: bool = True) -> str:
    """SPARQL Update that forgets the kept findings of ``graphs`` (of every document when None)
    and (``whole``) the whole reports of the cross-document kinds, which any change may change."""
    if graphs is None:
        return f"DROP SILENT GRAPH <{FINDINGS_GRAPH}>"
    crossing = [whole_report(kind) for kind in GAP_KINDS if kind not in LOCAL_KINDS] if whole else []
    values = " ".join(f"<{g}>" for g in [*graphs, *crossing])
    return (f"DELETE {{ GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KEPT}> ?kept }} }} "
            f"WHERE {{ VALUES ?g {{ {values} }} GRAPH <{FINDINGS_GRAPH}> {{ ?g <{KEPT}> ?kept }} }}")


def forget(store: Store, graphs: Iterable[str] | None = None) -> None:
    """Drop kept findings after a write that may have changed ``graphs`` (None: any graph)."""
    chosen = None if graphs is None else list(graphs)
    if (chosen is None or chosen) and store.graph_exists(FINDINGS_GRAPH):     # no write when nothing is kept
        store.update(drop_kept_update(chosen), writes=(FINDINGS_GRAPH,))


def without_kept(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads that are not kept findings (for export and import)."""
    return [q for q in quads if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == FINDINGS_GRAPH)]


def _literal(findings: list[Finding], current: str) -> str:
    """The findings as JSON, each provision text once, compressed (a store reads a large
    literal slowly, and findings repeat their provision's text)."""
    texts: dict[str, int] = {}
    rows = [[*f[:TEXT], texts.setdefault(f.text, len(texts)), *f[TEXT + 1:]] for f in findings]
    entry = json.dumps({"stamp": current, "texts": list(texts), "findings": rows}, ensure_ascii=False)
    return str(ox.Literal(base64.b64encode(zlib.compress(entry.encode("utf-8"), 6)).decode("ascii")))


def _unpack(literal: str) -> dict:
    try:
        return json.loads(zlib.decompress(base64.b64decode(literal, validate=True)))
    except (ValueError, zlib.error):
        return {}
