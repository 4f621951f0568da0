"""Responsibility-gap detectors: each one a documented SPARQL query in ``kg/gap_queries``.

Every query names its graph as ``?g`` and projects some of ``?norm ?provision ?action ?actor
?actorLabel ?other ?count``; a finding is built from one row, with the provision's label and
text (``?article``, ``?text``) and the actor's preferred label looked up once per report. The
header comment of each ``.rq`` file says what the detector looks for and why. ``find_gaps`` runs
them on any ``Store`` (embedded or server), so both give the same findings.

The queries are written for large stores: each sub-SELECT scans one pattern and the parts are
joined on ``?g ?norm`` (Oxigraph joins sub-SELECTs by hash), which costs far less than an index
look-up per norm; cross-document comparisons work on DISTINCT values, so repeated text adds
nothing to them. ``# @doc-filter`` marks where ``VALUES ?g`` goes when one document is asked for.

A cross-document kind also has a keyed detector (``kg/gap_queries/keyed``): the same findings for
some keys only (matters, actors, prohibitions, documents), which a report runs after a write
marked those keys (``govkg.kg.crossing``).
"""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from govkg.kg.gap_findings import FINDING_FIELDS, Details, Finding, build_finding
from govkg.kg.gap_findings import doc_of_graph
from govkg.kg.gap_rank import ORDERS, ordered
from govkg.kg import crossing, key_deltas
from govkg.kg.crossing import BY_KEY, CROSSING_KINDS, SHARDS, Key, finding_key, shard_name, shard_of, shards_of
from govkg.kg.kept_findings import LOCAL_KINDS, entry_ids, keep, kept_pairs, read_kept, stamp
from govkg.kg.kept_order import KeptOrder
from govkg.kg.mapping import META_GRAPH, graph_iri
from govkg.kg.store import Store
from govkg.ontology.errors import QueryError
from govkg.ontology.gap_kinds import GAP_KINDS
from govkg.ontology.namespaces import GOV, ID, sparql_prefixes

__all__ = ["FINDING_FIELDS", "GAP_KINDS", "Finding", "find_gaps", "findings_csv", "findings_json", "gap_query"]

QUERY_DIR = Path(__file__).with_name("gap_queries")
DOCUMENT_GRAPHS = ID + "graph/"


@lru_cache(maxsize=None)
def gap_query(kind: str) -> str:
    """The SPARQL text of one detector (with its documenting comment)."""
    if kind not in GAP_KINDS:
        raise QueryError(f"unknown gap kind {kind!r}; known: {', '.join(GAP_KINDS)}")
    return (QUERY_DIR / GAP_KINDS[kind].query_file).read_text(encoding="utf-8")


def _with_doc_filter(sparql: str, doc: str | None) -> str:
    return _with_graphs(sparql, graphs_of(doc))


def _with_graphs(sparql: str, graphs: Sequence[str] | None) -> str:
    """The query on the document graphs ``graphs`` only (on all when None)."""
    values = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }" if graphs is not None else ""
    return sparql_prefixes() + sparql.replace("# @doc-filter", values)


def graphs_of(doc: str | None) -> tuple[str, ...] | None:
    return (graph_iri(doc),) if doc else None


# Texts and labels are attached once per provision and per actor rather than projected in
# every detector row: on a large store most of a detector's time goes into decoding long
# strings, and the same provision appears in the findings of several detectors.
_PROVISIONS = """SELECT ?provision ?article ?text ?path WHERE {
  { SELECT DISTINCT ?g ?provision WHERE { # @doc-filter
      GRAPH ?g { ?norm gov:statedIn ?provision } } }
  OPTIONAL { SELECT ?g ?provision ?article WHERE { # @doc-filter
      GRAPH ?g { ?provision gov:label ?article } } }
  OPTIONAL { SELECT ?g ?provision ?text WHERE { # @doc-filter
      GRAPH ?g { ?provision gov:text ?text } } }
  OPTIONAL { SELECT ?g ?provision ?path WHERE { # @doc-filter
      GRAPH ?g { ?provision gov:path ?path } } }
}"""
# an actor's node and its label are in every document graph that names it (one IRI, one label)
_ACTOR_LABELS = "SELECT DISTINCT ?actor ?label WHERE { # @doc-filter\n GRAPH ?g { ?actor skos:prefLabel ?label } }"
_CONFIDENCES = """SELECT ?norm ?confidence WHERE { # @doc-filter
  GRAPH ?g { ?norm gov:confidence ?confidence } }"""
