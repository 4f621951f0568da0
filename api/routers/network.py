"""Routes: the network page and its data as JSON.

By default the page draws the collaboration network: actors and the relations between them. A
view starts from a question — ``actor`` (its ego network), ``topic``, ``doc``, ``gap`` — and
``view=norms`` draws the norms themselves, of one actor or of one article, never a whole law."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from govkg.api.actor_network import MAX_ACTORS, MAX_ACTORS_ASKED, build_actor_network, legend_entries
from govkg.api.deps import StoreDep
from govkg.api.network import (
    MINOR_GAP_COLOR,
    build_network,
    external_sources,
    gap_color,
    gap_colors,
    legend,
    network_json,
    vis_assets,
)
from govkg.api.routers.pages import LANGS, environment, messages, page_lang, render
from govkg.kg import actor_network as kg_actor_network
from govkg.kg import documents as kg_documents
from govkg.kg import network as kg_network
from govkg.kg import queries
from govkg.kg.store import Store
from govkg.ontology.errors import NotFound, QueryError
from govkg.ontology.terms import GAP_KINDS

router = APIRouter(tags=["network"])
Doc = Annotated[str | None, Query(description="Document name")]
Type = Annotated[str | None, Query(description="Actor class, e.g. ResidentsCommittee (norm view)")]
Gap = Annotated[str | None, Query(description="Gap kind, e.g. unassigned: the actors (or duties) it touches")]
Actor = Annotated[str | None, Query(description="Actor id or name: its ego network")]
Topic = Annotated[str | None, Query(description="Words of a matter, e.g. 维修资金 or data breach: who is responsible")]
View = Annotated[str | None, Query(description="'norms' for the norm-level network of one actor or article")]
Article = Annotated[int | None, Query(description="Article number (norm view, with doc)")]
Minor = Annotated[bool, Query(description="Also ring the minor gap kinds (one grey)")]
Limit = Annotated[int, Query(ge=1, le=MAX_ACTORS_ASKED, description="Most actors drawn (the most related and affected first)")]


def _question(store: Store, doc: str | None, actor: str | None, view: str | None, article: int | None) -> str | None:
    """The actor id asked for (by id or name), checked with the view; errors say what to give."""
    if view not in (None, "", "norms", "actors"):
        raise QueryError(f"unknown view {view!r}: use 'actors' or 'norms'")
    if doc == "*":
        raise QueryError("doc='*' is no longer drawn: the actor network shows every document")
    actor_id = queries.resolve_actor(store, actor) if actor else None
    if actor and actor_id is None:
        close = queries.similar_actors(store, actor)
        raise NotFound(f"no actor {actor!r}" + (f"; did you mean: {', '.join(close)}" if close else ""))
    if view == "norms" and not actor_id and not (doc and article is not None):
        raise QueryError("the norm view draws one actor (actor=) or one article (doc= and article=), never a whole law")
    return actor_id


def network_data(store: Store, *, doc=None, actor=None, topic=None, gap=None, view=None, article=None,
                 actor_type=None, minor=False, limit=MAX_ACTORS, lang="en") -> tuple[str, dict]:
    """("actors" or "norms", the vis-network data with counts) for one question."""
    actor_id = _question(store, doc, actor, view, article)
    if view == "norms":
        net, counts = build_network(kg_network.network(store, doc=doc, actor_type=actor_type or None,
                                                       gap_kind=gap or None, actor=actor_id, article=article))
        return "norms", {**network_json(net), "counts": counts}
    data = kg_actor_network.actor_network(store, doc=doc or None, actor=actor_id, topic=topic or None, gap=gap or None)
    return "actors", build_actor_network(data, lang, minor=minor, cap=limit)


def render_network(store: Store, *, lang: str = "en", base: str = "", served: bool = True,
                   query: dict | None = None, **asked) -> str:
    """The whole network page as one self-contained HTML string."""
    mode, graph = network_data(store, lang=lang, **asked)
    table = messages()
    t = {key: pair[LANGS.index(lang)] for key, pair in table.items()}
    vis_js, vis_css = vis_assets()
    counts = graph.pop("counts")
    notice = "capped_actors" if mode == "actors" and counts["actors_shown"] < counts["actors_total"] else ""
    if mode == "norms" and counts["norms_shown"] < counts["norms_total"]:
        notice = "capped"
    all_docs = {i.doc: i.title or i.doc for i in kg_documents.list_documents(store)}
    colors = {k: gap_color(k) for k in GAP_KINDS}
    html = environment().get_template("network.html").render(
        lang=lang, t=lambda key: t.get(key, key), graph=graph, counts=counts, notice=notice, mode=mode,
        page={"base": base, "lang": lang, "served": served, "messages": t, "gapColors": colors, "minorColor": MINOR_GAP_COLOR, "mode": mode,
              "minor": bool(asked.get("minor"))},
        base=base, served=served, vis_js=vis_js, vis_css=vis_css, documents=all_docs,
        legend=legend_entries() if mode == "actors" else legend(), serious=list(gap_colors()),
        asked=asked, gap_kinds=list(GAP_KINDS), query=query or {})
    outside = external_sources(html)
    if outside:  # the page must work offline; vis-network is inlined above
        raise RuntimeError(f"the network page would load from elsewhere: {outside[:3]}")
    return html


@router.get("/network", response_class=HTMLResponse, summary="The collaboration network of actors, gaps as rings")
def network_page(request: Request, store: StoreDep, doc: Doc = None, type: Type = None, gap: Gap = None,
                 actor: Actor = None, topic: Topic = None, view: View = None, article: Article = None,
                 minor: Minor = False, limit: Limit = MAX_ACTORS) -> HTMLResponse:
    try:
        html = render_network(store, lang=page_lang(request), query=dict(request.query_params), doc=doc,
                              actor_type=type, gap=gap, actor=actor, topic=topic, view=view, article=article,
                              minor=minor, limit=limit)
    except (NotFound, QueryError) as exc:
        return render(request, "error.html", status=404 if isinstance(exc, NotFound) else 400, message=str(exc))
    return HTMLResponse(html)


@router.get("/network.json", summary="The network's nodes, edges and options (vis-network data)")
def network_json_route(request: Request, store: StoreDep, doc: Doc = None, type: Type = None, gap: Gap = None,
                       actor: Actor = None, topic: Topic = None, view: View = None, article: Article = None,
                       minor: Minor = False, limit: Limit = MAX_ACTORS) -> dict:
    mode, graph = network_data(store, doc=doc, actor=actor, topic=topic, gap=gap, view=view, article=article,
                               actor_type=type, minor=minor, limit=limit, lang=page_lang(request))
    return {**graph, "view": mode}
