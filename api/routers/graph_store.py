"""Routes: the SPARQL 1.1 Graph Store HTTP Protocol at ``/store`` (indirect graph identification).

``?graph=IRI`` names a graph, ``?default`` the default graph; with neither, the request is about
the whole dataset (N-Quads or TriG: GET dumps it, POST adds to it, PUT replaces it). Reads need
no token, writes need the write token. Status codes follow the protocol: 200 for a read, 201 when
a write creates a graph, 204 otherwise, 404 for a graph that does not exist.
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from govkg.api.deps import SettingsDep, StoreDep
from govkg.api.sparql.dataset import replace_dataset
from govkg.api.sparql.http_io import check_write, error_response, read_body
from govkg.api.sparql.negotiation import DATASET_TYPES, GRAPH_ALIASES, GRAPH_TYPES, choose
from govkg.api.sparql.protocol import ABSOLUTE_IRI, ProtocolError
from govkg.kg.formats import DATASET_FORMATS, GRAPH_FORMATS, media_base
from govkg.kg.kept_findings import forget
from govkg.kg.store import Store
from govkg.ontology.errors import GovKGError

router = APIRouter(tags=["graph store"])

_ANSWERS = {200: {"description": "the graph (Turtle, N-Triples, RDF/XML, JSON-LD) or the dataset "
                                 "(N-Quads, TriG), by Accept", "content": {"text/turtle": {}}},
            201: {"description": "the write created the graph"}, 204: {"description": "done"},
            400: {"description": "bad graph IRI or unparsable body"}, 401: {"description": "no valid write token"},
            403: {"description": "the service is read-only"}, 404: {"description": "no such graph"},
            413: {"description": "body too large"}, 415: {"description": "unsupported Content-Type"}}


class Target:
    """What a request is about: a named graph (``iri``), the default graph, or the dataset."""

    def __init__(self, request: Request) -> None:
        params = request.query_params
        graphs = params.getlist("graph")
        if len(graphs) > 1 or (graphs and "default" in params):
            raise ProtocolError(400, "name one graph: either ?graph=IRI or ?default")
        if graphs and not ABSOLUTE_IRI.fullmatch(graphs[0]):
            raise ProtocolError(400, f"?graph= needs an absolute IRI, not {graphs[0]!r}")
        self.iri: str | None = graphs[0] if graphs else None
        self.dataset = not graphs and "default" not in params

    def formats(self) -> dict:
        return {**GRAPH_FORMATS, **DATASET_FORMATS} if self.dataset else GRAPH_FORMATS


@router.get("/store", response_class=Response, responses=_ANSWERS,
            summary="Read a graph (?graph=IRI, ?default) or the whole dataset")
@router.head("/store", response_class=Response, include_in_schema=False)
async def store_get(request: Request, store: StoreDep) -> Response:
    try:
        target = Target(request)
        accept = request.headers.get("accept")
        if target.dataset:
            media_type = choose(accept, DATASET_TYPES, aliases={})
            body = await run_in_threadpool(store.dump, media_type or DATASET_TYPES[0]) if media_type else None
        else:
            media_type = choose(accept, GRAPH_TYPES, aliases=GRAPH_ALIASES)
            body = await run_in_threadpool(store.graph_get, target.iri, media_type) if media_type else None
        if body is None:
            raise ProtocolError(406, f"no format offered here matches Accept: {accept}")
        return Response(body, media_type=media_type, headers={"Vary": "Accept"})
    except (ProtocolError, GovKGError) as exc:
        return error_response(exc)


@router.put("/store", response_class=Response, responses=_ANSWERS,
            summary="Replace a graph (or the whole dataset) with the body")
async def store_put(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    return await _write(request, store, settings, replace=True)


@router.post("/store", response_class=Response, responses=_ANSWERS,
             summary="Add the body to a graph (or to the dataset)")
async def store_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    return await _write(request, store, settings, replace=False)


@router.delete("/store", response_class=Response, responses=_ANSWERS, summary="Drop a graph")
async def store_delete(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    try:
        target = Target(request)
        check_write(request, settings)
        if target.dataset:
            raise ProtocolError(400, "DELETE needs ?graph=IRI or ?default")
        await run_in_threadpool(store.graph_delete, target.iri)
        await run_in_threadpool(forget, store, [target.iri] if target.iri else None)
        return Response(status_code=204)
    except (ProtocolError, GovKGError) as exc:
        return error_response(exc)


async def _write(request: Request, store: Store, settings, *, replace: bool) -> Response:
    try:
        target = Target(request)
        check_write(request, settings)
        declared = media_base(request.headers.get("content-type") or "")
        media_type = GRAPH_ALIASES.get(declared, declared)
        if media_type not in target.formats():
            raise ProtocolError(415, f"unsupported Content-Type {media_type or '(none)'}: "
                                     f"use one of {', '.join(sorted(target.formats()))}")
        body = await read_body(request, settings.max_body_bytes)
        created = await run_in_threadpool(_apply, store, target, body, media_type, replace)
        return Response(status_code=201 if created else 204)
    except (ProtocolError, GovKGError) as exc:
        return error_response(exc)


def _apply(store: Store, target: Target, body: bytes, media_type: str, replace: bool) -> bool:
    """Write ``body`` to the target; whether a named graph was created. Kept gap findings of
    what was written are dropped (of every document for the dataset or the default graph)."""
    if target.dataset:
        if replace:
            replace_dataset(store, body, media_type)
        else:
            store.load(body, media_type)
        forget(store)
        return False
    write = store.graph_put if replace else store.graph_post
    created = write(target.iri, body, media_type)
    forget(store, [target.iri] if target.iri else None)
    return created