_MODALITIES = """SELECT ?norm ?modality WHERE { # @doc-filter
  VALUES (?class ?modality) { (gov:Obligation "obligation") (gov:Prohibition "prohibition")
                              (gov:Permission "permission") }
  GRAPH ?g { ?norm a ?class } }"""
_LANGUAGES = """SELECT ?g ?lang WHERE { # @doc-filter
  GRAPH ?g { ?d a gov:Document ; gov:language ?lang } }"""
# duties a sanction of their document enforces or refers to (the cover no-sanction leaves out); the
# provision referred to is the norm's own or one up to three levels above it, spelt out as joins
# (Virtuoso misses matches of gov:partOf* inside GRAPH ?g)
_SANCTIONED = """SELECT DISTINCT ?norm WHERE { # @doc-filter
  GRAPH ?g { ?sanction a gov:Sanction .
    { ?sanction gov:enforces ?norm }
    UNION { ?sanction gov:refersTo ?target . ?norm gov:statedIn ?target }
    UNION { ?sanction gov:refersTo ?target . ?p1 gov:partOf ?target . ?norm gov:statedIn ?p1 }
    UNION { ?sanction gov:refersTo ?target . ?p2 gov:partOf ?target . ?p1 gov:partOf ?p2 . ?norm gov:statedIn ?p1 }
    UNION { ?sanction gov:refersTo ?target . ?p3 gov:partOf ?target . ?p2 gov:partOf ?p3 . ?p1 gov:partOf ?p2 .
            ?norm gov:statedIn ?p1 } } }"""
# A norm's modality for the rows of a keyed detector (``_details`` of ``of_rows``): started from
# each row's norm, by index look-ups (a VALUES joined with a scan of every class is evaluated as
# the scan).
_ROW_CLASSES = """SELECT ?norm ?class WHERE { # @doc-filter
  GRAPH ?g { ?norm a ?class } }"""
_MODALITY_OF = {GOV + "Obligation": "obligation", GOV + "Prohibition": "prohibition", GOV + "Permission": "permission"}
MAX_THREADS = 3


def find_gaps(store: Store, kinds: Iterable[str] | None = None, doc: str | None = None,
              *, timeout: float | None = None, order: str = "document") -> list[Finding]:
    """Run the detectors of ``kinds`` (default: all), on one document or all of them; ``order``
    "document" gives them kind by kind, "rank" the most serious groups first (``govkg.kg.gap_rank``).

    The detectors and the look-ups of texts and labels run in parallel threads (pyoxigraph and
    the HTTP client both release the GIL while a query runs). The document-local kinds are read
    from what was kept for each unchanged document (``govkg.kg.kept_findings``) and computed only for
    the others. A report depends only on the data: a store that can tell its data version gets
    the last reports (in either order) again without querying."""
    wanted = list(dict.fromkeys(kinds)) if kinds else list(GAP_KINDS)
    for kind in wanted:
        gap_query(kind)          # unknown kinds fail before any query runs
    if order not in ORDERS:
        raise QueryError(f"unknown order {order!r}; use one of {', '.join(ORDERS)}")
    key = (store.data_version(), tuple(wanted), doc)
    if key[0] is None:
        return ordered(_report(store, wanted, doc, timeout), order)
    report = _cached(key, order)
    if report is None:
        found = tuple(_report(store, wanted, doc, timeout))
        key = (store.data_version(), *key[1:])      # keeping findings is a write of its own
        _remember(key, "document", found)
        report = _cached(key, order)
    return list(report)


