"""Reviews: a person confirms, corrects, rejects or adds a norm, or confirms or dismisses a gap finding.

Reviews live in a graph of their own (``REVIEWS_GRAPH``), never in a document's graph, so that
re-ingesting a document leaves them alone and the extracted norms are never changed in place. Each
review is anchored to the provision it judged — its key and a hash of its text. While the stored
provision still has that text the review is *in force*; once the text changed (an edited version
was ingested) it is *stale*: shown for re-checking, never silently applied. A review of a norm
whose provision is gone altogether is stale too.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from govkg.kg.mapping import doc_iri, graph_iri, provision_iri
from govkg.kg.review_cache import current_reviews, per_document, written
from govkg.kg.sparql_terms import doc_id_of, iri, literal, norm_id_of, norm_iri_of
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.errors import NotFound, QueryError
from govkg.ontology.namespaces import ID

REVIEWS_GRAPH = ID + "reviews"
REVIEW_NS, REVISION_NS, REVIEWER_NS = ID + "review/", ID + "revision/", ID + "reviewer/"
PROV = "http://www.w3.org/ns/prov#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

NORM_VERDICTS = ("confirmed", "corrected", "rejected")
FINDING_VERDICTS = ("confirmed", "dismissed")
MODALITIES = ("obligation", "prohibition", "permission")
ROLES = ("sole", "lead", "support", "joint")
IN_FORCE, STALE = "in force", "stale"


@dataclass
class Revision:
    """A norm as the reviewer set it: the corrected values, or a norm the extractor missed."""

    modality: str
    action: str
    bearers: list[str] = field(default_factory=list)
    role: str = "sole"
    vague: bool = False

    def check(self) -> None:
        if self.modality not in MODALITIES:
            raise QueryError(f"unknown modality {self.modality!r}: use one of {', '.join(MODALITIES)}")
        if self.role not in ROLES:
            raise QueryError(f"unknown role {self.role!r}: use one of {', '.join(ROLES)}")
        if not self.action.strip():
            raise QueryError("a norm needs an action")


@dataclass
class Review:
    """One judgement, with who, when, why, what was there before, and where it is anchored."""

    id: str
    verdict: str
    doc: str
    provision_key: str
    provision_hash: str
    reviewer: str
    at: str
    reason: str = ""
    norm: str = ""                    # IRI of the extracted norm judged ("" for an added norm)
    kind: str = ""                    # gap kind, for a finding review
    before: dict = field(default_factory=dict)
    revision: Revision | None = None
    span: tuple[int, int] | None = None    # where an added norm's clause is, in the document text
    status: str = IN_FORCE

    @property
    def on_finding(self) -> bool:
        return bool(self.kind)

    def to_json(self) -> dict:
        return {**asdict(self), "span": list(self.span) if self.span else None}


def text_hash(text: str) -> str:
    """The hash a review keeps of its provision's text (whitespace runs count as one space)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")     # microseconds: the order of reviews


# ---- anchors ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    doc: str
    provision: str      # IRI
    key: str
    text: str


def anchor_of_norm(store: Store, norm: str) -> Anchor:
    """The provision a stored norm is stated in, with its current text."""
    rows = store.select(f"""SELECT ?g ?p ?key ?text WHERE {{ GRAPH ?g {{ {iri(norm)} <{T.statedIn}> ?p .
      ?p <{T.path}> ?key . OPTIONAL {{ ?p <{T.text}> ?text }} }} }} LIMIT 1""")
    if not rows:
        raise NotFound(f"no norm {norm!r}")
    row = rows[0]
    doc = norm_doc(norm)
    return Anchor(doc, row["p"], row["key"], row.get("text", ""))


def anchor_of_provision(store: Store, doc: str, key: str) -> Anchor:
    """A provision of a stored document by its key (第一章/第三条), with its current text."""
    p = provision_iri(doc, key)
    rows = store.select(f"SELECT ?text WHERE {{ GRAPH ?g {{ {iri(p)} <{T.text}> ?text }} }} LIMIT 1")
    if not rows:
        raise NotFound(f"no provision {key!r} in document {doc!r}")
    return Anchor(doc, p, key, rows[0]["text"])


