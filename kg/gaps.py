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
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
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


@dataclass(frozen=True)
class Finding:
    """One responsibility gap, linked to the norm and the provision (with its text) it is in."""

    kind: str
    doc: str
    article: str
    actor: str
    norm: str          # IRI of the norm, "" for actor-level findings
    text: str          # the provision's text
    explanation: str
    provision: str = ""   # IRI of the provision

    def to_json(self) -> dict:
        return asdict(self)


FINDING_FIELDS = [f.name for f in fields(Finding)]


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
MAX_THREADS = 4


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
    queries = {kind: gap_query(kind) for kind in wanted}
    queries.update({"provisions": _PROVISIONS, "actors": _ACTOR_LABELS})
    answers = _run_all(store, {name: _with_doc_filter(text, doc) for name, text in queries.items()}, timeout)
    provisions = {r["provision"]: r for r in answers["provisions"]}
    labels = {r["actor"]: r["label"] for r in answers["actors"] if "label" in r}
    findings: list[Finding] = []
    for kind in wanted:
        built = (_finding(kind, _with_details(row, provisions, labels)) for row in answers[kind])
        findings.extend(sorted(built, key=_order))
    return findings


def _run_all(store: Store, queries: dict[str, str], timeout: float | None) -> dict[str, list[dict]]:
    """Every query's rows; the slowest detectors are started first."""
    from concurrent.futures import ThreadPoolExecutor
    names = sorted(queries, key=lambda name: SLOW_FIRST.get(name, len(SLOW_FIRST)))
    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(names))) as pool:
        futures = {name: pool.submit(store.select, queries[name], timeout=timeout) for name in names}
        return {name: future.result() for name, future in futures.items()}


SLOW_FIRST = {name: rank for rank, name in enumerate(
    ("no-sanction", "no-oversight", "provisions", "overlap", "unassigned", "shared-no-lead"))}


def _with_details(row: dict[str, str], provisions: dict[str, dict], labels: dict[str, str]) -> dict[str, str]:
    """The row with its provision's label (?article) and text, and its actor's preferred label."""
    details = provisions.get(row.get("provision", ""), {})
    extra = {k: details[k] for k in ("article", "text") if k in details}
    actor = row.get("actor")
    if actor and "actorLabel" not in row and actor in labels:
        extra["actorLabel"] = labels[actor]
    merged = {**extra, **row}
    for key in ("other", "actorLabel"):
        if NAME_SEPARATOR in merged.get(key, ""):
            merged[key] = "、".join(sorted(merged[key].split(NAME_SEPARATOR)))
    return merged


NAME_SEPARATOR = "\x1f"     # joins names in GROUP_CONCAT; sorted and re-joined with "、"


def _order(finding: Finding) -> tuple:
    return finding.doc, finding.provision, finding.actor, finding.norm, finding.explanation


def _finding(kind: str, row: dict[str, str]) -> Finding:
    values = {k: v for k, v in row.items()}
    values.setdefault("actorLabel", _label_from_iri(row.get("actor", "")) or "nobody")
    template = EXPLANATIONS.get(f"{kind}/{row.get('other', '')}", EXPLANATIONS.get(kind, ""))
    explanation = template.format_map(_Blank(values))
    return Finding(kind=kind, doc=_doc_from_graph(row.get("g", "")), article=row.get("article", ""),
                   actor=values["actorLabel"] if row.get("actor") or row.get("actorLabel") else "",
                   norm=row.get("norm", ""), text=row.get("text", ""), explanation=explanation,
                   provision=row.get("provision", ""))


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _doc_from_graph(graph: str) -> str:
    prefix = ID + "graph/"
    return unquote(graph[len(prefix):]) if graph.startswith(prefix) else ""


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
