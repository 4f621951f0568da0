"""A document's provisions: their text and offsets, and the norms stated in each."""
from __future__ import annotations

from dataclasses import dataclass

from govkg.kg.mapping import doc_iri, graph_iri
from govkg.kg.queries import NormView, norms
from govkg.kg.sparql_terms import as_int, iri, literal
from govkg.kg.store import Store
from govkg.ontology import terms as T
from govkg.ontology.errors import NotFound
from govkg.ontology.namespaces import GOV


@dataclass
class ProvisionView:
    doc: str
    key: str
    label: str
    text: str
    start: int
    end: int
    article: int | None
    norms: list[NormView]



def provision(store: Store, doc: str, key: str) -> ProvisionView:
    """A provision's text and the norms stated in it or its sub-provisions (offsets in the text)."""
    rows = store.select(f"""SELECT ?p ?label ?text ?start ?end ?art WHERE {{
      GRAPH {iri(graph_iri(doc))} {{ ?p <{T.path}> {literal(key)} ; <{T.inDocument}> {iri(doc_iri(doc))} .
        OPTIONAL {{ ?p <{T.label}> ?label }} OPTIONAL {{ ?p <{T.text}> ?text }}
        OPTIONAL {{ ?p <{T.startOffset}> ?start }} OPTIONAL {{ ?p <{T.endOffset}> ?end }}
        OPTIONAL {{ ?p <{T.articleNumber}> ?art }} }} }} LIMIT 1""")
    if not rows:
        raise NotFound(f"no provision {key!r} in document {doc!r}")
    r = rows[0]
    view = ProvisionView(doc=doc, key=key, label=r.get("label", key), text=r.get("text", ""),
                         start=as_int(r.get("start")), end=as_int(r.get("end")),
                         article=as_int(r.get("art"), None), norms=[])
    view.norms = norms(store, doc=doc, limit=100_000, under=key)
    return view


def provisions(store: Store, doc: str) -> list[dict]:
    """Every provision of a document: key, label, class, article, offsets and text, in text order."""
    rows = store.select(f"""SELECT ?p ?path ?label ?text ?start ?end ?art ?cls WHERE {{
      GRAPH {iri(graph_iri(doc))} {{ ?p a <{T.Provision}> ; <{T.path}> ?path .
        OPTIONAL {{ ?p <{T.label}> ?label }} OPTIONAL {{ ?p <{T.text}> ?text }}
        OPTIONAL {{ ?p <{T.startOffset}> ?start }} OPTIONAL {{ ?p <{T.endOffset}> ?end }}
        OPTIONAL {{ ?p <{T.articleNumber}> ?art }}
        OPTIONAL {{ ?p a ?cls FILTER(?cls IN (<{T.Article}>, <{T.Paragraph}>, <{T.Item}>)) }} }} }}""")
    out: dict[str, dict] = {}
    for r in rows:
        item = out.setdefault(r["path"], {
            "key": r["path"], "label": r.get("label", r["path"]), "text": r.get("text", ""),
            "start": as_int(r.get("start")), "end": as_int(r.get("end")),
            "article": as_int(r.get("art"), None), "kind": ""})
        if r.get("cls"):
            item["kind"] = r["cls"].removeprefix(GOV).lower()
    return sorted(out.values(), key=lambda p: (p["start"], -p["end"]))
