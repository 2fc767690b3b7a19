"""The local API Gateway over real sockets: REST (authorizer first, gateway responses, docs) and WebSocket
(`$connect` authorizer, route selection, the `@connections` management API through boto3)."""

from __future__ import annotations

import json
import time

import boto3
import httpx
import pytest
from purelift.domain.model import Role
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from tests.e2e.e2e_support import Served, client, recv_json, token, websocket_present


# --- REST ---
def test_health_needs_no_token_and_carries_a_request_id(stack: Served) -> None:
    response = httpx.get(f"{stack.api}/health", timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.headers["x-amzn-requestid"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-jwt"}, {"Authorization": "Basic dXNlcjpwYXNz"}],
    ids=["no-token", "garbage-token", "wrong-scheme"],
)
def test_the_authorizer_runs_first_and_refuses_with_401(stack: Served, headers: dict[str, str]) -> None:
    response = httpx.get(f"{stack.api}/me", headers=headers, timeout=10)
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "unauthorized"
    assert error["request_id"] == response.headers["x-amzn-requestid"]
    assert response.headers["access-control-allow-origin"] == "*"


def test_rest_authorizes_the_authorization_header_never_the_query_token(stack: Served) -> None:
    """The gateway caches the policy under the template's identity source (`Authorization`): were the
    authorizer to accept `?token=`, `Bearer junk` would be cached as the Admin it carried."""
    admin, user = token("root-9", Role.ADMIN), token("plain-9", Role.USER)
    junk = {"Authorization": "Bearer junk-9"}
    # A junk header with an Admin query token: 401, and still 401 for the junk header alone (nothing cached)
    assert httpx.get(f"{stack.api}/me", params={"token": admin}, headers=junk, timeout=10).status_code == 401
    assert httpx.get(f"{stack.api}/me", headers=junk, timeout=10).status_code == 401
    # The header decides whatever the query says
    header = {"Authorization": f"Bearer {user}"}
    mixed = httpx.get(f"{stack.api}/me", params={"token": admin}, headers=header, timeout=10)
    assert mixed.status_code == 200, mixed.text
    assert (mixed.json()["user_id"], mixed.json()["role"]) == ("plain-9", "User")


def test_a_token_signed_with_another_key_is_refused(stack: Served) -> None:
    from purelift.auth.tokens import mint_token

    forged = mint_token("mallory", Role.ADMIN, secret="some-other-key-entirely-0123456789")
    response = httpx.get(f"{stack.api}/me", headers={"Authorization": f"Bearer {forged}"}, timeout=10)
    assert response.status_code == 401


def test_the_authorizer_context_reaches_the_function(stack: Served) -> None:
    with client(stack, "dana", Role.TEAM_LEAD) as http:
        response = http.get("/me")
    assert response.status_code == 200
    assert response.json()["user_id"] == "dana"
    assert response.json()["role"] == "TeamLead"


def test_an_unknown_route_is_api_gateways_403(stack: Served) -> None:
    # (a GET of another path is the web app's: tests/e2e/test_web_app.py)
    response = httpx.post(f"{stack.rest}/nowhere", timeout=10)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Missing Authentication Token"


def test_cors_preflight_is_answered_by_the_gateway(stack: Served) -> None:
    response = httpx.options(
        f"{stack.api}/analysis", headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"}
    )
    assert response.status_code == 200
    assert "Authorization" in response.headers["access-control-allow-headers"]
    assert "POST" in response.headers["access-control-allow-methods"]


def test_swagger_ui_and_the_openapi_document_are_reachable(stack: Served) -> None:
    docs = httpx.get(stack.urls["Swagger UI"], timeout=10)
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text.lower()
    assert "/api/openapi.json" in docs.text
    spec = httpx.get(f"{stack.rest}/api/openapi.json", timeout=10).json()
    assert "/api/v1/analysis" in spec["paths"]


# --- WebSocket ---
needs_websocket = pytest.mark.skipif(not websocket_present(), reason="template.yaml has no WebSocket API yet")


@needs_websocket
@pytest.mark.parametrize("query", ["", "?token=not-a-jwt"], ids=["no-token", "bad-token"])
def test_a_rejected_connect_closes_the_handshake(stack: Served, query: str) -> None:
    with pytest.raises(InvalidStatus) as refused:
        connect(stack.ws + query, open_timeout=10).close()
    assert refused.value.response.status_code == 401


@needs_websocket
def test_a_connection_on_another_stage_is_refused(stack: Served) -> None:
    with pytest.raises(InvalidStatus) as refused:
        connect(stack.ws.rsplit("/", 1)[0] + f"/nostage?token={token('ed')}", open_timeout=10).close()
    assert refused.value.response.status_code == 403


@needs_websocket
def test_ping_is_routed_on_action(stack: Served) -> None:
    with connect(f"{stack.ws}?token={token('ed')}", open_timeout=10) as ws:
        ws.send(json.dumps({"action": "ping"}))
        assert recv_json(ws, 15)["type"] == "pong"


def _connection_id(ws: object) -> str:
    """API Gateway's answer to an unrouted message names the connection (as AWS does)."""
    ws.send(json.dumps({"action": "no-such-route"}))  # type: ignore[attr-defined]
    answer = recv_json(ws, 15)
    assert answer["message"] == "Forbidden"
    return str(answer["connectionId"])


@needs_websocket
def test_management_api_through_boto3_post_get_delete_and_gone(stack: Served) -> None:
    management = boto3.client(
        "apigatewaymanagementapi",
        endpoint_url=stack.management,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    with connect(f"{stack.ws}?token={token('fay')}", open_timeout=10) as ws:
        connection_id = _connection_id(ws)
        # POST delivers one message
        management.post_to_connection(ConnectionId=connection_id, Data=b'{"type": "ping"}')
        assert recv_json(ws, 15) == {"type": "ping"}
        # GET describes
        described = management.get_connection(ConnectionId=connection_id)
        assert described["Identity"]["SourceIp"] == "127.0.0.1"
        assert described["ConnectedAt"].timestamp() <= time.time() + 1
        # DELETE closes
        management.delete_connection(ConnectionId=connection_id)
        with pytest.raises(ConnectionClosed):
            ws.recv(timeout=15)
    # a closed or unknown connection is 410 -> GoneException, as in AWS
    with pytest.raises(management.exceptions.GoneException):
        management.post_to_connection(ConnectionId=connection_id, Data=b"{}")
    with pytest.raises(management.exceptions.GoneException):
        management.get_connection(ConnectionId="bm90LWEtY29ubmVjdGlvbg=")