def norm_doc(norm: str) -> str:
    """The document id inside a norm IRI (``…/norm/{doc}/{hash}``)."""
    return norm_id_of(norm).rpartition("/")[0]


# ---- writing -----------------------------------------------------------------------------------
def review_norm(store: Store, norm: str, verdict: str, reviewer: str, reason: str = "",
                revision: Revision | None = None, before: dict | None = None) -> Review:
    """Confirm, correct (with ``revision``) or reject an extracted norm."""
    if verdict not in NORM_VERDICTS:
        raise QueryError(f"unknown verdict {verdict!r} for a norm: use one of {', '.join(NORM_VERDICTS)}")
    if (verdict == "corrected") != (revision is not None):
        raise QueryError("a correction needs the corrected values, and only a correction has them")
    if revision:
        revision.check()
    anchor = anchor_of_norm(store, norm)
    review = _new(verdict, anchor, reviewer, reason, norm=norm, before=before or {}, revision=revision)
    return _store(store, review)


def review_finding(store: Store, kind: str, norm: str, verdict: str, reviewer: str, reason: str = "") -> Review:
    """Confirm or dismiss the finding of ``kind`` on ``norm``."""
    from govkg.kg.gaps import GAP_KINDS
    if kind not in GAP_KINDS:
        raise QueryError(f"unknown gap kind {kind!r}; known: {', '.join(GAP_KINDS)}")
    if verdict not in FINDING_VERDICTS:
        raise QueryError(f"unknown verdict {verdict!r} for a finding: use one of {', '.join(FINDING_VERDICTS)}")
    if verdict == "dismissed" and not reason.strip():
        raise QueryError("say why the finding is dismissed (a reason)")
    review = _new(verdict, anchor_of_norm(store, norm), reviewer, reason, norm=norm, kind=kind)
    return _store(store, review)


def add_norm(store: Store, doc: str, provision_key: str, revision: Revision, reviewer: str, reason: str = "",
             span: tuple[int, int] | None = None) -> Review:
    """A norm the extractor missed, at a provision (and, optionally, its clause's span)."""
    revision.check()
    review = _new("added", anchor_of_provision(store, doc, provision_key), reviewer, reason, revision=revision)
    review.span = span
    return _store(store, review)


def _new(verdict: str, anchor: Anchor, reviewer: str, reason: str, **values) -> Review:
    if not reviewer.strip():
        raise QueryError("a review needs its reviewer's name")
    return Review(id=uuid.uuid4().hex[:16], verdict=verdict, doc=anchor.doc, provision_key=anchor.key,
                  provision_hash=text_hash(anchor.text), reviewer=reviewer.strip(), at=now(),
                  reason=reason.strip(), **values)


def _store(store: Store, review: Review) -> Review:
    before = store.graph_version(REVIEWS_GRAPH)
    store.update(f"INSERT DATA {{ GRAPH {iri(REVIEWS_GRAPH)} {{ {review_triples(review)} }} }}", writes=(REVIEWS_GRAPH,))
    written(store, REVIEWS_GRAPH, before, review)
    return review


def review_triples(review: Review) -> str:
    """The review as triples (Turtle-like SPARQL data, no prefixes)."""
    node = iri(REVIEW_NS + review.id)
    agent = iri(REVIEWER_NS + _segment(review.reviewer))
    facts = [f"{node} <{RDF_TYPE}> <{T.Review}>", f"{node} <{T.verdict}> {literal(review.verdict)}",
             f"{node} <{T.inDocument}> {iri(doc_iri(review.doc))}",
             f"{node} <{T.atProvision}> {iri(provision_iri(review.doc, review.provision_key))}",
             f"{node} <{T.provisionKey}> {literal(review.provision_key)}",
             f"{node} <{T.provisionHash}> {literal(review.provision_hash)}",
             f"{node} <{PROV}wasAttributedTo> {agent}", f"{agent} <{RDF_TYPE}> <{PROV}Agent>",
             f"{agent} <{RDFS_LABEL}> {literal(review.reviewer)}",
             f"{node} <{PROV}generatedAtTime> {literal(review.at)}^^<{XSD}dateTime>"]
    if review.reason:
        facts.append(f"{node} <{T.reason}> {literal(review.reason)}")
    if review.norm:
        facts.append(f"{node} <{T.reviewOf}> {iri(review.norm)}")
    if review.kind:
        facts.append(f"{node} <{T.findingKind}> {literal(review.kind)}")
    if review.before:
        facts.append(f"{node} <{T.previousValues}> {literal(json.dumps(review.before, ensure_ascii=False))}")
    if review.span:
        facts += [f"{node} <{T.startOffset}> {int(review.span[0])}", f"{node} <{T.endOffset}> {int(review.span[1])}"]
    if review.revision:
        facts += _revision_triples(review)
    return " . ".join(facts) + " ."


