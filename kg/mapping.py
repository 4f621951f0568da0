"""Map a ``Document`` (provisions and norms) to RDF under the govkg ontology.

The shape is the contract in ``docs/rdf-shape.md``. IRIs depend only on the document's name and
content, so ingesting the same document twice yields identical content triples; ingest time and
extractor version go to the meta graph only.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime, timezone

import pyoxigraph as ox

from govkg.ingest.matters import matter_of
from govkg.ingest.records import Document, Norm, Provision, Relation
from govkg.ingest.relations import RelationReader
from govkg.ingest.standing import work_key
from govkg.kg.actors import actor_iri, identify, iri_segment
from govkg.ontology import terms as T
from govkg.ontology.namespaces import ID, PREFIXES

META_GRAPH = ID + "graph/meta"
RDF_TYPE = PREFIXES["rdf"] + "type"
SKOS = PREFIXES["skos"]
PROV_DERIVED = PREFIXES["prov"] + "wasDerivedFrom"
XSD = PREFIXES["xsd"]


def doc_iri(doc: str) -> str:
    return f"{ID}doc/{iri_segment(doc)}"


def graph_iri(doc: str) -> str:
    return f"{ID}graph/{iri_segment(doc)}"


def work_iri(title: str) -> str:
    """The work a title names, one IRI for 中华人民共和国慈善法 and 慈善法."""
    return f"{ID}work/{iri_segment(work_key(title))}"


@functools.lru_cache(maxsize=65536)
def provision_iri(doc: str, key: str) -> str:
    return doc_iri(doc) + "/" + "/".join(iri_segment(part) for part in key.split("/"))


def normalise_action(action: str) -> str:
    return " ".join(action.split()).lower()


def norm_iri(doc: str, key: str, modality: str, action: str) -> str:
    digest = hashlib.sha256("\x1f".join((doc, key, modality, normalise_action(action))).encode()).hexdigest()
    return f"{norm_prefix(doc)}{digest[:16]}"


def norm_prefix(doc: str) -> str:
    """What the IRIs of a document's norms start with."""
    return f"{ID}norm/{iri_segment(doc)}/"


def provision_class(provision: Provision) -> str | None:
    """Article / Paragraph / Item from the last path segment; None for chapters and sections."""
    last = provision.path[-1] if provision.path else ""
    if re.fullmatch(r"第.+条(之.+)?|Article\s*\d+\w*|[Ss]ection\s*\d+[A-Z]*(~\d+)?", last):
        return T.Article
    if re.fullmatch(r"第.+款|\d+|Paragraph\s*\d+|¶\s*\d+", last):
        return T.Paragraph
    if re.fullmatch(r"[（(][^）)]+[）)]|[a-z]{1,2}|[ivx]+|\d+[.、]", last):
        return T.Item
    return None


_XSD_BOOLEAN = XSD + "boolean"
_XSD_INTEGER = XSD + "integer"
_XSD_DOUBLE = XSD + "double"
_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff]')
"""Characters N-Triples writes escaped: a literal without any is written as it stands."""

Fact = tuple[str, str, str]
"""(subject IRI, predicate IRI, object: an IRI or a literal's value) of one triple."""


