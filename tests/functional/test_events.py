"""Every `events/api/` file, as committed (the files `sam local invoke -e` takes), answers through the real
handler on a fresh stack with its documented status and, for errors, the JSON error body."""

from __future__ import annotations

import pytest

from tests.functional.backend_support import EVENTS, Stack, call_api, load_event

# On an empty stack the example job and team do not exist: job and team routes answer 404.
EXPECTED = {
    "health": 200,
    "openapi": 200,
    "me": 200,
    "create_job": 201,
    "create_job_upload": 202,
    "create_job_malformed_json": 400,
    "create_job_wrong_type": 422,
    "create_job_no_identity": 401,
    "start_job": 404,
    "get_job": 404,
    "get_result": 404,
    "get_file": 404,
    "history": 200,
    "delete_job": 404,
    "download": 404,
    "download_link": 404,
    "share": 404,
    "unshare": 404,
    "list_shares": 404,
    "shared_with_me": 200,
    "stats": 200,
    "create_team": 201,
    "list_teams": 200,
    "add_member": 404,
    "remove_member": 404,
    "list_members": 404,
}


def test_every_event_file_is_covered() -> None:
    assert {path.stem for path in (EVENTS / "api").glob("*.json")} == set(EXPECTED)


@pytest.mark.parametrize(("name", "status"), sorted(EXPECTED.items()))
def test_event_file(module_stack: Stack, name: str, status: int) -> None:
    event = load_event(f"api/{name}.json")
    response = call_api(event)
    assert response.status == status, response.body
    assert response.headers["x-request-id"] == event["requestContext"]["requestId"]
    if status >= 400:
        error = response.json()["error"]
        assert error["request_id"] == event["requestContext"]["requestId"] and error["code"] and error["message"]
