"""The WebSocket side (SPEC §4): the route handlers fed the `events/ws_*` samples, the authorizer on `$connect`,
and every push going over a REAL loopback HTTP server that stands in for the API Gateway Management API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from purelift.domain import realtime
from purelift.domain.model import Role
from purelift.domain.storage_keys import upload_key
from purelift.wiring import api as api_wiring
from purelift.wiring import pipeline as pipeline_wiring

from tests.functional.backend_support import (
    BUCKET,
    TABLE,
    LambdaContext,
    api_event,
    call_api,
    load_event,
    load_function,
    seed_job,
    seed_share,
    seed_team,
    token,
)
from tests.functional.realtime_support import PipelineStack, wait_for_execution, ws_event, zip_folder

SUMMARY_KEYS = {"files", "parsed", "failed", "loc", "sloc", "ui_files", "logic_files", "mixed_files"}


def route(function: str, event: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = load_function(function).handler(event, LambdaContext())
    return answer


def connect(ps: PipelineStack, connection_id: str, user: str = "user-1", role: Role = Role.USER) -> None:
    """A client connects (the authorizer has passed) and its socket is open on the gateway."""
    assert route("ws_connect", ws_event("ws_connect/connect", connection_id=connection_id, user=user, role=role)) == {
        "statusCode": 200
    }
    ps.api.open(connection_id)


def subscribe(connection_id: str, job_id: str, user: str = "user-1", role: Role = Role.USER) -> int:
    event = ws_event("ws_subscribe/subscribe", connection_id=connection_id, user=user, role=role, job_id=job_id)
    status: int = route("ws_subscribe", event)["statusCode"]
    return status


def item(pk: str, sk: str) -> dict[str, Any] | None:
    client = api_wiring.backend().jobs.table.client  # type: ignore[attr-defined]
    found: dict[str, Any] | None = client.get_item(TableName=TABLE, Key={"PK": {"S": pk}, "SK": {"S": sk}}).get("Item")
    return found


def create_job(name: str = "tkcalc", user: str = "user-1") -> str:
    created = call_api(api_event("create_job", user=user, body={"name": name}))
    assert created.status == 201
    job_id: str = created.json()["job_id"]
    return job_id


def start_job(ps: PipelineStack, job_id: str, archive: bytes) -> None:
    ps.stack.s3.put_object(Bucket=BUCKET, Key=upload_key(job_id), Body=archive)
    assert call_api(api_event("start_job", job_id=job_id)).status == 202


def test_a_subscriber_sees_connected_then_increasing_progress_then_completed(
    pipeline_stack: PipelineStack, example_app: Any
) -> None:
    ps = pipeline_stack
    job_id = create_job()
    connect(ps, "conn-a")
    assert subscribe("conn-a", job_id) == 200

    start_job(ps, job_id, zip_folder(example_app))
    assert wait_for_execution(ps.stack, job_id)["status"] == "SUCCEEDED"

    messages = ps.api.messages("conn-a")
    assert messages[0] == {"type": "connected", "job_id": job_id, "status": "awaiting_upload", "progress": 0}
    assert messages[-1]["type"] == "completed"
    progress = messages[1:-1]
    assert progress and all(m["type"] == "progress" for m in progress)
    values = [m["progress"] for m in progress]
    assert values == sorted(set(values)), values  # strictly increasing
    assert values[0] == realtime.PREPARED_PROGRESS and values[-1] == realtime.ANALYSED_PROGRESS
    for message in progress:
        assert set(message) == {"type", "job_id", "progress", "status", "message", "files_done", "files_total"}
        assert message["job_id"] == job_id and message["status"] == "running" and message["files_total"] == 10
    assert progress[-1]["message"] == "Analysed 10/10 files" and progress[-1]["files_done"] == 10
    job = call_api(api_event("get_job", job_id=job_id)).json()
    assert messages[-1] == {"type": "completed", "job_id": job_id, "summary": job["summary"]}
    assert set(messages[-1]["summary"]) >= SUMMARY_KEYS


def test_a_failed_job_pushes_error_with_the_readable_message(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id = create_job("broken")
    connect(ps, "conn-a")
    subscribe("conn-a", job_id)

    start_job(ps, job_id, b"PK\x03\x04 this is not really a zip archive")
    wait_for_execution(ps.stack, job_id)

    last = ps.api.messages("conn-a")[-1]
    job = call_api(api_event("get_job", job_id=job_id)).json()
    assert job["status"] == "failed"
    assert last == {"type": "error", "job_id": job_id, "error": job["error"]}


def test_fan_out_reaches_hundreds_and_deletes_exactly_the_gone_connection(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id = seed_job("user-1", status="running")
    connections = [f"conn-{i:03d}" for i in range(300)]
    for conn in connections:
        connect(ps, conn)
        subscribe(conn, job_id)
    gone = "conn-150"
    ps.api.close(gone)  # the client vanished without a $disconnect

    report = pipeline_wiring.notifier().notify(job_id, realtime.progress(job_id, 50, 1, 2))

    assert list(report.gone) == [gone] and report.delivered == 299 and report.failed == 0
    assert ps.api.gone_posts == [gone]
    assert item("CONN#conn-150", "META") is None and item(f"JOB#{job_id}", "CONN#conn-150") is None
    assert item("CONN#conn-149", "META") is not None and item(f"JOB#{job_id}", "CONN#conn-151") is not None
    assert all(ps.api.messages(c)[-1]["progress"] == 50 for c in connections if c != gone)
    assert len(pipeline_wiring.notifier().connections.subscribers(job_id)) == 299


def test_a_push_failure_never_fails_the_caller(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id = seed_job("user-1", status="running")
    connect(ps, "conn-a")
    subscribe("conn-a", job_id)
    ps.configure(WEBSOCKET_ENDPOINT="http://127.0.0.1:9/prod")  # nothing listens there

    report = pipeline_wiring.notifier().notify(job_id, realtime.progress(job_id, 50, 1, 2))

    assert report.failed == 1 and not report.gone
    assert item("CONN#conn-a", "META") is not None  # a failure is not Gone: the connection stays


def test_a_subscriber_without_access_is_refused(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id = seed_job("user-1", status="running")
    connect(ps, "conn-x", user="user-2")

    assert subscribe("conn-x", job_id, user="user-2") == 404

    assert ps.api.messages("conn-x") == [{"type": "error", "job_id": job_id, "error": "No such analysis job."}]
    assert item(f"JOB#{job_id}", "CONN#conn-x") is None
    pipeline_wiring.notifier().notify(job_id, realtime.progress(job_id, 50, 1, 2))
    assert len(ps.api.messages("conn-x")) == 1


def test_shares_decide_subscriptions_like_the_rest_api(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id = seed_job("user-1", status="running")
    viewers = seed_team("viewers", {"user-2": False})
    downloaders = seed_team("downloaders", {"user-3": False})
    seed_share(job_id, viewers, view=True, download=False)
    seed_share(job_id, downloaders, view=False, download=True)
    connect(ps, "conn-2", user="user-2")
    connect(ps, "conn-3", user="user-3")

    assert subscribe("conn-2", job_id, user="user-2") == 200
    assert subscribe("conn-3", job_id, user="user-3") == 403

    assert ps.api.messages("conn-2")[0]["type"] == "connected"
    assert ps.api.messages("conn-3") == [
        {"type": "error", "job_id": job_id, "error": "You are not allowed to do this."}
    ]


@pytest.mark.parametrize("status", ["completed", "failed"])
def test_a_finished_job_answers_at_once(pipeline_stack: PipelineStack, status: str) -> None:
    ps = pipeline_stack
    job_id = seed_job("user-1", status="completed" if status == "completed" else "running")
    if status == "failed":
        from purelift.adapters.dynamodb.jobs import DynamoJobs
        from purelift.adapters.dynamodb.table import Table

        assert DynamoJobs(Table(TABLE)).fail(job_id, "The archive holds no Python file.") is not None
    connect(ps, "conn-a")

    assert subscribe("conn-a", job_id) == 200

    messages = ps.api.messages("conn-a")
    job = call_api(api_event("get_job", job_id=job_id)).json()
    assert messages[0] == {"type": "connected", "job_id": job_id, "status": status, "progress": job["progress"]}
    if status == "completed":
        assert messages[1:] == [{"type": "completed", "job_id": job_id, "summary": job["summary"]}]
    else:
        assert messages[1:] == [{"type": "error", "job_id": job_id, "error": "The archive holds no Python file."}]
    assert item(f"JOB#{job_id}", "CONN#conn-a") is None  # nothing more will come: no subscription kept


def test_ping_unsubscribe_and_disconnect(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id = seed_job("user-1", status="running")
    connect(ps, "conn-a")
    subscribe("conn-a", job_id)

    assert route("ws_ping", ws_event("ws_ping/ping", connection_id="conn-a")) == {"statusCode": 200}
    assert ps.api.messages("conn-a")[-1] == {"type": "pong"}

    route("ws_unsubscribe", ws_event("ws_unsubscribe/unsubscribe", connection_id="conn-a", job_id=job_id))
    assert item(f"JOB#{job_id}", "CONN#conn-a") is None
    subscribe("conn-a", job_id)
    assert item(f"JOB#{job_id}", "CONN#conn-a") is not None

    route("ws_disconnect", ws_event("ws_disconnect/disconnect", connection_id="conn-a"))
    assert item("CONN#conn-a", "META") is None and item(f"JOB#{job_id}", "CONN#conn-a") is None


def test_messages_that_are_not_json_objects_get_an_error(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    connect(ps, "conn-a")
    event = ws_event("ws_subscribe/subscribe", connection_id="conn-a")
    event["body"] = "not json"

    assert route("ws_subscribe", event)["statusCode"] == 400
    assert ps.api.messages("conn-a") == [{"type": "error", "job_id": None, "error": "`job_id` is required."}]


def test_connect_without_an_authorizer_identity_is_refused(pipeline_stack: PipelineStack) -> None:
    assert route("ws_connect", ws_event("ws_connect/connect", connection_id="conn-z", user=None)) == {"statusCode": 401}
    assert item("CONN#conn-z", "META") is None


def test_connect_goes_through_the_authorizer(pipeline_stack: PipelineStack, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad token is refused at `$connect` (API Gateway answers 401 and never calls the connect route); a good
    one is allowed, and the identity the authorizer returns is what the connect route records."""
    from purelift.settings import DEV_JWT_SECRET

    monkeypatch.setenv("LOCAL_JWT_SECRET", DEV_JWT_SECRET)
    authorizer = load_function("authorizer")
    authorizer.verifier.cache_clear()
    event = load_event("authorizer/websocket_connect.json")
    try:
        for bad in ("not-a-token", token("user-1", Role.USER, ttl=-3600), ""):
            event["queryStringParameters"]["token"] = bad
            with pytest.raises(Exception, match=r"^Unauthorized$"):
                authorizer.handler(event, LambdaContext())

        event["queryStringParameters"]["token"] = token("user-7", Role.TEAM_LEAD)
        policy = authorizer.handler(event, LambdaContext())
    finally:
        authorizer.verifier.cache_clear()
    assert policy["policyDocument"]["Statement"][0]["Effect"] == "Allow"
    connect_event = ws_event("ws_connect/connect", connection_id="conn-7", user=None)
    connect_event["requestContext"]["authorizer"] = {"principalId": policy["principalId"], **policy["context"]}
    assert route("ws_connect", connect_event) == {"statusCode": 200}
    stored = item("CONN#conn-7", "META")
    assert stored is not None and stored["user_id"] == {"S": "user-7"} and stored["role"] == {"S": "TeamLead"}
    assert int(stored["ttl"]["N"]) > 0


