"""OpenAPI, Swagger UI and ReDoc are served without a token; the result schema is the engine's own."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
from purelift.api.schemas import HISTORY_CURSOR, IDEMPOTENCY_KEY
from purelift.local.lambda_runtime import LambdaContext
from purelift.services.results import result_adapter

from tests.functional.backend_support import Stack, api_event, call_api, load_event, load_function


def test_openapi_documents_every_endpoint_and_the_result_schema(stack: Stack) -> None:
    response = call_api(load_event("api/openapi.json"))
    assert response.status == 200
    spec = response.json()
    paths = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    expected = {
        ("/api/v1/health", "get"),
        ("/api/v1/me", "get"),
        ("/api/v1/analysis", "post"),
        ("/api/v1/analysis/{job_id}/start", "post"),
        ("/api/v1/analysis/{job_id}", "get"),
        ("/api/v1/analysis/{job_id}", "delete"),
        ("/api/v1/analysis/{job_id}/result", "get"),
        ("/api/v1/analysis/history", "get"),
        ("/api/v1/analysis/{job_id}/download", "get"),
        ("/api/v1/analysis/{job_id}/share", "post"),
        ("/api/v1/analysis/{job_id}/share/{team_id}", "delete"),
        ("/api/v1/analysis/{job_id}/shares", "get"),
        ("/api/v1/analysis/shared-with-me", "get"),
        ("/api/v1/analysis/stats", "get"),
        ("/api/v1/teams", "post"),
        ("/api/v1/teams", "get"),
        ("/api/v1/teams/{team_id}/members", "post"),
        ("/api/v1/teams/{team_id}/members/{user_id}", "delete"),
    }
    assert expected <= paths
    schemas = spec["components"]["schemas"]
    # the documented result is generated from the engine's dataclasses
    engine_fields = set(result_adapter().json_schema()["properties"])
    assert set(schemas["AnalysisResult"]["properties"]) == engine_fields
    assert {"Summary", "FileResult", "FunctionResult", "Reason"} <= set(schemas)
    # issue 12: the SPEC's additions follow the dataclasses, optional (results stored before them still read)
    assert schemas["FunctionResult"]["properties"]["trivial"]["type"] == "boolean"
    assert "trivial" not in schemas["FunctionResult"].get("required", [])
    assert schemas["Summary"]["properties"]["trivial_functions"]["type"] == "integer"
    assert "multipart/form-data" in spec["paths"]["/api/v1/analysis"]["post"]["requestBody"]["content"]
    # a shared job is documented as either the full job or its id and name only (a share without can_view)
    shared_job = schemas["SharedJobOut"]["properties"]["job"]["anyOf"]
    assert [ref["$ref"].rsplit("/", 1)[1] for ref in shared_job] == ["JobOut", "JobNameOut"]
    assert set(schemas["JobNameOut"]["properties"]) == {"job_id", "name"}


def test_swagger_ui_and_redoc_are_served(stack: Stack) -> None:
    for path in ("/api/docs", "/api/redoc"):
        event = api_event("health", user=None)
        event["path"] = event["resource"] = path
        response = call_api(event)
        assert response.status == 200 and "<html" in response.body.lower()
        assert "/prod/api/openapi.json" in response.body  # the stage prefix of the execute-api URL


# --- issue 9, item 13: the bearer scheme, offline docs pages, what the API enforces, 405 with Allow ---
def _spec() -> dict[str, Any]:
    response = call_api(load_event("api/openapi.json"))
    assert response.status == 200
    spec: dict[str, Any] = response.json()
    return spec


def _get(path: str) -> dict[str, Any]:
    """The handler's raw answer to an unauthenticated GET of `path` (as the gateway's public docs routes send)."""
    event = api_event("health", user=None)
    event["path"] = event["resource"] = path
    raw: dict[str, Any] = load_function("api").handler(event, LambdaContext())
    return raw


def test_the_schema_declares_the_bearer_scheme_on_every_operation_but_health(stack: Stack) -> None:
    """Swagger UI's Authorize button needs a security scheme, and each operation must name it to send the token."""
    spec = _spec()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            expected: list[dict[str, list[str]]] | None = None if path == "/api/v1/health" else [{"bearerAuth": []}]
            assert operation.get("security") == expected, (method, path)