def _cached(key: tuple, order: str) -> tuple[Finding, ...] | None:
    with _CACHE_LOCK:
        report = _CACHE.get((*key, order))
        document = _CACHE.get((*key, "document"))
    if report is None and document is not None:
        report = tuple(ordered(document, order))
        _remember(key, order, report)
    return report


def _remember(key: tuple, order: str, report: tuple[Finding, ...]) -> None:
    with _CACHE_LOCK:
        _CACHE[(*key, order)] = report
        while len(_CACHE) > CACHED_REPORTS:
            _CACHE.pop(next(iter(_CACHE)))


def carry_over(before: object, after: object) -> None:
    """The reports kept for data version ``before`` stand for ``after`` too: the write between
    them changed nothing a report reads (the first page kept beside the findings)."""
    if before is None or after is None:
        return
    with _CACHE_LOCK:
        for key in [k for k in _CACHE if k[0] == before]:
            _CACHE[(after, *key[1:])] = _CACHE[key]


CACHED_REPORTS = 16
_CACHE: dict[tuple, tuple[Finding, ...]] = {}
_CACHE_LOCK = threading.Lock()


def _report(store: Store, wanted: list[str], doc: str | None, timeout: float | None) -> list[Finding]:
    """Kept findings of unchanged documents, and everything else computed."""
    local = [kind for kind in wanted if kind in LOCAL_KINDS]
    across = [kind for kind in wanted if kind not in LOCAL_KINDS]
    # the kept entries' ids, read once: the cross-document kinds write their own entries only
    every = entry_ids(store) if not doc and across and local else None
    found = _detect(store, across, graphs_of(doc), timeout) if doc else _whole_reports(store, across, timeout, every)
    if local:
        found.update(_local_findings(store, local, doc, timeout, every))
    return [finding for kind in wanted for finding in found[kind]]


def _local_findings(store: Store, local: list[str], doc: str | None, timeout: float | None,
                    every: dict[str, str] | None = None) -> dict:
    """The document-local kinds: kept findings where they are current, the rest computed (for
    every local kind, so that they can be kept) and kept."""
    current = local_stamp()
    documents = document_graphs(store)
    if doc:
        documents = [g for g in documents if g == graph_iri(doc)]
    kept = read_kept(store, graphs_of(doc), current, every) if documents else {}
    present = set(documents)
    kept = {g: findings for g, findings in kept.items() if g in present}
    stale = [g for g in documents if g not in kept]
    if stale:
        computed = _detect(store, list(LOCAL_KINDS), None if len(stale) == len(documents) and not doc
                           else tuple(stale), timeout)
        fresh: dict[str, list[Finding]] = {g: [] for g in stale}
        for finding in (f for kind in LOCAL_KINDS for f in computed[kind]):
            fresh.setdefault(graph_iri(finding.doc), []).append(finding)
        keep(store, {g: fresh[g] for g in stale}, current)
        kept.update(fresh)
    # documents in the order of their names: each one's findings are in order, so a sort of them
    # all finds them nearly sorted already
    parts = dict(sorted(kept.items(), key=lambda item: doc_of_graph(item[0])))
    if doc:
        return {kind: sorted((f for part in parts.values() for f in part if f.kind == kind), key=_order)
                for kind in local}
    return {kind: _LOCAL_ORDER.setdefault(kind, KeptOrder(_order)).ordered(
        parts, lambda part, kind=kind: (f for f in part if f.kind == kind)) for kind in local}


