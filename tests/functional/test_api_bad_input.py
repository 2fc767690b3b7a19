"""Bad input everywhere: each its documented status and the JSON error body, with nothing internal leaked.
One moto stack for the module: every test makes its own jobs."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.functional.backend_support import Response, Stack, api_event, call_api, load_event, seed_job

LEAKS = ("Traceback", "botocore", "ClientError", "boto3", "dynamodb", 'File "', "pydantic")


def _assert_error(response: Response, status: int, code: str) -> None:
    assert response.status == status, response.body
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "request_id"}
    assert body["error"]["code"] == code
    assert body["error"]["request_id"] == response.headers["x-request-id"] != ""
    assert not any(word.lower() in response.body.lower() for word in LEAKS), response.body


def _multipart(filename: str, payload: bytes) -> dict[str, Any]:
    boundary = "----purelift"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + payload
        + f"\r\n--{boundary}--\r\n".encode()
    )
    event = load_event("api/create_job_upload.json")
    event["body"] = base64.b64encode(body).decode()
    event["headers"]["Content-Type"] = event["multiValueHeaders"]["Content-Type"][0] = (
        f"multipart/form-data; boundary={boundary}"
    )
    return event


def test_malformed_json_is_400(module_stack: Stack) -> None:
    _assert_error(call_api(load_event("api/create_job_malformed_json.json")), 400, "malformed_json")


def test_wrong_types_are_422(module_stack: Stack) -> None:
    _assert_error(call_api(load_event("api/create_job_wrong_type.json")), 422, "validation_error")


@pytest.mark.parametrize(
    "body",
    [{}, {"name": ""}, {"name": "x" * 201}, {"name": "ok", "unexpected": 1}, [], "just a string"],
    ids=["missing", "empty", "too_long", "extra_field", "array", "string"],
)
def test_bodies_of_the_wrong_shape_are_422(module_stack: Stack, body: Any) -> None:
    import json

    _assert_error(call_api(api_event("create_job", body=json.dumps(body))), 422, "validation_error")


def test_no_identity_is_401(module_stack: Stack) -> None:
    _assert_error(call_api(load_event("api/create_job_no_identity.json")), 401, "unauthorized")


def test_an_unknown_role_in_the_context_is_401(module_stack: Stack) -> None:
    _assert_error(call_api(api_event("me", role="Superuser")), 401, "unauthorized")


@pytest.mark.parametrize(
    ("size", "status"),
    [(4 * 1024 * 1024, 202), (4 * 1024 * 1024 + 1, 413), (5 * 1024 * 1024, 413)],
    ids=["4MiB", "4MiB+1", "5MiB"],
)
def test_direct_uploads_are_capped_so_the_base64_event_fits_lambda(module_stack: Stack, size: int, status: int) -> None:
    """A multipart body reaches Lambda base64-encoded (x4/3) in an event that must stay under 6 MB: 4 MiB of file
    is the most that fits, and the 413 says why and what to do instead."""
    response = call_api(_multipart("big.zip", b"PK\x03\x04" + b"\0" * (size - 4)))
    if status == 202:
        assert response.status == 202, response.body
        return
    _assert_error(response, 413, "payload_too_large")
    message = response.json()["error"]["message"]
    assert "4 MB" in message and "base64" in message and "6 MB" in message and "presigned" in message


@pytest.mark.parametrize(("filename", "payload"), [("app.zip", b"not an archive"), ("app.exe", b"PK\x03\x04rest")])
def test_a_direct_upload_that_is_not_an_archive_is_400(module_stack: Stack, filename: str, payload: bytes) -> None:
    _assert_error(call_api(_multipart(filename, payload)), 400, "invalid_archive")


def test_multipart_without_a_file_is_400(module_stack: Stack) -> None:
    event = _multipart("x.zip", b"")
    event["body"] = base64.b64encode(b"------purelift--\r\n").decode()
    assert call_api(event).status == 400


@pytest.mark.parametrize("job_id", ["ab" * 16, "not-a-job-id", "JOB%23META"])
@pytest.mark.parametrize("name", ["get_job", "get_result", "start_job", "delete_job", "download", "list_shares"])
def test_unknown_job_ids_are_404(module_stack: Stack, name: str, job_id: str) -> None:
    event = api_event(name)
    event["path"] = event["path"].replace("0123456789abcdef0123456789abcdef", job_id)
    _assert_error(call_api(event), 404, "job_not_found")


def test_unknown_format_is_400(module_stack: Stack) -> None:
    job_id = seed_job("user-1")
    _assert_error(call_api(api_event("download", job_id=job_id, query={"format": "exe"})), 400, "unknown_format")


@pytest.mark.parametrize("name", ["download", "get_result"])
def test_reading_an_unfinished_job_is_409(module_stack: Stack, name: str) -> None:
    job_id = seed_job("user-1", status="running")
    _assert_error(call_api(api_event(name, job_id=job_id)), 409, "job_not_completed")


def test_zip_not_stored_yet_is_409(module_stack: Stack) -> None:
    job_id = seed_job("user-1", with_zip=False)
    _assert_error(call_api(api_event("download", job_id=job_id, query={"format": "zip"})), 409, "export_not_ready")


@pytest.mark.parametrize(
    "query",
    [{"limit": "0"}, {"limit": "101"}, {"limit": "ten"}, {"cursor": "x" * 2000}],
    ids=["zero", "too_many", "not_a_number", "huge_cursor"],
)
def test_bad_listing_parameters_are_400(module_stack: Stack, query: dict[str, str]) -> None:
    _assert_error(call_api(api_event("history", query=query)), 400, "bad_request")


@pytest.mark.parametrize("cursor", ["garbage!", "eyJQSyI6IngifQ", "e30"])
def test_forged_cursors_are_400(module_stack: Stack, cursor: str) -> None:
    _assert_error(call_api(api_event("history", query={"cursor": cursor})), 400, "invalid_cursor")


def test_another_users_cursor_is_refused(module_stack: Stack) -> None:
    for i in range(3):
        call_api(api_event("create_job", user="alice", headers={"Idempotency-Key": f"a{i}"}))
    cursor = call_api(api_event("history", user="alice", query={"limit": "1"})).json()["cursor"]
    _assert_error(call_api(api_event("history", user="mallory", query={"cursor": cursor})), 400, "invalid_cursor")


def test_a_bad_idempotency_key_is_400(module_stack: Stack) -> None:
    response = call_api(api_event("create_job", headers={"Idempotency-Key": "spaces are not allowed"}))
    _assert_error(response, 400, "bad_request")


def test_unknown_routes_and_methods(module_stack: Stack) -> None:
    event = api_event("me")
    event["path"] = "/api/v1/nothing-here"
    _assert_error(call_api(event), 404, "not_found")
    event = api_event("me")
    event["httpMethod"] = "PUT"
    _assert_error(call_api(event), 405, "method_not_allowed")
