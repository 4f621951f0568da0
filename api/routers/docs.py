"""Routes: /docs, the interactive page of the REST API, with Swagger UI served by govkg itself
(FastAPI's default page would load it from a CDN)."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = "/static/swagger"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static" / "swagger"

router = APIRouter()
router.mount(STATIC, StaticFiles(directory=STATIC_DIR), name="swagger-static")


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/openapi.json", title="govkg — REST API",
                               swagger_js_url=f"{STATIC}/swagger-ui-bundle.js",
                               swagger_css_url=f"{STATIC}/swagger-ui.css",
                               swagger_favicon_url=f"{STATIC}/favicon-32x32.png")
