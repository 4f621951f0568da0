"""Routes: the network page (pyvis) and its data as JSON.

Without ``doc`` the page draws one document when the corpus holds more norms than the node cap
(``doc=*`` asks for all documents, capped; gap norms are kept first)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import StoreDep
from api.network import (
    GAP_COLOR,
    MAX_NORMS,
    build_network,
    external_sources,
    legend,
    network_json,
    vis_assets,
)
from api.routers.pages import LANGS, environment, messages, page_lang
from kg import documents as kg_documents
from kg import network as kg_network
from kg import queries
from kg.store import Store
from ontology.terms import GAP_KINDS

router = APIRouter(tags=["network"])
Doc = Annotated[str | None, Query(description="Document name; '*' for every document")]
Type = Annotated[str | None, Query(description="Actor class, e.g. ResidentsCommittee")]
Gap = Annotated[str | None, Query(description="Gap kind, e.g. unassigned")]


def choose_document(store: Store, doc: str | None) -> tuple[str | None, str]:
    """The document to draw, and a notice when the whole corpus is too large to draw at once."""
    if doc == "*":
        return None, ""
    if doc:
        return doc, ""
    infos = kg_documents.list_documents(store)
    if len(infos) > 1 and sum(i.norms for i in infos) > MAX_NORMS:
        return max(infos, key=lambda i: i.norms).doc, "one_doc_default"
    return None, ""


def render_network(store: Store, *, doc: str | None = None, actor_type: str | None = None,
                   gap_kind: str | None = None, lang: str = "en", base: str = "", served: bool = True,
                   notice: str = "", query: dict | None = None) -> str:
    """The whole network page as one self-contained HTML string."""
    data = kg_network.network(store, doc=doc, actor_type=actor_type or None, gap_kind=gap_kind or None)
    net, counts = build_network(data, lang=lang)
    table = messages()
    t = {key: pair[LANGS.index(lang)] for key, pair in table.items()}
    if counts["norms_shown"] < counts["norms_total"] and not notice:
        notice = "capped"
    vis_js, vis_css = vis_assets()
    all_docs = {i.doc: i.title or i.doc for i in kg_documents.list_documents(store)}
    html = environment().get_template("network.html").render(
        lang=lang, t=lambda key: t.get(key, key), graph=network_json(net), counts=counts, notice=notice,
        page={"base": base, "lang": lang, "served": served, "messages": t, "gapColors": GAP_COLOR},
        base=base, served=served, vis_js=vis_js, vis_css=vis_css, legend=legend(), documents=all_docs,
        doc=doc, actor_type=actor_type, gap_kind=gap_kind, gap_kinds=list(GAP_KINDS),
        actor_types=queries.actor_types(store), query=query or {})
    outside = external_sources(html)
    if outside:  # the page must work offline; vis-network is inlined above
        raise RuntimeError(f"the network page would load from elsewhere: {outside[:3]}")
    return html


@router.get("/network", response_class=HTMLResponse, summary="The network of actors, norms and documents, gaps in colour")
def network_page(request: Request, store: StoreDep, doc: Doc = None, type: Type = None, gap: Gap = None) -> HTMLResponse:
    chosen, notice = choose_document(store, doc)
    html = render_network(store, doc=chosen, actor_type=type, gap_kind=gap, lang=page_lang(request),
                          notice=notice, query=dict(request.query_params))
    return HTMLResponse(html)


@router.get("/network.json", summary="The network's nodes, edges and options (vis-network data)")
def network_data(store: StoreDep, doc: Doc = None, type: Type = None, gap: Gap = None) -> dict:
    chosen, _ = choose_document(store, doc)
    net, counts = build_network(kg_network.network(store, doc=chosen, actor_type=type or None, gap_kind=gap or None))
    return {**network_json(net), "counts": counts}
