"""The local gateways follow whatever template they are given: a small template of its own, with small
handlers, exercises what the project's functions never do (a Deny policy, a failing authorizer, a
function error, binary responses, path parameters, `$default` and two-way WebSocket routes, a `$connect`
that refuses) — over real sockets, with the stack started in this process (`LocalStack`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from purelift.local.stack import LocalStack, StackConfig
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

HANDLERS = """
import base64, json, os


def _policy(event, effect):
    stage = event["methodArn"].split("/")[0] + "/" + event["methodArn"].split("/")[1] + "/*"
    statement = {"Action": "execute-api:Invoke", "Effect": effect, "Resource": stage}
    return {"principalId": "u1", "policyDocument": {"Version": "2012-10-17", "Statement": [statement]},
            "context": {"who": "u1", "n": 7}}


def authorizer(event, context):
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    token = headers.get("authorization") or (event.get("queryStringParameters") or {}).get("token")
    if token == "boom":
        raise RuntimeError("the authorizer itself is broken")
    if token == "deny":
        return _policy(event, "Deny")
    if token != "good":
        raise Exception("Unauthorized")
    return _policy(event, "Allow")


def echo(event, context):
    seen = {"event": event, "function_name": context.function_name, "request_id": context.aws_request_id,
            "remaining": context.get_remaining_time_in_millis(), "greeting": os.environ.get("GREETING"),
            "ws_url": os.environ.get("WS_URL")}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
            "multiValueHeaders": {"X-Many": ["a", "b"]}, "body": json.dumps(seen)}


def reverse(event, context):
    data = base64.b64decode(event["body"]) if event["isBase64Encoded"] else event["body"].encode()
    return {"statusCode": 201, "headers": {"Content-Type": "application/octet-stream"},
            "isBase64Encoded": True, "body": base64.b64encode(data[::-1]).decode()}


def fail(event, context):
    raise ValueError("this handler fails")


