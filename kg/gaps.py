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
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from kg.mapping import graph_iri
from kg.store import Store
from ontology.errors import QueryError
from ontology.namespaces import ID, sparql_prefixes

QUERY_DIR = Path(__file__).with_name("gap_queries")

GAP_KINDS: dict[str, str] = {
    "unassigned": "a duty with no bearer",
    "vague-actor": "a bearer that does not identify anyone (有关部门, relevant authorities)",
    "shared-no-lead": "several bearers of one duty and no lead among them",
    "no-sanction": "an obligation or prohibition that no sanction provision refers to",
    "no-oversight": "a duty of an actor that no other actor supervises",
    "conflict": "one actor obliged and forbidden on the same matter",
    "power-imbalance": "actors with duties and no powers, or powers and no duties",
    "information-gap": "information duties with no recipient; overseers owed no information",
    "overlap": "the same matter assigned to different actors in different documents",
}

EXPLANATIONS: dict[str, str] = {
    "unassigned": "Nobody is named to {action}.",
    "vague-actor": "“{actorLabel}” does not identify who must {action}.",
    "shared-no-lead": "{count} bearers ({actorLabel}) share “{action}” and none leads.",
    "no-sanction": "No sanction provision refers to the duty of {actorLabel} to {action}.",
    "no-oversight": "No other actor supervises {actorLabel}, who must {action}.",
    "conflict": "{actorLabel} must not {action}, yet must {other}.",
    "power-imbalance": "{actorLabel} has {count} duties and {other} powers.",
    "information-gap/no-recipient": "{actorLabel} must {action}, but to whom is not stated.",
    "information-gap/uninformed-overseer": "{actorLabel} supervises or sanctions others, "
                                           "but no information duty is owed to it.",
    "overlap": "“{action}” is assigned to {other} across {count} documents.",
}


class Finding(NamedTuple):
    """One responsibility gap, linked to the norm and the provision (with its text) it is in.
    (A named tuple: a large report builds tens of thousands of them.)"""

    kind: str
    doc: str
    article: str
    actor: str
    norm: str          # IRI of the norm, "" for actor-level findings
    text: str          # the provision's text
    explanation: str
    provision: str = ""   # IRI of the provision
    confidence: float | None = None   # the norm's calibrated confidence; None for actor-level findings
    review: str = ""      # confirmed / dismissed (this finding), "norm corrected" / … (its norm); "" unreviewed

    def to_json(self) -> dict:
        return self._asdict()


FINDING_FIELDS = list(Finding._fields)


@lru_cache(maxsize=None)
def gap_query(kind: str) -> str:
    """The SPARQL text of one detector (with its documenting comment)."""
    if kind not in GAP_KINDS:
        raise QueryError(f"unknown gap kind {kind!r}; known: {', '.join(GAP_KINDS)}")
    return (QUERY_DIR / f"{kind}.rq").read_text(encoding="utf-8")


def _with_doc_filter(sparql: str, doc: str | None) -> str:
    values = f"VALUES ?g {{ <{graph_iri(doc)}> }}" if doc else ""
    return sparql_prefixes() + sparql.replace("# @doc-filter", values)


# Texts and labels are attached once per provision and per actor rather than projected in
# every detector row: on a large store most of a detector's time goes into decoding long
# strings, and the same provision appears in the findings of several detectors.
_PROVISIONS = """SELECT ?provision ?article ?text WHERE {
  { SELECT DISTINCT ?g ?provision WHERE { # @doc-filter
      GRAPH ?g { ?norm gov:statedIn ?provision } } }
  OPTIONAL { SELECT ?g ?provision ?article WHERE { # @doc-filter
      GRAPH ?g { ?provision gov:label ?article } } }
  OPTIONAL { SELECT ?g ?provision ?text WHERE { # @doc-filter
      GRAPH ?g { ?provision gov:text ?text } } }
}"""
_ACTOR_LABELS = "SELECT DISTINCT ?actor ?label WHERE { GRAPH ?g { ?actor skos:prefLabel ?label } }"
_CONFIDENCES = """SELECT ?norm ?confidence WHERE { # @doc-filter
  GRAPH ?g { ?norm gov:confidence ?confidence } }"""
MAX_THREADS = 3


def find_gaps(store: Store, kinds: Iterable[str] | None = None, doc: str | None = None,
              *, timeout: float | None = None) -> list[Finding]:
    """Run the detectors of ``kinds`` (default: all), on one document or all of them.

    The detectors and the two look-ups of texts and labels run in parallel threads (pyoxigraph
    and the HTTP client both release the GIL while a query runs). A report depends only on the
    data: a store that can tell its data version gets the last reports again without querying."""
    wanted = list(kinds) if kinds else list(GAP_KINDS)
    for kind in wanted:
        gap_query(kind)          # unknown kinds fail before any query runs
    version = store.data_version()
    if version is None:
        return _detect(store, wanted, doc, timeout)
    key = (version, tuple(wanted), doc)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is None:
        cached = tuple(_detect(store, wanted, doc, timeout))
        with _CACHE_LOCK:
            _CACHE[key] = cached
            while len(_CACHE) > CACHED_REPORTS:
                _CACHE.pop(next(iter(_CACHE)))
    return list(cached)


