"""Jobs through the real API handler over moto: create, upload, start, status, result, history, delete."""

from __future__ import annotations

import base64
import json

import requests  # fetches moto's presigned URLs inside mock_aws (NOTES-aws-local)
from purelift.wiring import api as api_wiring

from tests.functional.backend_support import BUCKET, Stack, api_event, call_api, example_zip, load_event, seed_job


def _create(user: str = "user-1", **kwargs: object) -> dict[str, object]:
    response = call_api(api_event("create_job", user=user, **kwargs))  # type: ignore[arg-type]
    assert response.status == 201, response.body
    body: dict[str, object] = response.json()
    return body


def test_health_needs_no_identity_and_names_the_version(stack: Stack) -> None:
    response = call_api(api_event("health", user=None))
    assert response.status == 200
    assert response.json()["status"] == "ok" and response.json()["version"]
    assert response.headers["x-request-id"] == "req-health"


def test_create_returns_a_presigned_post_with_a_size_condition(stack: Stack) -> None:
    body = _create()
    assert body["status"] == "awaiting_upload"
    upload = body["upload"]
    assert isinstance(upload, dict)
    assert upload["max_bytes"] == 200 * 1024 * 1024
    policy = json.loads(base64.b64decode(upload["fields"]["policy"]))
    assert ["content-length-range", 1, 200 * 1024 * 1024] in policy["conditions"]
    assert upload["fields"]["key"] == f"uploads/{body['job_id']}/source.zip"


def test_presigned_upload_then_start_runs_one_execution(stack: Stack) -> None:
    # Given a job whose archive went up through the presigned POST
    body = _create()
    job_id = str(body["job_id"])
    upload = body["upload"]
    assert isinstance(upload, dict)
    posted = requests.post(upload["url"], data=upload["fields"], files={"file": ("app.zip", example_zip())}, timeout=10)
    assert posted.status_code in (200, 204), posted.text
    # When it is started, twice
    first = call_api(api_event("start_job", job_id=job_id))
    second = call_api(api_event("start_job", job_id=job_id))
    # Then one execution named after the job runs, the job is queued, and the retry is a conflict
    assert first.status == 202, first.body
    assert first.json()["status"] == "queued"
    assert second.status == 409 and second.json()["error"]["code"] == "invalid_state"
    executions = stack.sfn.list_executions(stateMachineArn=stack.state_machine_arn)["executions"]
    assert [e["name"] for e in executions] == [job_id]
    started = json.loads(stack.sfn.describe_execution(executionArn=executions[0]["executionArn"])["input"])
    assert started["job_id"] == job_id and started["source_key"] == f"uploads/{job_id}/source.zip"


def test_start_without_upload_is_a_conflict(stack: Stack) -> None:
    job_id = str(_create()["job_id"])
    response = call_api(api_event("start_job", job_id=job_id))
    assert response.status == 409 and response.json()["error"]["code"] == "upload_missing"
    assert stack.sfn.list_executions(stateMachineArn=stack.state_machine_arn)["executions"] == []


def test_multipart_upload_starts_at_once(stack: Stack) -> None:
    response = call_api(load_event("api/create_job_upload.json"))
    assert response.status == 202, response.body
    job_id = response.json()["job_id"]
    assert response.json()["status"] == "queued"
    stored = stack.s3.get_object(Bucket=BUCKET, Key=f"uploads/{job_id}/source.zip")["Body"].read()
    assert stored.startswith(b"PK")
    assert len(stack.sfn.list_executions(stateMachineArn=stack.state_machine_arn)["executions"]) == 1


def test_idempotency_key_creates_one_job(stack: Stack) -> None:
    first, again = _create(), _create()
    assert first["job_id"] == again["job_id"]
    other = call_api(api_event("create_job", body={"name": "something else"}))
    assert other.status == 409 and other.json()["error"]["code"] == "idempotency_key_reused"
    without_key = call_api(api_event("create_job", headers={"Idempotency-Key": "another"}))
    assert without_key.json()["job_id"] != first["job_id"]


def test_idempotency_keys_are_per_user(stack: Stack) -> None:
    assert _create("alice")["job_id"] != _create("bob")["job_id"]


def test_status_of_a_completed_job_has_the_summary(stack: Stack) -> None:
    job_id = seed_job("user-1")
    body = call_api(api_event("get_job", job_id=job_id)).json()
    assert body["status"] == "completed" and body["progress"] == 100
    assert body["summary"]["files"] == 2 and body["summary"]["toolkits"] == {"tkinter": 1}


