"""/docs (Swagger UI) and /redoc (ReDoc) from assets shipped in the package (app/ui/static/vendor, copied
from their npm packages by scripts/vendor-docs-assets.sh) instead of FastAPI's defaults, which load them
from a CDN and leave the pages blank without internet access."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/ui/static/vendor"  # app/ui/static, as app/ui/routes.py mounts it
router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """The interactive API documentation (Swagger UI)."""
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title} · API docs",
        swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
        # no validator badge: it would send the schema to validator.swagger.io
        swagger_ui_parameters={"validatorUrl": None})


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """The API reference (ReDoc)."""
    return get_redoc_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title} · API reference",
        redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
        redoc_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png", with_google_fonts=False)