CACHED_REPORTS = 16
_CACHE: dict[tuple, tuple[Finding, ...]] = {}
_CACHE_LOCK = threading.Lock()


def _detect(store: Store, wanted: list[str], doc: str | None, timeout: float | None) -> list[Finding]:
    """Every detector's findings, kind by kind.

    Each detector's findings are built in the thread that ran its query, as soon as its rows
    arrive, so that building them overlaps with the queries still running (pyoxigraph releases
    the GIL while it evaluates). The look-ups of texts and labels are submitted first: a detector
    that waits for them only waits for work that is already running."""
    from concurrent.futures import ThreadPoolExecutor
    order = sorted(wanted, key=lambda name: SLOW_FIRST.get(name, len(SLOW_FIRST)))
    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(order) + 1)) as pool:
        details = pool.submit(_details, store, doc, timeout)
        built = {kind: pool.submit(_run_detector, store, kind, doc, timeout, details) for kind in order}
        return [finding for kind in wanted for finding in built[kind].result()]


def _details(store: Store, doc: str | None, timeout: float | None) -> tuple[dict, dict, dict]:
    """(provision IRI -> (article, text), actor IRI -> preferred label, norm IRI -> confidence)."""
    provisions = {row["provision"]: (row.get("article", ""), row.get("text", ""))
                  for row in store.select(_with_doc_filter(_PROVISIONS, doc), timeout=timeout)}
    labels = {row["actor"]: row["label"]
              for row in store.select(_with_doc_filter(_ACTOR_LABELS, doc), timeout=timeout) if "label" in row}
    confidences = {}
    for row in store.select(_with_doc_filter(_CONFIDENCES, doc), timeout=timeout):
        try:
            confidences[row["norm"]] = float(row["confidence"])
        except (KeyError, ValueError):
            continue        # a value some update wrote that is not a number: the finding shows none
    return provisions, labels, confidences


def _run_detector(store: Store, kind: str, doc: str | None, timeout: float | None, details) -> list[Finding]:
    rows = store.select(_with_doc_filter(gap_query(kind), doc), timeout=timeout)
    provisions, labels, confidences = details.result()
    findings = [_finding(kind, row, provisions.get(row.get("provision", "")), labels, confidences) for row in rows]
    findings.sort(key=_order)
    return findings


# The detectors in order of their cost on a large store (longest first, so that the threads
# finish together).
SLOW_FIRST = {name: rank for rank, name in enumerate(
    ("no-oversight", "no-sanction", "overlap", "shared-no-lead", "power-imbalance", "information-gap",
     "unassigned", "conflict", "vague-actor"))}

NAME_SEPARATOR = "\x1f"     # joins names in GROUP_CONCAT; sorted and re-joined with "、"

_order = attrgetter("doc", "provision", "actor", "norm", "explanation")


def _finding(kind: str, row: dict[str, str], details: tuple[str, str] | None = None,
             labels: dict[str, str] | None = None, confidences: dict[str, float] | None = None) -> Finding:
    """A finding from one detector row, with its provision's (article, text) and the actor's
    preferred label when the row does not carry them."""
    get = row.get
    article, text = details or (get("article", ""), get("text", ""))
    actor = get("actor", "")
    label = get("actorLabel")
    if label is not None:
        label = shown = _names(label)
    else:
        label = (labels and labels.get(actor)) or _label_from_iri(actor) or "nobody"
        shown = label if actor else ""
    other = _names(get("other", ""))
    template = EXPLANATIONS.get(f"{kind}/{other}") or EXPLANATIONS.get(kind, "")
    explanation = template.format(action=get("action", ""), actorLabel=label, count=get("count", ""), other=other)
    norm = get("norm", "")
    return Finding(kind, _doc_from_graph(get("g", "")), article, shown, norm, text, explanation,
                   get("provision", ""), (confidences or {}).get(norm) if norm else None)


def _names(joined: str) -> str:
    return "、".join(sorted(joined.split(NAME_SEPARATOR))) if NAME_SEPARATOR in joined else joined


@lru_cache(maxsize=4096)
def _doc_from_graph(graph: str) -> str:
    prefix = ID + "graph/"
    return unquote(graph[len(prefix):]) if graph.startswith(prefix) else ""


@lru_cache(maxsize=4096)
def _label_from_iri(iri: str) -> str:
    return unquote(iri.rsplit("/", 1)[-1]) if iri else ""


# ---- output ---------------------------------------------------------------------------------
def findings_json(findings: Sequence[Finding]) -> str:
    """``{"findings": [...]}`` with every field of every finding."""
    return json.dumps({"findings": [f.to_json() for f in findings]}, ensure_ascii=False, indent=2)


def findings_csv(findings: Sequence[Finding]) -> str:
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FINDING_FIELDS)
    writer.writeheader()
    for finding in findings:
        writer.writerow(finding.to_json())
    return buffer.getvalue()
