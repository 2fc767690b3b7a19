"""The permission matrix of SPEC §7, enforced here and nowhere else.

| action        | allowed                                                                   |
|---------------|---------------------------------------------------------------------------|
| view          | owner, or a member of a team with an unexpired share `can_view`           |
| read_source   | owner, or a member of a team with an unexpired share `can_view`           |
| download      | owner, or a member of a team with an unexpired share `can_download`       |
| start         | owner                                                                     |
| delete        | owner, Admin                                                              |
| share         | owner whose role is TeamLead or Admin, member of the team (Admin: any)    |
| unshare       | owner, Admin, or a lead of that team                                      |
| list_shares   | owner, Admin                                                              |

Visibility comes first: a job is *visible* to its owner, to an Admin, and to members of a team holding an
unexpired share of it. An invisible job is reported as unknown (404, never revealing that it exists);
a visible job whose action is not allowed is 403. `view` also governs the status, the result, the
WebSocket subscription and every push to it (decided again at push time: access can end after subscribing).
`read_source` (the text of one analysed file, `GET /analysis/{id}/files/{path}`) is its own row: the same people
as `view` today, kept apart so that a later rule for the sources changes one line.

Team membership (`can_manage_members`): an Admin for any team, leads included; a lead of that team for its
plain members only (adding, promoting, demoting or removing a lead is the Admin's). Listing a team's members
(`can_list_members`): its members and leads, and Admin; to anyone else the team is unknown (404).

`rights` tells a caller who may view a job what else they may do with it (`GET /analysis/{id}`'s
`permissions`), from the same rules, so a page offers only what the API will then allow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from purelift.domain.errors import ForbiddenError, JobNotFoundError
from purelift.domain.model import Identity, Role, Share


class Action(StrEnum):
    VIEW = "view"
    READ_SOURCE = "read_source"
    DOWNLOAD = "download"
    START = "start"
    DELETE = "delete"
    SHARE = "share"
    UNSHARE = "unshare"
    LIST_SHARES = "list_shares"


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything a rule may look at, computed once per request."""

    is_owner: bool
    role: Role
    shared_with_caller: bool  # some unexpired share reaches one of the caller's teams
    view_grant: bool
    download_grant: bool
    member_of_target: bool  # the team named by a share/unshare request
    lead_of_target: bool


RULES: Mapping[Action, Callable[[Facts], bool]] = {
    Action.VIEW: lambda f: f.is_owner or f.view_grant,
    Action.READ_SOURCE: lambda f: f.is_owner or f.view_grant,
    Action.DOWNLOAD: lambda f: f.is_owner or f.download_grant,
    Action.START: lambda f: f.is_owner,
    Action.DELETE: lambda f: f.is_owner or f.role is Role.ADMIN,
    Action.SHARE: lambda f: (
        f.is_owner and f.role in (Role.TEAM_LEAD, Role.ADMIN) and (f.role is Role.ADMIN or f.member_of_target)
    ),
    Action.UNSHARE: lambda f: f.is_owner or f.role is Role.ADMIN or f.lead_of_target,
    Action.LIST_SHARES: lambda f: f.is_owner or f.role is Role.ADMIN,
}


def facts(
    caller: Identity,
    teams: Mapping[str, bool],
    owner_id: str,
    shares: Iterable[Share],
    now: datetime,
    target_team: str | None = None,
) -> Facts:
    """Reduce the caller, their team memberships (team id -> is lead) and the job's shares to `Facts`."""
    reaching = [s for s in shares if s.active(now) and s.team_id in teams]
    return Facts(
        is_owner=caller.user_id == owner_id,
        role=caller.role,
        shared_with_caller=bool(reaching),
        view_grant=any(s.can_view for s in reaching),
        download_grant=any(s.can_download for s in reaching),
        member_of_target=target_team is not None and target_team in teams,
        lead_of_target=target_team is not None and teams.get(target_team, False),
    )


def visible(f: Facts) -> bool:
    return f.is_owner or f.role is Role.ADMIN or f.shared_with_caller


def authorize(action: Action, f: Facts) -> None:
    """Raise `JobNotFoundError` (404) when the job is invisible, `ForbiddenError` (403) when not allowed."""
    if not visible(f):
        raise JobNotFoundError
    if not RULES[action](f):
        raise ForbiddenError


def can_view(f: Facts) -> bool:
    """`view` without the visibility check: whether a listing may show the job's status, counts and summary
    (`shared-with-me` lists a share without `can_view` by name, flags and expiry only), and whether a
    subscriber may still receive a job's pushes (`services.realtime.Audience`)."""
    return RULES[Action.VIEW](f)


@dataclass(frozen=True, slots=True)
class Rights:
    """The caller's rights on one job, as the rules above decide them. `can_share` is the share rule for a team
    the caller belongs to (which team is the request's choice): the owner whose role is TeamLead or Admin."""

    can_view: bool
    can_download: bool
    can_share: bool
    can_delete: bool


def rights(f: Facts) -> Rights:
    return Rights(
        can_view=RULES[Action.VIEW](f),
        can_download=RULES[Action.DOWNLOAD](f),
        can_share=RULES[Action.SHARE](replace(f, member_of_target=True)),
        can_delete=RULES[Action.DELETE](f),
    )


def can_list_members(caller: Identity, teams: Mapping[str, bool], team_id: str) -> bool:
    """A team's members and leads are seen by its members (leads included) and by an Admin; leading another
    team gives nothing here."""
    return caller.role is Role.ADMIN or team_id in teams


def can_manage_members(
    caller: Identity, teams: Mapping[str, bool], team_id: str, *, target_lead: bool, make_lead: bool | None = None
) -> bool:
    """Membership changes. An Admin manages any team, leads included. A lead of *that* team (leading another
    team gives nothing here) manages its plain members only: the target must not be a lead now
    (`target_lead`) nor become one (`make_lead`), so adding, promoting, demoting or removing a lead is the
    Admin's; otherwise a lead could demote a co-lead and then remove them."""
    if caller.role is Role.ADMIN:
        return True
    return teams.get(team_id, False) and not target_lead and not make_lead
