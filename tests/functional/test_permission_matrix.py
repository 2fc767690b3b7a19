"""The permission matrix against the real API handler over moto: every role x relation to the job x share
state x job endpoint. No cell leaks a job: 404 `job_not_found` where it is invisible, 403 where it is visible
but not allowed, and the endpoint's own answer where it is allowed. The WebSocket side through its real route
handlers: `subscribe` answers as REST view does, and a push reaches only those who may view the job now."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from purelift.domain import realtime
from purelift.domain.model import Role
from purelift.wiring import api as api_wiring
from purelift.wiring import pipeline as pipeline_wiring

from tests.functional.backend_support import (
    LambdaContext,
    Stack,
    api_event,
    call_api,
    load_function,
    seed_job,
    seed_share,
    seed_team,
)
from tests.functional.realtime_support import ManagementApi, ws_event

RELATIONS = ["owner", "lead", "member", "outsider"]
SHARES = ["none", "view", "download", "expired"]


def expected_access(endpoint: str, role: Role, relation: str, share: str) -> str:
    """SPEC §7 in words: 'ok', 'forbidden' or 'invisible'. The owner is a plain member of the team."""
    owner, admin = relation == "owner", role is Role.ADMIN
    live = share in ("view", "download") and relation in ("owner", "lead", "member")
    if not (owner or admin or live):
        return "invisible"
    allowed = {
        "status": owner or (live and share == "view"),
        "result": owner or (live and share == "view"),
        "file": owner or (live and share == "view"),
        "download": owner or (live and share == "download"),
        "start": owner,
        "delete": owner or admin,
        "share": owner and role in (Role.TEAM_LEAD, Role.ADMIN),
        "unshare": owner or admin or relation == "lead",
        "shares": owner or admin,
    }[endpoint]
    return "ok" if allowed else "forbidden"


# endpoint -> (event file, extra event arguments, status and error code when allowed)
Allowed = Callable[[str], tuple[int, str | None]]
ENDPOINTS: dict[str, tuple[str, dict[str, Any], Allowed]] = {
    "status": ("get_job", {}, lambda share: (200, None)),
    "result": ("get_result", {}, lambda share: (200, None)),
    "file": ("get_file", {}, lambda share: (200, None)),
    "download": ("download", {"query": {"format": "zip"}}, lambda share: (307, None)),
    "start": ("start_job", {}, lambda share: (409, "invalid_state")),  # the seeded job has completed
    "delete": ("delete_job", {}, lambda share: (204, None)),
    "share": ("share", {}, lambda share: (200, None)),
    "unshare": ("unshare", {}, lambda share: (404, "share_not_found") if share == "none" else (204, None)),
    "shares": ("list_shares", {}, lambda share: (200, None)),
}

CELLS = list(itertools.product(ENDPOINTS, list(Role), RELATIONS, SHARES))


@pytest.mark.parametrize(("endpoint", "role", "relation", "share"), CELLS, ids=lambda v: str(v))
def test_cell(module_stack: Stack, endpoint: str, role: Role, relation: str, share: str) -> None:
    # Given a completed job, a team, the caller's relation to both, and the team's share of the job
    caller = f"caller-{endpoint}-{role}-{relation}-{share}"
    owner = caller if relation == "owner" else f"owner-of-{caller}"
    membership = {"owner": {caller: False}, "lead": {caller: True}, "member": {caller: False}, "outsider": {}}
    team_id = seed_team("matrix", membership[relation])
    job_id = seed_job(owner)
    if share != "none":
        seed_share(job_id, team_id, view=share in ("view", "expired"), download=share in ("download", "expired"),
                   expired=share == "expired")  # fmt: skip
    event_name, extra, when_allowed = ENDPOINTS[endpoint]

    # When the caller calls the endpoint
    response = call_api(api_event(event_name, user=caller, role=role, job_id=job_id, team_id=team_id, **extra))

    # Then the answer is the matrix's
    access = expected_access(endpoint, role, relation, share)
    if access == "invisible":
        assert (response.status, response.json()["error"]["code"]) == (404, "job_not_found"), response.body
        assert job_id not in response.body
    elif access == "forbidden":
        assert (response.status, response.json()["error"]["code"]) == (403, "forbidden"), response.body
    else:
        status, code = when_allowed(share)
        assert response.status == status, response.body
        if code:
            assert response.json()["error"]["code"] == code


# --- team membership: who may add, promote, demote and remove whom (SPEC §7) ---
# The caller's relation to the team: its lead, a plain member, a lead of ANOTHER team only, a plain member here
# who leads another team, in no team at all. A rule that asks "is the caller a lead somewhere?" instead of "a lead
# of this team?" fails the two `*other_lead` rows; one that lets a lead touch a lead fails the co-lead rows.
TEAM_RELATIONS = ["lead", "member", "other_lead", "member_and_other_lead", "outsider"]
# action -> (target's membership before: None (not in the team) / False (plain) / True (lead), request)
MEMBER_ACTIONS: dict[str, tuple[bool | None, str, bool | None]] = {
    "add_plain": (None, "add", False),
    "readd_plain": (False, "add", False),
    "add_lead": (None, "add", True),
    "promote_member": (False, "add", True),
    "demote_co_lead": (True, "add", False),
    "readd_co_lead": (True, "add", True),
    "remove_plain": (False, "remove", None),
    "remove_co_lead": (True, "remove", None),
}


def expected_membership(role: Role, relation: str, action: str) -> str:
    """Admin manages any team, leads included; a lead of THIS team manages its plain members only: adding,
    promoting, demoting or removing a lead is the Admin's. Anyone else: 403."""
    before, _, lead = MEMBER_ACTIONS[action]
    if role is Role.ADMIN:
        return "ok"
    touches_a_lead = before is True or lead is True
    return "ok" if relation == "lead" and not touches_a_lead else "forbidden"


