"""What listens on the local REST port (`http://127.0.0.1:8000`): the web app and the REST gateway on one origin.

In AWS the web app comes from CloudFront and the API from API Gateway; locally one port serves both, so the app
needs no CORS for its API calls:

| request                                                | answered by                                        |
|--------------------------------------------------------|----------------------------------------------------|
| GET `/api/v1/dev/identities`, POST `/api/v1/dev/token` | the dev sign-in (`local.devauth`), local only      |
| anything else under `/api/` (and `/api` itself)        | the REST gateway (`local.rest`), unchanged         |
| a path some route of the template takes, elsewhere     | the REST gateway                                   |
| GET or HEAD of any other path                          | the web app (`local.web`), `/config.json` included |
| any other method on any other path                     | the REST gateway (403 "Missing Authentication Token") |

The dev paths' other methods are 405 (`OPTIONS` goes to the gateway, which answers CORS preflights from the
template's `Cors`, so a dev server on another port can sign in too).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

from purelift.local.asgi import lifespan
from purelift.local.devauth import IDENTITIES_PATH, TOKEN_PATH, DevSignIn, DevSignInError
from purelift.local.rest import RestGateway
from purelift.local.web import WebResponse, WebSite

MAX_DEV_BODY = 16 * 1024
_DEV_METHODS = {IDENTITIES_PATH: "GET", TOKEN_PATH: "POST"}


class LocalFront:
    """An ASGI application in front of `RestGateway`."""

    def __init__(self, gateway: RestGateway, site: WebSite, sign_in: DevSignIn) -> None:
        self.gateway = gateway
        self.site = site
        self.sign_in = sign_in
        self.allow_origin = str(gateway.api.cors.get("AllowOrigin", "*")) if gateway.api.cors else "*"

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        raw_path = (scope.get("raw_path") or path.encode("utf-8")).decode("latin-1")
        if path in _DEV_METHODS and method != "OPTIONS":
            response = await self._dev(path, method, receive)
        elif self._for_gateway(path, raw_path, method):
            await self.gateway(scope, receive, send)
            return
        else:
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
            loop = asyncio.get_running_loop()
            response = await loop.run_in_executor(self.gateway.executor, self.site.answer, path, headers)
            if method == "HEAD":
                response = WebResponse(
                    response.status, [*response.headers, ("Content-Length", str(len(response.body)))], b""
                )
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response.headers]
        await send({"type": "http.response.start", "status": response.status, "headers": raw})
        await send({"type": "http.response.body", "body": response.body})

    def _for_gateway(self, path: str, raw_path: str, method: str) -> bool:
        if path == "/api" or path.startswith("/api/") or method not in ("GET", "HEAD"):
            return True
        return self.gateway.has_route(raw_path)

    async def _dev(self, path: str, method: str, receive: Any) -> WebResponse:
        request_id = str(uuid.uuid4())
        headers = [
            ("Content-Type", "application/json"),
            ("Cache-Control", "no-store"),
            ("Access-Control-Allow-Origin", self.allow_origin),
            ("X-Request-Id", request_id),
        ]
        if method != _DEV_METHODS[path]:
            error = DevSignInError(405, "method_not_allowed", f"{path} takes {_DEV_METHODS[path]} only.")
            return _error(error, request_id, [*headers, ("Allow", _DEV_METHODS[path])])
        try:
            if path == IDENTITIES_PATH:
                body = self.sign_in.identities()
            else:
                body = self.sign_in.token(await _read_body(receive))
        except DevSignInError as error:
            return _error(error, request_id, headers)
        return WebResponse(200, headers, json.dumps(body).encode())


async def _read_body(receive: Any) -> bytes:
    body = bytearray()
    while True:
        message = await receive()
        body += message.get("body", b"")
        if len(body) > MAX_DEV_BODY:
            raise DevSignInError(413, "payload_too_large", "The request body is too large.")
        if not message.get("more_body"):
            return bytes(body)


def _error(error: DevSignInError, request_id: str, headers: list[tuple[str, str]]) -> WebResponse:
    body = {"error": {"code": error.code, "message": error.message, "request_id": request_id}}
    return WebResponse(error.status, headers, json.dumps(body).encode())
