"""Sharing and teams through the real API handler over moto."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.functional.backend_support import Stack, api_event, call_api, seed_job, seed_share, seed_team


def _admin(name: str, **kwargs: object) -> object:
    return call_api(api_event(name, user="admin-1", role="Admin", **kwargs))  # type: ignore[arg-type]


def test_admin_creates_teams_and_manages_members_and_leads(stack: Stack) -> None:
    created = call_api(api_event("create_team", user="admin-1", role="Admin"))
    assert created.status == 201, created.body
    team_id = created.json()["team_id"]
    added = call_api(
        api_event("add_member", user="admin-1", role="Admin", team_id=team_id, body={"user_id": "lead-1", "lead": True})
    )
    assert added.status == 201 and added.json() == {"team_id": team_id, "user_id": "lead-1", "lead": True}
    # a lead adds plain members, but not leads
    by_lead = call_api(api_event("add_member", user="lead-1", team_id=team_id, body={"user_id": "user-2"}))
    assert by_lead.status == 201
    lead_by_lead = call_api(
        api_event("add_member", user="lead-1", team_id=team_id, body={"user_id": "u3", "lead": True})
    )
    assert lead_by_lead.status == 403
    # teams: mine for a member, all for an Admin
    assert [t["team_id"] for t in call_api(api_event("list_teams", user="user-2")).json()["items"]] == [team_id]
    assert call_api(api_event("list_teams", user="stranger")).json()["items"] == []
    assert len(call_api(api_event("list_teams", user="admin-1", role="Admin")).json()["items"]) == 1
    # removal: by a lead (plain member), then gone
    removed = call_api(api_event("remove_member", user="lead-1", team_id=team_id))
    assert removed.status == 204
    again = call_api(api_event("remove_member", user="lead-1", team_id=team_id))
    assert again.status == 404 and again.json()["error"]["code"] == "member_not_found"


def test_only_admins_create_teams(stack: Stack) -> None:
    response = call_api(api_event("create_team", user="lead-1", role="TeamLead"))
    assert response.status == 403 and response.json()["error"]["code"] == "forbidden"


def test_share_reshare_and_shared_with_me(stack: Stack) -> None:
    # Given a TeamLead's job and a team with the lead and a member
    team_id = seed_team("platform", {"lead-1": True, "user-2": False})
    job_id = seed_job("lead-1", name="Inventory")
    share = {"team_id": team_id, "can_view": True, "can_download": False}
    # When the owner shares it (view only), then re-shares with download
    first = call_api(api_event("share", user="lead-1", role="TeamLead", job_id=job_id, body=share))
    assert first.status == 200, first.body
    assert (first.json()["can_view"], first.json()["can_download"]) == (True, False)
    assert call_api(api_event("download", user="user-2", job_id=job_id, query={"format": "zip"})).status == 403
    again = call_api(
        api_event("share", user="lead-1", role="TeamLead", job_id=job_id, body={**share, "can_download": True})
    )
    assert again.json()["can_download"] is True
    # Then the member sees it shared, can read it and download it; the share list has one entry
    shared = call_api(api_event("shared_with_me", user="user-2")).json()
    assert shared["total"] == 1
    (row,) = shared["items"]
    assert row["job"]["job_id"] == job_id and row["team_ids"] == [team_id]
    assert (row["can_view"], row["can_download"]) == (True, True)
    assert call_api(api_event("get_result", user="user-2", job_id=job_id)).status == 200
    assert call_api(api_event("download", user="user-2", job_id=job_id, query={"format": "zip"})).status == 307
    assert len(call_api(api_event("list_shares", user="lead-1", job_id=job_id)).json()["items"]) == 1
    # And after unsharing, the job is unknown to the member again
    assert call_api(api_event("unshare", user="lead-1", role="TeamLead", job_id=job_id, team_id=team_id)).status == 204
    assert call_api(api_event("get_job", user="user-2", job_id=job_id)).status == 404
    assert call_api(api_event("shared_with_me", user="user-2")).json()["total"] == 0


def test_expired_shares_are_not_listed_nor_honoured(stack: Stack) -> None:
    team_id = seed_team("t", {"user-2": False})
    live, expired = seed_job("lead-1", name="live"), seed_job("lead-1", name="expired")
    seed_share(live, team_id, view=True, download=False)
    seed_share(expired, team_id, view=True, download=True, expired=True)
    shared = call_api(api_event("shared_with_me", user="user-2")).json()
    assert [row["job"]["job_id"] for row in shared["items"]] == [live]
    assert call_api(api_event("get_job", user="user-2", job_id=expired)).status == 404


def test_shared_with_me_is_paginated(stack: Stack) -> None:
    team_id = seed_team("t", {"user-2": False})
    jobs = [seed_job("lead-1", name=f"j{i}") for i in range(5)]
    for job_id in jobs:
        seed_share(job_id, team_id, view=True, download=False)
    first = call_api(api_event("shared_with_me", user="user-2", query={"limit": "2", "offset": "0"})).json()
    rest = call_api(api_event("shared_with_me", user="user-2", query={"limit": "10", "offset": "2"})).json()
    assert first["total"] == rest["total"] == 5
    ids = [row["job"]["job_id"] for row in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(jobs) and len(first["items"]) == 2


def test_a_team_lead_cannot_share_with_a_team_they_are_not_in(stack: Stack) -> None:
    team_id = seed_team("other", {"someone": False})
    job_id = seed_job("lead-1")
    body = {"team_id": team_id, "can_view": True}
    response = call_api(api_event("share", user="lead-1", role="TeamLead", job_id=job_id, body=body))
    assert response.status == 403


def test_sharing_with_an_unknown_team_or_a_past_expiry(stack: Stack) -> None:
    job_id = seed_job("admin-1")
    unknown = {"team_id": "ab" * 16, "can_view": True}
    response = call_api(api_event("share", user="admin-1", role="Admin", job_id=job_id, body=unknown))
    assert response.status == 404 and response.json()["error"]["code"] == "team_not_found"
    team_id = seed_team("t")
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    response = call_api(
        api_event("share", user="admin-1", role="Admin", job_id=job_id, body={"team_id": team_id, "expires_at": past})
    )
    assert response.status == 400