def test_event_samples_are_the_routes_they_claim() -> None:
    for folder, route_key in {
        "ws_connect": "$connect",
        "ws_disconnect": "$disconnect",
        "ws_subscribe": "subscribe",
        "ws_unsubscribe": "unsubscribe",
        "ws_ping": "ping",
    }.items():
        (name,) = [p.stem for p in (load_event.__globals__["EVENTS"] / folder).glob("*.json")]
        event = load_event(f"{folder}/{name}.json")
        assert event["requestContext"]["routeKey"] == route_key
        if event["requestContext"]["eventType"] == "MESSAGE":
            assert json.loads(event["body"])["action"] == route_key


# --- access is checked at push time: a subscription never outlives the right to view the job (SPEC §4, §7) ---
def _revoke(how: str, job_id: str, team_id: str) -> None:
    """End user-2's access to the job the way a user (or time) would."""
    if how == "unshare":
        assert call_api(api_event("unshare", user="user-1", job_id=job_id, team_id=team_id)).status == 204
    elif how == "reshare_without_view":  # the share stays, its `can_view` goes
        body = {"team_id": team_id, "can_view": False, "can_download": True}
        response = call_api(api_event("share", user="user-1", role=Role.ADMIN, job_id=job_id, body=body))
        assert response.status == 200, response.body
    elif how == "remove_member":
        response = call_api(api_event("remove_member", user="admin-1", role=Role.ADMIN, team_id=team_id))
        assert response.status == 204, response.body
    else:  # the share expires: no request, no event; only the clock moved
        seed_share(job_id, team_id, view=True, download=False, expired=True)


