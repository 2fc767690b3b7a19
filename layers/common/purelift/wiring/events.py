"""Reading API Gateway WebSocket and Step Functions events: the edge of the WebSocket and pipeline functions
(the REST function's events are read by FastAPI, through Mangum)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from purelift.domain.model import Identity, Role
from purelift.services.realtime import RealtimeService, RouteReply
from purelift.settings import realtime_settings
from purelift.wiring.pipeline import realtime


def connection_id(event: Mapping[str, Any]) -> str:
    return str(event["requestContext"]["connectionId"])


def identity(event: Mapping[str, Any]) -> Identity | None:
    """The caller as the `$connect` authorizer established it (API Gateway repeats it on every route)."""
    context = (event.get("requestContext") or {}).get("authorizer") or {}
    user_id, role = context.get("user_id"), context.get("role")
    if not user_id or role not in {r.value for r in Role}:
        return None
    return Identity(str(user_id), Role(role), context.get("email") or None)


def body(event: Mapping[str, Any]) -> dict[str, Any]:
    """The client's JSON message; anything that is not a JSON object reads as an empty message."""
    try:
        data = json.loads(event.get("body") or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def job_id(event: Mapping[str, Any]) -> str:
    value = body(event).get("job_id")
    return value if isinstance(value, str) else ""


def endpoint(event: Mapping[str, Any]) -> str:
    """The management endpoint of the API that sent the event (used when WEBSOCKET_ENDPOINT is unset)."""
    context = event.get("requestContext") or {}
    return f"https://{context.get('domainName', '')}/{context.get('stage', '')}"


def service_for(event: Mapping[str, Any]) -> RealtimeService:
    return realtime(None if realtime_settings().websocket_endpoint else endpoint(event))


def response(reply: RouteReply) -> dict[str, Any]:
    return {"statusCode": reply.status}


def failure(event: Mapping[str, Any]) -> tuple[str, str | None, str | None]:
    """(job id, error name, cause) from a `Catch` input (`{"job_id", "failure": {"Error", "Cause"}}`) or from
    an EventBridge "Step Functions Execution Status Change" event (executions are named after the job)."""
    detail = event.get("detail")
    if isinstance(detail, Mapping):
        return str(detail["name"]), str(detail.get("status") or ""), None
    caught = event.get("failure") or {}
    return str(event["job_id"]), caught.get("Error"), caught.get("Cause")