MEMBER_CELLS = list(itertools.product(MEMBER_ACTIONS, list(Role), TEAM_RELATIONS))


@pytest.mark.parametrize(("action", "role", "relation"), MEMBER_CELLS, ids=lambda v: str(v))
def test_membership_cell(module_stack: Stack, action: str, role: Role, relation: str) -> None:
    # Given a team with a plain member, a co-lead and (per relation) the caller; another team the caller may lead
    caller = f"caller-{action}-{role}-{relation}"
    target = f"target-{action}-{role}-{relation}"
    before, verb, lead = MEMBER_ACTIONS[action]
    members: dict[str, bool] = {"plain-here": False, "co-lead-here": True}
    if before is not None:
        members[target] = before
    if relation in ("lead", "member", "member_and_other_lead"):
        members[caller] = relation == "lead"
    team_id = seed_team("managed", members)
    if relation in ("other_lead", "member_and_other_lead"):
        seed_team("elsewhere", {caller: True})

    # When the caller adds (or re-adds with a `lead` flag) or removes the target
    if verb == "add":
        event = api_event("add_member", user=caller, role=role, team_id=team_id, body={"user_id": target, "lead": lead})
    else:
        event = api_event("remove_member", user=caller, role=role, team_id=team_id)
        event = json.loads(json.dumps(event).replace("members/user-2", f"members/{target}"))
        event["pathParameters"] = {"proxy": event["pathParameters"]["proxy"]}
    response = call_api(event)

    # Then the answer is the matrix's, and a refused change left the membership as it was
    after = api_wiring.backend().teams.teams_of(target).get(team_id)
    if expected_membership(role, relation, action) == "ok":
        assert response.status == (201 if verb == "add" else 204), response.body
        assert after == (lead if verb == "add" else None)
    else:
        assert (response.status, response.json()["error"]["code"]) == (403, "forbidden"), response.body
        assert after == before


# --- shared-with-me: which fields of a shared job a caller sees, per share flags (SPEC §7) ---
# share -> (can_view, can_download, expired); None: no share
LISTED_SHARES: dict[str, tuple[bool, bool, bool] | None] = {
    "none": None,
    "view": (True, False, False),
    "download": (False, True, False),
    "neither": (False, False, False),
    "both": (True, True, False),
    "expired_view": (True, True, True),
}
JOB_DETAILS = {"status", "progress", "files_done", "files_total", "summary", "error", "updated_at", "created_at"}


def expected_listing(relation: str, share: str) -> str:
    """'absent', 'brief' (name, flags, expiry) or 'full'. Listed: an unexpired share reaching one of the caller's
    teams. Full: the caller may view the job (the share's `can_view`, or the owner's own job)."""
    flags = LISTED_SHARES[share]
    if flags is None or flags[2] or relation == "outsider":
        return "absent"
    return "full" if flags[0] or relation == "owner" else "brief"


LISTING_CELLS = list(itertools.product(LISTED_SHARES, list(Role), RELATIONS))