def _owner_and_member_follow(ps: PipelineStack) -> tuple[str, str]:
    """A running job of user-1 shared (view) with a team of user-2; both subscribed. Returns (job, team)."""
    job_id = seed_job("user-1", status="running")
    team_id = seed_team("viewers", {"user-2": False})
    seed_share(job_id, team_id, view=True, download=False)
    connect(ps, "conn-owner", user="user-1")
    connect(ps, "conn-member", user="user-2")
    assert subscribe("conn-owner", job_id, user="user-1") == 200
    assert subscribe("conn-member", job_id, user="user-2") == 200
    return job_id, team_id


@pytest.mark.parametrize("how", ["unshare", "reshare_without_view", "remove_member", "share_expired"])
def test_losing_access_ends_the_subscription(pipeline_stack: PipelineStack, how: str) -> None:
    # Given a running job its owner and a member of a team it is shared with both follow
    ps = pipeline_stack
    job_id, team_id = _owner_and_member_follow(ps)
    notify = pipeline_wiring.notifier().notify
    notify(job_id, realtime.progress(job_id, 20, 1, 4))
    assert [m["type"] for m in ps.api.messages("conn-member")] == ["connected", "progress"]

    # When the member loses access (REST already refuses: 404, or 403 while a share without `can_view` stays)
    _revoke(how, job_id, team_id)
    assert call_api(api_event("get_job", user="user-2", job_id=job_id)).status in (403, 404)
    if how != "share_expired":  # an event the service sees: the subscription is deleted at once
        assert item(f"JOB#{job_id}", "CONN#conn-member") is None
    summary = {"files": 4}
    notify(job_id, realtime.progress(job_id, 60, 3, 4))
    report = notify(job_id, realtime.completed(job_id, summary))

    # Then nothing more reaches the member, the owner still gets everything, and no subscription lingers
    assert [m["type"] for m in ps.api.messages("conn-member")] == ["connected", "progress"]
    assert [m["type"] for m in ps.api.messages("conn-owner")] == ["connected", "progress", "progress", "completed"]
    assert ps.api.messages("conn-owner")[-1]["summary"] == summary
    assert report.delivered == 1 and not report.gone
    assert item(f"JOB#{job_id}", "CONN#conn-member") is None
    assert item("CONN#conn-member", "META") is not None  # the connection itself stays: only this job is lost
    assert item(f"JOB#{job_id}", "CONN#conn-owner") is not None


