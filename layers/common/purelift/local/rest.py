"""The local REST gateway: what API Gateway (REST, Lambda proxy integration) does with an HTTP request.

- Route selection over the template's `Api` events: the most specific path wins (more literal segments,
  then a named parameter before a greedy `{proxy+}`), an exact method before `ANY`; no route -> 403
  "Missing Authentication Token", as API Gateway answers.
- CORS preflights (`OPTIONS`) are answered by the gateway from the API's `Cors` setting, without the authorizer.
- The REQUEST authorizer runs first: no identity header -> 401 without calling it; it raises
  `Unauthorized` -> 401; its policy denies (or does not cover) the method ARN -> 403; it fails otherwise
  -> 500. Allowed policies are cached per identity value for `ReauthorizeEvery` seconds, and their
  `context` reaches the function as `requestContext.authorizer`. Refusals use the template's
  `GatewayResponses` (status, headers and body template).
- The proxy event carries headers, multi-value headers and query strings, path parameters, a request
  context (request id, stage, resource, identity) and the body, base64-encoded when its content type is one
  of the API's `BinaryMediaTypes`; the function's answer (status, headers, multi-value headers, base64
  bodies) goes back as is. A function error or a malformed answer -> 502.
- Payload limits, where API Gateway and Lambda enforce them: a request body over 10 MB -> 413 "Request Too Long"
  (API Gateway's own limit); a proxy event whose JSON is over Lambda's 6 MB (`LAMBDA_PAYLOAD_MAX`: a 4.8 MB file
  already is, once base64-encoded) -> 413 "Request Too Long", the function never invoked; a function answer whose
  JSON is over 6 MB (Lambda's `Function.ResponseSizeTooLarge`) -> 502 "Internal server error".

The gateway serves at the root (`http://127.0.0.1:8000/api/v1/...`), as a custom domain does; the stage
still appears in the request context and the method ARN.
"""

from __future__ import annotations

import asyncio
import base64
import fnmatch
import json
import logging
import re
import time
import uuid
from collections.abc import Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, unquote

from purelift.local.asgi import lifespan
from purelift.local.cfn import ACCOUNT, REGION, RestApiSpec, RestAuthorizer, RestRoute
from purelift.local.lambda_runtime import FunctionError, LambdaRuntime

log = logging.getLogger("purelift.local")
MAX_BODY = 10 * 1024 * 1024  # API Gateway's payload limit
# Lambda's synchronous invocation limit on the event and on the answer, each measured as JSON (6 MiB + 100 bytes:
# the figure Lambda's own error message gives).
LAMBDA_PAYLOAD_MAX = 6 * 1024 * 1024 + 100
Headers = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class HttpRequest:
    method: str
    path: str
    query: str
    headers: Headers
    body: bytes
    client: str = "127.0.0.1"
    host: str = "127.0.0.1"


@dataclass(slots=True)
class HttpResponse:
    status: int
    headers: Headers = field(default_factory=list)
    body: bytes = b""


@dataclass(frozen=True, slots=True)
class _Allowed:
    principal: str
    context: Mapping[str, Any]
    statements: list[Mapping[str, Any]]
    expires: float


class _RefusedError(Exception):
    def __init__(self, kind: str, status: int, message: str) -> None:
        super().__init__(message)
        self.kind, self.status, self.message = kind, status, message


