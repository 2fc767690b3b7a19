"""OpenAPI, Swagger UI and ReDoc are served without a token; the result schema is the engine's own."""

from __future__ import annotations

from purelift.services.results import result_adapter

from tests.functional.backend_support import Stack, api_event, call_api, load_event


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
