"""Swagger UI and ReDoc served whole by the API itself.

FastAPI's default pages load their JavaScript and CSS from a CDN (and ReDoc its fonts from Google), so they are
blank offline, on a network that blocks the CDN, or under a strict Content-Security-Policy. The assets come from
the pinned `fastapi-offline` wheel (the swagger-ui-dist and redoc bundles) and are answered from
`/api/docs/static/<name>` by this same Lambda: JavaScript and CSS are text, so API Gateway passes them through
without a binary media type. The favicon is inlined as a `data:` URL for the same reason (a PNG would need one).

Every URL a page loads is relative to the request's `root_path`: on the execute-api domain that is the stage
(`/prod/api/docs/static/...`), on a custom domain or the local gateway nothing.
"""

from __future__ import annotations

import base64
import importlib.util
from functools import cache
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from purelift.domain.errors import NotFoundError

DOCS_URL, REDOC_URL, STATIC_URL = "/api/docs", "/api/redoc", "/api/docs/static"
# The only files served, with their media types (an allow-list: no path from the request reaches the disk).
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
}
# The bundles change only with the pinned package: browsers and CDNs in front may keep them a day.
_CACHE_CONTROL = "public, max-age=86400"


def _static_dir() -> Path:
    """The wheel's `static/` folder, found without importing the package (its `__init__` imports StaticFiles and
    more that a cold start has no use for)."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("fastapi-offline is not installed (the `api` extra / layers/common/requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@cache
def _asset(name: str) -> bytes:
    return (_static_dir() / name).read_bytes()


@cache
def _favicon() -> str:
    return "data:image/png;base64," + base64.b64encode(_asset("favicon.png")).decode("ascii")


def install(app: FastAPI) -> None:
    """Add the two pages and their assets to `app` (created with `docs_url=None, redoc_url=None`)."""
    assert app.openapi_url is not None
    openapi_url = app.openapi_url
    # Swagger UI keeps the token given to Authorize across reloads; no validator badge (it calls an outside host).
    parameters = {**(app.swagger_ui_parameters or {}), "persistAuthorization": True, "validatorUrl": None}

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=_favicon(),
            swagger_ui_parameters=parameters,
        )

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=_favicon(),
            with_google_fonts=False,
        )

    @app.get(STATIC_URL + "/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        media_type = ASSETS.get(name)
        if media_type is None:
            raise NotFoundError
        return Response(_asset(name), media_type=media_type, headers={"Cache-Control": _CACHE_CONTROL})
