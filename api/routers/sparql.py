"""Routes: the SPARQL 1.1 Protocol endpoint ``/sparql`` and the YASGUI page.

- GET ``/sparql?query=`` and POST (form ``query=``/``update=``, ``application/sparql-query``,
  ``application/sparql-update``) run one operation; updates need the write token.
- A plain GET of ``/sparql`` answers the service description (Turtle by default, by ``Accept``);
  a browser (``Accept: text/html``) gets the YASGUI page, which ``/yasgui`` always serves.
- YASGUI's script and style are served from ``/static/yasgui``.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from govkg.api.settings import Settings
from govkg.api.sparql.description import service_description
from govkg.api.sparql.guard import apply_using, refuse_remote, with_base
from govkg.api.sparql.http_io import ClientGone, check_write, error_response, read_body, unless_client_leaves
from govkg.api.sparql.negotiation import GRAPH_ALIASES, GRAPH_TYPES, choose, prefers_html
from govkg.api.routers.pages import page_lang
from govkg.api.sparql.page import STATIC, yasgui_page
from govkg.api.sparql.prepared import prepare_query, read_get_request, read_post_request
from govkg.api.sparql.protocol import Operation, ProtocolError
from govkg.kg.query_context import LIGHT
from govkg.kg.kept_findings import forget
from govkg.kg.store import Store
from govkg.ontology.errors import GovKGError

STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "yasgui"


class PlainRoute(APIRoute):
    """A route described in OpenAPI like any other, whose endpoint is called with the bare
    ``Request``: no dependency solving on the hot path of a SPARQL endpoint (~50 us a request).
    Its endpoints take only ``request`` and return a Response."""

    def get_route_handler(self):
        return self.endpoint


router = APIRouter(tags=["sparql"], route_class=PlainRoute)
router.mount(STATIC, StaticFiles(directory=STATIC_DIR), name="yasgui-static")

_ANSWERS = {200: {"description": "SPARQL results (JSON, XML, CSV, TSV) or an RDF graph (Turtle, "
                                 "N-Triples, JSON-LD, RDF/XML), by Accept",
                  "content": {"application/sparql-results+json": {}, "text/turtle": {}}},
            204: {"description": "the update was applied"},
            400: {"description": "syntax error, refused operation, timeout or result cap"},
            401: {"description": "an update without a valid write token"},
            403: {"description": "an update on a read-only service"},
            415: {"description": "unsupported Content-Type or charset"}}


SCAN_ON_LOOP_CHARS = 64 * 1024
"""Longest query text the guard scans on the event loop (~10 ms); a longer one goes to a thread."""


def endpoint_url(request: Request) -> str:
    """The absolute URL of ``/sparql``: the service's IRI and the base IRI of requests."""
    return str(request.base_url).rstrip("/") + "/sparql"


@router.get("/sparql", response_class=Response, responses=_ANSWERS,
            summary="SPARQL query by GET, or the service description")
@router.head("/sparql", response_class=Response, include_in_schema=False)
@router.api_route("/sparql/", methods=["GET", "HEAD"], include_in_schema=False)
async def sparql_get(request: Request) -> Response:
    store, settings = request.app.state.store, request.app.state.settings
    try:
        operation = read_get_request(request.scope["query_string"])
        if operation.kind == "describe":
            return await _describe(request, store, settings)
        return await _run(request, store, settings, operation)
    except (ProtocolError, GovKGError) as exc:
        return error_response(exc)


@router.post("/sparql", response_class=Response, responses=_ANSWERS,
             summary="SPARQL query or update by POST (form, sparql-query or sparql-update body)")
@router.post("/sparql/", include_in_schema=False)
async def sparql_post(request: Request) -> Response:
    store, settings = request.app.state.store, request.app.state.settings
    try:
        body = await read_body(request, settings.max_body_bytes)
        operation = read_post_request(request.scope["query_string"], request.headers.get("content-type"), body)
        return await _run(request, store, settings, operation)
    except (ProtocolError, GovKGError) as exc:
        return error_response(exc)


@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
@router.api_route("/sparql/", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other(request: Request) -> Response:
    return PlainTextResponse(f"{request.method} is not part of the SPARQL protocol: use GET or POST\n",
                             status_code=405, headers={"Allow": "GET, HEAD, POST"})


SPARQL_ENDPOINTS = {("GET", "/sparql"): sparql_get, ("HEAD", "/sparql"): sparql_get, ("POST", "/sparql"): sparql_post}
"""What ``SparqlFastPath`` hands straight to its endpoint (the same functions the routes above call)."""


@router.get("/yasgui", response_class=HTMLResponse, summary="The SPARQL page (YASGUI) with example queries")
async def yasgui(request: Request) -> HTMLResponse:
    return HTMLResponse(yasgui_page(endpoint_url(request), page_lang(request)))


async def _run(request: Request, store: Store, settings: Settings, operation: Operation) -> Response:
    if operation.kind == "update":
        check_write(request, settings)
        return await run_in_threadpool(run_update, store, settings, operation, endpoint_url(request))
    accept, base = request.headers.get("accept"), lambda: endpoint_url(request)
    if len(operation.text) > SCAN_ON_LOOP_CHARS:     # scanning 15 MB takes seconds: not on the event loop
        query = await run_in_threadpool(prepare_query, settings, operation, accept, base)
    else:
        query = prepare_query(settings, operation, accept, base)
    arguments = {"default_graph_uris": operation.default_graphs, "named_graph_uris": operation.named_graphs,
                 "timeout": settings.query_timeout, "max_results": query.row_cap}
    at_once = store.answer_at_once(query.text, query.media_type, default_graph_uris=operation.default_graphs,
                                   named_graph_uris=operation.named_graphs, max_results=query.row_cap)
    if at_once is not None:                 # proven light on this data: no worker, no watch
        return Response(at_once.body, media_type=at_once.media_type, headers={"Vary": "Accept"})
    light = LIGHT.set(query.light)        # one pattern under a small LIMIT: may take the fast lane
    try:
        answer = await unless_client_leaves(request, store.query_serialized_async(query.text, query.media_type,
                                                                                  **arguments))
    except ClientGone:
        return Response(status_code=499)        # nobody reads it: the query was stopped
    finally:
        LIGHT.reset(light)
    return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


def run_update(store: Store, settings: Settings, operation: Operation, base: str) -> Response:
    """Run an update; the protocol's USING graphs become USING clauses of the text. The
    store's own parser reads it first where a crash costs nothing (``Store.check_update``)."""
    refuse_remote(operation.text, allow_service=settings.allow_service)
    text = with_base(apply_using(operation.text, operation.using_graphs, operation.using_named_graphs), base)
    store.check_update(text, timeout=settings.query_timeout)
    store.update(text)
    forget(store)           # an update may touch any document: kept gap findings are stale
    return Response(status_code=204)


async def _describe(request: Request, store: Store, settings: Settings) -> Response:
    accept = request.headers.get("accept")
    endpoint = endpoint_url(request)
    if prefers_html(accept):
        return HTMLResponse(yasgui_page(endpoint, page_lang(request)))
    media_type = choose(accept, GRAPH_TYPES, aliases=GRAPH_ALIASES)
    if media_type is None:
        raise ProtocolError(406, f"the service description comes as {', '.join(GRAPH_TYPES[:4])}")
    graphs = await run_in_threadpool(store.named_graphs)
    body = service_description(endpoint, media_type, writable=bool(settings.write_token),
                               federated=settings.allow_service, named_graphs=graphs)
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})