@pytest.mark.parametrize(("share", "role", "relation"), LISTING_CELLS, ids=lambda v: str(v))
def test_shared_with_me_cell(module_stack: Stack, share: str, role: Role, relation: str) -> None:
    # Given a completed job (with a summary) and a team holding the share
    caller = f"lister-{share}-{role}-{relation}"
    owner = caller if relation == "owner" else f"owner-of-{caller}"
    membership = {"owner": {caller: False}, "lead": {caller: True}, "member": {caller: False}, "outsider": {}}
    team_id = seed_team("listing", membership[relation])
    job_id = seed_job(owner, name=f"job-{caller}")
    flags = LISTED_SHARES[share]
    if flags is not None:
        seed_share(job_id, team_id, view=flags[0], download=flags[1], expired=flags[2])

    # When the caller lists what is shared with them
    response = call_api(api_event("shared_with_me", user=caller, role=role, query={"limit": "100"}))

    # Then the job is absent, or listed with the share's flags and expiry, its details only when viewable
    assert response.status == 200, response.body
    rows = [row for row in response.json()["items"] if row["job"]["job_id"] == job_id]
    listing = expected_listing(relation, share)
    if listing == "absent":
        assert rows == [] and job_id not in response.body
        return
    (row,) = rows
    assert flags is not None
    assert (row["can_view"], row["can_download"], row["team_ids"]) == (flags[0], flags[1], [team_id])
    assert row["expires_at"] and row["job"]["name"] == f"job-{caller}"
    if listing == "full":
        assert row["job"]["status"] == "completed" and row["job"]["summary"]["files"] == 2
    else:
        assert set(row["job"]) == {"job_id", "name"}, row
        assert not JOB_DETAILS & set(row["job"])


# --- GET /analysis/{id}: the caller's `permissions` are the actions the matrix above allows them ---
RIGHTS = {"can_view": "status", "can_download": "download", "can_share": "share", "can_delete": "delete"}


@pytest.mark.parametrize(("role", "relation", "share"), list(itertools.product(list(Role), RELATIONS, SHARES)), ids=str)
def test_permissions_cell(module_stack: Stack, role: Role, relation: str, share: str) -> None:
    # Given a completed job, a team, the caller's relation to both, and the team's share of the job
    caller = f"rights-{role}-{relation}-{share}"
    owner = caller if relation == "owner" else f"owner-of-{caller}"
    membership = {"owner": {caller: False}, "lead": {caller: True}, "member": {caller: False}, "outsider": {}}
    team_id = seed_team("rights", membership[relation])
    job_id = seed_job(owner)
    if share != "none":
        seed_share(job_id, team_id, view=share in ("view", "expired"), download=share in ("download", "expired"),
                   expired=share == "expired")  # fmt: skip

    # When the caller reads the job's status
    response = call_api(api_event("get_job", user=caller, role=role, job_id=job_id))

    # Then, where the status may be read, `permissions` holds exactly what the matrix lets the caller do
    if expected_access("status", role, relation, share) != "ok":
        assert response.status in (403, 404) and "permissions" not in response.body
        return
    assert response.status == 200, response.body
    expected = {right: expected_access(endpoint, role, relation, share) == "ok" for right, endpoint in RIGHTS.items()}
    assert response.json()["permissions"] == expected


# --- GET /teams/{id}/members: members of that team and Admin; anyone else 404 (the team stays unknown) ---
@pytest.mark.parametrize(("role", "relation"), list(itertools.product(list(Role), TEAM_RELATIONS)), ids=str)
def test_list_members_cell(module_stack: Stack, role: Role, relation: str) -> None:
    # Given a team with a plain member, a lead and (per relation) the caller; another team the caller may lead
    caller = f"lister-{role}-{relation}"
    members: dict[str, bool] = {"plain-here": False, "lead-here": True}
    if relation in ("lead", "member", "member_and_other_lead"):
        members[caller] = relation == "lead"
    team_id = seed_team("listed", members)
    if relation in ("other_lead", "member_and_other_lead"):
        seed_team("elsewhere", {caller: True, "stranger": False})

    # When the caller lists the team's members
    response = call_api(api_event("list_members", user=caller, role=role, team_id=team_id))

    # Then members and Admins see every member with the lead flag; anyone else learns nothing
    if role is Role.ADMIN or relation in ("lead", "member", "member_and_other_lead"):
        assert response.status == 200, response.body
        listed = {(m["user_id"], m["lead"]) for m in response.json()["items"]}
        assert listed == set(members.items())
        assert {m["team_id"] for m in response.json()["items"]} == {team_id}
    else:
        assert (response.status, response.json()["error"]["code"]) == (404, "team_not_found"), response.body
        assert "plain-here" not in response.body


# --- WebSocket: `subscribe` answers as REST `view` does, and a push reaches only those who may view NOW ---
@pytest.fixture(scope="module")
def ws_gateway(module_stack: Stack) -> Iterator[ManagementApi]:
    """The loopback Management API the WebSocket routes and the notifier post to, for the whole module."""
    with pytest.MonkeyPatch.context() as mp, ManagementApi() as gateway:
        mp.setenv("WEBSOCKET_ENDPOINT", gateway.endpoint)
        pipeline_wiring.reset()
        yield gateway
    pipeline_wiring.reset()


