"""The FastAPI application: SPARQL endpoint, REST resources and web pages over one Store."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from govkg.api import installed_version
from govkg.api.client_watch import CancelOnLeave
from govkg.api.limits import BodyLimit, body_cap
from govkg.api.routers import ROUTERS
from govkg.api.routers.sparql import SPARQL_ENDPOINTS
from govkg.api.settings import Settings, get_settings
from govkg.api.sparql.at_once import AtOnce
from govkg.api.sparql.fast_path import SparqlFastPath
from govkg.api.write_gate import WriteGate
from govkg.kg.store import Store
from govkg.ontology.errors import GovKGError, NotFound, QueryError, StoreError

ERROR_STATUS: list[tuple[type[GovKGError], int]] = [
    (NotFound, 404), (QueryError, 400), (StoreError, 503), (GovKGError, 422),
]


class Service(FastAPI):
    """The service: a FastAPI app whose ``/sparql`` answers a proven-light query before any of its
    layers (``govkg.api.sparql.at_once``) when ``at_once`` is set; every other request, and every
    other query, goes through them all."""

    at_once: AtOnce | None = None

    async def __call__(self, scope, receive, send) -> None:
        if self.at_once is not None and scope["type"] == "http" and scope["path"] == "/sparql":
            receive = await self.at_once(scope, receive, send)
            if receive is None:
                return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, store: Store | None = None) -> Service:
    """Build the app over ``store`` (opened from ``settings.store`` when not given)."""
    settings = settings or get_settings()
    if store is None:
        from govkg.kg import open_store
        store = open_store(settings.store, update_endpoint=settings.update_endpoint,
                           query_timeout=settings.service_query_timeout,
                           max_answer_bytes=settings.max_answer_bytes, query_workers=settings.query_workers,
                           service_workers=settings.service_workers)
        store.warm_up()         # the service's own store: its query workers start now, not under a query
    # the interactive /docs and /redoc pages load their scripts from a CDN: off; /openapi.json stays
    app = Service(title="govkg", version=installed_version(), docs_url=None, redoc_url=None,
                  description="Who must, must not, or may do what — and where nobody clearly is.")
    app.state.settings = settings
    app.state.store = store
    for router in ROUTERS:
        app.include_router(router)
    _add_error_handlers(app)
    app.add_middleware(SparqlFastPath, endpoints=SPARQL_ENDPOINTS)      # innermost: past every check above
    app.add_middleware(CancelOnLeave)
    app.add_middleware(BodyLimit, max_bytes=body_cap(settings))
    app.add_middleware(WriteGate, settings=settings)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST"], allow_headers=["*"])
    else:                       # with CORS, every answer needs its headers: no short way
        app.at_once = AtOnce(settings, store)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(GovKGError)
    async def govkg_error(_: Request, exc: GovKGError) -> JSONResponse:
        status = next(code for cls, code in ERROR_STATUS if isinstance(exc, cls))
        return JSONResponse({"error": str(exc), "kind": type(exc).__name__}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and request.url.path.startswith("/view"):
            from govkg.api.routers.pages import page_not_found     # the pages answer a person: an HTML page
            return page_not_found(request)
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": "invalid request", "detail": jsonable_encoder(exc.errors())}, status_code=422)