@pytest.mark.parametrize("page", ["/api/docs", "/api/redoc"])
def test_the_docs_pages_load_only_assets_the_api_serves_itself(stack: Stack, page: str) -> None:
    """Offline (or behind a strict CSP) a CDN-hosted Swagger UI is a blank page: every URL the page loads is
    on the API's own origin (under the stage prefix of the execute-api URL), and answers with the asset."""
    raw = _get(page)
    assert raw["statusCode"] == 200
    html = raw["body"]
    assert "http://" not in html and "https://" not in html and "//fonts" not in html
    urls = re.findall(r'(?:src|href|spec-url)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
    assets = [u for u in urls if not u.startswith("data:") and not u.endswith("/openapi.json")]
    assert assets, html
    static = _static_dir()
    for url in assets:
        assert url.startswith("/prod/api/docs/static/"), url
        answer = _get(url.removeprefix("/prod"))
        assert answer["statusCode"] == 200, (url, answer.get("body", "")[:200])
        # Text, never base64: API Gateway passes it through without a binary media type
        assert answer.get("isBase64Encoded") is False
        content_type = {k.lower(): v for k, v in answer["headers"].items()}["content-type"]
        assert content_type.startswith("text/css" if url.endswith(".css") else "text/javascript"), content_type
        assert answer["body"].encode("utf-8") == (static / url.rsplit("/", 1)[1]).read_bytes()


@pytest.mark.parametrize(
    "path",
    ["/api/docs/static/nothing.js", "/api/docs/static/..%2Fcore.py", "/api/docs/static/favicon.png"],
)
def test_only_the_docs_assets_are_served(stack: Stack, path: str) -> None:
    assert _get(path)["statusCode"] == 404


def _static_dir() -> Path:
    spec = importlib.util.find_spec("fastapi_offline")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@pytest.mark.parametrize(
    ("path", "method", "where", "name", "declared"),
    [
        ("/api/v1/analysis/{job_id}/download", "get", "query", "format", {"enum": ["json", "csv", "zip"]}),
        ("/api/v1/analysis/history", "get", "query", "cursor", {"pattern": HISTORY_CURSOR, "maxLength": 1024}),
        ("/api/v1/analysis", "post", "header", "Idempotency-Key", {"pattern": IDEMPOTENCY_KEY, "maxLength": 128}),
    ],
)
def test_the_schema_declares_the_values_the_api_enforces(
    stack: Stack, path: str, method: str, where: str, name: str, declared: dict[str, Any]
) -> None:
    parameters = _spec()["paths"][path][method]["parameters"]
    (parameter,) = [p for p in parameters if (p["in"], p["name"]) == (where, name)]
    schema = parameter["schema"]
    schema = next((s for s in schema.get("anyOf", []) if s.get("type") == "string"), schema)
    assert declared.items() <= schema.items(), schema


def test_the_schema_says_expires_at_must_be_in_the_future(stack: Stack) -> None:
    field = _spec()["components"]["schemas"]["ShareIn"]["properties"]["expires_at"]
    assert "in the future" in field["description"]


def test_a_cursor_outside_the_declared_pattern_is_refused(stack: Stack) -> None:
    """The cursor the API hands out matches the declared pattern, and one that does not is `invalid_cursor`
    (base64 decoding alone would skip the stray characters and accept it)."""
    for i in range(2):
        call_api(api_event("create_job", user="alice", headers={"Idempotency-Key": f"c{i}"}))
    cursor = call_api(api_event("history", user="alice", query={"limit": "1"})).json()["cursor"]
    assert re.fullmatch(HISTORY_CURSOR, cursor)
    assert call_api(api_event("history", user="alice", query={"limit": "1", "cursor": cursor})).status == 200
    refused = call_api(api_event("history", user="alice", query={"limit": "1", "cursor": cursor + "!!!!"}))
    assert (refused.status, refused.json()["error"]["code"]) == (400, "invalid_cursor")


@pytest.mark.parametrize(
    ("name", "method", "allow"),
    [
        ("me", "PUT", {"GET"}),
        ("list_teams", "DELETE", {"GET", "POST"}),  # two routes on one path: both named
        ("get_job", "POST", {"GET", "DELETE"}),
        ("health", "POST", {"GET"}),
    ],
)
def test_a_wrong_method_is_405_with_allow(stack: Stack, name: str, method: str, allow: set[str]) -> None:
    event = api_event(name)
    event["httpMethod"] = method
    response = call_api(event)
    assert (response.status, response.json()["error"]["code"]) == (405, "method_not_allowed")
    assert {m.strip() for m in response.headers["allow"].split(",")} == allow


def test_openapi_documents_the_engine_options_permissions_and_members(stack: Stack) -> None:
    """The engine's options (the EngineConfig object inlined: a `$ref` into a hand-declared body's own `$defs`
    points nowhere in the document), the caller's `permissions` on a job, and a team's member listing."""
    spec = call_api(load_event("api/openapi.json")).json()
    text = repr(spec)
    assert "#/$defs/" not in text
    body = spec["paths"]["/api/v1/analysis"]["post"]["requestBody"]["content"]
    options = body["application/json"]["schema"]["properties"]
    config = next(s for s in options["config"]["anyOf"] if s.get("type") == "object")
    assert set(config["properties"]) == {
        "ui_threshold",
        "extra_toolkits",
        "extra_pure",
        "extra_impure",
        "extra_desktop_only",
        "extract_tests",
    }
    assert config["properties"]["extract_tests"] == {"default": False, "title": "Extract Tests", "type": "boolean"}
    assert {"exclude", "ui_threshold", "config"} <= set(body["multipart/form-data"]["schema"]["properties"])
    schemas = spec["components"]["schemas"]
    assert set(schemas["PermissionsOut"]["properties"]) == {"can_view", "can_download", "can_share", "can_delete"}
    assert "get" in spec["paths"]["/api/v1/teams/{team_id}/members"]
