"""The WebSocket API as template.yaml defines it (raw ApiGatewayV2 resources)."""

from __future__ import annotations

from purelift.local.cfn import load_template, resource

ROUTES = {
    "$connect": "WsConnectFunction",
    "$disconnect": "WsDisconnectFunction",
    "subscribe": "WsSubscribeFunction",
    "unsubscribe": "WsUnsubscribeFunction",
    "ping": "WsPingFunction",
}


def test_websocket_api_routes_on_the_action_field() -> None:
    api = resource("WebSocketApi")["Properties"]
    assert api["ProtocolType"] == "WEBSOCKET"
    assert api["RouteSelectionExpression"] == "$request.body.action"


def test_each_route_reaches_its_function_and_only_connect_is_authorized() -> None:
    resources = load_template()["Resources"]
    routes = {
        body["Properties"]["RouteKey"]: body["Properties"]
        for body in resources.values()
        if body["Type"] == "AWS::ApiGatewayV2::Route"
    }
    assert set(routes) == set(ROUTES)
    for key, function in ROUTES.items():
        integration_id = routes[key]["Target"]["Fn::Sub"].removeprefix("integrations/${").removesuffix("}")
        integration = resources[integration_id]["Properties"]
        assert integration["IntegrationType"] == "AWS_PROXY"
        assert f"${{{function}.Arn}}" in integration["IntegrationUri"]["Fn::Sub"]
        permissions = [
            body["Properties"]
            for body in resources.values()
            if body["Type"] == "AWS::Lambda::Permission" and body["Properties"]["FunctionName"] == {"Ref": function}
        ]
        assert [p["SourceArn"]["Fn::Sub"].endswith(f"/*/{key}") for p in permissions] == [True]
    assert routes["$connect"]["AuthorizationType"] == "CUSTOM"
    assert routes["$connect"]["AuthorizerId"] == {"Ref": "WebSocketAuthorizer"}
    assert all(routes[key]["AuthorizationType"] == "NONE" for key in ROUTES if key != "$connect")


def test_the_connect_authorizer_is_the_jwt_function_reading_the_query_token() -> None:
    authorizer = resource("WebSocketAuthorizer")["Properties"]
    assert authorizer["AuthorizerType"] == "REQUEST"
    assert authorizer["IdentitySource"] == ["route.request.querystring.token"]
    assert "${AuthorizerFunction.Arn}" in authorizer["AuthorizerUri"]["Fn::Sub"]


def test_stage_deployment_and_outputs() -> None:
    stage = resource("WebSocketStage")["Properties"]
    assert stage["StageName"] == {"Ref": "StageName"}
    deployment = resource("WebSocketDeployment")
    assert set(deployment["DependsOn"]) == {
        f"Ws{name}Route" for name in ("Connect", "Disconnect", "Subscribe", "Unsubscribe", "Ping")
    }
    outputs = load_template()["Outputs"]
    assert outputs["WebSocketUrl"]["Value"]["Fn::Sub"].startswith("wss://${WebSocketApi}.execute-api.")
    assert outputs["WebSocketUrl"]["Value"]["Fn::Sub"].endswith("/${StageName}")


def test_only_pushing_functions_may_manage_connections() -> None:
    pushing = {
        "PrepareFunction",
        "AnalyzeBatchFunction",
        "AggregateFunction",
        "MarkFailedFunction",
        "WsSubscribeFunction",
        "WsPingFunction",
    }
    for logical_id, body in load_template()["Resources"].items():
        if body["Type"] != "AWS::Serverless::Function":
            continue
        statements = [
            s for p in body["Properties"].get("Policies", []) if isinstance(p, dict) for s in p.get("Statement", [])
        ]
        manage = [s for s in statements if "execute-api:ManageConnections" in s["Action"]]
        assert bool(manage) == (logical_id in pushing), logical_id
        for statement in manage:
            assert statement["Resource"]["Fn::Sub"].endswith("${WebSocketApi}/${StageName}/POST/@connections/*")
        if logical_id in pushing:
            endpoint = body["Properties"]["Environment"]["Variables"]["WEBSOCKET_ENDPOINT"]["Fn::Sub"]
            assert endpoint == "https://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com/${StageName}"