class RestGateway:
    """An ASGI application answering like API Gateway in front of the template's functions."""

    def __init__(self, api: RestApiSpec, runtime: LambdaRuntime, executor: Executor) -> None:
        self.api = api
        self.runtime = runtime
        self.executor = executor
        self._policies: dict[tuple[str, str], _Allowed] = {}
        self.routes = sorted(
            api.routes,
            key=lambda r: (-r.literal_segments, "+}" in r.path, r.method == "ANY"),
        )

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body") or len(body) > MAX_BODY:
                break
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        host = next((v for k, v in headers if k == "host"), "127.0.0.1")
        client = (scope.get("client") or ("127.0.0.1", 0))[0]
        # Routes match the path as sent (an encoded `/` stays inside its parameter), as API Gateway does.
        raw = scope.get("raw_path") or scope["path"].encode("utf-8")
        path = raw.decode("latin-1")
        request = HttpRequest(
            scope["method"], path, scope["query_string"].decode("latin-1"), headers, bytes(body), client, host
        )
        response = await asyncio.get_running_loop().run_in_executor(self.executor, self.handle, request)
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response.headers]
        await send({"type": "http.response.start", "status": response.status, "headers": raw})
        await send({"type": "http.response.body", "body": response.body})

    # --- the gateway, synchronous (runs in the executor) ---
    def handle(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        try:
            if len(request.body) > MAX_BODY:
                raise _RefusedError("REQUEST_TOO_LARGE", 413, "Request Too Long")
            if request.method == "OPTIONS" and self.api.cors and self._match(request.path, None):
                return self._preflight()
            found = self._match(request.path, request.method)
            if found is None:
                raise _RefusedError("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token")
            route, params = found
            event = self._event(request, route, params, request_id)
            if route.authorizer is not None:
                event["requestContext"]["authorizer"] = self._authorize(route.authorizer, event)
            return self._invoke(route, event, request_id)
        except _RefusedError as refused:
            return self.gateway_response(refused.kind, refused.status, refused.message, request_id)

    def has_route(self, raw_path: str) -> bool:
        """Whether some route of the template takes `raw_path` (as sent, any method)."""
        return self._match(raw_path, None) is not None

    def _match(self, path: str, method: str | None) -> tuple[RestRoute, dict[str, str]] | None:
        for route in self.routes:
            if method is not None and route.method not in ("ANY", method):
                continue
            matched = route.pattern.fullmatch(path)
            if matched:
                return route, {k: unquote(v) for k, v in matched.groupdict().items()}
        return None

    def _preflight(self) -> HttpResponse:
        cors = self.api.cors
        headers = [("Access-Control-Allow-Origin", cors.get("AllowOrigin", "*"))]
        if "AllowHeaders" in cors:
            headers.append(("Access-Control-Allow-Headers", cors["AllowHeaders"]))
        if "AllowMethods" in cors:
            headers.append(("Access-Control-Allow-Methods", cors["AllowMethods"]))
        if "MaxAge" in cors:
            headers.append(("Access-Control-Max-Age", cors["MaxAge"]))
        return HttpResponse(200, [*headers, ("Content-Type", "application/json")], b"{}")

    def method_arn(self, method: str, path: str) -> str:
        return f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{self.api.api_id}/{self.api.stage}/{method}{path}"

    def _event(self, request: HttpRequest, route: RestRoute, params: dict[str, str], request_id: str) -> dict[str, Any]:
        headers: dict[str, str] = {}
        multi_headers: dict[str, list[str]] = {}
        for key, value in request.headers:
            headers[key] = value
            multi_headers.setdefault(key, []).append(value)
        query: dict[str, str] = {}
        multi_query: dict[str, list[str]] = {}
        for key, value in parse_qsl(request.query, keep_blank_values=True):
            query[key] = value
            multi_query.setdefault(key, []).append(value)
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        binary = any(fnmatch.fnmatch(content_type, t.lower()) for t in self.api.binary_media_types)
        if not request.body:
            body: str | None = None
        elif binary:
            body = base64.b64encode(request.body).decode("ascii")
        else:
            body = request.body.decode("utf-8", errors="replace")
        now = datetime.now(UTC)
        return {
            "resource": route.path,
            "path": unquote(request.path),
            "httpMethod": request.method,
            "headers": headers or None,
            "multiValueHeaders": multi_headers or None,
            "queryStringParameters": query or None,
            "multiValueQueryStringParameters": multi_query or None,
            "pathParameters": params or None,
            "stageVariables": None,
            "requestContext": {
                "resourceId": "local",
                "resourcePath": route.path,
                "httpMethod": request.method,
                "extendedRequestId": request_id,
                "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
                "path": unquote(request.path),
                "accountId": ACCOUNT,
                "protocol": "HTTP/1.1",
                "stage": self.api.stage,
                "domainPrefix": request.host.split(".")[0],
                "requestTimeEpoch": int(now.timestamp() * 1000),
                "requestId": request_id,
                "identity": {"sourceIp": request.client, "userAgent": headers.get("user-agent")},
                "domainName": request.host,
                "apiId": self.api.api_id,
            },
            "body": body,
            "isBase64Encoded": binary and body is not None,
        }

    def _authorize(self, authorizer: RestAuthorizer, event: dict[str, Any]) -> dict[str, Any]:
        identity = next((v for k, v in event["headers"].items() if k.lower() == authorizer.header.lower()), None)
        if not identity:
            raise _RefusedError("UNAUTHORIZED", 401, "Unauthorized")
        method_arn = self.method_arn(event["httpMethod"], event["path"])
        started = time.monotonic()
        cached = self._policies.get((authorizer.function, identity))
        if cached is None or cached.expires <= started:
            cached = self._call_authorizer(authorizer, event, method_arn)
            if authorizer.ttl > 0:
                self._policies[(authorizer.function, identity)] = cached
        if not allows(cached.statements, method_arn):
            raise _RefusedError("ACCESS_DENIED", 403, "User is not authorized to access this resource")
        latency = int((time.monotonic() - started) * 1000)
        return {**cached.context, "principalId": cached.principal, "integrationLatency": latency}

    def _call_authorizer(self, authorizer: RestAuthorizer, event: dict[str, Any], method_arn: str) -> _Allowed:
        request = {
            "type": "REQUEST",
            "methodArn": method_arn,
            **{k: event[k] for k in ("resource", "path", "httpMethod", "headers", "multiValueHeaders")},
            **{k: event[k] for k in ("queryStringParameters", "multiValueQueryStringParameters", "pathParameters")},
            "stageVariables": event["stageVariables"],
            "requestContext": event["requestContext"],
        }
        try:
            answer = self.runtime.invoke(authorizer.function, request)
        except FunctionError as exc:
            if exc.message == "Unauthorized":
                raise _RefusedError("UNAUTHORIZED", 401, "Unauthorized") from exc
            raise _RefusedError("AUTHORIZER_FAILURE", 500, "Internal server error") from exc
        try:
            statements = answer["policyDocument"]["Statement"]
            principal = str(answer["principalId"])
            context = {
                k: v for k, v in (answer.get("context") or {}).items() if isinstance(v, str | int | float | bool)
            }
        except (KeyError, TypeError) as exc:
            raise _RefusedError("AUTHORIZER_CONFIGURATION_ERROR", 500, "Internal server error") from exc
        return _Allowed(principal, context, list(statements), time.monotonic() + authorizer.ttl)

    def _invoke(self, route: RestRoute, event: dict[str, Any], request_id: str) -> HttpResponse:
        if _json_size(event) > LAMBDA_PAYLOAD_MAX:
            log.warning("%s not invoked: the event is over Lambda's %d bytes", route.function, LAMBDA_PAYLOAD_MAX)
            raise _RefusedError("REQUEST_TOO_LARGE", 413, "Request Too Long")
        try:
            answer = self.runtime.invoke(route.function, event)
            if _json_size(answer) > LAMBDA_PAYLOAD_MAX:
                log.warning(
                    "%s failed: Function.ResponseSizeTooLarge (its answer is over Lambda's %d bytes)",
                    route.function,
                    LAMBDA_PAYLOAD_MAX,
                )
                raise _RefusedError("DEFAULT_5XX", 502, "Internal server error")
            status = int(answer["statusCode"])
            headers: Headers = [(str(k), str(v)) for k, v in (answer.get("headers") or {}).items()]
            for key, values in (answer.get("multiValueHeaders") or {}).items():
                headers = [h for h in headers if h[0].lower() != str(key).lower()]
                headers += [(str(key), str(v)) for v in values]
            raw = answer.get("body") or ""
            body = base64.b64decode(raw) if answer.get("isBase64Encoded") else str(raw).encode("utf-8")
        except FunctionError:
            raise _RefusedError("DEFAULT_5XX", 502, "Internal server error") from None
        except (KeyError, TypeError, ValueError):
            raise _RefusedError("DEFAULT_5XX", 502, "Internal server error") from None
        if not any(k.lower() == "x-amzn-requestid" for k, _ in headers):
            headers.append(("x-amzn-RequestId", request_id))
        return HttpResponse(status, headers, body)

    def gateway_response(self, kind: str, status: int, message: str, request_id: str) -> HttpResponse:
        """API Gateway's own answer, shaped by the template's `GatewayResponses` (the DEFAULT_4XX/5XX fallbacks)."""
        responses = self.api.gateway_responses
        spec = responses.get(kind) or responses.get("DEFAULT_4XX" if status < 500 else "DEFAULT_5XX") or {}
        status = int(spec.get("StatusCode", status)) if kind in responses else status
        headers = [
            (str(k), str(v).strip("'"))
            for k, v in ((spec.get("ResponseParameters") or {}).get("Headers") or {}).items()
        ]
        template = (spec.get("ResponseTemplates") or {}).get(
            "application/json"
        ) or '{"message":$context.error.messageString}'
        body = (
            str(template)
            .replace("$context.requestId", request_id)
            .replace("$context.error.messageString", json.dumps(message))
            .replace("$context.error.message", message)
        )
        headers += [("Content-Type", "application/json"), ("x-amzn-RequestId", request_id), ("x-amzn-ErrorType", kind)]
        return HttpResponse(status, headers, body.encode("utf-8"))


def _json_size(payload: Any) -> int:
    """The size of `payload` as Lambda measures it: its JSON serialisation, in bytes."""
    return len(json.dumps(payload).encode("utf-8"))


def allows(statements: list[Mapping[str, Any]], method_arn: str) -> bool:
    """IAM evaluation, as far as an authorizer policy goes: an explicit Deny wins, then any Allow."""
    allowed = False
    for statement in statements:
        actions = statement.get("Action", [])
        resources = statement.get("Resource", [])
        actions = [actions] if isinstance(actions, str) else actions
        resources = [resources] if isinstance(resources, str) else resources
        if not any(_glob(a, "execute-api:Invoke") for a in actions):
            continue
        if any(_glob(r, method_arn) for r in resources):
            if statement.get("Effect") == "Deny":
                return False
            allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


def _glob(pattern: str, text: str) -> bool:
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in str(pattern))
    return re.fullmatch(regex, text) is not None