def _revision_triples(review: Review) -> list[str]:
    r = review.revision
    node, revised = iri(REVIEW_NS + review.id), iri(REVISION_NS + review.id)
    facts = [f"{node} <{T.revision}> {revised}", f"{revised} <{RDF_TYPE}> <{T.NormRevision}>",
             f"{revised} <{T.revisedModality}> {literal(r.modality)}", f"{revised} <{T.revisedAction}> {literal(r.action)}",
             f"{revised} <{T.revisedRole}> {literal(r.role)}",
             f"{revised} <{T.revisedVague}> {'true' if r.vague else 'false'}"]
    facts += [f"{revised} <{T.revisedBearer}> {literal(name)}" for name in r.bearers if name.strip()]
    if review.norm:
        facts.append(f"{revised} <{PROV}wasRevisionOf> {iri(review.norm)}")
    return facts


def _segment(name: str) -> str:
    from govkg.kg.actors import iri_segment
    return iri_segment("-".join(name.split()))


# ---- reading -------------------------------------------------------------------------------------
_SEPARATOR = "\x1f"
_REVIEWS = f"""SELECT ?r ?verdict ?doc ?key ?hash ?at ?who ?reason ?norm ?kind ?before ?start ?end
  ?modality ?action ?role ?vague (GROUP_CONCAT(?bearer; separator="{_SEPARATOR}") AS ?bearers)
WHERE {{ GRAPH <{REVIEWS_GRAPH}> {{
  ?r a <{T.Review}> ; <{T.verdict}> ?verdict ; <{T.inDocument}> ?doc ; <{T.provisionKey}> ?key .
  OPTIONAL {{ ?r <{T.provisionHash}> ?hash }} OPTIONAL {{ ?r <{PROV}generatedAtTime> ?at }}
  OPTIONAL {{ ?r <{PROV}wasAttributedTo>/<{RDFS_LABEL}> ?who }} OPTIONAL {{ ?r <{T.reason}> ?reason }}
  OPTIONAL {{ ?r <{T.reviewOf}> ?norm }} OPTIONAL {{ ?r <{T.findingKind}> ?kind }}
  OPTIONAL {{ ?r <{T.previousValues}> ?before }}
  OPTIONAL {{ ?r <{T.startOffset}> ?start ; <{T.endOffset}> ?end }}
  OPTIONAL {{ ?r <{T.revision}> ?v . ?v <{T.revisedModality}> ?modality ; <{T.revisedAction}> ?action .
             OPTIONAL {{ ?v <{T.revisedRole}> ?role }} OPTIONAL {{ ?v <{T.revisedVague}> ?vague }}
             OPTIONAL {{ ?v <{T.revisedBearer}> ?bearer }} }}
}} }} GROUP BY ?r ?verdict ?doc ?key ?hash ?at ?who ?reason ?norm ?kind ?before ?start ?end ?modality ?action ?role ?vague"""
"""One row per review (its revision's bearers joined): a thousand reviews read as a thousand rows."""


def reviews(store: Store, doc: str | None = None) -> list[Review]:
    """Every review (of one document), oldest first, each marked in force or stale. The reviews
    are shared with other callers (``govkg.kg.review_cache``): never change them."""
    every = current_reviews(store, REVIEWS_GRAPH, _read, _statuses)
    return every if doc is None else [r for r in every if r.doc == doc]


def _read(store: Store) -> list[Review]:
    found = [_review(row) for row in store.select(_REVIEWS)]
    return sorted((r for r in found if r is not None), key=lambda r: (r.at, r.id))