def sized(event, context):
    size = int(event["queryStringParameters"]["bytes"])
    return {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": "A" * size}


def on_connect(event, context):
    refuse = (event.get("queryStringParameters") or {}).get("refuse")
    return {"statusCode": 403 if refuse else 200}


def on_default(event, context):
    ctx = event["requestContext"]
    return {"statusCode": 200, "body": json.dumps({"route": ctx["routeKey"], "body": event["body"],
                                                   "who": ctx["authorizer"].get("who")})}
"""


def _function(handler: str, **events: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {"CodeUri": "fn", "Handler": f"app.{handler}"}
    if events:
        props["Events"] = {name: {"Type": "Api", "Properties": p} for name, p in events.items()}
    return {"Type": "AWS::Serverless::Function", "Properties": props}


def _lambda_uri(function: str) -> dict[str, str]:
    path = f"path/2015-03-31/functions/${{{function}.Arn}}/invocations"
    return {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}:lambda:" + path}


def _integration(function: str) -> dict[str, Any]:
    properties = {"ApiId": {"Ref": "Ws"}, "IntegrationUri": _lambda_uri(function)}
    return {"Type": "AWS::ApiGatewayV2::Integration", "Properties": properties}


TEMPLATE: dict[str, Any] = {
    "Parameters": {"StageName": {"Type": "String", "Default": "v1"}, "Greeting": {"Type": "String", "Default": "hi"}},
    "Conditions": {"Never": {"Fn::Equals": ["a", "b"]}},
    "Globals": {"Function": {"Timeout": 7, "Environment": {"Variables": {"GREETING": {"Ref": "Greeting"}}}}},
    "Resources": {
        "Api": {
            "Type": "AWS::Serverless::Api",
            "Properties": {
                "StageName": {"Ref": "StageName"},
                "BinaryMediaTypes": ["application~1octet-stream"],
                "Auth": {
                    "DefaultAuthorizer": "Jwt",
                    "Authorizers": {
                        "Jwt": {
                            "FunctionArn": {"Fn::GetAtt": ["AuthFn", "Arn"]},
                            "FunctionPayloadType": "REQUEST",
                            "Identity": {"Headers": ["Authorization"], "ReauthorizeEvery": 0},
                        }
                    },
                },
            },
        },
        "AuthFn": _function("authorizer"),
        "EchoFn": {
            **_function(
                "echo",
                Item={"Path": "/items/{item_id}", "Method": "GET"},
                Open={"Path": "/open/{proxy+}", "Method": "ANY", "Auth": {"Authorizer": "NONE"}},
            ),
        },
        "ReverseFn": _function("reverse", Post={"Path": "/reverse", "Method": "POST"}),
        "FailFn": _function("fail", Get={"Path": "/fail", "Method": "GET", "Auth": {"Authorizer": "NONE"}}),
        "SizedFn": _function("sized", Get={"Path": "/sized", "Method": "GET", "Auth": {"Authorizer": "NONE"}}),
        "NeverFn": {**_function("fail"), "Condition": "Never"},
        "Ws": {
            "Type": "AWS::ApiGatewayV2::Api",
            "Properties": {"ProtocolType": "WEBSOCKET", "RouteSelectionExpression": "$request.body.action"},
        },
        "WsAuth": {
            "Type": "AWS::ApiGatewayV2::Authorizer",
            "Properties": {
                "ApiId": {"Ref": "Ws"},
                "AuthorizerUri": _lambda_uri("AuthFn"),
                "IdentitySource": ["route.request.querystring.token"],
            },
        },
        "ConnectFn": _function("on_connect"),
        "DefaultFn": _function("on_default"),
        "ConnectInt": _integration("ConnectFn"),
        "DefaultInt": _integration("DefaultFn"),
        "ConnectRoute": {
            "Type": "AWS::ApiGatewayV2::Route",
            "Properties": {
                "ApiId": {"Ref": "Ws"},
                "RouteKey": "$connect",
                "AuthorizationType": "CUSTOM",
                "AuthorizerId": {"Ref": "WsAuth"},
                "Target": {"Fn::Join": ["/", ["integrations", {"Ref": "ConnectInt"}]]},
            },
        },
        "DefaultRoute": {
            "Type": "AWS::ApiGatewayV2::Route",
            "Properties": {
                "ApiId": {"Ref": "Ws"},
                "RouteKey": "$default",
                "RouteResponseSelectionExpression": "$default",
                "Target": {"Fn::Sub": "integrations/${DefaultInt}"},
            },
        },
        "WsStage": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"ApiId": {"Ref": "Ws"}, "StageName": "live"}},
    },
}
TEMPLATE["Resources"]["EchoFn"]["Properties"]["Environment"] = {
    "Variables": {"WS_URL": {"Fn::Sub": "wss://${Ws}.execute-api.${AWS::Region}.amazonaws.com/live"}}
}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    root = tmp_path_factory.mktemp("project")
    (root / "fn").mkdir()
    (root / "fn" / "app.py").write_text(HANDLERS, encoding="utf-8")
    with LocalStack(StackConfig(port=0, ws_port=0, template=TEMPLATE, root=root, workers=8)) as stack:
        yield stack


def _get(stack: LocalStack, path: str, token: str | None = None, **headers: str) -> httpx.Response:
    if token:
        headers["Authorization"] = token
    return httpx.get(stack.endpoints.rest + path, headers=headers, timeout=30)


def test_conditions_drop_resources_and_the_runtime_knows_the_rest(local: LocalStack) -> None:
    assert local.runtime is not None
    assert "NeverFn" not in local.runtime.functions
    assert set(local.runtime.functions) >= {"AuthFn", "EchoFn", "ReverseFn", "FailFn", "ConnectFn", "DefaultFn"}


def test_the_proxy_event_and_context_look_like_api_gateways_and_lambdas(local: LocalStack) -> None:
    response = _get(local, "/items/42%2F7?tag=a&tag=b&one=1", "good", x_test="t")
    assert response.status_code == 200
    assert response.headers.get_list("x-many") == ["a", "b"]
    seen = response.json()
    event = seen["event"]
    assert event["resource"] == "/items/{item_id}"
    assert event["pathParameters"] == {"item_id": "42/7"}
    assert event["queryStringParameters"]["one"] == "1"
    assert event["multiValueQueryStringParameters"]["tag"] == ["a", "b"]
    assert event["headers"]["x_test"] == "t"
    context = event["requestContext"]
    assert context["stage"] == "v1"
    assert context["authorizer"]["who"] == "u1"
    assert context["authorizer"]["principalId"] == "u1"
    assert context["requestId"] == response.headers["x-amzn-requestid"]
    assert seen["function_name"] == "EchoFn"
    assert 0 < seen["remaining"] <= 7000
    assert seen["greeting"] == "hi"
    assert seen["ws_url"] == local.endpoints.websocket  # wss://{api}.execute-api… rewritten to the local gateway


def test_greedy_routes_match_deeper_paths_without_the_authorizer(local: LocalStack) -> None:
    response = httpx.post(local.endpoints.rest + "/open/a/b/c", timeout=30)
    assert response.status_code == 200
    assert response.json()["event"]["pathParameters"] == {"proxy": "a/b/c"}


@pytest.mark.parametrize(
    ("token", "status"), [(None, 401), ("bad", 401), ("deny", 403), ("boom", 500)], ids=["none", "bad", "deny", "boom"]
)
def test_authorizer_outcomes_map_to_api_gateway_statuses(local: LocalStack, token: str | None, status: int) -> None:
    assert _get(local, "/items/1", token).status_code == status


def test_binary_bodies_go_in_and_out_base64(local: LocalStack) -> None:
    payload = bytes(range(256))
    response = httpx.post(
        local.endpoints.rest + "/reverse",
        content=payload,
        headers={"Authorization": "good", "Content-Type": "application/octet-stream"},
        timeout=30,
    )
    assert response.status_code == 201
    assert response.content == payload[::-1]


def test_a_function_error_is_a_502(local: LocalStack) -> None:
    response = _get(local, "/fail")
    assert response.status_code == 502
    assert response.json() == {"message": "Internal server error"}


LAMBDA_PAYLOAD = 6_291_556  # bytes: Lambda's synchronous limit on the event and on the answer (JSON)


@pytest.mark.parametrize(
    ("body_bytes", "status"), [(6_000_000, 200), (LAMBDA_PAYLOAD, 502)], ids=["under-6MB", "over-6MB"]
)
def test_a_function_answer_over_lambdas_6_mb_is_a_502(local: LocalStack, body_bytes: int, status: int) -> None:
    """Lambda refuses an answer whose JSON exceeds its limit (`Function.ResponseSizeTooLarge`); API Gateway then
    answers as for any function error."""
    response = httpx.get(local.endpoints.rest + "/sized", params={"bytes": str(body_bytes)}, timeout=60)
    assert response.status_code == status
    if status == 502:
        assert response.json() == {"message": "Internal server error"}
    else:
        assert len(response.content) == body_bytes


@pytest.mark.parametrize(
    ("body_bytes", "status", "message"),
    [
        (4_500_000, 201, None),  # base64: 6,000,000 bytes, the event still fits
        (4_800_000, 413, "Request Too Long"),  # base64: 6,400,000 bytes, over Lambda's limit: never invoked
        (10 * 1024 * 1024 + 1, 413, "Request Too Long"),  # over API Gateway's own 10 MB
    ],
    ids=["event-under-6MB", "event-over-6MB", "body-over-10MB"],
)
def test_a_request_whose_event_exceeds_lambdas_limit_is_a_413(
    local: LocalStack, body_bytes: int, status: int, message: str | None
) -> None:
    response = httpx.post(
        local.endpoints.rest + "/reverse",
        content=b"x" * body_bytes,
        headers={"Authorization": "good", "Content-Type": "application/octet-stream"},
        timeout=60,
    )
    assert response.status_code == status
    if message is not None:
        assert response.json() == {"message": message}


def test_websocket_default_route_answers_two_way(local: LocalStack) -> None:
    with connect(f"{local.endpoints.websocket}?token=good", open_timeout=10) as ws:
        ws.send(json.dumps({"action": "unrouted", "x": 1}))
        answer = json.loads(ws.recv(timeout=15))
    assert answer == {"route": "$default", "body": '{"action": "unrouted", "x": 1}', "who": "u1"}


@pytest.mark.parametrize(
    ("query", "status"), [("?token=good&refuse=1", 403), ("?token=deny", 403), ("?token=boom", 500)]
)
def test_a_refused_connect_closes_the_handshake_with_its_status(local: LocalStack, query: str, status: int) -> None:
    with pytest.raises(InvalidStatus) as refused:
        connect(local.endpoints.websocket + query, open_timeout=10).close()
    assert refused.value.response.status_code == status


def test_the_stage_comes_from_the_websocket_stage_resource(local: LocalStack) -> None:
    assert local.endpoints.websocket.endswith("/live")
    assert local.endpoints.management.endswith("/live")