def _whole_reports(store: Store, asked: list[str], timeout: float | None,
                   every: dict[str, str] | None = None) -> dict[str, list[Finding]]:
    """The cross-document kinds over every document: kept by key, and after a write only the
    findings of the keys it marked are computed again (``govkg.kg.crossing``)."""
    if not asked:
        return {}
    current = crossing_stamp()
    marks, changed = crossing.read_marks(store)
    names = [shard_name(kind, i) for kind in CROSSING_KINDS for i in range(shards_of(kind))]
    entries = read_kept(store, names, current, every)
    kept = {kind: [kept_pairs(shard_name(kind, i)) for i in range(shards_of(kind))] for kind in CROSSING_KINDS
            if all(shard_name(kind, i) in entries and kept_pairs(shard_name(kind, i)) is not None
                   for i in range(shards_of(kind)))}
    missing = [kind for kind in asked if kind not in kept]
    writes: dict[str, list[tuple[Key, Finding]]] = {}
    for kind, pairs in _detect_keyed(store, missing, None, timeout).items():
        kept[kind] = _sharded(kind, pairs)
        writes.update({shard_name(kind, i): shard for i, shard in enumerate(kept[kind])})
    if changed:        # kind by kind: most of the work is in Python, threads would only contend for it
        events = crossing.document_events(changed)
        for kind in (k for k in kept if k not in missing):
            writes.update(_brought_up(store, kind, kept[kind], changed, timeout, events))
    if writes or marks:
        keep(store, {name: [f for _, f in pairs] for name, pairs in writes.items()}, current,
             {name: [k for k, _ in pairs] for name, pairs in writes.items()}, crossing.drop_marks_update(marks))
    return {kind: _CROSSING_ORDER.setdefault(kind, KeptOrder(_order)).ordered(
        dict(enumerate(kept[kind])), lambda shard: (f for _, f in shard)) for kind in asked}


_CROSSING_ORDER: dict[str, KeptOrder] = {}      # each kind's report order, kept (``govkg.kg.kept_order``)
_LOCAL_ORDER: dict[str, KeptOrder] = {}


KEYED_SECONDS: dict[str, tuple[int, float]] = {}     # kind -> keys and seconds of its last keyed run (benchmarks)


def _sharded(kind: str, pairs: list[tuple[Key, Finding]]) -> list[list[tuple[Key, Finding]]]:
    shards: list[list[tuple[Key, Finding]]] = [[] for _ in range(shards_of(kind))]
    for key, finding in pairs:
        shards[shard_of(kind, key, finding.doc)].append((key, finding))
    return shards


def _brought_up(store: Store, kind: str, shards: list[list[tuple[Key, Finding]]], changed: set[Key],
                timeout: float | None, events: tuple[frozenset[str], frozenset[str]] | None
                ) -> dict[str, list[tuple[Key, Finding]]]:
    """The shards of ``kind`` whose findings of the ``changed`` keys differ now (replaced in
    ``shards``), by entry name: from each key's summary and kept findings where the kind has one
    (``govkg.kg.key_deltas``), else by the keyed query."""
    keys = crossing.kind_keys(kind, changed)
    if not keys:
        return {}
    started = time.perf_counter()
    kept: dict[Key, list[Finding]] = {}
    touched: dict[int, list[tuple[Key, Finding]]] = {}      # shard -> its pairs of the keys
    for i, shard in enumerate(shards):
        for pair in shard:
            if pair[0] in keys:
                kept.setdefault(pair[0], []).append(pair[1])
                touched.setdefault(i, []).append(pair)
    run = key_deltas.KeyedRun(store, timeout, lambda k, rows: _built(k, rows, _details(store, None, timeout, rows)),
                              events)
    pairs = key_deltas.brought_up(run, kind, keys, kept)
    if pairs is None:
        pairs = _detect_keyed(store, [kind], None, timeout, keys)[kind]
    fresh = _sharded(kind, pairs)
    KEYED_SECONDS[kind] = (len(keys), time.perf_counter() - started)
    out = {}
    for i in sorted(touched.keys() | {i for i, shard in enumerate(fresh) if shard}):
        before = touched.get(i, [])
        if len(before) == len(fresh[i]) and Counter(before) == Counter(fresh[i]):
            continue
        shards[i] = [pair for pair in shards[i] if pair[0] not in keys] + fresh[i]
        out[shard_name(kind, i)] = shards[i]
    return out


