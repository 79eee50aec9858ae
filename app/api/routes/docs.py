"""/docs (Swagger UI) and /redoc (ReDoc) from assets shipped in the package (app/ui/static/vendor, copied
from their npm packages by scripts/vendor-docs-assets.sh) instead of FastAPI's defaults, which load them
from a CDN and leave the pages blank without internet access."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/ui/static/vendor"  # app/ui/static, as app/ui/routes.py mounts it
# the pages reach no other host: FastAPI's pages start the tools with an inline script, ReDoc writes
# its styles inline and runs a worker from a blob, and its sidebar would fetch Redocly's logo from
# their CDN (it hides the image when the fetch fails, as it does here)
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
router = APIRouter(include_in_schema=False)


def _own_host_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CSP
    return page


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """The interactive API documentation (Swagger UI)."""
    return _own_host_only(get_swagger_ui_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title} · API docs",
        swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
        # no validator badge: it would send the schema to validator.swagger.io
        swagger_ui_parameters={"validatorUrl": None}))


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """The API reference (ReDoc)."""
    return _own_host_only(get_redoc_html(
        openapi_url=request.app.openapi_url, title=f"{request.app.title} · API reference",
        redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
        redoc_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png", with_google_fonts=False))
