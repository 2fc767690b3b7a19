"""The one mapping from named errors to HTTP, and the JSON error body
`{"error": {"code", "message", "request_id"}}` (SPEC §3). Nothing internal reaches a client."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from purelift.domain import errors as e

log = logging.getLogger(__name__)

STATUS: dict[type[e.PureliftError], int] = {
    e.BadRequestError: 400,
    e.UnauthenticatedError: 401,
    e.ForbiddenError: 403,
    e.NotFoundError: 404,
    e.ConflictError: 409,
    e.PayloadTooLargeError: 413,
    e.ServiceUnavailableError: 503,
}


def status_of(error: e.PureliftError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "unknown")


def error_response(
    request: Request, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    rid = request_id(request)
    return JSONResponse(
        status_code=status,
        content={"error": {"code": code, "message": message, "request_id": rid}},
        headers={**(headers or {}), "X-Request-Id": rid},
    )


async def _named(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, e.PureliftError)
    status = status_of(exc)
    if status >= 500:
        log.warning("%s: %s", type(exc).__name__, exc.__cause__.__class__.__name__ if exc.__cause__ else "-")
    return error_response(request, status, exc.code, exc.message)


def _validation_message(exc: RequestValidationError) -> tuple[int, str, str]:
    """Malformed JSON and bad query/path/header values are 400; a well-formed body of the wrong shape is 422."""
    problems = list(exc.errors())
    if any(p.get("type") == "json_invalid" for p in problems):
        return 400, "malformed_json", "The request body is not valid JSON."
    parts = []
    for p in problems[:5]:
        where = ".".join(str(x) for x in p.get("loc", ()) if x != "body") or "body"
        parts.append(f"{where}: {p.get('msg', 'invalid')}")
    message = "; ".join(parts) or "Invalid request."
    if all(p.get("loc", ("body",))[0] == "body" for p in problems):
        return 422, "validation_error", message
    return 400, "bad_request", message


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    status, code, message = _validation_message(exc)
    return error_response(request, status, code, message)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large", 429: "throttled"}


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "bad_request" if exc.status_code < 500 else "internal_error")
    message = "Not found." if exc.status_code == 404 else str(exc.detail) if exc.status_code < 500 else "Error."
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    return error_response(request, exc.status_code, code, message, headers)


def allowed_methods(request: Request) -> str:
    """Every method the request's path has (RFC 9110 requires `Allow` on a 405). Starlette's own header names
    only the first route that matched the path, and a path with GET and POST is two routes: ask the router
    which methods would fully match."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error (request %s)", request_id(request))
    return error_response(request, 500, "internal_error", "Internal error.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(e.PureliftError, _named)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