@lru_cache(maxsize=1)
def crossing_stamp() -> str:
    return stamp([gap_query(kind) for kind in CROSSING_KINDS] + [crossing.keyed_query(k) for k in CROSSING_KINDS]
                 + [crossing.keyed_text(name) for name in crossing.NARROWED_BY.values()]
                 + [_PROVISIONS, _MODALITIES, _SANCTIONED, str(SHARDS), str(sorted(BY_KEY.items()))], CROSSING_KINDS)


@lru_cache(maxsize=1)
def local_stamp() -> str:
    return stamp([gap_query(kind) for kind in LOCAL_KINDS] + [_PROVISIONS, _MODALITIES, _SANCTIONED])


_DOCUMENT_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?d a gov:Document } }"


def document_graphs(store: Store) -> list[str]:
    """The named graphs that hold a document (an index look-up: listing every graph scans every quad)."""
    rows = store.select(sparql_prefixes() + _DOCUMENT_GRAPHS)
    return sorted(g for g in (row.get("g", "") for row in rows) if g.startswith(DOCUMENT_GRAPHS) and g != META_GRAPH)


def _detect(store: Store, wanted: list[str], graphs: tuple[str, ...] | None,
            timeout: float | None) -> dict[str, list[Finding]]:
    """Every detector's findings by kind, on the document graphs ``graphs`` (all when None)."""
    return {kind: [f for _, f in pairs] for kind, pairs in _detect_keyed(store, wanted, graphs, timeout).items()}


def _detect_keyed(store: Store, wanted: list[str], graphs: tuple[str, ...] | None, timeout: float | None,
                  keys: set[Key] | None = None) -> dict[str, list[tuple[Key, Finding]]]:
    """Every detector's findings by kind with their keys (``govkg.kg.crossing``), on the document
    graphs ``graphs`` (all when None); given ``keys``, the keyed detectors' findings of those keys.

    Each detector's findings are built in the thread that ran its query, as soon as its rows
    arrive, so that building them overlaps with the queries still running (pyoxigraph releases
    the GIL while it evaluates). The look-ups of texts and labels are submitted first: a detector
    that waits for them only waits for work that is already running."""
    if not wanted:
        return {}
    from concurrent.futures import ThreadPoolExecutor
    if keys is not None:
        return {kind: _keyed(store, kind, keys, timeout) for kind in wanted}
    order = sorted(wanted, key=lambda name: SLOW_FIRST.get(name, len(SLOW_FIRST)))
    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(order) + 1)) as pool:
        details = pool.submit(_details, store, graphs, timeout)
        built = {kind: pool.submit(_run_detector, store, kind, graphs, timeout, details) for kind in order}
        return {kind: built[kind].result() for kind in wanted}


def _keyed(store: Store, kind: str, keys: set[Key], timeout: float | None) -> list[tuple[Key, Finding]]:
    """The findings of ``keys`` by the keyed detector, built with details of their own rows only."""
    narrowing = crossing.NARROWED_BY.get(kind)
    for step in crossing.keyed_text(narrowing).split("\n# ---- then\n") if narrowing else ():
        if keys:
            found = store.select(sparql_prefixes() + crossing.with_keys(step, keys), timeout=timeout)
            keys = keys - {("actor", row["actor"]) for row in found if "actor" in row}
    rows = store.select(sparql_prefixes() + crossing.with_keys(crossing.keyed_query(kind), keys), timeout=timeout)
    known = _details(store, None, timeout, rows)
    return _built(kind, rows, known)


def _built(kind: str, rows: list[dict[str, str]], known: Details) -> list[tuple[Key, Finding]]:
    found = [(finding_key(kind, row), build_finding(kind, row, known)) for row in rows]
    found.sort(key=lambda pair: _order(pair[1]))
    return found