def test_deleting_a_job_ends_every_subscription_to_it(pipeline_stack: PipelineStack) -> None:
    ps = pipeline_stack
    job_id, _ = _owner_and_member_follow(ps)

    assert call_api(api_event("delete_job", user="user-1", job_id=job_id)).status == 204

    assert item(f"JOB#{job_id}", "CONN#conn-owner") is None and item(f"JOB#{job_id}", "CONN#conn-member") is None
    assert pipeline_wiring.notifier().connections.subscribers(job_id) == []
    report = pipeline_wiring.notifier().notify(job_id, realtime.completed(job_id, {"files": 4}))
    assert report.delivered == 0
    assert [m["type"] for m in ps.api.messages("conn-owner")] == ["connected"]
    assert [m["type"] for m in ps.api.messages("conn-member")] == ["connected"]


def test_a_push_reads_each_user_once_however_many_connections(pipeline_stack: PipelineStack) -> None:
    """The push-time check costs O(users), not O(connections): the job and its shares once, each subscriber's
    teams once (the owner's never)."""
    ps = pipeline_stack
    job_id = seed_job("user-1", status="running")
    team_id = seed_team("viewers", {"user-2": False, "user-3": False})
    seed_share(job_id, team_id, view=True, download=False)
    for user in ("user-1", "user-2", "user-3"):
        for n in range(5):
            connect(ps, f"conn-{user}-{n}", user=user)
            assert subscribe(f"conn-{user}-{n}", job_id, user=user) == 200
    notifier = pipeline_wiring.notifier()
    teams_read: list[str] = []
    teams = notifier.audience.teams
    original = teams.teams_of

    def counted(user_id: str) -> Any:
        teams_read.append(user_id)
        return original(user_id)

    ps.monkeypatch.setattr(teams, "teams_of", counted)

    report = notifier.notify(job_id, realtime.progress(job_id, 50, 1, 2))

    assert report.delivered == 15
    assert sorted(teams_read) == ["user-2", "user-3"]
