"""The local WebSocket gateway: what API Gateway (WebSocket API) does, on one port, in one ASGI app.

- `ws://127.0.0.1:{port}/{stage}`: the handshake runs the `$connect` authorizer first (identity from the
  query string, e.g. `?token=`; missing -> 401, `Unauthorized` -> 401, a policy that does not allow the
  `$connect` method ARN -> 403, a failure -> 500), then the `$connect` function (an error or a status of
  400 and more refuses the handshake). Only then is the connection registered, so, as in AWS, nothing can
  be posted to it during its own `$connect`. The authorizer's context rides along in every later event.
- Each text message is routed on the JSON field of `RouteSelectionExpression` (`$request.body.action`),
  else `$default`, else the client gets `{"message": "Forbidden", ...}` (API Gateway's own answer).
  Messages are handled concurrently. A route with a `RouteResponseSelectionExpression` sends the
  function's `body` back; a function error sends `{"message": "Internal server error", ...}`.
- Closing (by the client, or through the management API) runs `$disconnect`.
- The management API at the AWS path shape, `{stage}/@connections/{connection_id}`, on the same port:
  POST delivers the body as one message (413 over 128 KB), GET describes the connection, DELETE closes
  it; an unknown or closed connection answers 410 `GoneException`, so boto3's
  `apigatewaymanagementapi` client raises `GoneException` exactly as in AWS.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, unquote

from purelift.local.asgi import lifespan
from purelift.local.cfn import ACCOUNT, REGION, WebSocketApiSpec
from purelift.local.lambda_runtime import FunctionError, LambdaRuntime
from purelift.local.rest import allows

log = logging.getLogger("purelift.local")
T = TypeVar("T")
MAX_POST = 128 * 1024  # API Gateway's limit for one message
_PREFIX = "/@connections/"


class _DeniedError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(eq=False)
class Connection:
    connection_id: str
    send: Callable[[dict[str, Any]], Any]
    source_ip: str
    user_agent: str | None
    authorizer: Mapping[str, Any] = field(default_factory=dict)
    connected_at: float = field(default_factory=time.time)
    last_active: float = field(default_factory=time.time)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    open: bool = True

    async def deliver(self, payload: bytes) -> bool:
        """Send one message; False when the client is gone."""
        async with self.lock:
            if not self.open:
                return False
            try:
                text = payload.decode("utf-8")
            except UnicodeDecodeError:
                message: dict[str, Any] = {"type": "websocket.send", "bytes": payload}
            else:
                message = {"type": "websocket.send", "text": text}
            try:
                await self.send(message)
            except (OSError, RuntimeError):  # the transport closed under us
                self.open = False
                return False
            return True


class WebSocketGateway:
    """An ASGI application: the WebSocket API of the template and its `@connections` management API."""

    def __init__(self, api: WebSocketApiSpec, runtime: LambdaRuntime, executor: Executor) -> None:
        self.api = api
        self.runtime = runtime
        self.executor = executor
        self.connections: dict[str, Connection] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        elif scope["type"] == "http":
            await self._management(scope, receive, send)
        elif scope["type"] == "lifespan":
            await lifespan(receive, send)

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    # --- connections ---
    def _base_event(self, scope: dict[str, Any], connection_id: str, route_key: str, event_type: str) -> dict[str, Any]:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        now = datetime.now(UTC)
        request_id = str(uuid.uuid4())
        return {
            "requestContext": {
                "routeKey": route_key,
                "eventType": event_type,
                "extendedRequestId": request_id,
                "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
                "messageDirection": "IN",
                "stage": self.api.stage,
                "connectedAt": int(now.timestamp() * 1000),
                "requestTimeEpoch": int(now.timestamp() * 1000),
                "identity": {
                    "sourceIp": (scope.get("client") or ("127.0.0.1", 0))[0],
                    "userAgent": headers.get("user-agent"),
                },
                "requestId": request_id,
                "domainName": headers.get("host", "127.0.0.1"),
                "connectionId": connection_id,
                "apiId": self.api.api_id,
            },
            "isBase64Encoded": False,
        }

    async def _websocket(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        connection_id = base64.urlsafe_b64encode(os.urandom(11)).decode("ascii")
        event = self._base_event(scope, connection_id, "$connect", "CONNECT")
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
        event["headers"] = headers
        event["multiValueHeaders"] = {k: [v] for k, v in headers.items()}
        event["queryStringParameters"] = query or None
        event["multiValueQueryStringParameters"] = {k: [v] for k, v in query.items()} or None
        try:
            if scope["path"].rstrip("/") != f"/{self.api.stage}":
                raise _DeniedError(403, "Forbidden")
            context = await self._run(self._authorize, event)
            event["requestContext"]["authorizer"] = context
            if "$connect" in self.api.routes:
                await self._run(self._connect, event)
        except _DeniedError as denied:
            await _deny(scope, send, denied)
            return
        await send({"type": "websocket.accept"})
        identity = event["requestContext"]["identity"]
        connection = Connection(connection_id, send, identity["sourceIp"], identity["userAgent"], context)
        self.connections[connection_id] = connection
        code = 1005
        try:
            while True:
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    code = int(message.get("code") or 1005)
                    break
                if message["type"] == "websocket.receive":
                    connection.last_active = time.time()
                    task = asyncio.create_task(self._message(scope, connection, message))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
        finally:
            connection.open = False
            self.connections.pop(connection_id, None)
            if "$disconnect" in self.api.routes:
                gone = self._base_event(scope, connection_id, "$disconnect", "DISCONNECT")
                gone["headers"] = headers
                gone["requestContext"]["authorizer"] = context
                gone["requestContext"]["disconnectStatusCode"] = code
                gone["requestContext"]["disconnectReason"] = ""
                await self._run(self._quiet_invoke, "$disconnect", gone)

    def _authorize(self, event: dict[str, Any]) -> dict[str, Any]:
        if self.api.connect_authorizer is None:
            return {}
        if self.api.identity_query and not (event["queryStringParameters"] or {}).get(self.api.identity_query):
            raise _DeniedError(401, "Unauthorized")
        method_arn = f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{self.api.api_id}/{self.api.stage}/$connect"
        request = {"type": "REQUEST", "methodArn": method_arn, "stageVariables": {}, **event}
        try:
            answer = self.runtime.invoke(self.api.connect_authorizer, request)
        except FunctionError as exc:
            raise _DeniedError(401 if exc.message == "Unauthorized" else 500, exc.message) from exc
        try:
            statements = list(answer["policyDocument"]["Statement"])
            context = {
                k: v for k, v in (answer.get("context") or {}).items() if isinstance(v, str | int | float | bool)
            }
            principal = str(answer["principalId"])
        except (KeyError, TypeError) as exc:
            raise _DeniedError(500, "Internal server error") from exc
        if not allows(statements, method_arn):
            raise _DeniedError(403, "Forbidden")
        return {**context, "principalId": principal}

    def _connect(self, event: dict[str, Any]) -> None:
        try:
            answer = self.runtime.invoke(self.api.routes["$connect"], event)
        except FunctionError as exc:
            raise _DeniedError(500, "Internal server error") from exc
        status = int(answer.get("statusCode", 200)) if isinstance(answer, dict) else 200
        if status >= 400:
            raise _DeniedError(status, "Forbidden")

    def _quiet_invoke(self, route_key: str, event: dict[str, Any]) -> Any:
        try:
            return self.runtime.invoke(self.api.routes[route_key], event)
        except FunctionError:
            return None  # already logged by the runtime; nobody is there to tell

    async def _message(self, scope: dict[str, Any], connection: Connection, message: dict[str, Any]) -> None:
        text, data = message.get("text"), message.get("bytes")
        route_key = "$default"
        if text is not None:
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            selected = parsed.get(self.api.selection_key) if isinstance(parsed, dict) else None
            if isinstance(selected, str) and selected in self.api.routes:
                route_key = selected
        event = self._base_event(scope, connection.connection_id, route_key, "MESSAGE")
        event["requestContext"]["messageId"] = base64.urlsafe_b64encode(os.urandom(6)).decode("ascii")
        event["requestContext"]["authorizer"] = dict(connection.authorizer)
        event["requestContext"]["connectedAt"] = int(connection.connected_at * 1000)
        event["body"] = text if text is not None else base64.b64encode(data or b"").decode("ascii")
        event["isBase64Encoded"] = text is None
        request_id = event["requestContext"]["requestId"]
        if route_key not in self.api.routes:
            await connection.deliver(_gateway_message("Forbidden", connection.connection_id, request_id))
            return
        try:
            answer = await self._run(self.runtime.invoke, self.api.routes[route_key], event)
        except FunctionError:
            await connection.deliver(_gateway_message("Internal server error", connection.connection_id, request_id))
            return
        if route_key in self.api.two_way and isinstance(answer, dict) and answer.get("body") is not None:
            await connection.deliver(str(answer["body"]).encode("utf-8"))

    # --- the management API ---
    async def _management(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body") or len(body) > MAX_POST:
                break
        path: str = scope["path"]
        prefix = f"/{self.api.stage}{_PREFIX}"
        if not path.startswith(prefix) or "/" in path[len(prefix) :]:
            await _respond(send, 404, {"message": "Not Found"}, "NotFoundException")
            return
        connection = self.connections.get(unquote(path[len(prefix) :]))
        method = scope["method"]
        if connection is None or not connection.open:
            await _respond(send, 410, {"message": None}, "GoneException")
        elif method == "POST":
            if len(body) > MAX_POST:
                await _respond(send, 413, {"message": "Message too long"}, "PayloadTooLargeException")
            elif await connection.deliver(bytes(body)):
                await _respond(send, 200, None)
            else:
                await _respond(send, 410, {"message": None}, "GoneException")
        elif method == "GET":
            described = {
                "connectedAt": _iso(connection.connected_at),
                "identity": {"sourceIp": connection.source_ip, "userAgent": connection.user_agent},
                "lastActiveAt": _iso(connection.last_active),
            }
            await _respond(send, 200, described)
        elif method == "DELETE":
            async with connection.lock:
                if connection.open:
                    connection.open = False
                    with contextlib.suppress(OSError, RuntimeError):  # already closing
                        await connection.send({"type": "websocket.close", "code": 1000})
            await _respond(send, 204, None)
        else:
            await _respond(send, 405, {"message": "Method Not Allowed"}, "MethodNotAllowedException")


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def _gateway_message(text: str, connection_id: str, request_id: str) -> bytes:
    return json.dumps({"message": text, "connectionId": connection_id, "requestId": request_id}).encode()


async def _respond(send: Any, status: int, payload: Any, error_type: str | None = None) -> None:
    body = b"" if payload is None else json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"x-amzn-requestid", str(uuid.uuid4()).encode())]
    if error_type:
        headers.append((b"x-amzn-errortype", error_type.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _deny(scope: dict[str, Any], send: Any, denied: _DeniedError) -> None:
    """Refuse the handshake with an HTTP status (ASGI's denial response), else a plain close (403)."""
    if "websocket.http.response" in (scope.get("extensions") or {}):
        body = json.dumps({"message": denied.message}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "websocket.http.response.start", "status": denied.status, "headers": headers})
        await send({"type": "websocket.http.response.body", "body": body})
    else:
        await send({"type": "websocket.close", "code": 1008})