class _Triples:
    """Collects triples with small helpers for IRIs and literals, as N-Triples terms (building a
    pyoxigraph ``Triple`` with a literal in it costs ten times writing its line). Each IRI is
    checked by pyoxigraph once however often it recurs; a literal that needs escaping is written
    by pyoxigraph, so that the lines are those ``pyoxigraph.serialize`` writes."""

    def __init__(self) -> None:
        self._facts: dict[tuple[str, str, str], str] = {}   # (s, p, object's term) -> object's value, in order
        self._iris: set[str] = set()
        self._langs: dict[str, str] = {}

    def _iri(self, iri: str) -> str:
        if iri not in self._iris:
            ox.NamedNode(iri)            # refuses what is no IRI, as the store would
            self._iris.add(iri)
        return iri

    def iri(self, s: str, p: str, o: str) -> None:
        self._facts[(self._iri(s), self._iri(p), f"<{self._iri(o)}>")] = o

    def typed(self, s: str, *classes: str) -> None:
        subject = self._iri(s)
        for cls in classes:
            self._facts[(subject, RDF_TYPE, f"<{self._iri(cls)}>")] = cls

    def lit(self, s: str, p: str, value: object, lang: str | None = None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            self.literal(s, p, str(value).lower(), datatype=_XSD_BOOLEAN)
        elif isinstance(value, int):
            self.literal(s, p, str(value), datatype=_XSD_INTEGER)
        elif isinstance(value, float):
            self.literal(s, p, repr(value), datatype=_XSD_DOUBLE)
        else:
            self.literal(s, p, str(value), lang=lang or None)

    def literal(self, s: str, p: str, value: str, *, lang: str | None = None, datatype: str | None = None) -> None:
        """A literal as it stands: with a language tag, a datatype or neither."""
        if _ESCAPED.search(value):
            term = str(ox.Literal(value, language=lang, datatype=ox.NamedNode(datatype) if datatype else None))
        elif lang:
            term = f'"{value}"@{self._lang(lang)}'
        elif datatype:
            term = f'"{value}"^^<{self._iri(datatype)}>'
        else:
            term = f'"{value}"'
        self._facts[(self._iri(s), self._iri(p), term)] = value

    def _lang(self, lang: str) -> str:
        """The tag as pyoxigraph writes it (checked, in lower case)."""
        found = self._langs.get(lang)
        if found is None:
            found = self._langs[lang] = ox.Literal("", language=lang).language
        return found

    def facts(self) -> list[Fact]:
        """The triples once each, in the order first added."""
        return [(s, p, value) for (s, p, _), value in self._facts.items()]

    def ntriples(self) -> bytes:
        return "".join(f"<{s}> <{p}> {o} .\n" for s, p, o in self._facts).encode("utf-8")

    def __len__(self) -> int:
        return len(self._facts)


def document_triples(document: Document) -> _Triples:
    """All content triples of one document's named graph."""
    out = _Triples()
    _map_document(out, document)
    keys = {p.key for p in document.provisions}
    for provision in document.provisions:
        _map_provision(out, document, provision, keys)
    resolver = _ReferenceResolver(document)
    locate = _ProvisionLocator(document)
    read_relations, relations = RelationReader(document), {}
    for (key, modality, _), norms in _group_norms(document, locate).items():
        _map_norm(out, document, key, modality, norms, resolver)
        for relation in read_relations(norms):
            relations.setdefault(relation, []).append(norm_iri(document.doc, key, modality, norms[0].action))
    _map_sanctions(out, document, locate)
    _map_relations(out, document, relations)
    return out


def document_graph(document: Document) -> bytes:
    """The N-Triples of the document's named graph (``graph_iri(document.doc)``)."""
    return document_triples(document).ntriples()


def meta_triples(document: Document, *, triples: int, norms: int, extractor_version: str = "",
                 ingested_at: datetime | None = None) -> list[ox.Quad]:
    """The document's ingest metadata, as quads in the meta graph."""
    when = (ingested_at or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()
    s, g = ox.NamedNode(doc_iri(document.doc)), ox.NamedNode(META_GRAPH)
    integer = ox.NamedNode(XSD + "integer")
    return [
        ox.Quad(s, ox.NamedNode(T.ingestedAt), ox.Literal(when, datatype=ox.NamedNode(XSD + "dateTime")), g),
        ox.Quad(s, ox.NamedNode(T.extractorVersion), ox.Literal(extractor_version or "unknown"), g),
        ox.Quad(s, ox.NamedNode(_GOV("triples")), ox.Literal(str(triples), datatype=integer), g),
        ox.Quad(s, ox.NamedNode(_GOV("norms")), ox.Literal(str(norms), datatype=integer), g),
    ]


def _GOV(local: str) -> str:
    return PREFIXES["gov"] + local


def _map_document(out: _Triples, document: Document) -> None:
    d = doc_iri(document.doc)
    out.typed(d, T.Document)
    out.lit(d, T.label, document.title or document.doc, document.lang or None)
    out.lit(d, T.language, document.lang)
    out.lit(d, T.sourceFile, document.source)
    out.lit(d, T.sha256, document.sha256)
    _map_standing(out, document, d)


def _map_standing(out: _Triples, document: Document, d: str) -> None:
    """Work and version, level, issuer and place, and the works implemented (govkg.ingest.standing)."""
    standing = document.metadata.get("standing") or {}
    lang = document.lang or None
    if standing.get("work"):
        out.iri(d, T.versionOf, _work(out, standing["work"], lang))
    for title in standing.get("implements", []):
        out.iri(d, T.implements, _work(out, title, lang))
    if standing.get("level") in T.LEVEL:
        out.iri(d, T.level, T.LEVEL[standing["level"]])
    out.lit(d, T.issuer, standing.get("issuer"), lang)
    out.lit(d, T.place, standing.get("place"), lang)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", standing.get("date", "")):
        out.literal(d, T.versionDate, standing["date"], datatype=XSD + "date")


def _work(out: _Triples, title: str, lang: str | None) -> str:
    w = work_iri(title)
    out.typed(w, T.Work)
    out.lit(w, T.label, title, lang)
    return w


def _map_provision(out: _Triples, document: Document, provision: Provision, keys: set[str]) -> None:
    p = provision_iri(document.doc, provision.key)
    cls = provision_class(provision)
    out.typed(p, T.Provision, *([cls] if cls else []))
    out.lit(p, T.label, provision.label)
    out.lit(p, T.path, provision.key)
    if provision.article is not None:
        out.lit(p, T.articleNumber, int(provision.article))
    out.lit(p, T.text, provision.text)
    out.lit(p, T.startOffset, int(provision.start))
    out.lit(p, T.endOffset, int(provision.end))
    out.iri(p, T.inDocument, doc_iri(document.doc))
    parent = "/".join(provision.path[:-1])
    out.iri(p, T.partOf, provision_iri(document.doc, parent) if parent in keys else doc_iri(document.doc))


def _group_norms(document: Document, locate: _ProvisionLocator) -> dict[tuple[str, str, str], list[Norm]]:
    """Records of one provision with the same modality and action: one norm, several bearers."""
    groups: dict[tuple[str, str, str], list[Norm]] = OrderedDict()
    for norm in document.norms:
        key = locate(norm)
        groups.setdefault((key, norm.modality, normalise_action(norm.action)), []).append(norm)
    return groups


class _ProvisionLocator:
    """The provision key of a norm: its own, else the smallest provision holding its span."""

    def __init__(self, document: Document) -> None:
        self.keys = {p.key for p in document.provisions}
        self.by_size = sorted(document.provisions, key=lambda p: p.end - p.start)
        self.articles = {p.article: p.key for p in document.provisions
                         if p.article is not None and provision_class(p) == T.Article}

    def __call__(self, norm: Norm) -> str:
        if norm.provision in self.keys:
            return norm.provision
        for p in self.by_size:
            if p.start <= norm.start and norm.end <= p.end and norm.end > norm.start:
                return p.key
        if isinstance(norm.article, int) and norm.article in self.articles:
            return self.articles[norm.article]
        return norm.provision or "body"


class _ReferenceResolver:
    """Resolves "第十条", "第十条第二款", "Article 33(1)" to provisions of the same document."""

    def __init__(self, document: Document) -> None:
        self.doc = document.doc
        self.by_label: dict[str, str] = {}
        for p in document.provisions:
            self.by_label.setdefault(_compact(p.label), p.key)
            self.by_label.setdefault(_compact(p.key.replace("/", "")), p.key)

    def __call__(self, reference: str) -> str | None:
        text = _compact(reference)
        while text:
            if text in self.by_label:
                return provision_iri(self.doc, self.by_label[text])
            text = _shorten(text)
        return None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lower().replace("（", "(").replace("）", ")")


def _shorten(text: str) -> str:
    """Drop the innermost part: "article33(1)(a)" -> "article33(1)", "第十条第二款" -> "第十条"."""
    m = re.fullmatch(r"(.+?)(\([^()]*\)|第[^第]+[款项])", text)
    return m.group(1) if m else ""


def _map_norm(out: _Triples, document: Document, key: str, modality: str, norms: list[Norm],
              resolve: _ReferenceResolver) -> None:
    first = norms[0]
    n = norm_iri(document.doc, key, modality, first.action)
    classes = [T.Norm, T.MODALITY_CLASS.get(modality, T.Obligation)]
    classes += [T.TAG_CLASS[t] for norm in norms for t in norm.tags if t in T.TAG_CLASS]
    out.typed(n, *dict.fromkeys(classes))
    out.lit(n, T.action, first.action)
    out.lit(n, T.matter, matter_of(first.action, first.sentence, document.lang or "zh"))
    prov = provision_iri(document.doc, key)
    out.iri(n, T.statedIn, prov)
    out.iri(n, PROV_DERIVED, prov)
    out.iri(n, T.inDocument, doc_iri(document.doc))
    out.lit(n, T.startOffset, min(x.start for x in norms))
    out.lit(n, T.endOffset, max(x.end for x in norms))
    out.lit(n, T.confidence, float(max(x.confidence for x in norms)))
    out.lit(n, T.text, first.sentence or document.text[first.start:first.end])
    for norm in norms:
        _map_bearer(out, document, n, norm)
        out.lit(n, T.condition, norm.condition)
        if norm.recipient:
            out.iri(n, T.recipient, _actor_node(out, document, norm.recipient, "", False))
        for ref in norm.references:
            target = resolve(ref)
            if target:
                out.iri(n, T.refersTo, target)


BASIS_PROPERTY = {"reference": T.punishesByReference, "content": T.punishesByContent}


def _map_sanctions(out: _Triples, document: Document, locate: _ProvisionLocator) -> None:
    """Penalty provisions, and the duties each punishes: gov:punishes and, saying how the link
    was found, gov:punishesByReference or gov:punishesByContent."""
    for key in document.penalties:
        out.typed(provision_iri(document.doc, key), T.PenaltyProvision)
    for link in document.sanctions:
        p = provision_iri(document.doc, link.penalty)
        n = norm_iri(document.doc, locate(link.duty), link.duty.modality, link.duty.action)
        out.iri(p, T.punishes, n)
        out.iri(p, BASIS_PROPERTY[link.basis], n)


ROLE_PROPERTY = {"lead": T.hasLeadBearer, "support": T.hasSupportingBearer, "joint": T.hasJointBearer}


def _map_bearer(out: _Triples, document: Document, n: str, norm: Norm) -> None:
    if not norm.actor.strip():
        return
    a = _actor_node(out, document, norm.actor, norm.actor_type, norm.vague_actor)
    out.iri(n, T.hasBearer, a)
    if norm.defined_in:
        out.iri(a, T.definedIn, provision_iri(document.doc, norm.defined_in))
    if norm.role in ROLE_PROPERTY:
        out.iri(n, ROLE_PROPERTY[norm.role], a)
    out.lit(n, T.bearerText, norm.actor)


def _actor_node(out: _Triples, document: Document, text: str, actor_type: str, vague: bool) -> str:
    """Type and labels of an actor node; returns its IRI."""
    lang = document.lang or "zh"
    ident = identify(text, lang, actor_type, vague)
    a = actor_iri(ident.label, lang)
    out.typed(a, ident.cls, *([T.VagueActor] if ident.vague and ident.cls != T.VagueActor else []))
    if ident.cls != T.Actor:
        out.typed(a, T.Actor)
    out.lit(a, SKOS + "prefLabel", ident.label, lang)
    written = " ".join(text.split())
    if written != ident.label:
        out.lit(a, SKOS + "altLabel", written, lang)
    for label, other_lang in ident.equivalents:
        out.iri(a, SKOS + "exactMatch", actor_iri(label, other_lang))
    return a


def _map_relations(out: _Triples, document: Document, relations: dict[Relation, list[str]]) -> None:
    """One gov:ActorRelation per (kind, from, to) of the document, derived from each of its norms.
    An actor that bears norms of the document is typed as its norms type it, so it is one node."""
    as_bearer = {n.actor.strip(): (n.actor_type, n.vague_actor) for n in document.norms if n.actor.strip()}
    for relation, norms in relations.items():
        source = _actor_node(out, document, relation.source, *as_bearer.get(relation.source, ("", False)))
        target = _actor_node(out, document, relation.target, *as_bearer.get(relation.target, ("", False)))
        if source == target:
            continue
        digest = hashlib.sha256("\x1f".join((relation.kind, source, target)).encode()).hexdigest()
        r = f"{ID}relation/{iri_segment(document.doc)}/{digest[:16]}"
        out.typed(r, T.ActorRelation)
        out.iri(r, T.relationKind, T.RELATION_KINDS[relation.kind])
        out.iri(r, T.fromActor, source)
        out.iri(r, T.toActor, target)
        for norm in dict.fromkeys(norms):
            out.iri(r, PROV_DERIVED, norm)


def count_norms(facts: Iterable[Fact]) -> int:
    return sum(1 for _, p, o in facts if p == RDF_TYPE and o == T.Norm)
