"""The permission matrix (SPEC §7), exhaustively: every role x relation to the job x share state x action.

The expected table is written here from the SPEC's words, independently of `purelift.domain.permissions`.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from purelift.domain.errors import ForbiddenError, JobNotFoundError
from purelift.domain.model import Identity, Role, Share
from purelift.domain.permissions import RULES, Action, authorize, can_manage_members, facts

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
TEAM = "t1"
ROLES = list(Role)
# owner: owns the job and is a (plain) member of the team; lead/member: of that team; outsider: neither.
RELATIONS = ["owner", "lead", "member", "outsider"]
SHARES = ["none", "view", "download", "expired"]


def expected(action: Action, role: Role, relation: str, share: str) -> str:
    """'ok', 'forbidden' (403) or 'invisible' (404), straight from SPEC §3/§7."""
    owner = relation == "owner"
    in_team = relation in ("owner", "lead", "member")
    live = share in ("view", "download") and in_team
    if not (owner or role is Role.ADMIN or live):
        return "invisible"
    allowed = {
        Action.VIEW: owner or (live and share == "view"),
        Action.READ_SOURCE: owner or (live and share == "view"),  # SPEC §3: "owner / can_view"
        Action.DOWNLOAD: owner or (live and share == "download"),
        Action.START: owner,
        Action.DELETE: owner or role is Role.ADMIN,
        Action.SHARE: owner and role in (Role.TEAM_LEAD, Role.ADMIN),  # the owner is a member of the team
        Action.UNSHARE: owner or role is Role.ADMIN or relation == "lead",
        Action.LIST_SHARES: owner or role is Role.ADMIN,
    }[action]
    return "ok" if allowed else "forbidden"


def situation(role: Role, relation: str, share: str) -> tuple[Identity, dict[str, bool], list[Share]]:
    caller = Identity("caller", role)
    teams = {"owner": {TEAM: False}, "lead": {TEAM: True}, "member": {TEAM: False}, "outsider": {"other": True}}
    shares = {
        "none": [],
        "view": [Share("j", TEAM, True, False, "owner", "x")],
        "download": [Share("j", TEAM, False, True, "owner", "x", (NOW + timedelta(hours=1)).isoformat())],
        "expired": [Share("j", TEAM, True, True, "owner", "x", (NOW - timedelta(seconds=1)).isoformat())],
    }[share]
    return caller, teams[relation], shares


CELLS = list(itertools.product(Action, ROLES, RELATIONS, SHARES))


@pytest.mark.parametrize(("action", "role", "relation", "share"), CELLS, ids=lambda v: str(v))
def test_matrix_cell(action: Action, role: Role, relation: str, share: str) -> None:
    caller, teams, shares = situation(role, relation, share)
    owner_id = "caller" if relation == "owner" else "someone-else"
    decision = facts(caller, teams, owner_id, shares, NOW, target_team=TEAM)
    want = expected(action, role, relation, share)
    if want == "invisible":
        with pytest.raises(JobNotFoundError):
            authorize(action, decision)
    elif want == "forbidden":
        with pytest.raises(ForbiddenError):
            authorize(action, decision)
    else:
        authorize(action, decision)


def test_every_action_has_a_rule() -> None:
    assert set(RULES) == set(Action)


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.USER])
def test_an_owner_outside_the_team_cannot_share_with_it_unless_admin(role: Role) -> None:
    decision = facts(Identity("o", role), {}, "o", [], NOW, target_team=TEAM)
    with pytest.raises(ForbiddenError):
        authorize(Action.SHARE, decision)
    authorize(Action.SHARE, facts(Identity("o", Role.ADMIN), {}, "o", [], NOW, target_team=TEAM))


def test_a_share_without_expiry_never_expires() -> None:
    share = Share("j", TEAM, True, False, "o", "x", None)
    decision = facts(Identity("c", Role.USER), {TEAM: False}, "o", [share], NOW + timedelta(days=3650))
    authorize(Action.VIEW, decision)


@pytest.mark.parametrize(
    ("role", "teams", "target_lead", "make_lead", "allowed"),
    [
        (Role.ADMIN, {}, False, True, True),
        (Role.ADMIN, {}, True, False, True),  # an Admin demotes
        (Role.ADMIN, {}, True, None, True),  # and removes leads
        (Role.TEAM_LEAD, {TEAM: True}, False, False, True),
        (Role.TEAM_LEAD, {TEAM: True}, False, None, True),
        (Role.TEAM_LEAD, {TEAM: True}, False, True, False),  # only an Admin sets leads
        (Role.TEAM_LEAD, {TEAM: True}, True, False, False),  # nor demotes a co-lead
        (Role.TEAM_LEAD, {TEAM: True}, True, None, False),  # nor removes one
        (Role.USER, {TEAM: True}, False, False, True),  # a lead of the team, whatever the role
        (Role.TEAM_LEAD, {TEAM: False}, False, False, False),  # a plain member
        (Role.TEAM_LEAD, {TEAM: False, "other": True}, False, False, False),  # leading another team gives nothing
        (Role.TEAM_LEAD, {}, False, False, False),
    ],
)
def test_membership_management(
    role: Role, teams: dict[str, bool], target_lead: bool, make_lead: bool | None, allowed: bool
) -> None:
    assert can_manage_members(Identity("c", role), teams, TEAM, target_lead=target_lead, make_lead=make_lead) is allowed