def _details(store: Store, graphs: tuple[str, ...] | None, timeout: float | None,
             of_rows: list[dict[str, str]] | None = None) -> Details:
    """Provisions' labels, texts and paths, actors' labels, norms' confidences and modalities,
    documents' languages and the sanctioned duties, for building findings: of the graphs
    ``graphs`` (all when None), or of the provisions, norms and actors of detector rows ``of_rows``."""
    def rows(sparql: str, by: str) -> list[dict[str, str]]:
        if of_rows is not None:
            return store.select(sparql_prefixes() + sparql.replace("# @doc-filter", _row_values(by, of_rows)),
                                timeout=timeout)
        return store.select(_with_graphs(sparql, graphs), timeout=timeout)
    details = Details()
    details.provisions = {row["provision"]: (row.get("article", ""), row.get("text", ""), row.get("path", ""))
                          for row in rows(_PROVISIONS, "provision")}
    details.labels = {row["actor"]: row["label"] for row in rows(_ACTOR_LABELS, "actor") if "label" in row}
    for row in rows(_CONFIDENCES, "norm"):
        try:
            details.confidences[row["norm"]] = float(row["confidence"])
        except (KeyError, ValueError):
            continue        # a value some update wrote that is not a number: the finding shows none
    if of_rows is None:
        details.modalities = {row["norm"]: row["modality"] for row in rows(_MODALITIES, "norm")}
    else:
        details.modalities = {row["norm"]: _MODALITY_OF[row["class"]] for row in rows(_ROW_CLASSES, "norm")
                              if row.get("class") in _MODALITY_OF}
    details.languages = {row["g"]: row["lang"] for row in rows(_LANGUAGES, "g")}
    details.sanctioned = frozenset(row["norm"] for row in rows(_SANCTIONED, "g") if "norm" in row)
    return details


def _row_values(by: str, rows: list[dict[str, str]]) -> str:
    """VALUES of what the detector rows ``rows`` are about: their (graph, ``by``) pairs for
    provisions and norms, else their actors or graphs."""
    if by in ("provision", "norm"):
        pairs = sorted({(row["g"], row[by]) for row in rows if "g" in row and by in row})
        return f"VALUES (?g ?{by}) {{ {' '.join(f'(<{g}> <{x}>)' for g, x in pairs)} }}"
    return f"VALUES ?{by} {{ {' '.join(sorted({f'<{row[by]}>' for row in rows if by in row}))} }}"


def _run_detector(store: Store, kind: str, graphs: tuple[str, ...] | None, timeout: float | None,
                  details) -> list[tuple[Key, Finding]]:
    rows = store.select(_with_graphs(gap_query(kind), graphs), timeout=timeout)
    return _built(kind, rows, details.result())


# The detectors in order of their cost on a large store (longest first, so that the threads
# finish together).
SLOW_FIRST = {name: rank for rank, name in enumerate(
    ("no-oversight", "no-sanction", "overlap", "shared-no-lead", "power-imbalance", "information-gap",
     "unassigned", "conflict", "vague-actor"))}

_order = attrgetter("doc", "provision", "actor", "norm", "explanation")


# ---- output ---------------------------------------------------------------------------------
def findings_json(findings: Sequence[Finding], dismissed: int | None = None) -> str:
    """``{"findings": [...]}`` with every field of every finding (and, given, how many findings
    reviewers dismissed: ``"dismissed"``, as the REST report has it)."""
    body: dict = {"findings": [f.to_json() for f in findings]}
    if dismissed is not None:
        body["dismissed"] = dismissed
    return json.dumps(body, ensure_ascii=False, indent=2)


def findings_csv(findings: Sequence[Finding]) -> str:
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FINDING_FIELDS)
    writer.writeheader()
    for finding in findings:
        writer.writerow(finding.to_json())
    return buffer.getvalue()


def document_findings(store: Store, doc: str, kinds: Sequence[str] = LOCAL_KINDS,
                      timeout: float | None = None) -> list[Finding]:
    """The findings of ``kinds`` in one document's graph, computed and not kept: a read only, so
    a read-only store (or a store holding a file read for a comparison) can answer it."""
    for kind in kinds:
        gap_query(kind)
    found = _detect(store, list(kinds), graphs_of(doc), timeout)
    return [finding for kind in kinds for finding in sorted(found[kind], key=_order)]
