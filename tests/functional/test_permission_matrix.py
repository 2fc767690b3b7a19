"""The permission matrix against the real API handler over moto: every role x relation to the job x share
state x job endpoint. No cell leaks a job: 404 `job_not_found` where it is invisible, 403 where it is visible
but not allowed, and the endpoint's own answer where it is allowed."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from purelift.domain.model import Role

from tests.functional.backend_support import Stack, api_event, call_api, seed_job, seed_share, seed_team

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