def test_result_is_the_stored_result_validated(stack: Stack) -> None:
    job_id = seed_job("user-1")
    response = call_api(api_event("get_result", job_id=job_id))
    assert response.status == 200
    result = response.json()
    assert result["schema_version"] == 1 and result["job_id"] == job_id
    assert [f["path"] for f in result["files"]] == ["app/calc.py", "app/gui.py"]


def test_result_before_completion_is_a_conflict(stack: Stack) -> None:
    job_id = seed_job("user-1", status="running")
    response = call_api(api_event("get_result", job_id=job_id))
    assert response.status == 409 and response.json()["error"]["code"] == "job_not_completed"


def test_history_is_newest_first_with_an_opaque_cursor(stack: Stack) -> None:
    created = [str(_create(headers={"Idempotency-Key": f"k{i}"})["job_id"]) for i in range(5)]
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(5):
        query = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = call_api(api_event("history", query=query)).json()
        seen += [item["job_id"] for item in page["items"]]
        cursor = page["cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(created))


def test_history_shows_only_own_jobs(stack: Stack) -> None:
    mine = str(_create("alice")["job_id"])
    _create("bob")
    items = call_api(api_event("history", user="alice", query={})).json()["items"]
    assert [item["job_id"] for item in items] == [mine]


def test_delete_cascades_to_shares_objects_and_records(stack: Stack) -> None:
    from tests.functional.backend_support import seed_share, seed_team

    job_id = seed_job("user-1")
    seed_share(job_id, seed_team("t", {"user-2": False}), view=True, download=True)
    response = call_api(api_event("delete_job", job_id=job_id))
    assert response.status == 204
    assert stack.s3.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0
    assert api_wiring.backend().shares.shares_of(job_id) == []
    assert call_api(api_event("get_job", job_id=job_id)).status == 404


def test_stats_count_jobs_by_status_and_admin_sees_all(stack: Stack) -> None:
    seed_job("user-1")
    seed_job("user-1", status="running")
    seed_job("user-2")
    mine = call_api(api_event("stats")).json()
    assert mine["scope"] == "own" and mine["total"] == 2
    assert mine["jobs"]["completed"] == 1 and mine["jobs"]["running"] == 1
    everyone = call_api(api_event("stats", user="root", role="Admin")).json()
    assert everyone["scope"] == "all" and everyone["total"] == 3
    assert set(everyone["cache"]) == {"available", "hits", "misses", "corrupt", "hit_rate"}


def test_me_lists_role_and_teams(stack: Stack) -> None:
    from tests.functional.backend_support import seed_team

    team = seed_team("t", {"user-1": True})
    body = call_api(api_event("me", role="TeamLead")).json()
    assert body == {
        "user_id": "user-1",
        "role": "TeamLead",
        "email": "user-1@example.com",
        "teams": [{"team_id": team, "lead": True}],
    }


def test_a_failing_backing_service_is_503_without_details(stack: Stack) -> None:
    stack.dynamodb.delete_table(TableName=api_wiring.backend().jobs.table.name)  # type: ignore[attr-defined]
    response = call_api(api_event("get_job", job_id="ab" * 16))
    assert response.status == 503 and response.json()["error"]["code"] == "service_unavailable"
    assert "ResourceNotFound" not in response.body and "dynamodb" not in response.body.lower()


def test_responses_carry_cors_headers_for_browsers(stack: Stack) -> None:
    response = call_api(api_event("me", headers={"Origin": "https://app.example.com"}))
    assert response.headers["access-control-allow-origin"] == "*"
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


def test_a_retry_after_a_half_done_create_uses_the_id_the_key_names(stack: Stack) -> None:
    # Given a key that was claimed for a job whose record was never written (a crash in between)
    from purelift.services.jobs import request_fingerprint

    claimed = "c" * 32
    fingerprint = request_fingerprint("presigned", "app")
    api_wiring.backend().jobs.claim_idempotency_key("user-1", "retry-1", fingerprint, claimed)
    # When the client retries with the same key and body
    response = call_api(api_event("create_job", body={"name": "app"}, headers={"Idempotency-Key": "retry-1"}))
    # Then the job is created under the claimed id, once
    assert response.status == 201 and response.json()["job_id"] == claimed
    again = call_api(api_event("create_job", body={"name": "app"}, headers={"Idempotency-Key": "retry-1"}))
    assert again.json()["job_id"] == claimed
    assert len(call_api(api_event("history", query={})).json()["items"]) == 1