def ws_route(function: str, event: dict[str, Any]) -> int:
    status: int = load_function(function).handler(event, LambdaContext())["statusCode"]
    return status


def seed_cell(caller: str, relation: str, share: str) -> str:
    """A running job, a team holding the caller per `relation`, and the team's share of the job per `share`."""
    owner = caller if relation == "owner" else f"owner-of-{caller}"
    membership = {"owner": {caller: False}, "lead": {caller: True}, "member": {caller: False}, "outsider": {}}
    team_id = seed_team("ws", membership[relation])
    job_id = seed_job(owner, status="running")
    if share != "none":
        seed_share(job_id, team_id, view=share in ("view", "expired"), download=share in ("download", "expired"),
                   expired=share == "expired")  # fmt: skip
    return job_id


def ws_connect(gateway: ManagementApi, connection_id: str, user: str, role: Role) -> None:
    event = ws_event("ws_connect/connect", connection_id=connection_id, user=user, role=role)
    assert ws_route("ws_connect", event) == 200
    gateway.open(connection_id)


WS_CELLS = list(itertools.product(list(Role), RELATIONS, SHARES))
WS_ERRORS = {"forbidden": (403, "You are not allowed to do this."), "invisible": (404, "No such analysis job.")}


@pytest.mark.parametrize(("role", "relation", "share"), WS_CELLS, ids=str)
def test_subscribe_cell(ws_gateway: ManagementApi, role: Role, relation: str, share: str) -> None:
    # Given a running job, the caller's relation to it and the team's share, and the caller connected
    caller = f"subscriber-{role}-{relation}-{share}"
    job_id = seed_cell(caller, relation, share)
    conn = f"conn-{caller}"
    ws_connect(ws_gateway, conn, caller, role)

    # When the caller subscribes to the job
    event = ws_event("ws_subscribe/subscribe", connection_id=conn, user=caller, role=role, job_id=job_id)
    status = ws_route("ws_subscribe", event)

    # Then the answer is REST view's: `connected` (and a subscription), or its 403 / 404 as an error message
    rest = call_api(api_event("get_job", user=caller, role=role, job_id=job_id)).status
    access = expected_access("status", role, relation, share)
    assert status == rest
    subscribed = [s.connection_id for s in pipeline_wiring.notifier().connections.subscribers(job_id)]
    if access == "ok":
        assert status == 200
        assert ws_gateway.messages(conn) == [
            {"type": "connected", "job_id": job_id, "status": "running", "progress": 0}
        ]
        assert subscribed == [conn]
    else:
        code, message = WS_ERRORS[access]
        assert status == code
        assert ws_gateway.messages(conn) == [{"type": "error", "job_id": job_id, "error": message}]
        assert subscribed == []


@pytest.mark.parametrize(("role", "relation", "share"), WS_CELLS, ids=str)
def test_push_cell(ws_gateway: ManagementApi, role: Role, relation: str, share: str) -> None:
    # Given the caller and the owner both subscribed to a running job (the caller as when it had access: a share
    # can expire, be deleted or lose `can_view` after `subscribe`), and the access the matrix gives the caller now
    caller = f"pushed-{role}-{relation}-{share}"
    job_id = seed_cell(caller, relation, share)
    owner = caller if relation == "owner" else f"owner-of-{caller}"
    conn, owner_conn = f"conn-{caller}", f"conn-owner-of-{caller}"
    ws_connect(ws_gateway, conn, caller, role)
    connections = pipeline_wiring.notifier().connections
    connections.subscribe(conn, job_id, caller, str(role))
    if owner != caller:
        ws_connect(ws_gateway, owner_conn, owner, Role.USER)
        connections.subscribe(owner_conn, job_id, owner, str(Role.USER))

    # When the pipeline pushes progress, then completion with the summary
    notify = pipeline_wiring.notifier().notify
    notify(job_id, realtime.progress(job_id, 50, 1, 2))
    notify(job_id, realtime.completed(job_id, {"files": 2}))

    # Then the caller gets both only if it may view the job now (else nothing, and its subscription is gone);
    # the owner always gets both
    pushed = [m["type"] for m in ws_gateway.messages(conn)]
    still = {s.connection_id for s in connections.subscribers(job_id)}
    if expected_access("status", role, relation, share) == "ok":
        assert pushed == ["progress", "completed"] and conn in still
    else:
        assert pushed == [] and conn not in still
    if owner != caller:
        assert [m["type"] for m in ws_gateway.messages(owner_conn)] == ["progress", "completed"]
        assert owner_conn in still