def _review(row: dict[str, str]) -> Review | None:
    """A review from its row; None for one that an update left without a readable document."""
    get = row.get
    if not row["doc"].startswith(ID + "doc/"):
        return None
    review = Review(id=row["r"].removeprefix(REVIEW_NS), verdict=row["verdict"], doc=doc_id_of(row["doc"]),
                    provision_key=row["key"], provision_hash=get("hash", ""), reviewer=get("who", ""),
                    at=get("at", ""), reason=get("reason", ""), norm=get("norm", ""), kind=get("kind", ""),
                    before=_json(get("before", "{}")))
    if "action" in row:
        bearers = [b for b in get("bearers", "").split(_SEPARATOR) if b]
        review.revision = Revision(modality=row["modality"], action=row["action"], bearers=sorted(set(bearers)),
                                   role=get("role", "sole"), vague=get("vague") in ("true", "1"))
    start, end = get("start", ""), get("end", "")
    if start.isdigit() and end.isdigit():
        review.span = (int(start), int(end))
    return review


def _json(text: str) -> dict:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _statuses(store: Store, found: list[Review]) -> dict[str, str]:
    """Review id -> in force, or stale where its provision's stored text is no longer the text it
    judged (or its norm is gone)."""
    if not found:
        return {}
    texts = provision_facts_of(store, {(r.doc, provision_iri(r.doc, r.provision_key)) for r in found})
    norms = _existing_norms(store, {(r.doc, r.norm) for r in found if r.norm})
    hashes = {p: text_hash(row["text"]) for p, row in texts.items()}
    status = {}
    for review in found:
        fresh = hashes.get(provision_iri(review.doc, review.provision_key)) == review.provision_hash
        status[review.id] = IN_FORCE if fresh and (not review.norm or review.norm in norms) else STALE
    return status


def provision_facts_of(store: Store, pairs: set[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Provision IRI -> its row (text, label, path) for (doc, provision IRI) pairs, one query per
    document graph (a VALUES over graph and provision pairs is several times slower), each
    provision read once per version of its document's graph (``govkg.kg.review_cache.per_document``)."""
    out: dict[str, dict[str, str]] = {}
    for doc, provisions in _by_doc(pairs).items():
        out.update(per_document(store, doc, "provisions", provisions, lambda wanted, doc=doc: _provision_rows(store, doc, wanted)))
    return out


def _provision_rows(store: Store, doc: str, provisions: list[str]) -> dict[str, dict[str, str]]:
    rows = store.select(f"""SELECT ?p ?text ?label ?path WHERE {{ GRAPH {iri(graph_iri(doc))} {{
      VALUES ?p {{ {" ".join(iri(p) for p in provisions)} }} ?p <{T.text}> ?text
      OPTIONAL {{ ?p <{T.label}> ?label }} OPTIONAL {{ ?p <{T.path}> ?path }} }} }}""")
    return {row["p"]: row for row in rows}


def _existing_norms(store: Store, wanted: set[tuple[str, str]]) -> set[str]:
    """The norms of ``wanted`` ((doc, norm IRI) pairs) that their document's graph still states."""
    found: set[str] = set()
    for doc, norms in _by_doc(wanted).items():
        found.update(per_document(store, doc, "norms", norms, lambda asked, doc=doc: _stated_norms(store, doc, asked)))
    return found


def _stated_norms(store: Store, doc: str, norms: list[str]) -> dict[str, bool]:
    rows = store.select(f"""SELECT DISTINCT ?n WHERE {{ GRAPH {iri(graph_iri(doc))} {{
      VALUES ?n {{ {" ".join(iri(n) for n in norms)} }} ?n <{T.statedIn}> ?p }} }}""")
    return {row["n"]: True for row in rows}


def _by_doc(pairs: set[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for doc, value in sorted(pairs):
        grouped[doc].append(value)
    return grouped


def norm_iri(norm_id_or_iri: str) -> str:
    """A norm IRI from either its id (``{doc}/{hash}``) or its IRI."""
    if norm_id_or_iri.startswith(ID):
        return norm_id_or_iri
    if not norm_id_or_iri.rpartition("/")[0]:
        raise QueryError(f"{norm_id_or_iri!r} is not a norm: give its IRI or its id ({{doc}}/{{hash}}), "
                         "as the norms listing shows them")
    return norm_iri_of(norm_id_or_iri)


def in_force(found: list[Review]) -> list[Review]:
    return [r for r in found if r.status == IN_FORCE]
